/**
 * Starts an embed's view (./EmbedView.svelte) on the server's HTML of it: the
 * part of an embed's script that ./embed-boot.ts loads when the embed is used,
 * with Svelte's runtime and the animation's code.
 */
import { hydrate } from 'svelte';
import EmbedView from './EmbedView.svelte';
import { findAnimation } from './registry';

export interface EmbedStart {
	/** Whether the page has told its host it is `ready` (with the served trace's length). */
	readyPosted: boolean;
	/** The host's commands that came before the view started, to be done in order. */
	heldMessages: MessageEvent[];
}

export async function startEmbed(root: HTMLElement, start: EmbedStart): Promise<void> {
	const props = JSON.parse(root.dataset.embed ?? '{}') as {
		id: string;
		title: string;
		lesson: string;
	};
	const animation = findAnimation(props.id);
	if (!animation) throw new Error(`no animation ${props.id}`);
	hydrate(EmbedView, {
		target: root,
		props: { ...props, ...start, id: animation.id, component: await animation.load() }
	});
}
