import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LIMITS, runModel, validate } from '../../src/lib/sim/core';
import {
	MAX_PID_NS_LEVEL,
	NS_PAGE_SIZE,
	PAGE_SIZE,
	largeScenario,
	nextPid,
	pagedAppend,
	pagedItem,
	pagedItems,
	pagedLength,
	pagedReplace,
	pidnsModel,
	pidnsSchema,
	simulatePidns,
	type Pages,
	type PidnsOpInput,
	type PidnsState
} from '../../src/lib/sim/pidns';
import type { Frame } from '../../src/lib/sim/core';

function run(ops: PidnsOpInput[]) {
	return simulatePidns(validate(pidnsSchema, { model: 'pidns', ops }));
}

function errorsOf(input: unknown): string[] {
	const outcome = runModel(pidnsModel, input);
	if (outcome.ok) throw new Error('expected an invalid scenario');
	return outcome.errors;
}

const processes = (frame: Frame<PidnsState>) => pagedItems(frame.processPages);
const namespaces = (frame: Frame<PidnsState>) => pagedItems(frame.namespacePages);

describe('pages', () => {
	test('append, replace and read back, sharing untouched pages', () => {
		let pages: Pages<number> = [];
		for (let i = 0; i < PAGE_SIZE * 2 + 5; i++) pages = pagedAppend(pages, i);
		expect(pagedLength(pages)).toBe(PAGE_SIZE * 2 + 5);
		expect(pagedItems(pages)).toEqual(Array.from({ length: PAGE_SIZE * 2 + 5 }, (_, i) => i));
		const changed = pagedReplace(pages, PAGE_SIZE + 1, -1);
		expect(pagedItem(changed, PAGE_SIZE + 1)).toBe(-1);
		expect(pagedItem(pages, PAGE_SIZE + 1)).toBe(PAGE_SIZE + 1);
		expect(changed[0]).toBe(pages[0]);
		expect(changed[2]).toBe(pages[2]);
		expect(() => pagedReplace(pages, 10_000, 0)).toThrow(RangeError);
		expect(pagedLength([])).toBe(0);
	});

	test('a smaller page size (the namespaces) keeps pages of that size', () => {
		let pages: Pages<number> = [];
		for (let i = 0; i < 20; i++) pages = pagedAppend(pages, i, NS_PAGE_SIZE);
		expect(pages.map((page) => page.length)).toEqual([8, 8, 4]);
		expect(pagedLength(pages, NS_PAGE_SIZE)).toBe(20);
		const changed = pagedReplace(pages, 9, -1, NS_PAGE_SIZE);
		expect(pagedItem(changed, 9, NS_PAGE_SIZE)).toBe(-1);
		expect(changed[0]).toBe(pages[0]);
		expect(changed[1]).not.toBe(pages[1]);
	});

	test('the model keeps namespaces in pages of NS_PAGE_SIZE', () => {
		const ops = Array.from({ length: 12 }, (_, i) => ({
			op: 'fork' as const,
			parent: 'init',
			name: `c${i}`,
			newns: true
		}));
		const outcome = runModel(pidnsModel, { model: 'pidns', ops });
		if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		const last = outcome.trace.frames.at(-1) as Frame<PidnsState>;
		expect(last.namespacePages.map((page) => page.length)).toEqual([8, 5]);
	});
});

describe('nextPid (alloc_pid with idr_alloc_cyclic)', () => {
	const none = () => false;
	test('hands out the number after the last one, never a freed one before the wrap', () => {
		expect(nextPid(0, none)).toBe(1);
		expect(nextPid(1, none)).toBe(2);
		expect(nextPid(41, (pid) => pid === 42)).toBe(43);
	});
	test('wraps at pid_max to RESERVED_PIDS (300), skipping numbers in use', () => {
		expect(nextPid(999, none, 1000)).toBe(300);
		expect(nextPid(999, (pid) => pid < 305, 1000)).toBe(305);
		// Before the cursor has passed 300 the wrap goes back to 1.
		expect(nextPid(99, (pid) => pid !== 7, 100)).toBe(7);
		expect(nextPid(5, () => true, 10)).toBeNull();
	});
});

