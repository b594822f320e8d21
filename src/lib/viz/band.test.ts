import { scaleBand, scalePoint } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { bandScale, pointScale } from './band';

const ranges: [number, number][] = [
	[0, 1],
	[0, 900],
	[112, 884],
	[500, 20],
	[3, 3]
];
const domains = [[], ['a'], ['vm', 'container'], ['a', 'b', 'c', 'b', 'd'], [0, 1, 2, 3, 4, 5, 6]];

describe('bandScale and pointScale', () => {
	it('give the numbers d3-scale gives', () => {
		for (const range of ranges) {
			for (const domain of domains) {
				for (const padding of [0, 0.06, 0.5, 1, 2]) {
					const ours = bandScale<string | number>(domain, range, padding);
					const d3 = scaleBand<string | number>().domain(domain).range(range).paddingInner(padding);
					expect(ours.bandwidth()).toBe(d3.bandwidth());
					expect(ours.step()).toBe(d3.step());
					for (const value of [...domain, 'missing']) expect(ours(value)).toBe(d3(value));
				}
				const ours = pointScale<string | number>(domain, range);
				const d3 = scalePoint<string | number>().domain(domain).range(range);
				expect(ours.bandwidth()).toBe(d3.bandwidth());
				expect(ours.step()).toBe(d3.step());
				for (const value of [...domain, 'missing']) expect(ours(value)).toBe(d3(value));
			}
		}
	});
});
