/**
 * The site's band and point scales against d3-scale's: the same positions, widths
 * and steps for any domain, range and padding (the pictures must not move).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as d3 from 'd3-scale';
import { scaleBand, scalePoint } from '$lib/viz/band-scale';

const settings = fc.record({
	domain: fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 5 })), {
		maxLength: 12
	}),
	range: fc.tuple(
		fc.double({ min: -2000, max: 2000, noNaN: true }),
		fc.double({ min: -2000, max: 2000, noNaN: true })
	),
	paddingInner: fc.double({ min: 0, max: 1.5, noNaN: true }),
	paddingOuter: fc.double({ min: 0, max: 3, noNaN: true }),
	align: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
	round: fc.boolean()
});

describe('band-scale', () => {
	it('places every band where d3-scale does', () => {
		fc.assert(
			fc.property(settings, ({ domain, range, paddingInner, paddingOuter, align, round }) => {
				const ours = scaleBand<string | number>()
					.domain(domain)
					.range(range)
					.paddingInner(paddingInner)
					.paddingOuter(paddingOuter)
					.align(align)
					.round(round);
				const theirs = d3
					.scaleBand<string | number>()
					.domain(domain)
					.range(range)
					.paddingInner(paddingInner)
					.paddingOuter(paddingOuter)
					.align(align)
					.round(round);
				expect(ours.domain()).toEqual(theirs.domain());
				expect(ours.bandwidth()).toBe(theirs.bandwidth());
				expect(ours.step()).toBe(theirs.step());
				expect(ours.align()).toBe(theirs.align());
				for (const value of [...domain, 'not in the domain', 99])
					expect(ours(value)).toBe(theirs(value));
			})
		);
	});

	it('spaces points where d3-scale does', () => {
		fc.assert(
			fc.property(settings, ({ domain, range, paddingOuter, align }) => {
				const ours = scalePoint<string | number>()
					.domain(domain)
					.range(range)
					.padding(paddingOuter)
					.align(align);
				const theirs = d3
					.scalePoint<string | number>()
					.domain(domain)
					.range(range)
					.padding(paddingOuter)
					.align(align);
				// Zero, with d3's sign: a range of [0, -0] gives -0 in both (Object.is tells them apart).
				expect(ours.bandwidth() === 0).toBe(true);
				expect(ours.bandwidth()).toBe(theirs.bandwidth());
				expect(ours.step()).toBe(theirs.step());
				expect(ours.padding()).toBe(theirs.padding());
				for (const value of domain) expect(ours(value)).toBe(theirs(value));
			})
		);
	});

	it('sets padding as d3 does: inner and outer together, inner at most 1', () => {
		const band = scaleBand<string>().domain(['a', 'b', 'c']).range([0, 100]).padding(1.5);
		expect([band.paddingInner(), band.paddingOuter()]).toEqual([1, 1.5]);
		expect(band.bandwidth()).toBe(0);
		expect(band('b')).toBe(
			d3.scaleBand().domain(['a', 'b', 'c']).range([0, 100]).padding(1.5)('b')
		);
	});
});