describe('fork', () => {
	test('the opening frame: init is PID 1 of the root namespace', () => {
		const trace = run([]);
		expect(trace.frames).toHaveLength(1);
		const [frame] = trace.frames;
		expect(frame).toMatchObject({ step: 0, op: null, focus: null, ps: null });
		expect(processes(frame)).toEqual([
			{ name: 'init', index: 0, parent: null, pids: [1], level: 0, ns: 'ns:init', alive: true }
		]);
		expect(namespaces(frame)).toEqual([
			{ id: 'ns:init', index: 0, parent: null, level: 0, lastPid: 1, init: 'init', alive: true }
		]);
		expect(trace.final).toEqual({
			processes: [{ name: 'init', parent: null, pids: [1], level: 0 }]
		});
	});

	test('a PID in its own namespace and every ancestor, outermost first', () => {
		const trace = run([
			{ op: 'fork', parent: 'init', name: 'sshd' },
			{ op: 'fork', parent: 'sshd', name: 'web', newns: true },
			{ op: 'fork', parent: 'web', name: 'worker' },
			{ op: 'fork', parent: 'worker', name: 'inner', newns: true },
			{ op: 'fork', parent: 'init', name: 'cron' }
		]);
		expect(trace.results).toEqual([
			{ ok: true, pids: [2] },
			{ ok: true, pids: [3, 1] },
			{ ok: true, pids: [4, 2] },
			{ ok: true, pids: [5, 3, 1] },
			{ ok: true, pids: [6] }
		]);
		expect(trace.final.processes.map((p) => [p.name, p.parent, p.level])).toEqual([
			['init', null, 0],
			['sshd', 'init', 0],
			['web', 'sshd', 1],
			['worker', 'web', 1],
			['inner', 'worker', 2],
			['cron', 'init', 0]
		]);
	});

	test('one frame per level, innermost first, with counters before and after, then the birth', () => {
		const trace = run([
			{ op: 'fork', parent: 'init', name: 'c', newns: true },
			{ op: 'fork', parent: 'c', name: 'w', newns: true }
		]);
		const frames = trace.frames.filter((frame) => frame.op === 1);
		expect(frames.map((frame) => frame.focus)).toEqual([
			{
				kind: 'alloc',
				process: 'w',
				parent: 'c',
				ns: 'ns:w',
				level: 2,
				pid: 1,
				lastPidBefore: 0,
				lastPidAfter: 1,
				createdNs: true
			},
			{
				kind: 'alloc',
				process: 'w',
				parent: 'c',
				ns: 'ns:c',
				level: 1,
				pid: 2,
				lastPidBefore: 1,
				lastPidAfter: 2,
				createdNs: false
			},
			{
				kind: 'alloc',
				process: 'w',
				parent: 'c',
				ns: 'ns:init',
				level: 0,
				pid: 3,
				lastPidBefore: 2,
				lastPidAfter: 3,
				createdNs: false
			},
			{ kind: 'fork', process: 'w', parent: 'c', newns: true, pids: [3, 2, 1], errno: null }
		]);
		// The new namespace shows from its first frame; the process from its birth.
		expect(namespaces(frames[0]).map((ns) => ns.id)).toEqual(['ns:init', 'ns:c', 'ns:w']);
		expect(processes(frames[2]).map((p) => p.name)).toEqual(['init', 'c']);
		expect(processes(frames[3]).map((p) => p.name)).toEqual(['init', 'c', 'w']);
		expect(namespaces(frames[3]).map((ns) => [ns.id, ns.parent, ns.level, ns.lastPid])).toEqual([
			['ns:init', null, 0, 3],
			['ns:c', 'ns:init', 1, 2],
			['ns:w', 'ns:c', 2, 1]
		]);
	});

	test('ENOSPC past 32 nested levels, and the failed fork uses up no PID', () => {
		const ops: PidnsOpInput[] = [];
		for (let level = 1; level <= MAX_PID_NS_LEVEL + 1; level++) {
			ops.push({
				op: 'fork',
				parent: level === 1 ? 'init' : `n${level - 1}`,
				name: `n${level}`,
				newns: true
			});
		}
		ops.push({ op: 'fork', parent: `n${MAX_PID_NS_LEVEL}`, name: 'after' });
		ops.push({ op: 'fork', parent: `n${MAX_PID_NS_LEVEL + 1}`, name: 'ghost-child' });
		const trace = run(ops);
		expect(trace.results[MAX_PID_NS_LEVEL - 1]).toMatchObject({ ok: true });
		expect(
			(trace.results[MAX_PID_NS_LEVEL - 1] as unknown as { pids: number[] }).pids
		).toHaveLength(33);
		expect(trace.results[MAX_PID_NS_LEVEL]).toEqual({ ok: false, errno: 'ENOSPC' });
		const after = trace.results[MAX_PID_NS_LEVEL + 1] as unknown as { pids: number[] };
		expect(after.pids[0]).toBe(MAX_PID_NS_LEVEL + 2);
		expect(after.pids[MAX_PID_NS_LEVEL]).toBe(2);
		expect(trace.results[MAX_PID_NS_LEVEL + 2]).toEqual({ ok: false, errno: 'ESRCH' });
		expect(trace.frames.at(-1)!.text).toContain('its fork failed');
		// depthLimit (for a root that is not the machine's) moves the limit.
		const shallow = simulatePidns(validate(pidnsSchema, { model: 'pidns', ops }), {
			depthLimit: 2
		});
		expect(shallow.results.slice(0, 3).map((r) => r.ok)).toEqual([true, true, false]);
	});
});

