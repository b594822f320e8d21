// What every lab of ops shares (src/lib/labs/lab.svelte.ts, src/lib/labs/ops.ts):
// an added op says where its steps begin, Undo and Clear say which ops they took
// away, and the words for where the player went are the same in every lab.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import type { Trace } from '../../src/lib/sim/core';
import { firstFrameOf, whereItBegins } from '../../src/lib/labs/ops';
import { opSpans } from '../../src/lib/labs/unionfs/view';
import { simulateWith, useLabGlobals } from './lab-harness';
import { modelNamed, runScenario } from './all-models';

useLabGlobals();

type Op = Record<string, unknown>;
type Scenario = { model: string; ops: Op[] };

const builtIn = (model: string, name: string): Scenario =>
	JSON.parse(readFileSync(`static/scenarios/${model}/${name}.json`, 'utf8'));

async function opsLab(fallback: Scenario) {
	const { OpsLab } = await import('$lib/labs/lab.svelte');
	return new OpsLab<Op, Scenario, Trace>({
		draftKey: `ops-${fallback.model}`,
		fallback,
		simulate: simulateWith(modelNamed(fallback.model)),
		embedded: false
	});
}

/** The first frame of op `op` found the slow way, or the last frame when it has none. */
function firstByScan(frames: readonly { op: number | null }[], op: number): number {
	const index = frames.findIndex((frame) => frame.op === op);
	return index < 0 ? frames.length - 1 : index;
}

describe('OpsLab', () => {
	test('append returns the new trace, the op’s index, the step where it begins and the last step', async () => {
		const lab = await opsLab(builtIn('pidns', 'lesson'));
		const before = lab.scenario.ops.length;
		const added = lab.append({ op: 'fork', parent: 'init', name: 'extra' });
		if (Array.isArray(added)) throw new Error(added.join('; '));
		expect(added.trace).toBe(lab.trace);
		expect(added.index).toBe(before);
		expect(lab.scenario.ops).toHaveLength(before + 1);
		expect(added.first).toBe(firstByScan(lab.trace.frames, before));
		expect(lab.trace.frames[added.first].op).toBe(before);
		expect(lab.trace.frames[added.first - 1].op).toBe(before - 1);
		expect(added.last).toBe(lab.trace.frames.length - 1);
	});

	test('a refused op gives the model’s messages and changes nothing', async () => {
		const lab = await opsLab(builtIn('pidns', 'lesson'));
		const before = lab.scenario;
		const refused = lab.append({ op: 'fork', parent: 'nobody', name: 'x' });
		expect(Array.isArray(refused)).toBe(true);
		expect((refused as string[]).length).toBeGreaterThan(0);
		expect(lab.scenario).toBe(before);
	});

	test('undo returns the op it removed and the last step; null when there is none', async () => {
		const lab = await opsLab({ model: 'pidns', ops: [] });
		expect(lab.undo()).toBeNull();
		const fork = { op: 'fork', parent: 'init', name: 'a' };
		const exit = { op: 'exit', name: 'a' };
		lab.append(fork);
		lab.append(exit);
		const undone = lab.undo();
		expect(undone).not.toBeNull();
		expect(undone!.ops).toEqual([exit]);
		expect(undone!.trace).toBe(lab.trace);
		expect(undone!.last).toBe(lab.trace.frames.length - 1);
		expect(lab.scenario.ops).toEqual([fork]);
	});

	test('clearOps returns every op it removed, in order, and puts the draft aside', async () => {
		const lesson = builtIn('unionfs', 'lesson');
		const lab = await opsLab(lesson);
		lab.append({ op: 'read', path: '/etc/motd' });
		vi.runAllTimers();
		const ops = lab.scenario.ops;
		const cleared = lab.clearOps();
		expect(cleared).not.toBeNull();
		expect(cleared!.ops).toEqual(ops);
		expect(cleared!.ops.length).toBe(lesson.ops.length + 1);
		expect(lab.scenario.ops).toEqual([]);
		expect(cleared!.last).toBe(lab.trace.frames.length - 1);
		expect(lab.replaced).toBe(true);
	});
});

describe('firstFrameOf', () => {
	test('agrees with a scan from the start on every frame order a recorder makes', () => {
		// Frames before the first op carry null; then each op's frames in order, some ops with none.
		const frames = fc
			.tuple(fc.nat(3), fc.array(fc.nat(4), { maxLength: 12 }))
			.map(([opening, perOp]) => [
				...Array.from({ length: opening }, () => ({ op: null })),
				...perOp.flatMap((count, op) => Array.from({ length: count }, () => ({ op })))
			]);
		fc.assert(
			fc.property(frames, fc.nat(14), (list, op) => {
				expect(firstFrameOf(list, op)).toBe(firstByScan(list, op));
			})
		);
	});

	test.each(['unionfs', 'pidns', 'namespaces'])(
		'finds the first frame of every op of every built-in %s scenario',
		(model) => {
			for (const file of readdirSync(`static/scenarios/${model}`)) {
				const scenario = builtIn(model, file.replace(/\.json$/, ''));
				const outcome = runScenario(scenario);
				if (!outcome.ok) throw new Error(`${file}: ${outcome.errors[0]}`);
				const { frames } = outcome.trace as Trace;
				const ops = scenario.ops.length;
				expect(ops).toBeGreaterThan(0);
				for (let op = 0; op < ops; op++) {
					expect(firstFrameOf(frames, op)).toBe(firstByScan(frames, op));
					// The layers lab went to the op's span; every op has frames, so they agree.
					if (model === 'unionfs')
						expect(firstFrameOf(frames, op)).toBe(opSpans(frames, ops)[op][0]);
				}
			}
		}
	);
});

test('whereItBegins says the step’s number and the last step’s', () => {
	expect(whereItBegins({ first: 7, last: 12 })).toBe(
		'The player is at the step where it begins, step 7 of 12'
	);
});
