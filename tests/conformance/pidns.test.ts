/**
 * Kernel conformance for the `pidns` model: every scenario here runs on real
 * nested PID namespaces (tests/conformance/pidns-helper/driver.c, compiled at
 * test time) and in the model, and the two must agree on every op's result
 * and on the final processes.
 *
 * The driver gives each scenario a fresh PID namespace whose PID 1 stands for
 * the model's `init`, so its counters start like the model's. That namespace
 * is itself R levels below the machine's initial namespace (R = 1 when the
 * tests run on the host), and the kernel counts its 32-level limit from the
 * initial namespace, so the model runs here with `depthLimit: 32 - R`.
 *
 * pid_max: the model's root stands for the machine's namespace (32,768 by
 * default), the driver's for a fresh one (4,194,304 on Linux 6.14+). No
 * scenario of 10,000 ops reaches either, so the suite leaves both alone, except
 * in the pid_max cases: there the driver's root init writes a small pid_max
 * into its own namespace and the model gets the same value (`pidMax`). Those
 * cases need Linux 6.14+, where pid_max is per namespace; on older kernels it
 * is one global value, so writing it would change the machine's, and they are
 * skipped.
 *
 * Needs root on Linux with working `unshare --pid --fork` and a C compiler;
 * otherwise one test reports why it could not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { arch, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { validate } from '../../src/lib/sim/core';
import {
	PID_MAX_LIMIT,
	PID_MAX_MIN,
	pidnsSchema,
	simulatePidns,
	type PidnsOpInput,
	type PidnsScenario
} from '../../src/lib/sim/pidns';

const MAX_PID_NS_LEVEL = 32;

function probe(): { ok: true; driver: string; dir: string } | { ok: false; reason: string } {
	if (process.platform !== 'linux') return { ok: false, reason: `platform is ${process.platform}` };
	if (process.getuid?.() !== 0) return { ok: false, reason: 'not running as root' };
	const unshare = spawnSync('unshare', ['--pid', '--fork', 'true'], { encoding: 'utf8' });
	if (unshare.error || unshare.status !== 0) {
		return {
			ok: false,
			reason: `unshare --pid --fork does not work: ${unshare.error?.message ?? unshare.stderr.trim()}`
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'pidns-driver-'));
	const driver = join(dir, 'driver');
	const source = join(import.meta.dirname, 'pidns-helper', 'driver.c');
	const cc = spawnSync('cc', ['-O1', '-Wall', '-o', driver, source], { encoding: 'utf8' });
	if (cc.error || cc.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		return { ok: false, reason: `cannot compile the driver: ${cc.error?.message ?? cc.stderr}` };
	}
	return { ok: true, driver, dir };
}

/** PIDS_PER_CPU_MIN in include/linux/threads.h: pid_max may not go below 8 per possible CPU. */
const PIDS_PER_CPU_MIN = 8;
/** The driver has 600 slots: a wrap scenario forks a little more than pid_max processes. */
const LARGEST_WRAP_PID_MAX = 540;

/**
 * Whether this kernel has a pid_max per PID namespace (Linux 6.14+), and the
 * small pid_max the wrap cases use: 400, or the kernel's minimum where that
 * is more (kernel/pid.c pid_idr_init(): at least PIDS_PER_CPU_MIN per
 * possible CPU, and RESERVED_PIDS + 1).
 */
function pidMaxProbe(): { ok: true; pidMax: number } | { ok: false; reason: string } {
	const [major, minor] = release().split(/[.-]/).map(Number);
	if (!(major > 6 || (major === 6 && minor >= 14))) {
		return {
			ok: false,
			reason: `kernel ${release()} is older than 6.14: pid_max is one global value there, and writing it in a namespace would change the machine's`
		};
	}
	let possible: number;
	try {
		possible = readFileSync('/sys/devices/system/cpu/possible', 'utf8')
			.trim()
			.split(',')
			.map((range) => range.split('-').map(Number))
			.reduce((sum, [from, to]) => sum + (to ?? from) - from + 1, 0);
	} catch {
		return { ok: false, reason: 'cannot read /sys/devices/system/cpu/possible' };
	}
	const pidMax = Math.max(400, PID_MAX_MIN, PIDS_PER_CPU_MIN * possible);
	if (pidMax > LARGEST_WRAP_PID_MAX) {
		return {
			ok: false,
			reason: `the smallest pid_max here is ${pidMax} (${possible} possible CPUs), too many processes for the driver's slots`
		};
	}
	return { ok: true, pidMax };
}