describe('exit and kill', () => {
	const family: PidnsOpInput[] = [
		{ op: 'fork', parent: 'init', name: 'shell' },
		{ op: 'fork', parent: 'shell', name: 'c', newns: true },
		{ op: 'fork', parent: 'c', name: 'mid' },
		{ op: 'fork', parent: 'mid', name: 'leaf1' },
		{ op: 'fork', parent: 'mid', name: 'inner', newns: true },
		{ op: 'fork', parent: 'inner', name: 'deep' },
		{ op: 'fork', parent: 'mid', name: 'leaf2' }
	];

	test('orphans go to the init of the exiting process namespace, in creation order', () => {
		for (const op of ['exit', 'kill'] as const) {
			const trace = run([...family, { op, name: 'mid' }, { op, name: 'shell' }]);
			expect(trace.results[7]).toEqual({
				ok: true,
				exited: ['mid'],
				reparented: [
					{ name: 'leaf1', to: 'c' },
					{ name: 'inner', to: 'c' },
					{ name: 'leaf2', to: 'c' }
				]
			});
			expect(trace.results[8]).toEqual({
				ok: true,
				exited: ['shell'],
				reparented: [{ name: 'c', to: 'init' }]
			});
			const focus = trace.frames.filter((f) => f.op === 7).map((f) => f.focus);
			expect(focus[0]).toEqual({
				kind: 'exit',
				process: 'mid',
				signal: op === 'exit' ? 'exit' : 'SIGKILL',
				collapses: null,
				errno: null
			});
			expect(focus.slice(1)).toEqual([
				{ kind: 'reparent', process: 'leaf1', from: 'mid', to: 'c' },
				{ kind: 'reparent', process: 'inner', from: 'mid', to: 'c' },
				{ kind: 'reparent', process: 'leaf2', from: 'mid', to: 'c' }
			]);
			const final = trace.final.processes.find((p) => p.name === 'leaf1');
			expect(final?.parent).toBe('c');
		}
	});

	test('a dead init takes its namespace and every nested one with it, named first then by root PID', () => {
		const trace = run([
			...family,
			{ op: 'fork', parent: 'init', name: 'bystander' },
			{ op: 'kill', name: 'c' }
		]);
		expect(trace.results[8]).toEqual({
			ok: true,
			exited: ['c', 'mid', 'leaf1', 'inner', 'deep', 'leaf2'],
			reparented: []
		});
		const frames = trace.frames.filter((f) => f.op === 8);
		expect(frames.map((f) => f.focus?.kind)).toEqual([
			'exit',
			'kill',
			'kill',
			'kill',
			'kill',
			'kill'
		]);
		expect(frames[0].focus).toMatchObject({ collapses: 'ns:c' });
		expect(frames[3].focus).toEqual({ kind: 'kill', process: 'inner', ns: 'ns:c', init: 'c' });
		const last = frames.at(-1)!;
		expect(namespaces(last).map((ns) => [ns.id, ns.alive])).toEqual([
			['ns:init', true],
			['ns:c', false],
			['ns:inner', false]
		]);
		expect(
			processes(last)
				.filter((p) => p.alive)
				.map((p) => p.name)
		).toEqual(['init', 'shell', 'bystander']);
		expect(trace.final.processes.map((p) => p.name)).toEqual(['init', 'shell', 'bystander']);
	});

	test('ESRCH for exited processes, failed forks and processes not forked yet', () => {
		const trace = run([
			{ op: 'kill', name: 'a' },
			{ op: 'fork', parent: 'init', name: 'a' },
			{ op: 'exit', name: 'a' },
			{ op: 'exit', name: 'a' },
			{ op: 'ps', from: 'a' },
			{ op: 'fork', parent: 'a', name: 'b' },
			{ op: 'kill', name: 'b' }
		]);
		expect(trace.results.map((r) => (r.ok ? 'ok' : r.errno))).toEqual([
			'ESRCH',
			'ok',
			'ok',
			'ESRCH',
			'ESRCH',
			'ESRCH',
			'ESRCH'
		]);
		const texts = trace.frames.map((f) => f.text);
		expect(texts[1]).toContain('does not exist yet');
		expect(texts.at(-1)).toContain('its fork failed');
		expect(texts.some((t) => t.includes('has already exited'))).toBe(true);
	});

	test('the root init exiting kills every process, nested namespaces included; later ops give ESRCH', () => {
		const trace = run([
			{ op: 'fork', parent: 'init', name: 'a' },
			{ op: 'fork', parent: 'a', name: 'c', newns: true },
			{ op: 'fork', parent: 'c', name: 'x' },
			{ op: 'fork', parent: 'init', name: 'b' },
			{ op: 'exit', name: 'init' },
			{ op: 'fork', parent: 'init', name: 'late' },
			{ op: 'ps', from: 'x' },
			{ op: 'kill', name: 'init' }
		]);
		expect(trace.results.slice(4)).toEqual([
			{ ok: true, exited: ['init', 'a', 'c', 'x', 'b'], reparented: [] },
			{ ok: false, errno: 'ESRCH' },
			{ ok: false, errno: 'ESRCH' },
			{ ok: false, errno: 'ESRCH' }
		]);
		expect(trace.final.processes).toEqual([]);
		const death = trace.frames.find((f) => f.focus?.kind === 'exit' && f.focus.process === 'init');
		expect(death?.focus).toMatchObject({ collapses: 'ns:init', errno: null });
		expect(death?.text).toContain('Attempted to kill init!');
		expect(death?.text).toContain('unshare --pid --fork');
		const last = trace.frames.at(-1)!;
		expect(pagedItems(last.namespacePages).every((ns) => !ns.alive)).toBe(true);
	});

	test('the root init killed with SIGKILL collapses the root namespace like exit', () => {
		const trace = run([
			{ op: 'fork', parent: 'init', name: 'a' },
			{ op: 'kill', name: 'init' },
			{ op: 'ps', from: 'init' }
		]);
		expect(trace.results).toEqual([
			{ ok: true, pids: [2] },
			{ ok: true, exited: ['init', 'a'], reparented: [] },
			{ ok: false, errno: 'ESRCH' }
		]);
		const kills = trace.frames.filter((f) => f.focus?.kind === 'kill');
		expect(kills.map((f) => f.focus)).toEqual([
			{ kind: 'kill', process: 'a', ns: 'ns:init', init: 'init' }
		]);
	});
});

