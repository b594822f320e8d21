/**
 * A picture's layout is made anew at every step, so every chip, band and line in
 * it is a new object, and Svelte updates every element drawn from one (each
 * keyed block's item changed), even where nothing about it did. `keepUnchanged`
 * gives the new layout back with each part that equals the last layout's same
 * part replaced by that part: an element whose part is the very same object is
 * left alone, and a step updates only what it changed.
 *
 * Parts are matched by place, and the items of a list by their `key` or `id`
 * where they have one (a chip inserted before others leaves them theirs). Only
 * plain objects and arrays are compared by content; anything else (a Map, a class's
 * instance) is the same only if it is the same object.
 */
export function keepUnchanged<T>(previous: unknown, next: T): T {
	if (previous === next) return next;
	if (Array.isArray(next)) return Array.isArray(previous) ? (keepItems(previous, next) as T) : next;
	if (isPlain(next) && isPlain(previous)) return keepFields(previous, next) as T;
	return Object.is(previous, next) ? (previous as T) : next;
}

function isPlain(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/** The key a list's item is matched by, if it has one. */
function itemKey(item: unknown): unknown {
	if (!isPlain(item)) return undefined;
	return 'key' in item ? item.key : 'id' in item ? item.id : undefined;
}

function keepItems(previous: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
	let byKey: Map<unknown, unknown> | null = null;
	for (const item of previous) {
		const key = itemKey(item);
		if (key === undefined) continue;
		byKey ??= new Map();
		byKey.set(key, item);
	}
	let same = previous.length === next.length;
	const kept = next.map((item, index) => {
		const key = itemKey(item);
		const before = key === undefined ? previous[index] : byKey?.get(key);
		const one = keepUnchanged(before, item);
		if (!Object.is(one, previous[index])) same = false;
		return one;
	});
	return same ? previous : kept;
}

function keepFields(
	previous: Record<string, unknown>,
	next: Record<string, unknown>
): Record<string, unknown> {
	const keys = Object.keys(next);
	let same = keys.length === Object.keys(previous).length;
	const kept: Record<string, unknown> = {};
	for (const key of keys) {
		const one = keepUnchanged(previous[key], next[key]);
		if (!Object.is(one, previous[key]) || !(key in previous)) same = false;
		kept[key] = one;
	}
	return same ? previous : kept;
}

/**
 * A keeper for one picture: each layout given to it comes back sharing what it
 * has in common with the one before.
 */
export function layoutKeeper<T>(): (next: T) => T {
	let last: T | undefined;
	return (next) => (last = keepUnchanged(last, next));
}
