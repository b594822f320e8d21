import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
	MAIN_THREAD_WORK,
	estimateWork,
	isTriviallySmall,
	knowModel
} from '../../src/lib/scenario/work';
import { CHUNK_MAX, CHUNK_MIN, CHUNK_MS, nextChunkSize } from '../../src/lib/scenario/protocol';
import { decodeScenario } from '../../src/lib/scenario/share';
import { runModel, type Frame } from '../../src/lib/sim/core';
import { UpperLayer, unionfsModel, type UnionfsState } from '../../src/lib/sim/unionfs';
import { DEFAULT_SCENARIO as UNIONFS_DEFAULT } from '../../src/lib/labs/unionfs/defaults';
import { MODELS, modelNamed } from './all-models';

const scenarioDir = 'static/scenarios';
const builtIns = readdirSync(scenarioDir).flatMap((model) =>
	readdirSync(join(scenarioDir, model)).map((file) => ({
		name: `${model}/${file}`,
		model,
		value: JSON.parse(readFileSync(join(scenarioDir, model, file), 'utf8')) as Record<
			string,
			unknown
		>
	}))
);

/** The default scenario of every lab that keeps one in its defaults.ts. */
const labDefaults = Object.entries(
	import.meta.glob<{ model: string }>('../../src/lib/labs/*/defaults.ts', {
		eager: true,
		import: 'DEFAULT_SCENARIO'
	})
);

/** Whether a scenario is small, as the model it names says (see work.ts). */
const small = (value: { model: string; [key: string]: unknown }) =>
	isTriviallySmall(value, modelNamed(value.model));

function bigUnionfs(layers: number, entries: number, ops: number) {
	return {
		model: 'unionfs',
		layers: Array.from({ length: layers }, (_, l) => ({
			name: `l${l}`,
			entries: Object.fromEntries(Array.from({ length: entries }, (_, i) => [`/d/f${l}_${i}`, 'x']))
		})),
		ops: Array.from({ length: ops }, () => ({ op: 'list', path: '/d' }))
	};
}

describe('which scenarios stay on the main thread', () => {
	test('every built-in scenario and every lab default is trivially small', () => {
		expect(builtIns.length).toBeGreaterThan(10);
		for (const { name, model, value } of builtIns) {
			expect(estimateWork(value, modelNamed(model)), name).toBeLessThanOrEqual(MAIN_THREAD_WORK);
		}
		expect(labDefaults.length).toBeGreaterThan(1);
		for (const [file, value] of labDefaults) expect(small(value), file).toBe(true);
	});

	test('work grows with ops times what they walk: big scenarios go to the worker', () => {
		expect(small(bigUnionfs(1, 100, 10))).toBe(true);
		expect(small(bigUnionfs(1, 10_000, 2_000))).toBe(false);
		expect(small(bigUnionfs(256, 10, 10))).toBe(true);
		expect(small(bigUnionfs(256, 40, 100))).toBe(false);
		const forks = (n: number) => ({
			model: 'pidns',
			ops: Array.from({ length: n }, (_, i) => ({ op: 'fork', parent: 'init', name: `p${i}` }))
		});
		expect(small(forks(100))).toBe(true);
		expect(small(forks(2_000))).toBe(false);
		// cgroups: a run of many ticks over few processes is long work too.
		const run = (ticks: number) => ({
			model: 'cgroups',
			processes: [{ name: 'a' }],
			ops: [{ op: 'run', ticks }]
		});
		expect(small(run(100))).toBe(true);
		expect(small(run(100_000))).toBe(false);
	});

	test('one question over thousands of files and processes goes to the worker too', () => {
		const setup = (files: number, processes: number) => ({
			model: 'namespaces',
			files: Array.from({ length: files }, (_, i) => `/d/f${i}`),
			namespaces: [{ id: 'mnt', kind: 'mnt' }],
			processes: Array.from({ length: processes }, (_, i) => ({ name: `p${i}`, uid: 0 })),
			ops: [{ op: 'ask', process: 'p0', command: 'ls', path: '/d' }]
		});
		expect(small(setup(100, 10))).toBe(true);
		expect(small(setup(10_000, 1_000))).toBe(false);
	});

	test('a system-call scenario counts its calls as ops', () => {
		const calls = (n: number) => ({
			model: 'syscall',
			platform: 'native',
			syscalls: Array(n).fill('write')
		});
		expect(small(calls(3))).toBe(true);
		expect(small(calls(8_333))).toBe(false);
	});

	test('each model says where its ops and items are: another key is not counted', () => {
		// 2,000 `ops` are no syscall scenario's calls; 10,000 `files` are no pidns scenario's items.
		const ops = Array.from({ length: 2_000 }, () => 'write');
		expect(small({ model: 'pidns', ops })).toBe(false);
		expect(small({ model: 'syscall', platform: 'native', ops })).toBe(true);
		const files = Array.from({ length: 10_000 }, (_, i) => `/f${i}`);
		expect(small({ model: 'namespaces', files, ops: [] })).toBe(false);
		expect(small({ model: 'pidns', files, ops: [] })).toBe(true);
	});

	test('without the model, a scenario is estimated by the model it names, once a runner knows it', () => {
		const forks = {
			model: 'pidns',
			ops: Array.from({ length: 100 }, (_, i) => ({ op: 'fork', parent: 'init', name: `p${i}` }))
		};
		// No lab on this "page" has said how pidns scenarios are shaped: to the worker.
		expect(isTriviallySmall(forks)).toBe(false);
		knowModel(modelNamed('pidns'));
		expect(isTriviallySmall(forks)).toBe(true);
		expect(isTriviallySmall({ ...forks, model: 'quantum' })).toBe(false);
	});

	test('hostile shapes give an estimate, never an exception', () => {
		for (const model of MODELS) {
			for (const value of [null, 7, 'text', [], [[]], { ops: 'x' }, { layers: [null, 3] }]) {
				expect(Number.isFinite(estimateWork(value, model))).toBe(true);
			}
		}
		expect(small({ model: 'cgroups', ops: [{ op: 'run', ticks: Infinity }] })).toBe(true);
	});
});

