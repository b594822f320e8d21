/**
 * Pure data and geometry for the cgroups timelines: per-group series read
 * from a trace's tick frames, and the paths, limit lines and markers of one
 * small chart. Components only draw what these return.
 */
import { scaleLinear } from '../linear-scale';
import { area, curveStepBefore, line } from 'd3-shape';
import type { Frame } from '$lib/sim/core';
import { formatBytes, type CgroupsState, type GroupView } from '$lib/sim/cgroups';

export type Metric = 'cpu' | 'memory' | 'read' | 'write';

/** One group's values at the end of one tick (tick 0: the start). */
export interface Sample {
	tick: number;
	/** CPUs' worth used and wanted in the tick. */
	cpu: number;
	cpuWant: number;
	/** The quota as CPUs' worth (quota / period), null for "max". */
	cpuLimit: number | null;
	throttled: boolean;
	memory: number;
	cache: number;
	memoryMax: number | null;
	memoryHigh: number | null;
	/** Bytes per second read and written, wanted, and their io.max limits. */
	read: number;
	readWant: number;
	readLimit: number | null;
	readHeld: boolean;
	write: number;
	writeWant: number;
	writeLimit: number | null;
	writeHeld: boolean;
}

export interface GroupSeries {
	path: string;
	depth: number;
	samples: Sample[];
	/** Ticks in which the OOM killer killed a process of this group, with the victims. */
	kills: { tick: number; names: string[] }[];
}

export interface TraceSeries {
	ticks: number;
	tickUs: number;
	cpus: number;
	groups: GroupSeries[];
	/** Which charts have anything to show. */
	metrics: Metric[];
	/** The tick each frame shows (frames of fork/set/exit ops show the tick before them). */
	tickOfStep: number[];
}

function sampleOf(g: GroupView, tick: number, tickUs: number): Sample {
	const perSecond = 1_000_000 / tickUs;
	return {
		tick,
		cpu: g.cpuUs / tickUs,
		cpuWant: g.cpuWantUs / tickUs,
		cpuLimit: g.quotaUs === null ? null : g.quotaUs / g.periodUs,
		throttled: g.throttled,
		memory: g.memory,
		cache: g.cache,
		memoryMax: g.memoryMax,
		memoryHigh: g.memoryHigh,
		read: g.readBytes * perSecond,
		readWant: g.readWant * perSecond,
		readLimit: g.rbpsMax,
		readHeld: g.readBytes < g.readWant,
		write: g.writeBytes * perSecond,
		writeWant: g.writeWant * perSecond,
		writeLimit: g.wbpsMax,
		writeHeld: g.writeBytes < g.writeWant
	};
}

/** Series per frames array: a trace's frames never change. */
const seriesMemo = new WeakMap<readonly Frame<CgroupsState>[], TraceSeries>();

/**
 * Series for every group below the root (the root alone when there is none),
 * one sample per tick. Reads each tick frame once; O(frames × groups).
 */
export function seriesOf(frames: readonly Frame<CgroupsState>[]): TraceSeries {
	const known = seriesMemo.get(frames);
	if (known) return known;
	const building = buildSeries(frames);
	for (let next = building.next(); ; next = building.next()) if (next.done) return next.value;
}

/** Frames read between two slices of seriesInSlices. */
const FRAMES_PER_SLICE = 500;

/**
 * seriesOf in slices, for a big trace before it is drawn: each `yield` ends a
 * slice of FRAMES_PER_SLICE frames (a 10,000-tick trace of 16 groups took one
 * task of ~400 ms), and the series, with each group's peaks, are remembered for
 * seriesOf and yMaxOf.
 */
export function* seriesInSlices(frames: readonly Frame<CgroupsState>[]): Generator<void> {
	if (seriesMemo.has(frames)) return;
	const series = yield* buildSeries(frames);
	for (const group of series.groups) {
		for (const metric of ['cpu', 'memory', 'read', 'write'] as const) {
			peakOf(metric, group);
		}
		yield;
	}
}

