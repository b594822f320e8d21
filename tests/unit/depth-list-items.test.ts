// The nesting-limit walk (valueDepthProblem) on values that did not come from
// JSON text: a sparse array's length says nothing of what it holds, and the walk
// must not visit more indices than any scenario inside the limits could have.
import { describe, expect, it } from 'vitest';
import {
	MAX_LIST_ITEMS,
	TOO_MANY_LIST_ITEMS,
	jsonIfShallow,
	valueDepthProblem
} from '$lib/sim/core/depth';
import { LIMITS } from '$lib/sim/core/limits';
import { runScenario } from './all-models';

/** `list`, with a count of the indices read from it (holes included). */
function counted(list: unknown[]) {
	const reads = { count: 0 };
	const proxy = new Proxy(list, {
		get(target, key, receiver) {
			if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
			return Reflect.get(target, key, receiver);
		}
	});
	return { list: proxy, reads };
}

function sparse(length: number): unknown[] {
	const list: unknown[] = [];
	list.length = length;
	list[length - 1] = 1;
	return list;
}

describe('valueDepthProblem on long lists', () => {
	it('refuses a list whose length alone cannot fit in the scenario bytes, before reading it', () => {
		expect(MAX_LIST_ITEMS).toBe(LIMITS.scenarioBytes / 2);
		const { list, reads } = counted(sparse(MAX_LIST_ITEMS + 1));
		expect(valueDepthProblem({ model: 'unionfs', layers: list })).toBe(TOO_MANY_LIST_ITEMS);
		expect(reads.count).toBe(0);
		expect(TOO_MANY_LIST_ITEMS).toBe(
			'(scenario): its lists hold more than 2,097,152 items, more than any scenario inside the limits (4 MiB of JSON)'
		);
	});

	it('counts every visit of a list shared many times, and reads no more than the limit', () => {
		// Each under the limit; together, as JSON would write them out, three times over it.
		const { list, reads } = counted(sparse(1_000_000));
		const value = { model: 'unionfs', layers: [list, list, list, list, list, list] };
		expect(valueDepthProblem(value)).toBe(TOO_MANY_LIST_ITEMS);
		expect(reads.count).toBeLessThanOrEqual(MAX_LIST_ITEMS);
	});

	it('lets through a list at the limit, and one a scenario inside the limits can hold', () => {
		expect(valueDepthProblem({ ops: new Array(MAX_LIST_ITEMS).fill(0) })).toBeNull();
		expect(valueDepthProblem({ ops: new Array(MAX_LIST_ITEMS + 1).fill(0) })).toBe(
			TOO_MANY_LIST_ITEMS
		);
		const ops = Array.from({ length: LIMITS.ops }, () => ({ op: 'stat', path: '/a' }));
		expect(valueDepthProblem({ model: 'unionfs', layers: [], ops })).toBeNull();
	});

	it('keeps the checks and helpers that walk first from reading a huge sparse list', () => {
		const { list, reads } = counted(sparse(MAX_LIST_ITEMS + 1));
		expect(jsonIfShallow({ layers: list })).toBeNull();
		expect(runScenario({ model: 'unionfs', layers: list, ops: [] })).toEqual({
			ok: false,
			errors: [TOO_MANY_LIST_ITEMS]
		});
		expect(reads.count).toBe(0);
	});
});
