/**
 * Keeps a tip shown beside a word (a glossary definition, a cycle count's sources)
 * inside the screen. The tip stays positioned by its own CSS (absolute, under the
 * word) so that it scrolls with the page; this moves it from there with
 * `translate`: sideways until it is on the screen, and above the word when it
 * would run off the bottom and fits above. A tip wider than the screen is made
 * narrower (its CSS reads `--tip-room`); one taller than the room on either side
 * takes the larger side and scrolls inside. A box past the right edge would also
 * widen the page (it scrolls sideways), which is why this runs before it shows.
 */

/** Room left between a tip and the screen's edges, in px. */
export const TIP_EDGE = 8;
/** Room between the word and its tip, in px. */
const TIP_GAP = 2;

export interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

export interface TipPlace {
	left: number;
	top: number;
	/** Set when the tip is taller than the room on either side of the word. */
	maxHeight: number | null;
}

/**
 * Where a tip of `width` × `height` goes beside `word` on a `screen`-sized
 * viewport: under it, lined up with its start (`'start'`) or its end (`'end'`),
 * moved sideways to stay on the screen; above it when it fits only there.
 */
export function placeTip(
	word: Box,
	width: number,
	height: number,
	screen: { width: number; height: number },
	align: 'start' | 'end'
): TipPlace {
	const wanted = align === 'start' ? word.left : word.right - width;
	const left = Math.max(TIP_EDGE, Math.min(wanted, screen.width - TIP_EDGE - width));
	const roomBelow = screen.height - TIP_EDGE - (word.bottom + TIP_GAP);
	const roomAbove = word.top - TIP_GAP - TIP_EDGE;
	if (height <= roomBelow) return { left, top: word.bottom + TIP_GAP, maxHeight: null };
	if (height <= roomAbove) return { left, top: word.top - TIP_GAP - height, maxHeight: null };
	if (roomBelow >= roomAbove) {
		return { left, top: word.bottom + TIP_GAP, maxHeight: Math.max(roomBelow, 0) };
	}
	return { left, top: TIP_EDGE, maxHeight: roomAbove };
}

/** Clears what `keepTipOnScreen` set, so that the tip's own CSS places it again. */
export function releaseTip(tip: HTMLElement): void {
	for (const property of ['translate', 'max-height', 'overflow-y', '--tip-room']) {
		tip.style.removeProperty(property);
	}
}

/**
 * Moves `tip` (shown or about to show beside `word`) onto the screen. It is laid out
 * for the measurement even while hidden, within this task, so it is never painted
 * where it would not fit.
 */
export function keepTipOnScreen(tip: HTMLElement, word: Element, align: 'start' | 'end'): void {
	// The layout viewport without its scroll bar: `100vw` would count the bar too.
	const screen = {
		width: document.documentElement.clientWidth,
		height: document.documentElement.clientHeight
	};
	releaseTip(tip);
	tip.style.setProperty('--tip-room', `${Math.max(screen.width - 2 * TIP_EDGE, 0)}px`);
	const display = tip.style.display;
	if (getComputedStyle(tip).display === 'none') tip.style.display = 'block';
	const natural = tip.getBoundingClientRect();
	const place = placeTip(
		word.getBoundingClientRect(),
		natural.width,
		natural.height,
		screen,
		align
	);
	tip.style.display = display;
	if (place.maxHeight !== null) {
		tip.style.maxHeight = `${place.maxHeight}px`;
		tip.style.overflowY = 'auto';
	}
	tip.style.translate = `${place.left - natural.left}px ${place.top - natural.top}px`;
}
