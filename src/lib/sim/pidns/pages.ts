/**
 * A list kept as pages of at most PAGE_SIZE items: plain arrays all the way
 * down, so a frame stays JSON, survives structuredClone (postMessage to a
 * worker keeps the sharing) and needs no class to read.
 *
 * Changing one item copies only its page and the short list of pages, so two
 * frames share every page that did not change. With 10,000 processes that is
 * about 160 + 64 pointers per change instead of 10,000 (docs/trace-format.md,
 * "Frames share structure").
 */
export const PAGE_SIZE = 64;

/**
 * Namespaces use smaller pages: every PID allocation changes one namespace's
 * counter, so a page of them is copied at nearly every frame, while a scenario
 * has far fewer namespaces than processes.
 */
export const NS_PAGE_SIZE = 8;

export type Pages<T> = readonly (readonly T[])[];

export const EMPTY_PAGES: Pages<never> = Object.freeze([]);

/** Number of items in the list. */
export function pagedLength<T>(pages: Pages<T>, pageSize = PAGE_SIZE): number {
	if (pages.length === 0) return 0;
	return (pages.length - 1) * pageSize + pages[pages.length - 1].length;
}

/** Item `index` (0-based), or undefined past the end. */
export function pagedItem<T>(pages: Pages<T>, index: number, pageSize = PAGE_SIZE): T | undefined {
	return pages[Math.floor(index / pageSize)]?.[index % pageSize];
}

/** Every item in order, as one new array. */
export function pagedItems<T>(pages: Pages<T>): T[] {
	const items: T[] = [];
	for (const page of pages) for (const item of page) items.push(item);
	return items;
}

/** A new list with `item` added at the end; `pages` is untouched. */
export function pagedAppend<T>(pages: Pages<T>, item: T, pageSize = PAGE_SIZE): Pages<T> {
	const last = pages[pages.length - 1];
	if (!last || last.length === pageSize) return [...pages, [item]];
	const copy = pages.slice();
	copy[copy.length - 1] = [...last, item];
	return copy;
}

/** A new list with item `index` replaced by `item`; `pages` is untouched. */
export function pagedReplace<T>(
	pages: Pages<T>,
	index: number,
	item: T,
	pageSize = PAGE_SIZE
): Pages<T> {
	const pageIndex = Math.floor(index / pageSize);
	const page = pages[pageIndex];
	if (!page || index % pageSize >= page.length) {
		throw new RangeError(`pagedReplace: index ${index} is past the end`);
	}
	const newPage = page.slice();
	newPage[index % pageSize] = item;
	const copy = pages.slice();
	copy[pageIndex] = newPage;
	return copy;
}
