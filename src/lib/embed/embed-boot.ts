/**
 * The whole of an embed page's own script. Embeds are prerendered and run no
 * SvelteKit router (`csr = false` in src/routes/embed/[animation]/+page.ts): the
 * router was a fifth of what an embed loaded, and an embed never navigates. This
 * loads the animation's component and hydrates the embed's view
 * (./EmbedView.svelte) from the props the page carries, then registers the
 * offline worker where the frame allows one.
 *
 * The build writes it to `_app/embed-boot.js` (vite.config.ts), a name the page
 * can link without knowing the build's hashes; in development the page runs the
 * router as every other page does, and this file is not used.
 */
import { hydrate } from 'svelte';
import EmbedView from './EmbedView.svelte';
import { findAnimation } from './registry';
import { registerServiceWorker } from '$lib/components/offline';

async function start(): Promise<void> {
	const root = document.querySelector<HTMLElement>('[data-embed]');
	if (!root) return;
	const props = JSON.parse(root.dataset.embed ?? '{}') as {
		id: string;
		title: string;
		lesson: string;
	};
	const animation = findAnimation(props.id);
	if (!animation) throw new Error(`no animation ${props.id}`);
	hydrate(EmbedView, {
		target: root,
		props: { ...props, id: animation.id, component: await animation.load() }
	});
	registerServiceWorker();
}

// A failure leaves the server's picture, and the page's script-failure notice
// (FrameProblem, from src/app.html's check) says why it does not step.
start().catch((error) => {
	document.documentElement.classList.add('sv-load-failed');
	console.error('Stepvisor: the embed did not start', error);
});
