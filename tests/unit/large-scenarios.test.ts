/**
 * The scenarios at each model's limits (each model's bench.ts, `largeScenario`),
 * which `npm run bench` times and the end-to-end tests open in the labs
 * (tests/e2e/offthread.spec.ts): each is valid, stays under the frame limit,
 * and goes to the simulation worker rather than the page's main thread. The
 * namespaces and cgroups ones also sit at the limits they name.
 */
import { describe, expect, test } from 'vitest';
import { LIMITS, runModel } from '../../src/lib/sim/core';
import { CGROUPS_LIMITS, cgroupsModel } from '../../src/lib/sim/cgroups';
import { largeScenario as largeCgroups } from '../../src/lib/sim/cgroups/bench';
import { largeScenario as largeUnionfs } from '../../src/lib/sim/unionfs/bench';
import { NS_LIMITS, namespacesModel } from '../../src/lib/sim/namespaces';
import { largeScenario as largeNamespaces } from '../../src/lib/sim/namespaces/bench';
import { isTriviallySmall } from '../../src/lib/scenario/work';
import { MODELS, modelNamed } from './all-models';

/** Each model's large scenario, where its folder has a bench.ts (found, not listed). */
const LARGE = Object.entries(
	import.meta.glob<() => unknown>('../../src/lib/sim/*/bench.ts', {
		eager: true,
		import: 'largeScenario'
	})
).map(
	([path, largeScenario]) => [/\/sim\/([^/]+)\/bench\.ts$/.exec(path)![1], largeScenario] as const
);

describe('every model’s large scenario', () => {
	test('the bench files are models’ own', () => {
		expect(LARGE.length).toBeGreaterThan(1);
		const names = MODELS.map((model) => model.name);
		for (const [name] of LARGE) expect(names).toContain(name);
	});

	test.each(LARGE)(
		'%s: valid, under the frame limit, and too much for the main thread',
		(name, large) => {
			const model = modelNamed(name);
			const scenario = large();
			expect(isTriviallySmall(scenario, model)).toBe(false);
			const outcome = runModel(model, scenario);
			if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
			expect(outcome.trace.frames.length).toBeLessThanOrEqual(LIMITS.frames);
			// Every op ran (one result each), not just the first few.
			expect(outcome.trace.results).toHaveLength((scenario as { ops: unknown[] }).ops.length);
		}
	);
});

describe('scenarios at the limits', () => {
	test('unionfs: every layer, entry and op at its limit (traced above, with every other model)', () => {
		const scenario = largeUnionfs();
		expect(scenario.layers).toHaveLength(LIMITS.layers);
		expect(
			scenario.layers.every((layer) => Object.keys(layer.entries).length === LIMITS.entriesPerLayer)
		).toBe(true);
		expect(scenario.ops).toHaveLength(LIMITS.ops);
	});

	test('namespaces: every list at its limit, and most of the result budget spent', () => {
		const scenario = largeNamespaces();
		expect(scenario.files).toHaveLength(NS_LIMITS.files);
		expect(scenario.namespaces).toHaveLength(NS_LIMITS.namespaces);
		expect(scenario.processes).toHaveLength(NS_LIMITS.processes);
		expect(scenario.ops).toHaveLength(LIMITS.ops);
		expect(isTriviallySmall(scenario, namespacesModel)).toBe(false);
		const outcome = runModel(namespacesModel, scenario);
		expect(outcome.ok && outcome.trace.frames.length).toBeLessThanOrEqual(LIMITS.frames);
		const listed = outcome.ok
			? outcome.trace.results.reduce(
					(sum, result) =>
						sum + ('output' in result && Array.isArray(result.output) ? result.output.length : 0),
					0
				)
			: 0;
		expect(listed).toBeGreaterThan(LIMITS.resultItems * 0.8);
	});

	test('cgroups: 16 groups, 32 processes, 10,000 ticks, and the OOM killer at work', () => {
		const scenario = largeCgroups();
		expect(scenario.groups).toHaveLength(CGROUPS_LIMITS.groups);
		expect(scenario.processes).toHaveLength(CGROUPS_LIMITS.processes);
		const ticks = scenario.ops.reduce(
			(sum, op) => sum + ('ticks' in op && typeof op.ticks === 'number' ? op.ticks : 0),
			0
		);
		expect(ticks).toBe(CGROUPS_LIMITS.ticks);
		expect(isTriviallySmall(scenario, cgroupsModel)).toBe(false);
		const outcome = runModel(cgroupsModel, scenario);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.trace.frames.length).toBeLessThanOrEqual(LIMITS.frames);
		const killed = outcome.trace.frames.filter(
			(frame) => 'event' in frame && frame.event.kind === 'tick' && frame.event.killed.length > 0
		);
		expect(killed.length).toBeGreaterThan(0);
	});
});
