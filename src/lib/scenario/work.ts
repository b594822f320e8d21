/**
 * How much work a scenario asks of the simulation, estimated without walking
 * it: whether it is small enough to simulate on the main thread (within one
 * frame of the page) or goes to the simulation worker.
 *
 * The estimate is (weighted ops + 1) × (items + ops + 1) + ITEM_CHECK × items,
 * where items are the entries of every layer, the files, namespaces, processes
 * and groups, and an op weighs its `ticks` (cgroups' `run`) or 1. Every model's
 * cost per op grows at most with what the scenario holds (a `list` of a big
 * directory, `ps` over every process, a tick over every process), so the
 * product bounds the work of the ops from above; the second term is checking
 * and indexing each item once, which a scenario of one op and thousands of
 * files pays in full. Counting stops once past the threshold: the estimate
 * itself stays cheap for the biggest scenario.
 */

/**
 * Scenarios at or under this estimate are simulated on the main thread. Every
 * built-in scenario is far below it (the largest is a few thousand), and a
 * scenario at it simulates in a few milliseconds.
 */
export const MAIN_THREAD_WORK = 50_000;

/**
 * Checking and indexing one item, in steps of an op over an item: a namespaces
 * scenario of one question, 10,000 files and 1,000 processes took 57 ms in Node
 * (2026-12-03), where the product alone put it under the threshold.
 */
const ITEM_CHECK = 8;

function arrayOf(value: unknown, key: string): unknown[] {
	const found = (value as Record<string, unknown>)[key];
	return Array.isArray(found) ? found : [];
}

/** Entries in a layer's `entries` object, counting at most `cap`. */
function entryCount(layer: unknown, cap: number): number {
	if (layer === null || typeof layer !== 'object') return 0;
	const entries = (layer as Record<string, unknown>).entries;
	if (entries === null || typeof entries !== 'object') return 0;
	let count = 0;
	for (const key in entries) {
		if (!Object.hasOwn(entries, key)) continue;
		if (++count > cap) break;
	}
	return count;
}

/** Estimates per scenario object (scenarios are never changed in place). */
const estimates = new WeakMap<object, number>();

/** The work estimate of `value`, exact up to MAIN_THREAD_WORK and at least that past it. */
export function estimateWork(value: unknown): number {
	if (value === null || typeof value !== 'object') return 0;
	let estimate = estimates.get(value);
	if (estimate === undefined) estimates.set(value, (estimate = estimateOf(value)));
	return estimate;
}

function estimateOf(value: object): number {
	if (Array.isArray(value)) {
		// The syscall embed takes a list of scenarios. A list in a list is no
		// scenario (the check refuses it at once): not walked, as a value nested
		// 100,000 levels deep would overflow the stack here.
		let sum = 0;
		for (const one of value.slice(0, 8)) if (!Array.isArray(one)) sum += estimateWork(one);
		return sum;
	}
	// A syscall scenario's ops are its `syscalls`.
	const ops = [...arrayOf(value, 'ops'), ...arrayOf(value, 'syscalls')];
	let weighted = 0;
	for (const op of ops) {
		const ticks =
			op !== null && typeof op === 'object' ? (op as Record<string, unknown>).ticks : undefined;
		weighted += typeof ticks === 'number' && Number.isFinite(ticks) && ticks > 1 ? ticks : 1;
	}
	let items =
		arrayOf(value, 'processes').length +
		arrayOf(value, 'groups').length +
		arrayOf(value, 'files').length +
		arrayOf(value, 'namespaces').length;
	const cap = MAIN_THREAD_WORK + 1;
	const layers = [...arrayOf(value, 'layers'), (value as Record<string, unknown>).upper];
	for (const layer of layers) {
		if (items > cap) break;
		items += entryCount(layer, cap - items);
	}
	return (weighted + 1) * (items + ops.length + 1) + ITEM_CHECK * items;
}

/** True when `value` is small enough to simulate on the main thread. */
export function isTriviallySmall(value: unknown): boolean {
	return estimateWork(value) <= MAIN_THREAD_WORK;
}
