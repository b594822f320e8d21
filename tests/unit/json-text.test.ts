import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	jsonOf,
	jsonPieces,
	parseRemembered,
	scenarioFileText
} from '../../src/lib/scenario/json-text';
import { LIMITS, byteLength } from '../../src/lib/sim/core';

describe('a scenario keeps the JSON text it was parsed from', () => {
	test('the same object gives back its own text, untouched', () => {
		const text = '{ "model": "pidns",\n  "ops": [] }';
		const value = parseRemembered(text);
		expect(jsonOf(value)).toBe(text);
	});
	test('an edited copy is serialised afresh, never given the old text', () => {
		const value = parseRemembered('{"model":"pidns","ops":[]}') as { ops: unknown[] };
		const edited = { ...value, ops: [{ op: 'ps', from: 'init' }] };
		expect(JSON.parse(jsonOf(edited))).toEqual(edited);
	});
	test('values that are not objects are plain JSON', () => {
		expect(jsonOf(parseRemembered('"x"'))).toBe('"x"');
		expect(jsonOf(null)).toBe('null');
	});
});

describe('JSON written in pieces, to be spread over tasks', () => {
	const written = (value: unknown) => {
		const out: string[] = [];
		let steps = 0;
		for (const _step of jsonPieces(value, out)) steps++;
		return { text: out.join(''), steps };
	};

	test('is the text JSON.stringify writes, for any value', () => {
		const member = fc.oneof(
			fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }),
			fc.constantFrom(undefined, () => 1, Number.NaN, -0)
		);
		// Lists and objects long enough to be written member by member at every level.
		const big = fc.oneof(
			fc.array(member, { minLength: 65, maxLength: 100 }),
			fc.dictionary(fc.string({ unit: 'grapheme' }), member, { minKeys: 65, maxKeys: 100 })
		);
		/** `inner` inside `levels` lists: at level 3 and below, only a big container is split. */
		const nested = (inner: fc.Arbitrary<unknown>, levels: number): fc.Arbitrary<unknown> =>
			levels === 0 ? inner : fc.array(nested(inner, levels - 1), { maxLength: 2 });
		fc.assert(
			fc.property(
				fc.dictionary(fc.string(), fc.oneof(member, big, nested(big, 1), nested(big, 3))),
				(value) => {
					expect(written(value).text).toBe(JSON.stringify(value));
				}
			),
			{ numRuns: 150 }
		);
		const sparse: unknown[] = [1];
		sparse[300] = 'x';
		const odd = JSON.parse('{"__proto__": {"a": 1}, "2": "two", "1": "one", "b": [1]}');
		for (const value of [
			{ sparse, layers: [{ entries: { a: { type: 'dir' } } }] },
			odd,
			{ deep: [[odd]] },
			{
				layers: [
					{
						entries: Object.fromEntries(
							[...Array(100).keys()].map((i) => [`${i % 2 ? i : `k${i}`}`, i])
						)
					}
				]
			}
		])
			expect(written(value).text).toBe(JSON.stringify(value));
	});

	test('a big scenario is written in many steps, a small one in a few', () => {
		const entries: Record<string, string> = {};
		for (let i = 0; i < 10_000; i++) entries[`/f${i}`] = 'x';
		expect(
			written({ model: 'unionfs', layers: [{ name: 'b', entries }], ops: [] }).steps
		).toBeGreaterThan(30);
		expect(written({ model: 'pidns', ops: [{ op: 'ps', from: 'init' }] }).steps).toBeLessThan(3);
	});
});

describe('Download JSON', () => {
	test('is indented, unless the indentation would take it past 4 MiB: then it is one line', () => {
		const small = { model: 'pidns', ops: [{ op: 'ps', from: 'init' }] };
		expect(scenarioFileText(small)).toBe(`${JSON.stringify(small, null, '\t')}\n`);
		// 9,000 forks: under 4 MiB as the lab keeps it, over it with a tab-indented line per key.
		const name = 'n'.repeat(420);
		const big = {
			model: 'pidns',
			ops: Array.from({ length: 9_000 }, (_, i) => ({
				op: 'fork',
				parent: 'init',
				name: `${i}${name}`
			}))
		};
		expect(byteLength(JSON.stringify(big))).toBeLessThan(LIMITS.scenarioBytes);
		expect(byteLength(JSON.stringify(big, null, '\t'))).toBeGreaterThan(LIMITS.scenarioBytes);
		const file = scenarioFileText(big);
		expect(byteLength(file)).toBeLessThanOrEqual(LIMITS.scenarioBytes);
		expect(JSON.parse(file)).toEqual(big);
	});
});
