import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { linearScale } from './linear';

const pairs: [number, number][] = [
	[0, 1],
	[0, 100],
	[0, 37.8],
	[0, 1.08],
	[0, 0.0432],
	[0, 3.7e9],
	[58, 712],
	[82, 18],
	[5, 5],
	[-3, 12.5],
	[10, -10]
];

describe('linearScale', () => {
	it('gives the numbers and ticks d3-scale gives', () => {
		for (const domain of pairs) {
			for (const range of pairs) {
				const ours = linearScale(domain, range);
				const d3 = scaleLinear().domain(domain).range(range);
				expect(ours.domain()).toEqual(d3.domain());
				for (const v of [...domain, 0, 1, 0.5, 7, -2, 1e6, (domain[0] + domain[1]) / 3, NaN]) {
					expect(ours(v)).toBe(d3(v));
				}
				for (const count of [undefined, 0, 1, 2, 3, 4, 7, 10]) {
					expect(ours.ticks(count)).toEqual(d3.ticks(count));
				}
			}
		}
	});
});
