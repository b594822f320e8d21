import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { curveStepBefore, line } from 'd3-shape';
import { readFileSync } from 'node:fs';
import { runModel, type Frame } from '../../src/lib/sim/core';
import { cgroupsModel, type CgroupsState } from '../../src/lib/sim/cgroups';
import { largeScenario } from '../../src/lib/sim/cgroups/bench';
import {
	chartLayout,
	coarseSamples,
	seriesInSlices,
	seriesOf,
	stepCorners,
	summaryOf,
	yMaxOf
} from '../../src/lib/viz/cgroups/layout';

/** The vertices of an SVG path of M/L commands, without points that lie on a straight run. */
function drawnVertices(path: string): string[] {
	const segments = path.split('M').filter(Boolean);
	return segments.map((segment) => {
		const points = segment.split('L').map((p) => p.split(',').map(Number));
		const kept = points.filter((p, k) => {
			const before = points[k - 1];
			const after = points[k + 1];
			if (before && before[0] === p[0] && before[1] === p[1]) return false;
			if (!before || !after) return true;
			const sameX = before[0] === p[0] && p[0] === after[0];
			const sameY = before[1] === p[1] && p[1] === after[1];
			return !sameX && !sameY;
		});
		return kept.map((p) => p.join(',')).join(' ');
	});
}

function framesOf(file: string): Frame<CgroupsState>[] {
	const outcome = runModel(cgroupsModel, readFileSync(`static/scenarios/cgroups/${file}`, 'utf8'));
	if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
	return outcome.trace.frames as Frame<CgroupsState>[];
}

