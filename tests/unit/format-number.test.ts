import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNumber } from '$lib/sim/core/format';

describe('formatNumber', () => {
	it('writes what toLocaleString("en-US") writes', () => {
		for (const n of [
			0,
			-0,
			1,
			-1,
			999,
			1000,
			1250,
			2.5,
			0.125,
			1.0005,
			2.0005,
			-1.0005,
			0.0004,
			0.0005,
			-0.0004,
			999.9995,
			1e20,
			123456789.123456,
			NaN,
			Infinity,
			-Infinity
		])
			expect(formatNumber(n), String(n)).toBe(n.toLocaleString('en-US'));
	});

	it('agrees with toLocaleString("en-US") on any number a scenario can hold', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.integer(),
					fc.double({ min: -1e15, max: 1e15, noNaN: true }),
					fc.double({ min: -10, max: 10, noNaN: true }),
					fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 10_000)
				),
				(n) => formatNumber(n) === n.toLocaleString('en-US')
			),
			{ numRuns: 5000 }
		);
	});
});
