import { tick, untrack } from 'svelte';

/**
 * Whether a lab's player reads its narration out (the Player's `live`). After
 * `hush`, the narration that the changes made now bring is shown but not read
 * out, and the player stays quiet until its step moves again, in the same update
 * as the narration that move brings. A live region reads any change: a lab's Open
 * or Reset changed the player's narration (and a comparison's that asks the lab's
 * processes), which screen readers read after, or over, the control's own status.
 * Here, not in the Player, so that pages without a lab load none of it. Call it
 * while the component initialises.
 */
export function hushable(step: () => number, narration: () => unknown) {
	let live = $state(true);
	// Plain, not state: read only by the effect below.
	let hushing = false;
	let heardStep = -1;
	$effect.pre(() => {
		const at = step();
		void narration();
		untrack(() => {
			if (hushing) live = false;
			else if (at !== heardStep) live = true;
			heardStep = at;
		});
	});
	return {
		get live() {
			return live;
		},
		/** The narration the changes made now bring is not read out. */
		hush() {
			hushing = true;
			// Until the update these changes bring has run.
			void tick().then(() => (hushing = false));
		}
	};
}