describe('ps', () => {
	test('lists its namespace and the nested ones, with PIDs as seen there, sorted by PID', () => {
		const trace = run([
			{ op: 'fork', parent: 'init', name: 'a' },
			{ op: 'fork', parent: 'a', name: 'c1', newns: true },
			{ op: 'fork', parent: 'c1', name: 'x' },
			{ op: 'fork', parent: 'x', name: 'c2', newns: true },
			{ op: 'fork', parent: 'c1', name: 'y' },
			{ op: 'ps', from: 'x' },
			{ op: 'ps', from: 'c2' },
			{ op: 'ps', from: 'a' }
		]);
		expect(trace.results.slice(5)).toEqual([
			{
				ok: true,
				processes: [
					{ pid: 1, name: 'c1' },
					{ pid: 2, name: 'x' },
					{ pid: 3, name: 'c2' },
					{ pid: 4, name: 'y' }
				]
			},
			{ ok: true, processes: [{ pid: 1, name: 'c2' }] },
			{
				ok: true,
				processes: [
					{ pid: 1, name: 'init' },
					{ pid: 2, name: 'a' },
					{ pid: 3, name: 'c1' },
					{ pid: 4, name: 'x' },
					{ pid: 5, name: 'c2' },
					{ pid: 6, name: 'y' }
				]
			}
		]);
		const frame = trace.frames.find((f) => f.op === 6)!;
		expect(frame.ps).toEqual({ from: 'c2', ns: 'ns:c2', processes: [{ pid: 1, name: 'c2' }] });
		expect(frame.focus).toEqual({ kind: 'ps', from: 'c2', ns: 'ns:c2', errno: null });
		expect(trace.frames.filter((f) => f.ps !== null)).toHaveLength(3);
	});
});

