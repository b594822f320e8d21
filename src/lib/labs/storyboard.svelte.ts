import { onMount } from 'svelte';
import { readParam } from '$lib/url';

/**
 * Whether the page asks for the storyboard view (`?view=storyboard`). Read once the
 * component mounts: prerendered pages cannot see the address, so the player is
 * what the server renders and the storyboard replaces it after hydration.
 */
export function storyboardView(): { readonly on: boolean } {
	let on = $state(false);
	onMount(() => {
		on = readParam('view') === 'storyboard';
	});
	return {
		get on() {
			return on;
		}
	};
}

/** A side's narration under its label, unless the narration already starts with it. */
export function withLabel(label: string | undefined, text: string): string {
	if (!label || text.startsWith(label)) return text;
	return `${label}: ${text}`;
}
