/**
 * Entrances for things a step adds to a picture, started straight on the
 * element with the Web Animations API.
 *
 * Svelte's `in:` transitions first create an empty animation and wait a frame
 * for it to finish, then build the real keyframes, and svelte/transition's own
 * functions read each element's computed style: on the two-stacks lesson that
 * was 2–3 ms of main thread per step, more than the motion itself. Nothing here
 * reads layout or style.
 */

/**
 * A Svelte action for one component: `use:enter={duration}` plays `keyframes`
 * on an element added after the component's first frame. What the page is
 * drawn with (prerendered, or when a lab opens) does not play, as with `in:`.
 * Call it while the component initialises.
 */
export function entrance(keyframes: Keyframe[], easing = 'linear') {
	let settled = false;
	$effect(() => {
		const id = requestAnimationFrame(() => (settled = true));
		return () => cancelAnimationFrame(id);
	});
	return (node: Element, duration: number) => {
		if (settled && duration > 0) node.animate(keyframes, { duration, easing });
	};
}

/**
 * An `out:` transition that fades to nothing without reading the element's
 * style (svelte/transition's fade does); with duration 0 it does nothing.
 */
export function fadeOut(_node: Element, { duration }: { duration: number }) {
	return duration > 0 ? { duration, css: (t: number) => `opacity: ${t}` } : { duration: 0 };
}