describe('frames', () => {
	const ops: PidnsOpInput[] = [
		{ op: 'fork', parent: 'init', name: 'a' },
		{ op: 'fork', parent: 'a', name: 'c', newns: true },
		{ op: 'fork', parent: 'c', name: 'd' },
		{ op: 'ps', from: 'c' },
		{ op: 'exit', name: 'a' },
		{ op: 'kill', name: 'c' },
		{ op: 'ps', from: 'd' }
	];

	test('steps, ops, one plain sentence each, and structure shared between frames', () => {
		const trace = run(ops);
		trace.frames.forEach((frame, index) => {
			expect(frame.step).toBe(index);
			expect(frame.text).toMatch(/^\S.*[.!?]$/);
			expect(frame.text).not.toMatch(/[<>]/);
		});
		expect(new Set(trace.frames.map((f) => f.op))).toEqual(new Set([null, 0, 1, 2, 3, 4, 5, 6]));
		expect(trace.results).toHaveLength(ops.length);
		// An alloc frame changes no process: the process pages are the same object.
		const allocs = trace.frames.filter((f) => f.focus?.kind === 'alloc');
		const before = trace.frames[allocs[0].step - 1];
		expect(allocs[0].processPages).toBe(before.processPages);
		// A ps frame changes nothing at all.
		const ps = trace.frames.find((f) => f.focus?.kind === 'ps')!;
		expect(ps.namespacePages).toBe(trace.frames[ps.step - 1].namespacePages);
	});

	test('the same scenario twice gives the same trace, byte for byte', () => {
		expect(JSON.stringify(run(ops))).toBe(JSON.stringify(run(ops)));
	});

	test('a trace past 100,000 frames is an invalid scenario', () => {
		const deep: PidnsOpInput[] = [];
		for (let level = 1; level <= 32; level++) {
			deep.push({
				op: 'fork',
				parent: level === 1 ? 'init' : `n${level - 1}`,
				name: `n${level}`,
				newns: true
			});
		}
		for (let i = 0; i < 3100; i++) deep.push({ op: 'fork', parent: 'n32', name: `w${i}` });
		const errors = errorsOf({ model: 'pidns', ops: deep });
		expect(errors).toEqual([expect.stringMatching(/^frames: .*100,000 frames/)]);
	});

	test('the large bench scenario: 32 levels, 5,000 processes, under the frame limit', () => {
		const scenario = largeScenario();
		expect(scenario.ops.filter((op) => op.op === 'fork')).toHaveLength(4999);
		const trace = simulatePidns(validate(pidnsSchema, scenario));
		expect(trace.frames.length).toBeLessThan(LIMITS.frames);
		expect(trace.results.every((r) => r.ok)).toBe(true);
		expect(Math.max(...trace.final.processes.map((p) => p.level))).toBe(29);
		expect(
			JSON.stringify(
				simulatePidns(validate(pidnsSchema, scenario), { recordFrames: false }).results
			)
		).toBe(JSON.stringify(trace.results));
	});
});

