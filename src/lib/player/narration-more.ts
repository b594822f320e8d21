/**
 * A player whose narration is kept to a few lines (a lesson's on a short, wide
 * screen: app.css; an embed's on a phone: $lib/embed/EmbedView.svelte) scrolls a
 * longer narration inside its box. Touch screens, and macOS by default, show no
 * scroll bar, so a reader did not know there was more. While there is more below,
 * the box carries `more` and the style fades its last line; while its text does not
 * fit, the box is a Tab stop, so that the keyboard can scroll it; and each step's
 * narration starts at its first line.
 *
 * The narration's size is heard by a ResizeObserver, which runs after layout: a step
 * costs no forced layout here.
 */
import './narration-more.css';

export function watchNarrationOverflow(box: HTMLElement): () => void {
	const narration = box.querySelector<HTMLElement>(':scope > .narration');
	if (!narration) return () => {};
	// The end of the narration's text, not of the box or the narration: both are as tall
	// as the (hidden) room kept for the longest narration, which a short one does not fill.
	const update = () => {
		const last = narration.lastElementChild ?? narration;
		const hidden = last.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom;
		box.classList.toggle('more', hidden > 1);
		// A box whose text does not fit scrolls, and the keyboard must reach it to scroll
		// it (WCAG 2.1.1): it is a Tab stop while that is so. Its arrow keys up and down and
		// Page Up and Down scroll it; left and right still step the player.
		const scrolls = hidden + box.scrollTop > 1;
		if (scrolls !== box.hasAttribute('tabindex')) {
			if (scrolls) box.tabIndex = 0;
			else box.removeAttribute('tabindex');
		}
	};
	// Known from the box's scroll events, so that a step reads no layout for it.
	let scrolled = false;
	const onScroll = () => {
		scrolled = box.scrollTop > 0;
		update();
	};
	// The narration's size does not change with its text (see above); its paragraphs' do.
	const sizes = new ResizeObserver(update);
	const steps = new MutationObserver(() => {
		// A step's narration starts at its first line, not where the reader had scrolled
		// the last one to.
		if (scrolled) {
			scrolled = false;
			box.scrollTop = 0;
		}
		sizes.disconnect();
		sizes.observe(box);
		for (const line of narration.children) sizes.observe(line);
	});
	steps.observe(narration, { childList: true, subtree: true, characterData: true });
	sizes.observe(box);
	for (const line of narration.children) sizes.observe(line);
	box.addEventListener('scroll', onScroll, { passive: true });
	return () => {
		sizes.disconnect();
		steps.disconnect();
		box.removeEventListener('scroll', onScroll);
		box.classList.remove('more');
		box.removeAttribute('tabindex');
	};
}
