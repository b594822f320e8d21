/**
 * The transcript of an animation: every frame's narration, numbered, generated from
 * the trace(s) the player steps. A side-by-side has one line per side; a shorter
 * trace holds its last frame, as the player shows it.
 */

import { sharedNarration } from '../player/step';

/** Steps shown at a time, on screen and on paper: a long trace is not all turned into text at once. */
export const TRANSCRIPT_PAGE = 200;

export interface TranscriptSide {
	/** Shown before each line of this side ("Container"), or omitted for a single trace. */
	label?: string;
	/** Each frame's narration, in order. */
	texts: readonly string[];
}

export interface TranscriptEntry {
	step: number;
	lines: { label?: string; text: string }[];
}

/** Entries for steps `from` up to (not including) `to`, of `total` steps in all. */
export function transcriptEntries(
	sides: readonly TranscriptSide[],
	from = 0,
	to = Number.POSITIVE_INFINITY
): TranscriptEntry[] {
	const total = Math.max(0, ...sides.map((side) => side.texts.length));
	const entries: TranscriptEntry[] = [];
	for (let step = Math.max(0, from); step < Math.min(total, to); step++) {
		// Said once when every side says the same, as the player says it.
		const lines = sharedNarration(
			sides
				.filter((side) => side.texts.length > 0)
				.map((side) => ({
					...(side.label ? { label: side.label } : {}),
					text: side.texts[Math.min(step, side.texts.length - 1)]
				}))
		);
		entries.push({ step, lines });
	}
	return entries;
}

/** The whole transcript as plain text, for copying into notes. */
export function transcriptText(title: string, sides: readonly TranscriptSide[]): string {
	const entries = transcriptEntries(sides);
	const last = Math.max(0, entries.length - 1);
	const body = entries.map(
		(entry) =>
			`Step ${entry.step} of ${last}\n` +
			entry.lines
				.map((line) => (line.label ? `  ${line.label}: ${line.text}` : `  ${line.text}`))
				.join('\n')
	);
	return `${title}\n\n${body.join('\n\n')}\n`;
}
