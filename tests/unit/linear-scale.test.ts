/**
 * The cgroups charts' linear scale against d3-scale's: the same position for every
 * value and the same ticks, for any domain and range (the charts must not move).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as d3 from 'd3-scale';
import { scaleLinear } from '$lib/viz/linear-scale';

const finite = (size: number) => fc.double({ min: -size, max: size, noNaN: true });

/** A result, or that it threw (d3-array's ticks cannot count between subnormal numbers). */
function outcome<T>(run: () => T): T | 'throws' {
	try {
		return run();
	} catch {
		return 'throws';
	}
}

describe('linear-scale', () => {
	it('maps every value where d3-scale does, inside and outside the domain', () => {
		fc.assert(
			fc.property(
				fc.tuple(finite(1e12), finite(1e12)),
				fc.tuple(finite(5000), finite(5000)),
				fc.array(finite(1e13), { maxLength: 20 }),
				(domain, range, values) => {
					const ours = scaleLinear(domain, range);
					const theirs = d3.scaleLinear().domain(domain).range(range);
					for (const value of [...values, ...domain]) {
						expect(Object.is(ours(value), theirs(value)), `${value}`).toBe(true);
					}
					expect(ours.domain()).toEqual(theirs.domain());
					expect(ours.range()).toEqual(theirs.range());
				}
			)
		);
	});

	it('gives the ticks d3-scale gives, for any count', () => {
		fc.assert(
			fc.property(
				fc.tuple(finite(1e9), finite(1e9)),
				fc.integer({ min: 0, max: 30 }),
				(domain, count) => {
					const ours = scaleLinear(domain, [0, 1]);
					const theirs = d3.scaleLinear().domain(domain);
					expect(outcome(() => ours.ticks(count))).toEqual(outcome(() => theirs.ticks(count)));
					expect(outcome(() => ours.ticks())).toEqual(outcome(() => theirs.ticks()));
				}
			)
		);
	});

	it('maps a degenerate domain to the middle of the range, as d3 does', () => {
		const flat = scaleLinear([3, 3], [10, 30]);
		expect(flat(3)).toBe(20);
		expect(flat(1_000)).toBe(d3.scaleLinear().domain([3, 3]).range([10, 30])(1_000));
		// A descending domain reads from its other end.
		expect(scaleLinear([10, 0], [0, 100])(2.5)).toBe(75);
	});
});