describe('validation', () => {
	const base = (ops: unknown[]) => ({ model: 'pidns', ops });

	test('names are unique, init is reserved, and every name refers to some fork', () => {
		expect(
			errorsOf(
				base([
					{ op: 'fork', parent: 'init', name: 'web' },
					{ op: 'fork', parent: 'init', name: 'init' },
					{ op: 'fork', parent: 'web', name: 'web' },
					{ op: 'ps', from: 'ghost' },
					{ op: 'exit', name: 'x' },
					{ op: 'fork', parent: 'nobody', name: 'y' }
				])
			)
		).toEqual([
			'ops[1].name: "init" is reserved for the first process of the root namespace',
			'ops[2].name: "web" is already created by ops[0].name (process names are unique in a scenario)',
			'ops[3].from: no fork in this scenario creates "ghost"',
			'ops[4].name: no fork in this scenario creates "x"',
			'ops[5].parent: no fork in this scenario creates "nobody"'
		]);
	});

	test('keys per kind of op, names not empty, x- keys ignored', () => {
		expect(
			errorsOf(
				base([
					{ op: 'fork', name: 'a' },
					{ op: 'exit', name: 'a', newns: true },
					{ op: 'ps', from: '' },
					{ op: 'kill', name: 'n'.repeat(65) },
					{ op: 'spawn', name: 'a' },
					{ op: 'fork', parent: 'init', name: 'b', newns: 'yes' },
					{ op: 'fork', parent: 'init', name: 7 },
					'fork'
				])
			)
		).toEqual([
			'ops[0].parent: is required',
			'ops[1].newns: is not a key of a "exit" op (it takes op, name)',
			'ops[2].from: must not be empty',
			'ops[4].op: must be one of fork, exit, kill, ps',
			'ops[5].newns: must be true or false',
			'ops[6].name: must be a process name (a string)',
			'ops[7]: must be an object'
		]);
		const outcome = runModel(pidnsModel, {
			model: 'pidns',
			'x-note': 'kept',
			ops: [{ op: 'fork', parent: 'init', name: 'a', 'x-why': 'demo' }]
		});
		expect(outcome.ok).toBe(true);
		expect(errorsOf({ model: 'pidns', ops: [], extra: 1 })).toEqual([
			'extra: unknown key (only keys starting with "x-" may be added)'
		]);
		expect(errorsOf({ model: 'pidns' })).toEqual(['ops: is required']);
	});

	test('a process name has no length limit (the contract sets none)', () => {
		const long = 'n'.repeat(65);
		const longer = '😀'.repeat(1_000);
		const outcome = runModel(pidnsModel, {
			model: 'pidns',
			ops: [
				{ op: 'fork', parent: 'init', name: long },
				{ op: 'fork', parent: long, name: longer, newns: true },
				{ op: 'ps', from: longer }
			]
		});
		if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		expect(outcome.trace.results[2]).toEqual({ ok: true, processes: [{ pid: 1, name: longer }] });
	});

	test('at most 10,000 ops', () => {
		const ops = Array.from({ length: LIMITS.ops + 1 }, () => ({ op: 'ps', from: 'init' }));
		expect(errorsOf(base(ops))).toEqual(['ops: has more than 10000 ops (the limit)']);
	});
});

