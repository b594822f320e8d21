import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { keepUnchanged, layoutKeeper } from '../../src/lib/viz/keep-unchanged';

describe('keepUnchanged', () => {
	test('an equal layout comes back as the one before, the very object', () => {
		const before = { width: 500, bands: [{ key: 'a', y: 0, chips: [{ key: 'x', x: 1 }] }] };
		const after = structuredClone(before);
		expect(keepUnchanged(before, after)).toBe(before);
	});

	test('a changed part is new, its unchanged siblings are the ones before', () => {
		const before = {
			bands: [
				{ key: 'upper', y: 0, chips: [{ key: 'a', x: 1 }] },
				{ key: 'lower', y: 60, chips: [{ key: 'b', x: 1 }] }
			],
			probe: { band: 0 }
		};
		const after = structuredClone(before);
		after.bands[1].chips[0].x = 2;
		const kept = keepUnchanged(before, after);
		expect(kept).toEqual(after);
		expect(kept).not.toBe(before);
		expect(kept.bands[0]).toBe(before.bands[0]);
		expect(kept.probe).toBe(before.probe);
		expect(kept.bands[1]).not.toBe(before.bands[1]);
		expect(kept.bands[1].chips[0]).toEqual({ key: 'b', x: 2 });
	});

	test('list items are matched by key: one inserted first leaves the others theirs', () => {
		const before = [
			{ key: 'b', x: 1 },
			{ key: 'c', x: 2 }
		];
		const after = [{ key: 'a', x: 0 }, ...structuredClone(before)];
		const kept = keepUnchanged(before, after);
		expect(kept[1]).toBe(before[0]);
		expect(kept[2]).toBe(before[1]);
		expect(kept[0]).toBe(after[0]);
	});

	test('items with an id are matched by it', () => {
		const before = [{ id: 'hop-0', from: { x: 1, y: 2 } }];
		const after = [{ id: 'hop-1', from: { x: 3, y: 4 } }, ...structuredClone(before)];
		expect(keepUnchanged(before, after)[1]).toBe(before[0]);
	});

	test('a field added or removed makes the object new', () => {
		expect(keepUnchanged({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
		const before = { a: 1, b: 2 };
		const after = { a: 1 };
		expect(keepUnchanged(before, after)).not.toBe(before);
		expect(keepUnchanged(before, after)).toEqual({ a: 1 });
	});

	test('a Map or a class instance is kept only when it is the same object', () => {
		const map = new Map([['a', 1]]);
		expect(keepUnchanged({ m: map }, { m: new Map([['a', 1]]) }).m).not.toBe(map);
		expect(keepUnchanged({ m: map }, { m: map }).m).toBe(map);
	});

	test('NaN equals NaN, and -0 is not 0', () => {
		const before = { v: NaN };
		expect(keepUnchanged(before, { v: NaN })).toBe(before);
		const zero = { v: 0 };
		expect(Object.is(keepUnchanged(zero, { v: -0 }).v, -0)).toBe(true);
	});

	test('whatever the two values, the result equals the new one', () => {
		const value = fc.letrec((tie) => ({
			node: fc.oneof(
				{ depthSize: 'small' },
				fc.integer({ min: -3, max: 3 }),
				fc.constantFrom('a', 'b', null, true),
				fc.array(tie('node'), { maxLength: 4 }),
				fc.dictionary(fc.constantFrom('key', 'id', 'x', 'y'), tie('node'), {
					maxKeys: 4,
					noNullPrototype: true
				})
			)
		})).node;
		fc.assert(
			fc.property(value, value, (before, after) => {
				const copy = structuredClone(after);
				expect(keepUnchanged(before, after)).toStrictEqual(copy);
			})
		);
	});

	test('a keeper shares each layout with the one before it', () => {
		const keep = layoutKeeper<{ chips: { key: string; x: number }[] }>();
		const first = keep({ chips: [{ key: 'a', x: 1 }] });
		const second = keep({
			chips: [
				{ key: 'a', x: 1 },
				{ key: 'b', x: 2 }
			]
		});
		expect(second.chips[0]).toBe(first.chips[0]);
		expect(keep(structuredClone(second))).toBe(second);
	});
});
