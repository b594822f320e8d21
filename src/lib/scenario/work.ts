/**
 * How much work a scenario asks of the simulation, estimated without walking
 * it: whether it is small enough to simulate on the main thread (within one
 * frame of the page) or goes to the simulation worker.
 *
 * The estimate is (weighted ops + 1) × (items + ops + 1) + ITEM_CHECK × items.
 * Where a scenario keeps its ops and its items is the model's to say (its
 * `opsKey` and `shape`, src/lib/sim/core/model.ts): items are the elements of
 * the lists it names (processes, groups, files, namespaces) and the entries of
 * its layers, and an op weighs what its weight key says (cgroups' `run`
 * `ticks`) or 1. Every model's cost per op grows at most with what the
 * scenario holds (a `list` of a big directory, `ps` over every process, a tick
 * over every process), so the product bounds the work of the ops from above;
 * the second term is checking and indexing each item once, which a scenario of
 * one op and thousands of files pays in full. Counting stops once past the
 * threshold: the estimate itself stays cheap for the biggest scenario.
 */
import type { AnyModel } from '$lib/sim/core';

/** What the estimate reads of a model. */
export type WorkModel = Pick<AnyModel, 'name' | 'opsKey' | 'shape'>;

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

/**
 * The models whose scenarios can be estimated without being handed the model:
 * each lab's runner adds its own (./traced), so a lab's code that asks whether
 * its scenario is small need not pass its model.
 */
const known = new Map<string, WorkModel>();

/** Lets `estimateWork` find `model` by the name a scenario gives. */
export function knowModel(model: WorkModel): void {
	known.set(model.name, model);
}

/** Estimates per scenario object (scenarios are never changed in place), with the model they took. */
const estimates = new WeakMap<object, { model: WorkModel; estimate: number }>();

/**
 * The work estimate of `value`, a scenario of `model` (by default, of the
 * known model its `model` key names), exact up to MAIN_THREAD_WORK and at
 * least that past it. A value that names no known model is past it: it goes
 * to the worker, whose check says what is wrong with it.
 */
export function estimateWork(value: unknown, model?: WorkModel): number {
	if (value === null || typeof value !== 'object') return 0;
	if (Array.isArray(value)) {
		// The syscall embed takes a list of scenarios. A list in a list is no
		// scenario (the check refuses it at once): not walked, as a value nested
		// 100,000 levels deep would overflow the stack here.
		let sum = 0;
		for (const one of value.slice(0, 8)) if (!Array.isArray(one)) sum += estimateWork(one, model);
		return sum;
	}
	const named = (value as Record<string, unknown>).model;
	const of = model ?? (typeof named === 'string' ? known.get(named) : undefined);
	if (!of) return MAIN_THREAD_WORK + 1;
	const remembered = estimates.get(value);
	if (remembered?.model === of) return remembered.estimate;
	const estimate = estimateOf(value, of);
	estimates.set(value, { model: of, estimate });
	return estimate;
}

function estimateOf(value: object, model: WorkModel): number {
	const { itemLists, entryHolders = [], opWeightKey } = model.shape;
	const ops = arrayOf(value, model.opsKey);
	let weighted = 0;
	for (const op of ops) {
		const weight =
			opWeightKey !== undefined && op !== null && typeof op === 'object'
				? (op as Record<string, unknown>)[opWeightKey]
				: undefined;
		weighted += typeof weight === 'number' && Number.isFinite(weight) && weight > 1 ? weight : 1;
	}
	let items = 0;
	for (const key of itemLists) items += arrayOf(value, key).length;
	const cap = MAIN_THREAD_WORK + 1;
	for (const key of entryHolders) {
		const held = (value as Record<string, unknown>)[key];
		for (const layer of Array.isArray(held) ? held : [held]) {
			if (items > cap) break;
			items += entryCount(layer, cap - items);
		}
	}
	return (weighted + 1) * (items + ops.length + 1) + ITEM_CHECK * items;
}

/** True when `value` (a scenario of `model`; see estimateWork) is small enough to simulate on the main thread. */
export function isTriviallySmall(value: unknown, model?: WorkModel): boolean {
	return estimateWork(value, model) <= MAIN_THREAD_WORK;
}