describe('properties', () => {
	const nameArb = fc.constantFrom('init', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
	const opArb = fc.oneof(
		fc.record({ op: fc.constant('fork'), parent: nameArb, name: nameArb, newns: fc.boolean() }),
		fc.record({ op: fc.constantFrom('exit', 'kill'), name: nameArb }),
		fc.record({ op: fc.constant('ps'), from: nameArb })
	);

	test('random scenarios give a trace or validation messages, never an exception', () => {
		fc.assert(
			fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
				const outcome = runModel(pidnsModel, { model: 'pidns', ops });
				if (!outcome.ok) {
					expect(outcome.errors.length).toBeGreaterThan(0);
					return;
				}
				const trace = outcome.trace as unknown as ReturnType<typeof simulatePidns>;
				expect(trace.results).toHaveLength(ops.length);
				// Live processes: NSpid has one entry per level, PIDs are unique per namespace.
				const seen = new Set<string>();
				const last = trace.frames.at(-1)!;
				for (const proc of pagedItems(last.processPages).filter((p) => p.alive)) {
					expect(proc.pids).toHaveLength(proc.level + 1);
					const nsChain: string[] = [];
					let ns = pagedItems(last.namespacePages).find((n) => n.id === proc.ns);
					while (ns) {
						nsChain.unshift(ns.id);
						expect(ns.alive).toBe(true);
						ns = pagedItems(last.namespacePages).find((n) => n.id === ns!.parent);
					}
					nsChain.forEach((id, level) => {
						const key = `${id}/${proc.pids[level]}`;
						expect(seen.has(key)).toBe(false);
						seen.add(key);
					});
				}
				expect(trace.final.processes.map((p) => p.name)).toEqual(
					pagedItems(last.processPages)
						.filter((p) => p.alive)
						.map((p) => p.name)
				);
			}),
			{ numRuns: 300, seed: 20240601 }
		);
	});

	test('mutated scenarios never make the model throw', () => {
		const junk = fc.oneof(
			fc.string(),
			fc.integer(),
			fc.constant(null),
			fc.boolean(),
			fc.array(fc.string(), { maxLength: 3 }),
			fc.dictionary(fc.string({ maxLength: 6 }), fc.string(), { maxKeys: 3 })
		);
		const mutatedOp = fc.oneof(
			opArb,
			fc.record(
				{ op: junk, name: junk, parent: junk, from: junk, newns: junk },
				{ requiredKeys: [] }
			),
			junk
		);
		fc.assert(
			fc.property(fc.array(mutatedOp, { maxLength: 20 }), junk, (ops, extra) => {
				for (const input of [
					{ model: 'pidns', ops },
					{ model: 'pidns', ops, title: extra },
					{ model: extra, ops },
					ops,
					JSON.stringify({ model: 'pidns', ops })
				]) {
					const outcome = runModel(pidnsModel, input);
					if (!outcome.ok) expect(outcome.errors.every((e) => /^.+: .+/.test(e))).toBe(true);
				}
			}),
			{ numRuns: 300, seed: 7 }
		);
	});
});
