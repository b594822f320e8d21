/**
 * Starts an embed's view (./EmbedView.svelte) on the server's HTML of it: the
 * part of an embed's script that ./embed-boot.ts loads when the embed is used,
 * with Svelte's runtime and the animation's code.
 */
import { flushSync, hydrate, type Component } from 'svelte';
import EmbedView from './EmbedView.svelte';
import type { AnimationProps } from './registry';

export interface EmbedStart {
	/** Whether the page has told its host it is `ready` (with the served trace's length). */
	readyPosted: boolean;
	/** The host's commands that came before the view started, to be done in order. */
	heldMessages: MessageEvent[];
	/** The animation's component, loaded beside this module (./embed-boot.ts). */
	component: Component<AnimationProps>;
}

export function startEmbed(root: HTMLElement, start: EmbedStart): void {
	const props = JSON.parse(root.dataset.embed ?? '{}') as {
		id: string;
		title: string;
		lesson: string;
	};
	hydrate(EmbedView, { target: root, props: { ...props, ...start } });
	// Svelte runs a component's effects (`bind:this`, `onMount`) after `hydrate` returns,
	// and ./embed-boot.ts gives the view the learner's first click or key as soon as this
	// returns: run them now, so that the view is whole when it is used. Without it the
	// first click on Full screen found no element to put in full screen and did nothing.
	flushSync();
}
