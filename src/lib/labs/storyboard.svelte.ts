import { onMount } from 'svelte';
import { readParam } from '$lib/url';
import { sharedNarration } from '$lib/player/step';
import type StoryboardComponent from './Storyboard.svelte';

/**
 * Whether the page asks for the storyboard view (`?view=storyboard`). Read once the
 * component mounts: prerendered pages cannot see the address, so the player is
 * what the server renders and the storyboard replaces it after hydration.
 */
export function storyboardView(): {
	readonly on: boolean;
	/** The storyboard component, loaded only when the page asks for it. */
	readonly Board: typeof StoryboardComponent | null;
} {
	let on = $state(false);
	let Board: typeof StoryboardComponent | null = $state(null);
	onMount(() => {
		on = readParam('view') === 'storyboard';
		if (on) import('./Storyboard.svelte').then((module) => (Board = module.default));
	});
	return {
		get on() {
			return on;
		},
		get Board() {
			return Board;
		}
	};
}

/** A side's narration under its label, unless the narration already starts with it. */
export function withLabel(label: string | undefined, text: string): string {
	if (!label || text.startsWith(label)) return text;
	return `${label}: ${text}`;
}

/**
 * A step's lines under its picture, one per side, each under its side's label; said
 * once, as the player says it, when every side says the same.
 */
export function storyLines(sides: { label?: string; text: string }[]): string[] {
	return sharedNarration(sides).map((side) => withLabel(side.label, side.text));
}
