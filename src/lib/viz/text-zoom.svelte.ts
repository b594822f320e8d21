import { untrack } from 'svelte';

/**
 * How much larger than the default (16 px) the reader has made their text: the
 * browser's default font size, or text-only zoom (and an embed in full screen, which
 * raises the page's text size to fill the screen: $lib/embed/EmbedView.svelte). The pictures draw their labels in
 * px so that a layout can measure them; without this they stayed at their size while
 * the prose around them grew. Browser zoom needs none of it: it scales px too.
 *
 * A picture applies the factor as CSS `zoom` on its own box. Inside a zoomed box
 * `clientWidth` reports the width divided by the zoom, so a layout lays itself out
 * narrower and is drawn larger, with no change to the layout code.
 */

/** The root font size over 16 px, heard live by a ResizeObserver on a 1rem-wide probe. */
let textScale = $state(1);
let watching = false;

function watchTextSize() {
	if (watching || typeof document === 'undefined' || typeof ResizeObserver === 'undefined') return;
	watching = true;
	const probe = document.createElement('span');
	probe.setAttribute('aria-hidden', 'true');
	probe.style.cssText =
		'position:absolute;top:0;left:0;width:1rem;height:0;overflow:hidden;visibility:hidden;pointer-events:none';
	document.body.append(probe);
	new ResizeObserver(([entry]) => {
		const px = entry.contentRect.width;
		textScale = px > 0 ? px / 16 : 1;
	}).observe(probe);
}

/**
 * The zoom for a picture `outer` px wide whose layout needs at least `minWidth` px:
 * the text's scale, never below 1, and never so large that the layout would get less
 * than its minimum (it would be clipped). 1 unless the text is larger than default.
 */
export function pictureZoom(outer: number, minWidth: number): number {
	watchTextSize();
	const zoom = Math.min(textScale, outer / minWidth);
	// Two decimals: a layout's width is whole pixels, and a finer zoom only re-lays out.
	return zoom > 1.01 ? Math.floor(zoom * 100) / 100 : 1;
}

/**
 * A picture's zoom, kept in step with its box. `width()` is the box's bound
 * `clientWidth`, read so that a resize runs this again; since the zoom divides
 * it, the zoom is taken from the box's drawn width (`getBoundingClientRect`), which
 * the zoom does not change, or the two would chase each other.
 */
export function createPictureZoom(
	box: () => Element | undefined,
	width: () => number,
	minWidth: number
) {
	let zoom = $state(1);
	$effect(() => {
		width();
		const element = box();
		watchTextSize();
		// At the default size (nearly always) the box is not measured: no forced layout.
		if (!element || (textScale <= 1.01 && untrack(() => zoom) === 1)) return;
		const next = pictureZoom(element.getBoundingClientRect().width, minWidth);
		if (Math.abs(next - untrack(() => zoom)) > 0.01) zoom = next;
	});
	return {
		get value() {
			return zoom;
		}
	};
}
