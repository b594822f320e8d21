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
 * Needs root on Linux with working `unshare --pid --fork` and a C compiler;
 * otherwise one test reports why it could not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { validate } from '../../src/lib/sim/core';
import {
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

type KernelResult =
	| { ok: true; pids: number[] }
	| { ok: true; exited: string[]; reparented: { name: string; to: string }[] }
	| { ok: true; processes: { pid: number; name: string }[] }
	| { ok: false; errno: string };

interface KernelRun {
	outerLevels: number;
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
function runOnKernel(driver: string, scenarios: PidnsScenario[]): KernelRun[] {
	const slotNames: string[][] = [];
	let input = '';
	for (const scenario of scenarios) {
		const names = ['init'];
		for (const op of scenario.ops) if (op.op === 'fork') names.push(op.name);
		slotNames.push(names);
		const slot = (name: string) => names.indexOf(name);
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
		const outerLevels = lines[at++].root.outerLevels as number;
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
		runs.push({ outerLevels, results, final });
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

	/** Runs scenarios on both sides and compares every result and the final state. */
	function expectConformance(scenarios: PidnsScenario[]): KernelRun[] {
		const runs = runOnKernel(driver, scenarios);
		scenarios.forEach((sc, index) => {
			const kernel = runs[index];
			const model = simulatePidns(sc, {
				recordFrames: false,
				depthLimit: MAX_PID_NS_LEVEL - kernel.outerLevels
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
}
