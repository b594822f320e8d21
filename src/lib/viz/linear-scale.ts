/**
 * d3's linear scale (d3-scale 4, src/linear.js and src/continuous.js; ISC
 * licence, Mike Bostock) for one numeric domain and range, with the same
 * arithmetic, and its ticks from d3-array.
 *
 * Why not import it from d3-scale: its linear scale interpolates with
 * d3-interpolate's generic interpolator, which also reads colours and dates
 * (d3-color), and carries tick formatting (d3-format). The cgroups charts only
 * map numbers to pixels, and those modules were 6.8 KB gzip of the cgroups
 * pages. linear-scale.test.ts holds these to d3-scale's own results.
 */
import { ticks } from 'd3-array';

export interface LinearScale {
	/** The range value for `value` (extrapolated outside the domain, as d3 does unclamped). */
	(value: number): number;
	domain(): [number, number];
	range(): [number, number];
	/** About `count` round values inside the domain (d3-array's ticks). */
	ticks(count?: number): number[];
}

/** d3-scale's normalize: where `x` lies between a and b, as a fraction. */
function normalize(a: number, b: number): (x: number) => number {
	const span = b - a;
	if (span) return (x) => (x - a) / span;
	const middle = isNaN(span) ? NaN : 0.5;
	return () => middle;
}

/** d3-interpolate's interpolateNumber. */
const interpolateNumber = (a: number, b: number) => (t: number) => a * (1 - t) + b * t;

export function scaleLinear(domain: [number, number], range: [number, number]): LinearScale {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	// d3's bimap: a descending domain is read from its other end.
	const fraction = d1 < d0 ? normalize(d1, d0) : normalize(d0, d1);
	const interpolate = d1 < d0 ? interpolateNumber(r1, r0) : interpolateNumber(r0, r1);
	const scale = ((value: number) => interpolate(fraction(value))) as LinearScale;
	scale.domain = () => [d0, d1];
	scale.range = () => [r0, r1];
	scale.ticks = (count = 10) => ticks(d0, d1, count);
	return scale;
}