type KernelResult =
	| { ok: true; pids: number[] }
	| { ok: true; exited: string[]; reparented: { name: string; to: string }[] }
	| { ok: true; processes: { pid: number; name: string }[] }
	| { ok: false; errno: string };

interface KernelRun {
	outerLevels: number;
	/** pid_max the driver wrote into the scenario's root namespace; 0 if it left it. */
	pidMax: number;
	results: KernelResult[];
	final: { processes: { name: string; parent: string | null; pids: number[]; level: number }[] };
}

/**
 * Runs scenarios on the kernel, all in one driver process, and turns what it
 * reports (slot numbers, sets) into the model's shapes. The orders that are
 * conventions of the contract, not something the kernel shows (`exited` is
 * the named process then the rest by root PID; `reparented` in creation
 * order), are applied here to the kernel's sets.
 */
function runOnKernel(driver: string, scenarios: PidnsScenario[], rootPidMax?: number): KernelRun[] {
	const slotNames: string[][] = [];
	let input = '';
	for (const scenario of scenarios) {
		const names = ['init'];
		for (const op of scenario.ops) if (op.op === 'fork') names.push(op.name);
		slotNames.push(names);
		const slot = (name: string) => names.indexOf(name);
		if (rootPidMax !== undefined) input += `pid_max ${rootPidMax}\n`;
		input += `scenario ${names.length}\n`;
		for (const op of scenario.ops) {
			if (op.op === 'fork')
				input += `fork ${slot(op.parent)} ${slot(op.name)} ${op.newns ? 1 : 0}\n`;
			else if (op.op === 'ps') input += `ps ${slot(op.from)}\n`;
			else input += `${op.op} ${slot(op.name)}\n`;
		}
		input += 'end\n';
	}
	const run = spawnSync(driver, [], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	if (run.error) throw run.error;
	const lines = run.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
	const failure = lines.find((line) => line.error);
	if (failure || run.status !== 0) {
		throw new Error(`driver failed: ${failure?.error ?? run.stderr ?? run.status}`);
	}
	const runs: KernelRun[] = [];
	let at = 0;
	scenarios.forEach((scenario, index) => {
		const names = slotNames[index];
		const rootPidOf = new Map<string, number>([['init', 1]]);
		const { outerLevels, pidMax } = lines[at++].root as { outerLevels: number; pidMax: number };
		const results: KernelResult[] = scenario.ops.map((op) => {
			const line = lines[at++];
			if (!line.ok) return { ok: false, errno: line.errno };
			if (line.pids) {
				if (op.op === 'fork') rootPidOf.set(op.name, line.pids[0]);
				return { ok: true, pids: line.pids };
			}
			if (line.exited) {
				const named = op.op === 'exit' || op.op === 'kill' ? op.name : '';
				const exited = (line.exited as number[]).map((slot) => names[slot]);
				const others = exited
					.filter((name) => name !== named)
					.sort((a, b) => rootPidOf.get(a)! - rootPidOf.get(b)!);
				return {
					ok: true,
					exited: exited.includes(named) ? [named, ...others] : others,
					reparented: (line.reparented as [number, number][])
						.sort((a, b) => a[0] - b[0])
						.map(([slot, to]) => ({ name: names[slot], to: names[to] ?? `?${to}` }))
				};
			}
			return {
				ok: true,
				processes: (line.processes as [number, number][])
					.map(([pid, slot]) => ({ pid, name: names[slot] ?? '?not-in-scenario' }))
					.sort((a, b) => a.pid - b.pid)
			};
		});
		const final = {
			processes: (lines[at++].final as [number, number, number[]][]).map(
				([slot, parent, pids]) => ({
					name: names[slot],
					parent: parent < 0 ? null : names[parent],
					pids,
					level: pids.length - 1
				})
			)
		};
		if (!lines[at++].done) throw new Error('driver output out of step');
		runs.push({ outerLevels, pidMax, results, final });
	});
	return runs;
}

function scenario(ops: PidnsOpInput[]): PidnsScenario {
	return validate(pidnsSchema, { model: 'pidns', ops });
}

/** Small seeded PRNG (mulberry32), so the random scenarios are the same on every run. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A random valid scenario: forks (a fifth of them into a new namespace, some
 * long chains of new namespaces), exits and kills of live processes, of
 * namespace inits (the root init now and then) and of dead or failed ones,
 * and ps from anywhere.
 */
function randomScenario(random: () => number, index: number): PidnsScenario {
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	const ops: PidnsOpInput[] = [];
	const names = ['init'];
	const length = 5 + Math.floor(random() * 40);
	const chainy = index % 10 === 0;
	for (let i = 0; i < length; i++) {
		const roll = random();
		if (roll < 0.5 || names.length < 3) {
			const name = `p${i}`;
			const parent = chainy ? names[names.length - 1] : pick(names);
			ops.push({ op: 'fork', parent, name, newns: chainy ? random() < 0.8 : random() < 0.2 });
			names.push(name);
		} else if (roll < 0.75) {
			// About one scenario in ten ends its root init somewhere.
			const name = random() < 0.02 ? 'init' : pick(names.slice(1));
			ops.push({ op: random() < 0.5 ? 'exit' : 'kill', name });
		} else {
			ops.push({ op: 'ps', from: pick(names) });
		}
	}
	return scenario(ops);
}

const environment = probe();

if (!environment.ok) {
	test(`kernel conformance (skipped: ${environment.reason})`, () => {
		console.warn(`pidns kernel conformance did not run: ${environment.reason}`);
		expect(environment.reason.length).toBeGreaterThan(0);
	});
} else {
	const { driver, dir } = environment;
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/**
	 * Runs scenarios on both sides and compares every result and the final
	 * state; with `rootPidMax`, both roots get that pid_max.
	 */
	function expectConformance(scenarios: PidnsScenario[], rootPidMax?: number): KernelRun[] {
		const runs = runOnKernel(driver, scenarios, rootPidMax);
		scenarios.forEach((sc, index) => {
			const kernel = runs[index];
			expect(kernel.pidMax).toBe(rootPidMax ?? 0);
			const model = simulatePidns(sc, {
				recordFrames: false,
				depthLimit: MAX_PID_NS_LEVEL - kernel.outerLevels,
				pidMax: rootPidMax
			});
			const context = JSON.stringify(sc.ops);
			kernel.results.forEach((result, op) => {
				expect(model.results[op], `ops[${op}] of ${context}`).toEqual(result);
			});
			expect(model.final, `final state of ${context}`).toEqual(kernel.final);
		});
		return runs;
	}

	describe('pidns on the real kernel', () => {
		test('fork: PIDs per level, outermost first, counters per namespace', () => {
			expectConformance([
				scenario([
					{ op: 'fork', parent: 'init', name: 'sshd' },
					{ op: 'fork', parent: 'sshd', name: 'web', newns: true },
					{ op: 'fork', parent: 'web', name: 'worker' },
					{ op: 'fork', parent: 'init', name: 'cron' },
					{ op: 'fork', parent: 'worker', name: 'deep', newns: true },
					{ op: 'fork', parent: 'deep', name: 'deeper' },
					{ op: 'fork', parent: 'web', name: 'sibling', newns: true }
				])
			]);
		});

		test('ps: its own namespace and the nested ones, PIDs as seen there, sorted', () => {
			expectConformance([
				scenario([
					{ op: 'fork', parent: 'init', name: 'a' },
					{ op: 'fork', parent: 'a', name: 'c1', newns: true },
					{ op: 'fork', parent: 'c1', name: 'x' },
					{ op: 'fork', parent: 'x', name: 'c2', newns: true },
					{ op: 'fork', parent: 'c2', name: 'y' },
					{ op: 'fork', parent: 'init', name: 'b' },
					{ op: 'ps', from: 'init' },
					{ op: 'ps', from: 'a' },
					{ op: 'ps', from: 'c1' },
					{ op: 'ps', from: 'x' },
					{ op: 'ps', from: 'c2' },
					{ op: 'ps', from: 'y' }
				])
			]);
		});

		test('exit and kill re-parent orphans to the init of the exiting process namespace', () => {
			expectConformance([
				scenario([
					{ op: 'fork', parent: 'init', name: 'shell' },
					{ op: 'fork', parent: 'shell', name: 'c', newns: true },
					{ op: 'fork', parent: 'c', name: 'mid' },
					{ op: 'fork', parent: 'mid', name: 'leaf1' },
					{ op: 'fork', parent: 'mid', name: 'inner', newns: true },
					{ op: 'fork', parent: 'mid', name: 'leaf2' },
					{ op: 'exit', name: 'mid' },
					{ op: 'kill', name: 'shell' },
					{ op: 'ps', from: 'c' },
					{ op: 'ps', from: 'init' }
				])
			]);
		});

		test('death of a namespace init kills its namespace and every nested one', () => {
			expectConformance([
				scenario([
					{ op: 'fork', parent: 'init', name: 'outside' },
					{ op: 'fork', parent: 'init', name: 'c', newns: true },
					{ op: 'fork', parent: 'c', name: 'a' },
					{ op: 'fork', parent: 'a', name: 'd', newns: true },
					{ op: 'fork', parent: 'd', name: 'e' },
					{ op: 'fork', parent: 'c', name: 'b' },
					{ op: 'exit', name: 'c' },
					{ op: 'ps', from: 'init' },
					{ op: 'fork', parent: 'init', name: 'c2', newns: true },
					{ op: 'fork', parent: 'c2', name: 'q' },
					{ op: 'fork', parent: 'q', name: 'd2', newns: true },
					{ op: 'kill', name: 'd2' },
					{ op: 'kill', name: 'c2' }
				])
			]);
		});

		test('ESRCH: ops on exited processes, failed forks and processes not yet forked', () => {
			expectConformance([
				scenario([
					{ op: 'exit', name: 'later' },
					{ op: 'ps', from: 'later' },
					{ op: 'fork', parent: 'later', name: 'never' },
					{ op: 'fork', parent: 'init', name: 'later' },
					{ op: 'fork', parent: 'later', name: 'kid' },
					{ op: 'exit', name: 'later' },
					{ op: 'exit', name: 'later' },
					{ op: 'kill', name: 'later' },
					{ op: 'fork', parent: 'later', name: 'orphan-attempt' },
					{ op: 'ps', from: 'never' },
					{ op: 'kill', name: 'never' },
					{ op: 'fork', parent: 'never', name: 'x' },
					{ op: 'ps', from: 'kid' }
				])
			]);
		});

		test('the root init exits: the kernel kills every process, nested namespaces included', () => {
			expectConformance([
				scenario([
					{ op: 'fork', parent: 'init', name: 'a' },
					{ op: 'fork', parent: 'a', name: 'c', newns: true },
					{ op: 'fork', parent: 'c', name: 'x' },
					{ op: 'fork', parent: 'x', name: 'd', newns: true },
					{ op: 'fork', parent: 'd', name: 'y' },
					{ op: 'fork', parent: 'init', name: 'b' },
					{ op: 'exit', name: 'a' },
					{ op: 'exit', name: 'init' },
					// Every later op names a dead process: ESRCH.
					{ op: 'fork', parent: 'init', name: 'after-init' },
					{ op: 'fork', parent: 'y', name: 'after-y', newns: true },
					{ op: 'ps', from: 'init' },
					{ op: 'ps', from: 'd' },
					{ op: 'exit', name: 'init' },
					{ op: 'kill', name: 'b' },
					{ op: 'kill', name: 'after-init' }
				])
			]);
		});

		test('the root init is killed (SIGKILL from outside, as docker kill sends it)', () => {
			const [run] = expectConformance([
				scenario([
					{ op: 'fork', parent: 'init', name: 'shell' },
					{ op: 'fork', parent: 'shell', name: 'c', newns: true },
					{ op: 'fork', parent: 'c', name: 'c-job' },
					{ op: 'fork', parent: 'init', name: 'daemon' },
					{ op: 'exit', name: 'shell' },
					{ op: 'kill', name: 'init' },
					{ op: 'kill', name: 'init' },
					{ op: 'fork', parent: 'c', name: 'late' },
					{ op: 'ps', from: 'c-job' }
				]),
				// Only init: nothing else to kill.
				scenario([
					{ op: 'kill', name: 'init' },
					{ op: 'ps', from: 'init' }
				])
			]);
			expect(run.results[5]).toEqual({
				ok: true,
				exited: ['init', 'c', 'c-job', 'daemon'],
				reparented: []
			});
			expect(run.final.processes).toEqual([]);
		});

		test('nesting depth: the kernel refuses the 33rd level below the initial namespace with ENOSPC', () => {
			const ops: PidnsOpInput[] = [];
			for (let level = 1; level <= MAX_PID_NS_LEVEL + 3; level++) {
				ops.push({
					op: 'fork',
					parent: level === 1 ? 'init' : `n${level - 1}`,
					name: `n${level}`,
					newns: true
				});
			}
			ops.push({ op: 'fork', parent: `n${MAX_PID_NS_LEVEL - 2}`, name: 'plain' });
			ops.push({ op: 'ps', from: 'init' });
			ops.push({ op: 'exit', name: 'n3' });
			const [run] = expectConformance([scenario(ops)]);
			// The first refused level, counted from the machine's initial namespace, is 33.
			const refused = run.results.findIndex((result) => !result.ok);
			expect(run.results[refused]).toEqual({ ok: false, errno: 'ENOSPC' });
			expect(run.outerLevels + refused + 1).toBe(MAX_PID_NS_LEVEL + 1);
		});

		test('every built-in scenario in static/scenarios/pidns agrees with the kernel', () => {
			const folder = join(import.meta.dirname, '..', '..', 'static', 'scenarios', 'pidns');
			const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
			expect(files.length).toBeGreaterThan(0);
			expectConformance(
				files.map((file) =>
					validate(pidnsSchema, JSON.parse(readFileSync(join(folder, file), 'utf8')))
				)
			);
		});

		test('300 random scenarios (seeded) agree with the kernel', () => {
			const random = mulberry32(0x9e3779b9);
			const scenarios = Array.from({ length: 300 }, (_, index) => randomScenario(random, index));
			expectConformance(scenarios);
		});
	});

	describe('pid_max per namespace on the real kernel', () => {
		const pidMaxEnv = pidMaxProbe();
		if (!pidMaxEnv.ok) {
			test(`pid_max per namespace (skipped: ${pidMaxEnv.reason})`, () => {
				console.warn(`pidns pid_max conformance did not run: ${pidMaxEnv.reason}`);
				expect(pidMaxEnv.reason.length).toBeGreaterThan(0);
			});
			return;
		}
		const { pidMax } = pidMaxEnv;
		const hostPidMax = () => readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim();

		/**
		 * `c` is init of a namespace nested in the root; it forks `count`
		 * processes one after another and each exits at once, except those
		 * `keep` names. `depth` 2 puts the forking process one namespace deeper.
		 */
		function churn(count: number, depth: 1 | 2, keep: (i: number) => boolean): PidnsScenario {
			const ops: PidnsOpInput[] = [{ op: 'fork', parent: 'init', name: 'c', newns: true }];
			if (depth === 2) ops.push({ op: 'fork', parent: 'c', name: 'd', newns: true });
			const forker = depth === 2 ? 'd' : 'c';
			for (let i = 0; i < count; i++) {
				ops.push({ op: 'fork', parent: forker, name: `p${i}` });
				if (!keep(i)) ops.push({ op: 'exit', name: `p${i}` });
			}
			ops.push({ op: 'ps', from: 'init' }, { op: 'ps', from: forker }, { op: 'exit', name: 'c' });
			return scenario(ops);
		}

		if (/64/.test(arch())) {
			test('a new namespace gets PID_MAX_LIMIT, not its parent’s pid_max; a child may set more or less than its parent', () => {
				const before = hostPidMax();
				const script = [
					`echo ${pidMax} > /proc/sys/kernel/pid_max`,
					'cat /proc/sys/kernel/pid_max',
					'unshare --pid --fork cat /proc/sys/kernel/pid_max',
					`unshare --pid --fork sh -c 'echo ${pidMax + 100} > /proc/sys/kernel/pid_max && cat /proc/sys/kernel/pid_max'`,
					`unshare --pid --fork sh -c 'echo ${PID_MAX_MIN} > /proc/sys/kernel/pid_max && cat /proc/sys/kernel/pid_max'`
				].join(' && ');
				const run = spawnSync('unshare', ['--pid', '--fork', 'sh', '-c', script], {
					encoding: 'utf8'
				});
				expect(run.stderr).toBe('');
				expect(run.stdout.trim().split('\n')).toEqual([
					String(pidMax),
					String(PID_MAX_LIMIT),
					String(pidMax + 100),
					String(PID_MAX_MIN)
				]);
				// Only the namespaces' own values changed.
				expect(hostPidMax()).toBe(before);
			});
		} else {
			test(`PID_MAX_LIMIT (skipped: ${arch()} is not a 64-bit architecture, where the limit is 4,194,304)`, () => {
				expect(arch()).not.toMatch(/64/);
			});
		}

		test('the root wraps at its own pid_max (to 300, skipping numbers in use); nested namespaces count past it', () => {
			const before = hostPidMax();
			// p0 keeps root PID 3, p297 root PID 300, across the wrap.
			const keep = (i: number) => i === 0 || i === 297;
			const [one, two] = expectConformance(
				[churn(pidMax + 40, 1, keep), churn(pidMax + 40, 2, keep)],
				pidMax
			);
			for (const run of [one, two]) {
				const pids = run.results.flatMap((result) => ('pids' in result ? [result.pids] : []));
				expect(pids.every((p) => p[0] < pidMax)).toBe(true);
				expect(pids.some((p, i) => i > 0 && p[0] < pids[i - 1][0])).toBe(true);
				expect(Math.max(...pids.map((p) => p.at(-1)!))).toBeGreaterThan(pidMax);
			}
			expect(hostPidMax()).toBe(before);
		});
	});
}