function* buildSeries(frames: readonly Frame<CgroupsState>[]): Generator<void, TraceSeries> {
	const first = frames[0];
	const shown = first.groups.length > 1 ? first.groups.slice(1) : first.groups.slice(0, 1);
	const groups: GroupSeries[] = shown.map((g) => ({
		path: g.path,
		depth: g.depth,
		samples: [],
		kills: []
	}));
	const index = new Map(groups.map((g, i) => [g.path, i]));
	const tickOfStep: number[] = [];
	let lastTick = -1;
	let read = 0;
	for (const frame of frames) {
		if (++read % FRAMES_PER_SLICE === 0) yield;
		tickOfStep.push(frame.tick);
		// A sample at tick t is drawn over the tick that ends there, (t − 1, t]. A change an
		// op makes after tick t (a new limit) holds from tick t + 1, whose sample has it
		// already: patched into t's, it showed one tick early. Tick 0 is the start, before
		// any tick runs: the ops there set it up.
		if (frame.tick === lastTick && frame.tick === 0) {
			for (const g of frame.groups) {
				const i = index.get(g.path);
				if (i === undefined) continue;
				const samples = groups[i].samples;
				const prev = samples[samples.length - 1];
				const now = sampleOf(g, frame.tick, frame.tickUs);
				samples[samples.length - 1] = {
					...prev,
					cpuLimit: now.cpuLimit,
					memory: now.memory,
					cache: now.cache,
					memoryMax: now.memoryMax,
					memoryHigh: now.memoryHigh,
					readLimit: now.readLimit,
					writeLimit: now.writeLimit
				};
			}
		} else if (frame.tick !== lastTick) {
			for (const g of frame.groups) {
				const i = index.get(g.path);
				if (i !== undefined) groups[i].samples.push(sampleOf(g, frame.tick, frame.tickUs));
			}
		}
		const killed =
			frame.event.kind === 'tick' || frame.event.kind === 'fork' || frame.event.kind === 'set'
				? frame.event.killed
				: [];
		for (const kill of killed) {
			const owner = groups.find((g) => kill.group === g.path) ?? null;
			if (!owner) continue;
			const last = owner.kills[owner.kills.length - 1];
			if (last && last.tick === frame.tick) last.names.push(kill.name);
			else owner.kills.push({ tick: frame.tick, names: [kill.name] });
		}
		lastTick = frame.tick;
	}
	const any = (pick: (s: Sample) => number | null) =>
		groups.some((g) => g.samples.some((s) => (pick(s) ?? 0) > 0));
	const metrics: Metric[] = [];
	if (any((s) => s.cpuWant) || any((s) => s.cpuLimit)) metrics.push('cpu');
	if (any((s) => s.memory) || any((s) => s.memoryMax)) metrics.push('memory');
	// Reads are shown when they are limited, or when nothing is written.
	const writes = any((s) => s.writeWant) || any((s) => s.writeLimit);
	if (any((s) => s.readLimit) || (!writes && any((s) => s.readWant))) metrics.push('read');
	if (writes) metrics.push('write');
	if (metrics.length === 0) metrics.push('cpu');
	const last = frames[frames.length - 1];
	const series = {
		ticks: last.tick,
		tickUs: first.tickUs,
		cpus: first.cpus,
		groups,
		metrics,
		tickOfStep
	};
	seriesMemo.set(frames, series);
	return series;
}

// ---------------------------------------------------------------- one chart

export interface ChartLayout {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	/** The used amount (filled) and what was wanted (a thin line above it). */
	areaPath: string;
	wantPath: string;
	/** Extra filled area under the main one (page cache within memory). */
	innerPath: string;
	limits: { id: string; label: string; path: string; kind: 'max' | 'high' }[];
	/** Ticks where the limit held the group back. */
	held: { x: number; width: number }[];
	kills: { x: number; label: string }[];
	marker: number;
	yTicks: { y: number; label: string }[];
	xTicks: { x: number; label: string }[];
	/** x of the current tick: the solid part of the chart ends there. */
	clipWidth: number;
}

export const METRIC_INFO: Record<Metric, { label: string; unit: string }> = {
	cpu: { label: 'CPU', unit: 'CPUs' },
	memory: { label: 'Memory', unit: 'bytes' },
	read: { label: 'Disk reads', unit: 'bytes/s' },
	write: { label: 'Disk writes', unit: 'bytes/s' }
};

