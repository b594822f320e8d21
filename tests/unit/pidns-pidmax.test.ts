/**
 * pid_max per PID namespace (Linux 6.14 and later): the root namespace wraps
 * at its own pid_max, and a namespace created by clone(CLONE_NEWPID) gets
 * PID_MAX_LIMIT (4,194,304), not its parent's value (kernel/pid_namespace.c
 * create_pid_namespace(), commit d385c8bceb14). alloc_pid() checks each level
 * against that level's own limit.
 */
import { describe, expect, test } from 'vitest';
import { validate } from '../../src/lib/sim/core';
import {
	PID_MAX_DEFAULT,
	PID_MAX_LIMIT,
	PID_MAX_MIN,
	pidnsSchema,
	simulatePidns,
	type PidnsOp,
	type PidnsScenario
} from '../../src/lib/sim/pidns';

type ForkResult = { ok: true; pids: number[] };

/**
 * `init` forks `c` into a new namespace, then `c` forks and reaps `count`
 * processes one after another: each takes a number in the root and one in
 * the level-1 namespace. Built without validation, so it may pass the
 * 10,000-op limit of a scenario.
 */
function churn(count: number, keep: (i: number) => boolean = () => false): PidnsScenario {
	const ops: PidnsOp[] = [{ op: 'fork', parent: 'init', name: 'c', newns: true }];
	for (let i = 0; i < count; i++) {
		ops.push({ op: 'fork', parent: 'c', name: `p${i}`, newns: false });
		if (!keep(i)) ops.push({ op: 'exit', name: `p${i}` });
	}
	return { model: 'pidns', ops };
}

const forkPids = (results: readonly unknown[]) =>
	results.filter((r): r is ForkResult => Array.isArray((r as ForkResult).pids)).map((r) => r.pids);

describe('pid_max per namespace', () => {
	test('constants are the kernel’s', () => {
		expect(PID_MAX_DEFAULT).toBe(32_768);
		expect(PID_MAX_LIMIT).toBe(4 * 1024 * 1024);
		expect(PID_MAX_MIN).toBe(301);
	});

	test('a nested namespace passes the root’s default pid_max without wrapping; the root wraps', () => {
		// 33,000 forks: the root (pid_max 32,768) wraps to 300, the level-1
		// namespace (pid_max 4,194,304) counts on to 33,001.
		const count = 33_000;
		// 132,000 frames: past LIMITS.frames, so the recorder (which takes the
		// options object as it is) is given a higher maxFrames.
		const options = { recordFrames: false, maxFrames: 5 * count };
		const trace = simulatePidns(churn(count), options);
		const pids = forkPids(trace.results);
		expect(pids).toHaveLength(count + 1);
		expect(pids[0]).toEqual([2, 1]);
		const inner = pids.slice(1).map((p) => p[1]);
		expect(inner).toEqual(Array.from({ length: count }, (_, i) => i + 2));
		const root = pids.slice(1).map((p) => p[0]);
		const wrapAt = root.indexOf(PID_MAX_DEFAULT - 1) + 1;
		expect(wrapAt).toBe(PID_MAX_DEFAULT - 3);
		// After 32,767 comes 300 (RESERVED_PIDS), then 301, … (1 and 2 are still in use).
		expect(root.slice(wrapAt - 1, wrapAt + 3)).toEqual([PID_MAX_DEFAULT - 1, 300, 301, 302]);
		expect(root.reduce((a, b) => Math.max(a, b))).toBe(PID_MAX_DEFAULT - 1);
		expect(trace.final.processes.map((p) => p.pids)).toEqual([[1], [2, 1]]);
	});

	test('with a small root pid_max the root wraps and skips numbers in use; the nested namespace does not', () => {
		const pidMax = 400;
		// p0 (root 3) and p297 (root 300) stay alive across the wrap.
		const trace = simulatePidns(
			churn(450, (i) => i === 0 || i === 297),
			{ pidMax }
		);
		const pids = forkPids(trace.results).slice(1);
		const root = pids.map((p) => p[0]);
		const inner = pids.map((p) => p[1]);
		expect(inner).toEqual(Array.from({ length: 450 }, (_, i) => i + 2));
		expect(root[0]).toBe(3);
		expect(root[297]).toBe(300);
		const last = root.indexOf(pidMax - 1);
		expect(last).toBe(pidMax - 4);
		// 300 is p297's: the wrap goes to 301. Every root PID stays below pid_max.
		expect(root.slice(last, last + 3)).toEqual([pidMax - 1, 301, 302]);
		expect(root.reduce((a, b) => Math.max(a, b))).toBe(pidMax - 1);
		expect(trace.final.processes.map((p) => [p.name, p.pids])).toEqual([
			['init', [1]],
			['c', [2, 1]],
			['p0', [3, 2]],
			['p297', [300, 299]]
		]);
		// The frames show the same numbers as the results.
		const allocs = trace.frames.filter((f) => f.focus?.kind === 'alloc');
		expect(allocs.at(-1)?.focus).toMatchObject({ level: 0, pid: root.at(-1) });
		expect(allocs.at(-2)?.focus).toMatchObject({ level: 1, pid: 451 });
	});

	test('a namespace nested two deep also has its own pid_max', () => {
		const ops: PidnsOp[] = [
			{ op: 'fork', parent: 'init', name: 'a', newns: true },
			{ op: 'fork', parent: 'a', name: 'b', newns: true }
		];
		for (let i = 0; i < 500; i++) {
			ops.push({ op: 'fork', parent: 'b', name: `q${i}`, newns: false });
			ops.push({ op: 'exit', name: `q${i}` });
		}
		const trace = simulatePidns(validate(pidnsSchema, { model: 'pidns', ops }), {
			pidMax: PID_MAX_MIN
		});
		const pids = forkPids(trace.results);
		// The root (pid_max 301) hands out only numbers below 301; levels 1 and 2 count on.
		expect(pids.every((p) => p[0] < PID_MAX_MIN)).toBe(true);
		expect(pids.at(-1)).toEqual([300, 502, 501]);
	});

	test('pidMax takes what the sysctl accepts', () => {
		const scenario = churn(1);
		for (const pidMax of [PID_MAX_MIN - 1, PID_MAX_LIMIT + 1, 1000.5, Number.NaN]) {
			expect(() => simulatePidns(scenario, { pidMax })).toThrow(RangeError);
		}
		for (const pidMax of [PID_MAX_MIN, PID_MAX_LIMIT]) {
			expect(simulatePidns(scenario, { pidMax }).results[1]).toEqual({ ok: true, pids: [3, 2] });
		}
	});

	test('a scenario gives the same trace with the default pid_max spelled out', () => {
		const scenario = churn(50, (i) => i % 7 === 0);
		expect(simulatePidns(scenario, { pidMax: PID_MAX_DEFAULT })).toEqual(simulatePidns(scenario));
	});
});
