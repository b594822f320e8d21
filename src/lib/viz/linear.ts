/**
 * d3-scale's `scaleLinear` over a two-number domain and range, with `ticks`: what
 * the cgroups charts use. As with ./band.ts, d3-scale ships as one module that would
 * bring number formats, colour parsing and interpolators along; the numbers here are
 * computed exactly as d3-scale and d3-array compute them (tests: ./linear.test.ts).
 */

export interface LinearScale {
	(value: number): number;
	domain(): [number, number];
	/** About `count` round values within the domain (d3-array's `ticks`). */
	ticks(count?: number): number[];
}

/** `scaleLinear().domain(domain).range(range)`. */
export function linearScale(
	domain: readonly [number, number],
	range: readonly [number, number]
): LinearScale {
	const d0 = +domain[0];
	const d1 = +domain[1];
	// d3's bimap: a descending domain is read the other way round.
	const [a, b, r0, r1] = d1 < d0 ? [d1, d0, +range[1], +range[0]] : [d0, d1, +range[0], +range[1]];
	const span = b - a;
	const constant = isNaN(span) ? NaN : 0.5;
	const scale = (value: number): number => {
		// Like d3, no number in, no number out (d3's "unknown", undefined).
		if (value == null || isNaN((value = +value))) return undefined as unknown as number;
		const t = span ? (value - a) / span : constant;
		return r0 * (1 - t) + r1 * t;
	};
	return Object.assign(scale, {
		domain: (): [number, number] => [d0, d1],
		ticks: (count = 10) => ticks(d0, d1, count)
	});
}

const e10 = Math.sqrt(50);
const e5 = Math.sqrt(10);
const e2 = Math.sqrt(2);

function tickSpec(start: number, stop: number, count: number): [number, number, number] {
	const step = (stop - start) / Math.max(0, count);
	const power = Math.floor(Math.log10(step));
	const error = step / Math.pow(10, power);
	const factor = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1;
	let i1: number, i2: number, inc: number;
	if (power < 0) {
		inc = Math.pow(10, -power) / factor;
		i1 = Math.round(start * inc);
		i2 = Math.round(stop * inc);
		if (i1 / inc < start) ++i1;
		if (i2 / inc > stop) --i2;
		inc = -inc;
	} else {
		inc = Math.pow(10, power) * factor;
		i1 = Math.round(start / inc);
		i2 = Math.round(stop / inc);
		if (i1 * inc < start) ++i1;
		if (i2 * inc > stop) --i2;
	}
	if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
	return [i1, i2, inc];
}

function ticks(start: number, stop: number, count: number): number[] {
	if (!(count > 0)) return [];
	if (start === stop) return [start];
	const reverse = stop < start;
	const [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
	if (!(i2 >= i1)) return [];
	const n = i2 - i1 + 1;
	const values = new Array<number>(n);
	if (reverse) {
		if (inc < 0) for (let i = 0; i < n; ++i) values[i] = (i2 - i) / -inc;
		else for (let i = 0; i < n; ++i) values[i] = (i2 - i) * inc;
	} else {
		if (inc < 0) for (let i = 0; i < n; ++i) values[i] = (i1 + i) / -inc;
		else for (let i = 0; i < n; ++i) values[i] = (i1 + i) * inc;
	}
	return values;
}