export function formatValue(metric: Metric, value: number): string {
	if (metric === 'cpu') return `${Math.round(value * 100) / 100}`;
	if (metric === 'memory') return formatBytes(value);
	return `${formatBytes(value)}/s`;
}

function valueOf(metric: Metric, s: Sample): { used: number; want: number; inner: number } {
	switch (metric) {
		case 'cpu':
			return { used: s.cpu, want: s.cpuWant, inner: 0 };
		case 'memory':
			return { used: s.memory, want: s.memory, inner: s.cache };
		case 'read':
			return { used: s.read, want: s.readWant, inner: 0 };
		case 'write':
			return { used: s.write, want: s.writeWant, inner: 0 };
	}
}

function limitsOf(metric: Metric, s: Sample): { max: number | null; high: number | null } {
	switch (metric) {
		case 'cpu':
			return { max: s.cpuLimit, high: null };
		case 'memory':
			return { max: s.memoryMax, high: s.memoryHigh };
		case 'read':
			return { max: s.readLimit, high: null };
		case 'write':
			return { max: s.writeLimit, high: null };
	}
}

const LIMIT_LABEL: Record<Metric, { max: string; high: string }> = {
	cpu: { max: 'cpu.max', high: '' },
	memory: { max: 'memory.max', high: 'memory.high' },
	read: { max: 'io.max rbps', high: '' },
	write: { max: 'io.max wbps', high: '' }
};

/** Where a chart's plot starts: room for its axis's 12 px labels ("1023.9K/s", about 58 px). */
const PLOT_LEFT = 64;

/**
 * One chart of one group: `ticks` wide, values scaled to the larger of the
 * series, its limits and (for CPU) the machine, so limits are always in view.
 * `yMax` lets two renderers share a scale.
 */
export function chartLayout(
	metric: Metric,
	series: GroupSeries,
	options: {
		width: number;
		height: number;
		ticks: number;
		tick: number;
		cpus: number;
		yMax?: number;
	}
): ChartLayout {
	const { width, height, ticks, tick } = options;
	const plot = { left: PLOT_LEFT, right: width - 8, top: 18, bottom: height - 16 };
	const x = scaleLinear([0, Math.max(1, ticks)], [plot.left, plot.right]);
	const top = options.yMax ?? yMaxOf(metric, [series], options.cpus);
	const y = scaleLinear([0, top], [plot.bottom, plot.top]);
	// A sample a pixel at most: a 10,000-tick run in a 400-pixel chart is drawn as the
	// envelope of its ticks (coarseSamples) instead of 10,000 steps.
	const samples = coarseSamples(series.samples, Math.max(2, Math.ceil(plot.right - plot.left)));
	const coarse = samples !== series.samples;
	const values = samples.map((s) => valueOf(metric, s));
	const clampY = (v: number) => y(Math.min(v, y.domain()[1]));

	// A tick's value covers (tick-1, tick]: step curves that end each step at the tick.
	// Paths keep two decimals and only the corners of each step (see stepCorners):
	// they are sent in the prerendered page, and a flat run of a thousand ticks
	// would otherwise be a thousand points.
	const areaGen = area<number>()
		.x((i) => x(samples[i].tick))
		.y0(plot.bottom)
		.y1((i) => clampY(values[i].used))
		.curve(curveStepBefore)
		.digits(2);
	const lineGen = (pick: (i: number) => number | null) => {
		const draw = line<number>()
			.defined((i) => pick(i) !== null)
			.x((i) => x(samples[i].tick))
			.y((i) => clampY(pick(i) ?? 0))
			.curve(curveStepBefore)
			.digits(2);
		return (all: number[]) => draw(stepCorners(all, pick));
	};
	const indices = samples.map((_, i) => i);
	const innerGen = area<number>()
		.x((i) => x(samples[i].tick))
		.y0(plot.bottom)
		.y1((i) => clampY(values[i].inner))
		.curve(curveStepBefore)
		.digits(2);

	const limits: ChartLayout['limits'] = [];
	for (const kind of ['max', 'high'] as const) {
		if (!samples.some((s) => limitsOf(metric, s)[kind] !== null)) continue;
		limits.push({
			id: `${metric}-${kind}`,
			label: LIMIT_LABEL[metric][kind],
			kind,
			path: lineGen((i) => limitsOf(metric, samples[i])[kind])(indices) ?? ''
		});
	}

	const step = x(1) - x(0);
	const held: ChartLayout['held'] = [];
	for (const [k, s] of samples.entries()) {
		const isHeld =
			metric === 'cpu'
				? s.throttled
				: metric === 'read'
					? s.readHeld
					: metric === 'write'
						? s.writeHeld
						: false;
		if (!isHeld || s.tick === 0) continue;
		const last = held[held.length - 1];
		// A coarse sample stands for the ticks since the one before it.
		const left = coarse && k > 0 ? x(samples[k - 1].tick) : x(s.tick - 1);
		const width = coarse ? x(s.tick) - left : step;
		if (last && Math.abs(last.x + last.width - left) < 0.01) last.width += width;
		else held.push({ x: left, width });
	}

	const kills =
		metric === 'memory'
			? series.kills.map((k) => ({ x: x(k.tick), label: `OOM kill: ${k.names.join(', ')}` }))
			: [];

	const yTicks = niceTicks(metric, top).map((v) => ({ y: y(v), label: formatAxis(metric, v) }));
	const xTicks = x
		.ticks(Math.max(2, Math.floor(width / 90)))
		.filter((v) => Number.isInteger(v))
		.map((v) => ({ x: x(v), label: String(v) }));
	return {
		width,
		height,
		plot,
		areaPath: areaGen(stepCorners(indices, (i) => values[i].used)) ?? '',
		wantPath: metric === 'memory' ? '' : (lineGen((i) => values[i].want)(indices) ?? ''),
		innerPath:
			metric === 'memory' ? (innerGen(stepCorners(indices, (i) => values[i].inner)) ?? '') : '',
		limits,
		held,
		kills,
		yTicks,
		xTicks,
		...chartMarker({ width, ticks, tick })
	};
}

