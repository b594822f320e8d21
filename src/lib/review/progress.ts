/** Which review cards a learner marked hard or known, kept in this browser only. */
export type Mark = 'hard' | 'known';
const KEY = 'stepvisor:review';

export function loadMarks(): Record<string, Mark> {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
		const marks: Record<string, Mark> = {};
		for (const [id, mark] of Object.entries(parsed))
			if (mark === 'hard' || mark === 'known') marks[id] = mark;
		return marks;
	} catch {
		return {};
	}
}

export function saveMarks(marks: Record<string, Mark>): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(marks));
	} catch {
		/* storage blocked: progress lasts for this page only */
	}
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
