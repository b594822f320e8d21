// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	/** STEPVISOR_SRC_ALLOW at build time, parsed (vite.config.ts; src/lib/embed/src-allow.js). */
	const __STEPVISOR_SRC_ALLOW__: string[] | null;
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

declare module '*.md' {
	import type { Component } from 'svelte';
	const component: Component;
	export default component;
	export const metadata: Record<string, unknown>;
}

export {};
