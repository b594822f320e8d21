/** How many of a scenario's problems a notice lists: past that it is a wall of text. */
export const PROBLEMS_SHOWN = 20;

/** The core's last line when it stopped listing (src/lib/sim/core/validate.ts). */
const CORE_STOPPED = '(more problems not shown)';

/**
 * The first `limit` problems, then a line saying that more were left out, and how
 * many where that is known: a list cut short without a word reads as complete.
 */
export function shownProblems(problems: readonly string[], limit = PROBLEMS_SHOWN): string[] {
	const stopped = problems.at(-1) === CORE_STOPPED;
	const listed = stopped ? problems.slice(0, -1) : problems;
	const left = listed.length - limit;
	if (left <= 0) return stopped ? [...listed, '… and more problems, not listed'] : [...listed];
	const more = stopped
		? `… and over ${left} more problems`
		: `… and ${left} more problem${left === 1 ? '' : 's'}`;
	return [...listed.slice(0, limit), more];
}
