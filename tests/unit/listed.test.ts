import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { listedRange } from '../../src/lib/labs/listed';

describe('listedRange: the part of a long list an editor lists', () => {
	test('a short list is listed whole', () => {
		expect(listedRange(12, 5, 40)).toEqual({ start: 0, end: 12 });
	});

	test('a long list is listed around the item in focus, and stops at either end', () => {
		expect(listedRange(10_000, 5_000, 40)).toEqual({ start: 4_980, end: 5_020 });
		expect(listedRange(10_000, 3, 40)).toEqual({ start: 0, end: 40 });
		expect(listedRange(10_000, 9_999, 40)).toEqual({ start: 9_960, end: 10_000 });
	});

	test('property: size items at most, the focus among them when it is in the list', () => {
		fc.assert(
			fc.property(
				fc.nat(20_000),
				fc.integer({ min: -5, max: 20_005 }),
				fc.integer({ min: 1, max: 100 }),
				(length, focus, size) => {
					const { start, end } = listedRange(length, focus, size);
					expect(start).toBeGreaterThanOrEqual(0);
					expect(end).toBeLessThanOrEqual(length);
					expect(end - start).toBe(Math.min(length, size));
					if (focus >= 0 && focus < length) {
						expect(start).toBeLessThanOrEqual(focus);
						expect(end).toBeGreaterThan(focus);
					}
				}
			)
		);
	});
});