describe('cgroups timelines layout', () => {
	test('a step curve through the corners alone draws what all the points draw', () => {
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 5 }), {
					minLength: 1,
					maxLength: 60
				}),
				(values) => {
					const indices = values.map((_, i) => i);
					const draw = line<number>()
						.defined((i) => values[i] !== null)
						.x((i) => i * 10)
						.y((i) => values[i] ?? 0)
						.curve(curveStepBefore);
					const corners = stepCorners(indices, (i) => values[i]);
					expect(drawnVertices(draw(corners) ?? '')).toEqual(drawnVertices(draw(indices) ?? ''));
				}
			),
			{ numRuns: 2_000 }
		);
	});

	test('one sample per tick per group; op frames map to the tick before them', () => {
		const frames = framesOf('cpu-quota.json');
		const series = seriesOf(frames);
		expect(series.groups.map((g) => g.path)).toEqual(['/batch', '/web']);
		expect(series.ticks).toBe(50);
		expect(series.groups[0].samples.map((s) => s.tick)).toEqual(
			Array.from({ length: 51 }, (_, i) => i)
		);
		expect(series.tickOfStep.length).toBe(frames.length);
		expect(series.tickOfStep[31]).toBe(30);
		// The set op comes after tick 30: its new quota holds from tick 31, and the sample
		// of tick 30, drawn over (29, 30], keeps the old one.
		expect(series.groups[0].samples[30].cpuLimit).toBe(0.5);
		expect(series.groups[0].samples[31].cpuLimit).toBe(0.2);
		expect(series.metrics).toEqual(['cpu', 'memory']);
	});

	test('a chart has its limit line, throttled bands and the current tick', () => {
		const series = seriesOf(framesOf('cpu-quota.json'));
		const layout = chartLayout('cpu', series.groups[0], {
			width: 400,
			height: 100,
			ticks: series.ticks,
			tick: 7,
			cpus: 1,
			yMax: yMaxOf('cpu', series.groups, 1)
		});
		expect(layout.limits.map((l) => l.label)).toEqual(['cpu.max']);
		expect(layout.limits[0].path).toMatch(/^M/);
		expect(layout.held.length).toBeGreaterThan(3);
		expect(layout.marker).toBeGreaterThan(layout.plot.left);
		expect(layout.marker).toBeLessThan(layout.plot.right);
		expect(layout.clipWidth).toBeCloseTo(layout.marker - layout.plot.left);
		for (const t of layout.yTicks) expect(t.y).toBeGreaterThanOrEqual(layout.plot.top - 0.01);
	});

	test('OOM kills are marked on the memory chart of the group that hit memory.max', () => {
		const series = seriesOf(framesOf('memory-oom.json'));
		const app = series.groups.find((g) => g.path === '/app')!;
		expect(app.kills).toEqual([{ tick: 22, names: ['leak'] }]);
		const layout = chartLayout('memory', app, {
			width: 300,
			height: 100,
			ticks: series.ticks,
			tick: 0,
			cpus: 2,
			yMax: yMaxOf('memory', series.groups, 2)
		});
		expect(layout.kills.map((k) => k.label)).toEqual(['OOM kill: leak']);
		expect(layout.yTicks.map((t) => t.label)).toEqual(['0B', '20M', '40M', '60M']);
		expect(summaryOf(app, series.tickUs)).toContain('OOM kills of leak');
	});

	test('I/O: writes are charted with their wbps limit', () => {
		const series = seriesOf(framesOf('io-limit.json'));
		expect(series.metrics).toEqual(['cpu', 'memory', 'write']);
		const backup = series.groups[0];
		const layout = chartLayout('write', backup, {
			width: 300,
			height: 100,
			ticks: series.ticks,
			tick: 5,
			cpus: 1,
			yMax: yMaxOf('write', series.groups, 1)
		});
		expect(layout.limits.map((l) => l.label)).toEqual(['io.max wbps']);
		expect(layout.held.length).toBe(1);
		expect(layout.held[0].x).toBeCloseTo(layout.plot.left);
		expect(layout.held[0].width).toBeCloseTo(layout.plot.right - layout.plot.left);
	});

	describe('a run of thousands of ticks', () => {
		const outcome = runModel(cgroupsModel, largeScenario());
		if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		const frames = outcome.trace.frames as Frame<CgroupsState>[];

		test('its series read in slices are the series read at once', () => {
			const some = frames.slice(0, 3_000);
			const sliced = seriesInSlices(some);
			let slices = 0;
			while (!sliced.next().done) slices++;
			expect(slices).toBeGreaterThan(5);
			const remembered = seriesOf(some);
			expect(JSON.stringify(remembered)).toBe(JSON.stringify(seriesOf([...some])));
		});

		test('is drawn as the envelope of its ticks: a sample a pixel, no peak lost', () => {
			const group = seriesOf(frames).groups[5];
			const coarse = coarseSamples(group.samples, 600);
			expect(coarse.length).toBeLessThanOrEqual(600);
			expect(coarse[0]).toBe(group.samples[0]);
			expect(coarse[coarse.length - 1].tick).toBe(group.samples[group.samples.length - 1].tick);
			// Each tick falls in the run of the first coarse sample at or after it, which holds at least its values.
			let k = 0;
			for (const sample of group.samples) {
				while (coarse[k].tick < sample.tick) k++;
				expect(coarse[k].memory).toBeGreaterThanOrEqual(sample.memory);
				expect(coarse[k].cpu).toBeGreaterThanOrEqual(sample.cpu);
				if (sample.throttled) expect(coarse[k].throttled).toBe(true);
				if (sample.memoryMax !== null)
					expect(coarse[k].memoryMax).toBeGreaterThanOrEqual(sample.memoryMax);
			}
			const chart = chartLayout('memory', group, {
				width: 320,
				height: 120,
				ticks: 10_000,
				tick: 0,
				cpus: 4
			});
			expect(chart.areaPath.split('L').length).toBeLessThan(2 * 320);
		});

		test('a short series is drawn tick by tick, as before', () => {
			const group = seriesOf(framesOf('cpu-quota.json')).groups[0];
			expect(coarseSamples(group.samples, 600)).toBe(group.samples);
		});
	});
});
