/**
 * jsonByteSizeChange (src/lib/sim/core/json-size.ts): the change in JSON bytes
 * from one value to another made from it, walking only where they differ. It
 * must agree with JSON.stringify whatever the edit: members added, removed or
 * left out (undefined), items inserted anywhere, holes, shared parts, text
 * outside ASCII.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	LIMITS,
	byteLength,
	jsonByteSize,
	jsonByteSizeChange,
	scenarioGrowthProblem
} from '../../src/lib/sim/core';

const bytesOf = (value: unknown) => byteLength(JSON.stringify(value) ?? '');

/** A small deterministic generator of choices, from a seed fast-check gives. */
function chooser(seed: number) {
	let state = seed >>> 0 || 1;
	return (n: number) => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) % n;
	};
}

const FRESH: unknown[] = [
	'é',
	'a"b\\c\n',
	'😀',
	0,
	-0,
	1.5e300,
	Number.NaN,
	null,
	true,
	undefined,
	{ type: 'dir' },
	[],
	[1, undefined, 'x']
];

/** A value made from `value` by random edits; whatever is not edited is the same object. */
function edited(value: unknown, pick: (n: number) => number, depth = 0): unknown {
	const roll = pick(10);
	if (roll < 3 || depth > 6) return value;
	if (roll < 4) return FRESH[pick(FRESH.length)];
	if (Array.isArray(value)) {
		const copy = value.map((item) => (pick(3) === 0 ? edited(item, pick, depth + 1) : item));
		const what = pick(4);
		if (what === 0) copy.splice(pick(copy.length + 1), 0, FRESH[pick(FRESH.length)]);
		else if (what === 1 && copy.length) copy.splice(pick(copy.length), 1);
		else if (what === 2) copy[copy.length + pick(2)] = 'past a hole';
		return copy;
	}
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
		for (const key of Object.keys(copy))
			if (pick(3) === 0) copy[key] = edited(copy[key], pick, depth + 1);
		const keys = Object.keys(copy);
		const what = pick(4);
		if (what === 0) copy[`k${pick(5)}é`] = FRESH[pick(FRESH.length)];
		else if (what === 1 && keys.length) delete copy[keys[pick(keys.length)]];
		else if (what === 2 && keys.length) copy[keys[pick(keys.length)]] = undefined;
		return copy;
	}
	return value;
}

describe('the change in JSON bytes between two values', () => {
	test('agrees with JSON.stringify for any value and any edit of it', () => {
		fc.assert(
			fc.property(
				fc.jsonValue({ maxDepth: 5, stringUnit: 'grapheme' }),
				fc.integer({ min: 1, max: 2 ** 31 - 1 }),
				(before, seed) => {
					const after = edited(before, chooser(seed));
					expect(jsonByteSize(before) + jsonByteSizeChange(before, after)).toBe(bytesOf(after));
				}
			),
			{ numRuns: 2_000 }
		);
	});

	test('a scenario edit: an op added, a layer replaced, an entry removed', () => {
		const base = { name: 'base', entries: { '/etc/motd': 'hi', '/bin': { type: 'dir' } } };
		const before = {
			model: 'unionfs',
			layers: [{ name: 'app', entries: { '/app/ü': 'x' } }, base],
			ops: [{ op: 'read', path: '/etc/motd' }]
		};
		const edits = [
			{ ...before, ops: [...before.ops, { op: 'list', path: '/' }] },
			{ ...before, ops: [{ op: 'list', path: '/' }, ...before.ops] },
			{ ...before, layers: [{ name: 'app2', entries: {} }, base] },
			{ ...before, layers: [before.layers[0], { ...base, entries: { '/bin': { type: 'dir' } } }] },
			{ ...before, title: undefined, ops: [] }
		];
		for (const after of edits)
			expect(jsonByteSize(before) + jsonByteSizeChange(before, after)).toBe(bytesOf(after));
	});

	test('walks only what differs: a shared part is never measured', () => {
		// A getter counts the reads of a shared layer's entries; an op added must not read them.
		let reads = 0;
		const layer = {
			name: 'big',
			get entries() {
				reads++;
				return { '/a': 'x' };
			}
		};
		const before = { model: 'unionfs', layers: [layer], ops: [] as unknown[] };
		const after = { ...before, ops: [{ op: 'read', path: '/a' }] };
		expect(jsonByteSizeChange(before, after)).toBe(bytesOf(after) - bytesOf(before));
		reads = 0;
		jsonByteSizeChange(before, after);
		expect(reads).toBe(0);
	});

	test('the message for an edit past the limit names the limit and the size', () => {
		expect(scenarioGrowthProblem(LIMITS.scenarioBytes + 1)).toBe(
			'(scenario): cannot grow past 4 MiB of JSON (the limit); this change would make it 4,194,305 bytes'
		);
	});
});
