/**
 * A big cgroups trace's timelines, read in slices before the lab draws it
 * (src/lib/scenario/traced.ts runs this after the worker returns the trace):
 * drawn straight away, 10,000 ticks of 16 groups, twice (with and without
 * limits), were one task of seconds on the main thread.
 */
import { registerPreparer, scenarioRunner } from '$lib/scenario/traced';
import { cgroupsModel, type CgroupsState } from '$lib/sim/cgroups';
import type { Trace } from '$lib/sim/core';
import { seriesInSlices } from '$lib/viz/cgroups/layout';

function* prepareTimelines(value: unknown): Generator<void> {
	const trace = scenarioRunner<Trace<CgroupsState>>(cgroupsModel).simulate(value);
	if (Array.isArray(trace)) return;
	yield* seriesInSlices(trace.frames);
}

registerPreparer(cgroupsModel, prepareTimelines);
