/**
 * d3's band and point scales (d3-scale 4, src/band.js and src/ordinal.js; ISC
 * licence, Mike Bostock), with the same arithmetic, for the pictures that only
 * place things in bands.
 *
 * Why not import them from d3-scale: the package ships as one module, so the
 * bundler cannot split it, and every page that drew with a band scale also
 * loaded what the cgroups charts use from it (the linear scale, its ticks, and
 * d3-format and d3-interpolate behind them): 9.6 KB gzip. band-scale.test.ts
 * holds these to d3-scale's own results.
 */

export interface BandScale<Domain extends string | number> {
	/** The start of `value`'s band, or undefined for a value outside the domain. */
	(value: Domain): number | undefined;
	domain(): Domain[];
	domain(values: Iterable<Domain>): this;
	range(): [number, number];
	range(range: Iterable<number>): this;
	bandwidth(): number;
	step(): number;
	round(): boolean;
	round(round: boolean): this;
	paddingInner(): number;
	paddingInner(padding: number): this;
	paddingOuter(): number;
	paddingOuter(padding: number): this;
	padding(): number;
	padding(padding: number): this;
	align(): number;
	align(align: number): this;
}

export type PointScale<Domain extends string | number> = Omit<
	BandScale<Domain>,
	'paddingInner' | 'paddingOuter'
>;

export function scaleBand<Domain extends string | number>(): BandScale<Domain> {
	let values: Domain[] = [];
	let index = new Map<Domain, number>();
	let starts: number[] = [];
	let r0 = 0;
	let r1 = 1;
	let step = 1;
	let bandwidth = 1;
	let round = false;
	let paddingInner = 0;
	let paddingOuter = 0;
	let align = 0.5;

	const scale = ((value: Domain) => {
		const i = index.get(value);
		return i === undefined ? undefined : starts[i % starts.length];
	}) as BandScale<Domain>;

	function rescale() {
		const n = values.length;
		const reverse = r1 < r0;
		let start = reverse ? r1 : r0;
		const stop = reverse ? r0 : r1;
		step = (stop - start) / Math.max(1, n - paddingInner + paddingOuter * 2);
		if (round) step = Math.floor(step);
		start += (stop - start - step * (n - paddingInner)) * align;
		bandwidth = step * (1 - paddingInner);
		if (round) {
			start = Math.round(start);
			bandwidth = Math.round(bandwidth);
		}
		starts = Array.from({ length: n }, (_, i) => start + step * i);
		if (reverse) starts.reverse();
		return scale;
	}

	// Overloads are typed by the interface; one body serves the getter and the setter.
	const accessor =
		<T>(get: () => T, set: (value: T) => void) =>
		(...args: T[]) => {
			if (args.length === 0) return get();
			set(args[0]);
			return rescale();
		};

	scale.domain = accessor<Iterable<Domain>>(
		() => values.slice(),
		(domain) => {
			values = [];
			index = new Map();
			for (const value of domain) {
				if (index.has(value)) continue;
				index.set(value, values.push(value) - 1);
			}
		}
	) as BandScale<Domain>['domain'];
	scale.range = accessor<Iterable<number>>(
		() => [r0, r1],
		(range) => {
			[r0, r1] = Array.from(range, Number);
		}
	) as BandScale<Domain>['range'];
	scale.round = accessor<boolean>(
		() => round,
		(value) => (round = !!value)
	) as BandScale<Domain>['round'];
	scale.paddingInner = accessor<number>(
		() => paddingInner,
		(value) => (paddingInner = Math.min(1, value))
	) as BandScale<Domain>['paddingInner'];
	scale.paddingOuter = accessor<number>(
		() => paddingOuter,
		(value) => (paddingOuter = +value)
	) as BandScale<Domain>['paddingOuter'];
	scale.padding = accessor<number>(
		() => paddingInner,
		(value) => (paddingInner = Math.min(1, (paddingOuter = +value)))
	) as BandScale<Domain>['padding'];
	scale.align = accessor<number>(
		() => align,
		(value) => (align = Math.max(0, Math.min(1, value)))
	) as BandScale<Domain>['align'];
	scale.bandwidth = () => bandwidth;
	scale.step = () => step;
	return rescale();
}

/** A band scale whose bands have no width: evenly spaced points (d3's scalePoint). */
export function scalePoint<Domain extends string | number>(): PointScale<Domain> {
	const band = scaleBand<Domain>().paddingInner(1);
	const point = band as PointScale<Domain> & Partial<BandScale<Domain>>;
	// d3: a point scale's padding is the band scale's outer padding.
	point.padding = band.paddingOuter as PointScale<Domain>['padding'];
	delete point.paddingInner;
	delete point.paddingOuter;
	return point;
}
