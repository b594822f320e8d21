/**
 * The band and point scales of d3-scale (`scaleBand`, `scalePoint`), cut down to what
 * the layouts use: a domain, a range and inner padding, no rounding, centred.
 * d3-scale ships as one module, so importing these from it would put all of it
 * (linear scales, number formats, interpolators) on every page that draws a band;
 * the numbers here are computed exactly as d3-scale computes them
 * (tests: src/lib/viz/band.test.ts).
 */

export interface BandScale<Domain> {
	(value: Domain): number | undefined;
	bandwidth(): number;
	step(): number;
}

function scale<Domain>(
	domain: readonly Domain[],
	[r0, r1]: readonly [number, number],
	paddingInner: number,
	paddingOuter: number
): BandScale<Domain> {
	const index = new Map<Domain, number>();
	for (const value of domain) if (!index.has(value)) index.set(value, index.size);
	const n = index.size;
	const reverse = r1 < r0;
	let start = reverse ? r1 : r0;
	const stop = reverse ? r0 : r1;
	const step = (stop - start) / Math.max(1, n - paddingInner + paddingOuter * 2);
	start += (stop - start - step * (n - paddingInner)) * 0.5;
	const bandwidth = step * (1 - paddingInner);
	const values = Array.from({ length: n }, (_, i) => start + step * i);
	if (reverse) values.reverse();
	const band = (value: Domain) => {
		const i = index.get(value);
		return i === undefined ? undefined : values[i];
	};
	return Object.assign(band, { bandwidth: () => bandwidth, step: () => step });
}

/** `scaleBand().domain(domain).range(range).paddingInner(paddingInner)`. */
export function bandScale<Domain>(
	domain: readonly Domain[],
	range: readonly [number, number],
	paddingInner = 0
): BandScale<Domain> {
	return scale(domain, range, Math.min(1, paddingInner), 0);
}

/** `scalePoint().domain(domain).range(range)`. */
export function pointScale<Domain>(
	domain: readonly Domain[],
	range: readonly [number, number]
): BandScale<Domain> {
	return scale(domain, range, 1, 0);
}