describe('progress callback of the core', () => {
	test.each(builtIns.map(({ name, model, value }) => [name, model, value] as const))(
		'%s: onOp is called once per operation, in order, and leaves the trace unchanged',
		(_, name, scenario) => {
			const model = modelNamed(name);
			const seen: number[] = [];
			const withProgress = runModel(model, scenario, { onOp: (index) => seen.push(index) });
			const ops = scenario[model.opsKey] as unknown[];
			expect(seen).toEqual(ops.map((__, index) => index));
			expect(JSON.stringify(withProgress)).toBe(JSON.stringify(runModel(model, scenario)));
		}
	);
});

describe('a unionfs trace after structuredClone (the worker reply)', () => {
	test('revived frames read like the originals', () => {
		const outcome = runModel(unionfsModel, UNIONFS_DEFAULT);
		if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		const frames = outcome.trace.frames as Frame<UnionfsState>[];
		const cloned = structuredClone(frames);
		// Without reviving, the upper layer has lost its methods.
		const withUpper = cloned.findIndex((frame) => frame.upper !== null);
		expect(withUpper).toBeGreaterThanOrEqual(0);
		expect(typeof (cloned[withUpper].upper as UpperLayer).entryList).toBe('undefined');
		const seen = new WeakSet<object>();
		for (const frame of cloned) unionfsModel.reviveFrame?.(frame, seen);
		frames.forEach((frame, index) => {
			const copy = cloned[index];
			expect(copy.upper === null).toBe(frame.upper === null);
			if (!frame.upper || !copy.upper) return;
			expect(copy.upper).toBeInstanceOf(UpperLayer);
			expect(copy.upper.entryList()).toEqual(frame.upper.entryList());
			expect(copy.upper.childNames('/etc').sort()).toEqual(frame.upper.childNames('/etc').sort());
			expect(JSON.stringify(copy.upper)).toBe(JSON.stringify(frame.upper));
		});
	});
});

describe('share links unpack in bounded slices', () => {
	test('a decompression bomb is refused with the size message', async () => {
		// 16 MiB is enough to pass the 4 MiB limit (and cheaper to build than the 100 MiB of the issue).
		const bomb = deflateRawSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
		const link = `v1.${bomb.toString('base64url')}`;
		expect(link.length).toBeLessThan(200_000);
		const decoded = await decodeScenario(link);
		expect(decoded).toEqual({
			ok: false,
			error: 'The shared scenario in this link unpacks to more than 4 MiB (the limit).'
		});
	});

	test('a link longer than one slice still unpacks whole', async () => {
		const scenario = bigUnionfs(4, 500, 20);
		const text = JSON.stringify(scenario);
		const packed = deflateRawSync(Buffer.from(text));
		expect(packed.length).toBeGreaterThan(4096);
		const decoded = await decodeScenario(`v1.${packed.toString('base64url')}`);
		expect(decoded).toEqual({ ok: true, value: scenario });
	});
});

describe('chunks of a trace sent back by the worker', () => {
	test('are sized to take about CHUNK_MS, within bounds, growing at most fourfold', () => {
		// 1,000 heavy frames took 250 ms: the next chunk is 32 frames.
		expect(nextChunkSize(1_000, 250)).toBe(Math.round((1_000 * CHUNK_MS) / 250));
		expect(nextChunkSize(100, 1)).toBe(400);
		expect(nextChunkSize(1_000, 0)).toBe(CHUNK_MAX);
		expect(nextChunkSize(10, 10_000)).toBe(CHUNK_MIN);
	});
});
