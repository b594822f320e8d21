/**
 * Pure data and geometry for the cgroups timelines: per-group series read
 * from a trace's tick frames, and the paths, limit lines and markers of one
 * small chart. Components only draw what these return.
 */
import { scaleLinear } from 'd3-scale';
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

/**
 * Series for every group below the root (the root alone when there is none),
 * one sample per tick. Reads each tick frame once; O(frames × groups).
 */
export function seriesOf(frames: readonly Frame<CgroupsState>[]): TraceSeries {
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
	for (const frame of frames) {
		tickOfStep.push(frame.tick);
		// Changes made by ops (a new limit) show from the next tick; tick 0 is the start.
		if (frame.tick === lastTick) {
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
		} else {
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
	return { ticks: last.tick, tickUs: first.tickUs, cpus: first.cpus, groups, metrics, tickOfStep };
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
	const plot = { left: 58, right: width - 8, top: 18, bottom: height - 16 };
	const x = scaleLinear()
		.domain([0, Math.max(1, ticks)])
		.range([plot.left, plot.right]);
	const top = options.yMax ?? yMaxOf(metric, [series], options.cpus);
	const y = scaleLinear().domain([0, top]).range([plot.bottom, plot.top]);
	const samples = series.samples;
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
	for (const s of samples) {
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
		const left = x(s.tick - 1);
		if (last && Math.abs(last.x + last.width - left) < 0.01) last.width += step;
		else held.push({ x: left, width: step });
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
	const left = 58;
	const x = scaleLinear()
		.domain([0, Math.max(1, ticks)])
		.range([left, width - 8]);
	const marker = x(Math.min(tick, ticks));
	return { marker, clipWidth: Math.max(0, marker - left) };
}

/** The top of the y scale for a metric over several series (so two renderers can share it). */
export function yMaxOf(metric: Metric, series: readonly GroupSeries[], cpus: number): number {
	let top = 0;
	for (const g of series) {
		for (const s of g.samples) {
			const v = valueOf(metric, s);
			const l = limitsOf(metric, s);
			top = Math.max(top, v.used, v.want, l.max ?? 0, l.high ?? 0);
		}
	}
	if (metric === 'cpu') top = Math.max(top, Math.min(1, cpus));
	return top > 0 ? top * 1.08 : 1;
}

/** Three or so ticks at round values: CPUs as numbers, bytes in round binary units. */
function niceTicks(metric: Metric, top: number): number[] {
	if (metric === 'cpu' || top < 1024) return scaleLinear().domain([0, top]).range([0, 1]).ticks(3);
	const unit = 1024 ** Math.min(4, Math.floor(Math.log(top) / Math.log(1024)));
	return scaleLinear()
		.domain([0, top / unit])
		.range([0, 1])
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