/**
 * At most `most` samples for a chart narrower than its ticks: the first, then
 * one per run of consecutive ticks, at the run's last tick, holding the run's
 * largest values and limits and held back if any of its ticks was. Drawn as a
 * step curve, that is the envelope of every tick: no peak, limit or OOM kill
 * is lost, where one point per tick would put dozens in one pixel. Samples
 * already few enough come back as they are.
 */
export function coarseSamples(samples: readonly Sample[], most: number): readonly Sample[] {
	if (samples.length <= most || most < 2) return samples;
	// Every chart of a group (CPU, memory, I/O) asks for the same width: one pass each.
	let byWidth = coarseMemo.get(samples);
	if (!byWidth) coarseMemo.set(samples, (byWidth = new Map()));
	const known = byWidth.get(most);
	if (known) return known;
	const size = Math.ceil((samples.length - 1) / (most - 1));
	const out: Sample[] = [samples[0]];
	for (let start = 1; start < samples.length; start += size) {
		const end = Math.min(samples.length, start + size);
		const run: Sample = { ...samples[end - 1] };
		for (let i = start; i < end - 1; i++) widen(run, samples[i]);
		out.push(run);
	}
	byWidth.set(most, out);
	return out;
}

const coarseMemo = new WeakMap<readonly Sample[], Map<number, Sample[]>>();

const maxOrNull = (a: number | null, b: number | null) =>
	a === null ? b : b === null ? a : Math.max(a, b);

/** Widens `run` to hold `s` too: the larger value and limit, held back if either was. */
function widen(run: Sample, s: Sample): void {
	run.cpu = Math.max(run.cpu, s.cpu);
	run.cpuWant = Math.max(run.cpuWant, s.cpuWant);
	run.cpuLimit = maxOrNull(run.cpuLimit, s.cpuLimit);
	run.throttled ||= s.throttled;
	run.memory = Math.max(run.memory, s.memory);
	run.cache = Math.max(run.cache, s.cache);
	run.memoryMax = maxOrNull(run.memoryMax, s.memoryMax);
	run.memoryHigh = maxOrNull(run.memoryHigh, s.memoryHigh);
	run.read = Math.max(run.read, s.read);
	run.readWant = Math.max(run.readWant, s.readWant);
	run.readLimit = maxOrNull(run.readLimit, s.readLimit);
	run.readHeld ||= s.readHeld;
	run.write = Math.max(run.write, s.write);
	run.writeWant = Math.max(run.writeWant, s.writeWant);
	run.writeLimit = maxOrNull(run.writeLimit, s.writeLimit);
	run.writeHeld ||= s.writeHeld;
}

