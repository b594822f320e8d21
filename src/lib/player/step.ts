/**
 * Reading a step index from untrusted text (a URL parameter, a postMessage).
 * Anything that is not a plain non-negative integer is ignored; a number past the
 * end is clamped to the last frame. Never throws.
 */
export function parseStep(values: readonly string[], total: number): number | null {
	if (total <= 0) return null;
	// One value only: a repeated parameter is ambiguous, so it is ignored.
	if (values.length !== 1) return null;
	const raw = values[0];
	if (!isStepText(raw)) return null;
	return clampStep(Number(raw), total);
}

/** Whether `raw` is a step the URL may give: digits only, at most 15 of them. */
export function isStepText(raw: string): boolean {
	return /^\d{1,15}$/.test(raw);
}

export function clampStep(step: number, total: number): number {
	if (!Number.isFinite(step) || total <= 0) return 0;
	return Math.min(Math.max(0, Math.trunc(step)), total - 1);
}

/** The frame of `frames` shown at `step`; a shorter trace holds its last frame. */
export function frameAt<T>(frames: readonly T[], step: number): T {
	return frames[Math.min(Math.max(0, step), frames.length - 1)];
}

export const SPEEDS = [0.5, 1, 1.5, 2, 4] as const;

/** Milliseconds a frame stays on screen while playing at `speed`. */
export function frameInterval(speed: number): number {
	return Math.round(1200 / speed);
}

/** The longest a one-frame move takes, at any speed. */
export const LONGEST_MOVE = 600;

/** A move shorter than this is not seen as motion: the step is shown at once. */
export const SHORTEST_MOVE = 100;

/**
 * Milliseconds a one-frame move takes: at most 60% of the time the frame will
 * stay on screen, so that it ends before the next step comes. Playing, that time
 * is the speed's interval; stepping by hand, the learner's own pace is the best
 * guess of it (`sincePrevious`: milliseconds since the move before). A learner
 * holding an arrow key (a step every 30–50 ms) gets no motion at all
 * (below `SHORTEST_MOVE`), rather than moves cut off a few frames in, and each
 * step is painted in the very next frame; one reading each step gets the whole move.
 */
export function moveDuration(speed: number, sincePrevious: number): number {
	const duration = Math.min(LONGEST_MOVE, frameInterval(speed) * 0.6, sincePrevious * 0.6);
	return duration >= SHORTEST_MOVE ? Math.round(duration) : 0;
}

/**
 * A comparison's narration, said once when every side says the same: the opening
 * frame of three processes' traces reads one sentence, not the same one three
 * times under three labels (a sentence that went on from its label starts with
 * a capital then).
 */
export function sharedNarration<Item extends { label?: string; text: string }>(
	items: Item[]
): (Item | { label: string; text: string })[] {
	if (items.length < 2 || items.some((item) => item.text !== items[0].text)) return items;
	// A side's text may go on from its label ("VM: the app is about to…").
	const text = items[0].text;
	return [{ label: '', text: text.charAt(0).toUpperCase() + text.slice(1) }];
}

/**
 * The longest of a trace's narrations (by characters): the text the player keeps
 * room for, so that its controls stay where they are while a learner steps.
 * Characters stand in for wrapped lines, which only the browser can count.
 */
export function longestText(texts: readonly string[]): string {
	let longest = '';
	for (const text of texts) if (text.length > longest.length) longest = text;
	return longest;
}
