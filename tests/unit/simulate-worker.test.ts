/**
 * The simulation worker (src/lib/scenario/simulate.worker.ts) run in Node with a
 * stand-in for its global scope: it sends a trace back one chunk per request from
 * the page (./protocol), so the page is idle while the next one is written, and
 * what it sends, put back together, is the trace the core makes on the page.
 */
import { beforeAll, expect, test, vi } from 'vitest';
import type { SimulationReply, SimulationRequest } from '../../src/lib/scenario/protocol';
import { runModel } from '../../src/lib/sim/core';
import { syscallModel } from '../../src/lib/sim/syscall';

const posted: SimulationReply[] = [];
const scope = {
	postMessage: (message: SimulationReply) => posted.push(message),
	onmessage: null as ((event: { data: SimulationRequest }) => void) | null
};
const send = (data: SimulationRequest) => scope.onmessage!({ data });

beforeAll(async () => {
	vi.stubGlobal('self', scope);
	await import('../../src/lib/scenario/simulate.worker');
});

test('the worker posts a trace a chunk at a time, each when the page asks for the next', () => {
	const scenario = {
		model: 'syscall',
		platform: 'vm-paravirt',
		syscalls: Array(200).fill('write')
	};
	send({ type: 'simulate', model: 'syscall', scenario: JSON.stringify(scenario) });
	const pieces = () => posted.filter((message) => message.type !== 'progress');
	// One chunk, and nothing more until the page asks.
	expect(pieces().map((message) => message.type)).toEqual(['frames']);

	let asked = 0;
	while (pieces().at(-1)?.type !== 'done') {
		const before = pieces().length;
		send({ type: 'next' });
		asked += 1;
		expect(pieces().length, `after request ${asked}`).toBe(before + 1);
		expect(asked).toBeLessThan(10_000);
	}
	// The trace came in several chunks, and nothing is sent after `done`.
	expect(pieces().filter((message) => message.type === 'frames').length).toBeGreaterThan(1);
	send({ type: 'next' });
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
