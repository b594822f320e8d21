/**
 * The simulation worker (src/lib/scenario/simulate.worker.ts) run in Node with a
 * stand-in for its global scope: it sends a trace back one chunk per request from
 * the page (./protocol), so the page is idle while the next one is written, and
 * what it sends, put back together, is the trace the core makes on the page.
 * Every model is tried, found from its folder (src/lib/sim/<name>/), none by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { SimulationReply, SimulationRequest } from '../../src/lib/scenario/protocol';
import { isTriviallySmall } from '../../src/lib/scenario/work';
import { runModel, type AnyModel } from '../../src/lib/sim/core';
import { syscallModel } from '../../src/lib/sim/syscall';
import { MODELS } from './all-models';

const posted: SimulationReply[] = [];
const scope = {
	// As postMessage does: the page gets a structured clone.
	postMessage: (message: SimulationReply) => posted.push(structuredClone(message)),
	onmessage: null as ((event: { data: SimulationRequest }) => void | Promise<void>) | null
};
const send = async (data: SimulationRequest) => {
	await scope.onmessage!({ data });
};

beforeAll(async () => {
	vi.stubGlobal('self', scope);
	await import('../../src/lib/scenario/simulate.worker');
});

/** Runs `scenario` in the worker as the page does, asking for each chunk; its last reply and its progress. */
async function inWorker(model: string, scenario: unknown) {
	posted.length = 0;
	await send({ type: 'simulate', model, scenario: JSON.stringify(scenario) });
	const pieces = () => posted.filter((message) => message.type !== 'progress');
	for (let asked = 0; !['done', 'invalid', 'failed'].includes(pieces().at(-1)?.type ?? '');) {
		await send({ type: 'next' });
		expect(++asked).toBeLessThan(10_000);
	}
	return {
		pieces: pieces(),
		last: pieces().at(-1)!,
		progress: posted.flatMap((message) => (message.type === 'progress' ? [message.fraction] : []))
	};
}

/** The trace put back together from the worker's replies, frames revived as the page does (../offthread). */
function reassembled(model: AnyModel, pieces: SimulationReply[]) {
	const seen = new WeakSet<object>();
	const frames = pieces.flatMap((message) => (message.type === 'frames' ? message.frames : []));
	for (const frame of frames) model.reviveFrame?.(frame as never, seen);
	const results = pieces.flatMap((message) => (message.type === 'results' ? message.results : []));
	const done = pieces.at(-1) as Extract<SimulationReply, { type: 'done' }>;
	return { model: done.model, frames, results, final: done.final };
}

test('the worker posts a trace a chunk at a time, each when the page asks for the next', async () => {
	const scenario = {
		model: 'syscall',
		platform: 'vm-paravirt',
		syscalls: Array(200).fill('write')
	};
	posted.length = 0;
	await send({ type: 'simulate', model: 'syscall', scenario: JSON.stringify(scenario) });
	const pieces = () => posted.filter((message) => message.type !== 'progress');
	// One chunk, and nothing more until the page asks.
	expect(pieces().map((message) => message.type)).toEqual(['frames']);

	let asked = 0;
	while (pieces().at(-1)?.type !== 'done') {
		const before = pieces().length;
		await send({ type: 'next' });
		asked += 1;
		expect(pieces().length, `after request ${asked}`).toBe(before + 1);
		expect(asked).toBeLessThan(10_000);
	}
	// The trace came in several chunks, and nothing is sent after `done`.
	expect(pieces().filter((message) => message.type === 'frames').length).toBeGreaterThan(1);
	await send({ type: 'next' });
	expect(pieces().at(-1)?.type).toBe('done');

	const expected = runModel(syscallModel, scenario);
	if (!expected.ok) throw new Error(expected.errors.join('\n'));
	const frames = pieces().flatMap((message) => (message.type === 'frames' ? message.frames : []));
	const results = pieces().flatMap((message) =>
		message.type === 'results' ? message.results : []
	);
	const done = pieces().at(-1) as Extract<SimulationReply, { type: 'done' }>;
	expect(frames).toEqual(expected.trace.frames);
	expect(results).toEqual(expected.trace.results);
	expect(done.final).toEqual(expected.trace.final);
});

test('a model there is no folder for is refused by name', async () => {
	const { last } = await inWorker('quantum', { model: 'quantum', ops: [] });
	expect(last).toEqual({ type: 'failed', message: 'no model named quantum' });
});

/** A model's first built-in scenario (static/scenarios/<model>/). */
function builtIn(model: string): Record<string, unknown> {
	const dir = join('static/scenarios', model);
	const file = readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()[0];
	return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/** `scenario` with its operations (the model's `opsKey`) repeated to `count`. */
function repeated(model: AnyModel, scenario: Record<string, unknown>, count: number) {
	const ops = scenario[model.opsKey] as unknown[];
	return {
		...scenario,
		[model.opsKey]: Array.from({ length: count }, (_, i) => ops[i % ops.length])
	};
}

describe.each(MODELS.map((model) => [model.name, model] as const))('model %s', (_, model) => {
	test('its built-in scenario comes back from the worker as the page would simulate it', async () => {
		const scenario = builtIn(model.name);
		const expected = runModel(model, scenario);
		if (!expected.ok) throw new Error(expected.errors.join('\n'));
		const { pieces, progress } = await inWorker(model.name, scenario);
		expect(JSON.stringify(reassembled(model, pieces))).toBe(JSON.stringify(expected.trace));
		// Progress counts the model's operations, whatever its key for them (syscall's `syscalls`).
		expect(progress[0]).toBeNull();
		const fractions = progress.slice(1) as number[];
		expect(fractions.length).toBeGreaterThan(0);
		expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
		for (const fraction of fractions) {
			expect(fraction).toBeGreaterThanOrEqual(0);
			expect(fraction).toBeLessThan(1);
		}
	});

	test('300 of its operations go to the worker, which gives what the page would', async () => {
		const scenario = repeated(model, builtIn(model.name), 300);
		// The estimate reads the model's ops and items: this much goes off the main thread.
		expect(isTriviallySmall(scenario, model)).toBe(false);
		const expected = runModel(model, scenario);
		const { pieces, last } = await inWorker(model.name, scenario);
		// Repeating some models' ops makes the scenario invalid (a name forked twice);
		// the worker's messages are then the page's.
		if (expected.ok) {
			expect(JSON.stringify(reassembled(model, pieces))).toBe(JSON.stringify(expected.trace));
		} else {
			expect(last).toEqual({ type: 'invalid', errors: expected.errors });
		}
	});
});
