/**
 * An embed on a phone keeps its pinned narration to a few lines, and a longer one
 * scrolls inside its box; touch screens show no scroll bar, so a learner did not
 * know there was more (half of a step's text, on some). While there is more below,
 * the box carries `more` and the style fades its last line.
 *
 * The narration's size is heard by a ResizeObserver, which runs after layout: a step
 * costs no forced layout here.
 */
export function watchNarrationOverflow(box: HTMLElement): () => void {
	const narration = box.querySelector<HTMLElement>(':scope > .narration');
	if (!narration) return () => {};
	// The end of the narration's text, not of the box or the narration: both are as tall
	// as the (hidden) room kept for the longest narration, which a short one does not fill.
	const update = () => {
		const last = narration.lastElementChild ?? narration;
		const hidden = last.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom;
		box.classList.toggle('more', hidden > 1);
	};
	// The narration's size does not change with its text (see above); its paragraphs' do.
	const sizes = new ResizeObserver(update);
	const paragraphs = new MutationObserver(() => {
		sizes.disconnect();
		sizes.observe(box);
		for (const line of narration.children) sizes.observe(line);
	});
	paragraphs.observe(narration, { childList: true });
	sizes.observe(box);
	for (const line of narration.children) sizes.observe(line);
	box.addEventListener('scroll', update, { passive: true });
	return () => {
		sizes.disconnect();
		paragraphs.disconnect();
		box.removeEventListener('scroll', update);
		box.classList.remove('more');
	};
}
