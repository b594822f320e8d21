/**
 * A lesson's player on a short, wide screen: a laptop's or a projector's at a
 * lecture's browser zoom, or a phone held sideways (Player.svelte loads this only
 * there, with its style, ./lecture.css). Its controls stay at the screen's edge and
 * its narration, kept to a few lines, beside them: the narration's pinned place is
 * the controls' height (`--pinned-controls`, measured here as it changes), and a
 * longer narration scrolls in its box (./narration-more.ts).
 */
import './lecture.css';
import { watchNarrationOverflow } from './narration-more';

/** Pins `player`'s controls and narration; the returned function unpins them. */
export function pinForLecture(player: HTMLElement): () => void {
	const controls = player.querySelector<HTMLElement>(':scope > .controls');
	const narration = player.querySelector<HTMLElement>(':scope > .narration-box');
	if (!controls || !narration || typeof ResizeObserver === 'undefined') return () => {};
	const sizes = new ResizeObserver(([entry]) => {
		const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
		if (height > 0) player.style.setProperty('--pinned-controls', `${height}px`);
		else player.style.removeProperty('--pinned-controls');
	});
	sizes.observe(controls);
	const unwatch = watchNarrationOverflow(narration);
	player.dataset.lecture = 'pinned';
	return () => {
		sizes.disconnect();
		unwatch();
		player.style.removeProperty('--pinned-controls');
		delete player.dataset.lecture;
	};
}
