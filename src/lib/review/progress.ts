import { readStoredRecord, updateStoredRecord, watchStoredKey } from '$lib/components/selfcheck';

/** Which review cards a learner marked hard or known, kept in this browser only. */
export type Mark = 'hard' | 'known';
const KEY = 'stepvisor:review';

/** The marks as this page last read or wrote them: what it changes is told from them. */
let known: Record<string, Mark> = {};

export function loadMarks(): Record<string, Mark> {
	const marks: Record<string, Mark> = {};
	for (const [id, mark] of Object.entries(readStoredRecord(KEY)))
		if (mark === 'hard' || mark === 'known') marks[id] = mark;
	known = marks;
	return marks;
}

/**
 * Keeps `marks`, the page's whole set, by writing only the marks it changed since
 * it last read or wrote them: another /review tab may have marked other cards
 * since, and writing this page's copy back whole would erase them.
 */
export function saveMarks(marks: Record<string, Mark>): void {
	const changed: Record<string, Mark | undefined> = {};
	for (const id of new Set([...Object.keys(known), ...Object.keys(marks)]))
		if (marks[id] !== known[id]) changed[id] = marks[id];
	known = { ...marks };
	// False when storage is blocked or full: the marks last for this page only.
	updateStoredRecord(KEY, changed);
}

/** Calls `changed` when another tab changes the stored marks; returns the cleanup. */
export function watchMarks(changed: () => void): () => void {
	return watchStoredKey(KEY, changed);
}

/** Hard cards first, then unmarked, then known; the deck's order within each group. */
export function reviewOrder<T extends { id: string }>(
	cards: readonly T[],
	marks: Record<string, Mark>
): T[] {
	const rank = (id: string) => (marks[id] === 'hard' ? 0 : marks[id] === 'known' ? 2 : 1);
	return cards
		.map((card, index) => ({ card, index }))
		.sort((a, b) => rank(a.card.id) - rank(b.card.id) || a.index - b.index)
		.map(({ card }) => card);
}