/**
 * The points a step curve (curveStepBefore) needs: a point whose value equals
 * both neighbours' only lengthens a flat run, so dropping it draws the same
 * picture. The first and last points always stay.
 */
export function stepCorners(indices: number[], valueAt: (i: number) => number | null): number[] {
	return indices.filter((index, k) => {
		if (k === 0 || k === indices.length - 1) return true;
		const value = valueAt(index);
		return value !== valueAt(indices[k - 1]) || value !== valueAt(indices[k + 1]);
	});
}

/**
 * Where a chart marks the current tick: the part of chartLayout that changes from
 * step to step, so that a step need not lay the whole chart out again.
 */
export function chartMarker(options: { width: number; ticks: number; tick: number }): {
	marker: number;
	clipWidth: number;
} {
	const { width, ticks, tick } = options;
	const x = scaleLinear([0, Math.max(1, ticks)], [PLOT_LEFT, width - 8]);
	const marker = x(Math.min(tick, ticks));
	return { marker, clipWidth: Math.max(0, marker - PLOT_LEFT) };
}

/** The top of the y scale for a metric over several series (so two renderers can share it). */
export function yMaxOf(metric: Metric, series: readonly GroupSeries[], cpus: number): number {
	let top = 0;
	for (const g of series) top = Math.max(top, peakOf(metric, g));
	if (metric === 'cpu') top = Math.max(top, Math.min(1, cpus));
	return top > 0 ? top * 1.08 : 1;
}

/** Each group's largest value or limit per metric (groups' samples never change). */
const peaks = new WeakMap<GroupSeries, Partial<Record<Metric, number>>>();

function peakOf(metric: Metric, group: GroupSeries): number {
	let known = peaks.get(group);
	if (!known) peaks.set(group, (known = {}));
	let top = known[metric];
	if (top === undefined) {
		top = 0;
		for (const s of group.samples) {
			const v = valueOf(metric, s);
			const l = limitsOf(metric, s);
			top = Math.max(top, v.used, v.want, l.max ?? 0, l.high ?? 0);
		}
		known[metric] = top;
	}
	return top;
}

/** Three or so ticks at round values: CPUs as numbers, bytes in round binary units. */
function niceTicks(metric: Metric, top: number): number[] {
	if (metric === 'cpu' || top < 1024) return scaleLinear([0, top], [0, 1]).ticks(3);
	const unit = 1024 ** Math.min(4, Math.floor(Math.log(top) / Math.log(1024)));
	return scaleLinear([0, top / unit], [0, 1])
		.ticks(3)
		.map((v) => v * unit);
}

function formatAxis(metric: Metric, value: number): string {
	if (metric === 'cpu') return `${Math.round(value * 100) / 100}`;
	const units = ['B', 'K', 'M', 'G', 'T'];
	let v = value;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	const text = `${Math.round(v * 10) / 10}${units[u]}`;
	return metric === 'memory' ? text : `${text}/s`;
}

// ---------------------------------------------------------------- text

/** One sentence per group about the whole run, for screen readers and the table view. */
export function summaryOf(series: GroupSeries, tickUs: number): string {
	const s = series.samples;
	const peakMemory = Math.max(0, ...s.map((x) => x.memory));
	const cpuTotal = s.reduce((sum, x) => sum + x.cpu, 0) * tickUs;
	const throttledTicks = s.filter((x) => x.throttled).length;
	const ioHeld = s.filter((x) => x.readHeld || x.writeHeld).length;
	const parts = [`${Math.round(cpuTotal / 100) / 10} ms of CPU in all`];
	if (throttledTicks) parts.push(`throttled in ${throttledTicks} ticks`);
	parts.push(`memory peaking at ${formatBytes(peakMemory)}`);
	if (series.kills.length) {
		parts.push(`OOM kills of ${series.kills.flatMap((k) => k.names).join(', ')}`);
	}
	if (ioHeld) parts.push(`I/O held back by io.max in ${ioHeld} ticks`);
	return `${series.path}: ${parts.join(', ')}.`;
}
