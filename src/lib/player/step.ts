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
