/**
 * The limits on the work a scenario asks for (docs/scenarios.md, "Limits"):
 * the result budget (a scenario whose results and `final` return 1,000,000
 * items is invalid), the nesting
 * depth (64 levels, `x-` values included, checked before anything walks the
 * value) and the printed-size cap of `npm run trace` (64 MiB). Each at its
 * value and just past it, for every model.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/lib/embed/messages';
import { decodeScenario, FROM_HOST_PAGE } from '../../src/lib/scenario/share';
import { MODELS, modelNamed, runScenario } from './all-models';
import {
	LIMITS,
	ScenarioError,
	jsonByteSize,
	jsonIfShallow,
	runModel,
	validate,
	valueDepthProblem,
	type AnyModel,
	type Trace
} from '../../src/lib/sim/core';
import { scenarioHash } from '../../src/lib/labs/unionfs/view';

/** The budget's message for `model`: at an op (its `opsKey[i]`) or at `final`, naming what it charges. */
function budgetMessage(model: AnyModel): RegExp {
	const where = `(${model.opsKey}\\[\\d+\\]|final)`;
	const words = model.budget.words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(
		`^${where}: this scenario returns [\\d,]+ items or more in all \\(the result budget: ${words}\\); use fewer or smaller operations$`
	);
}
const BUDGET_MESSAGE = budgetMessage(modelNamed('unionfs'));

function builtIn(model: string): Record<string, unknown> {
	const dir = join('static/scenarios', model);
	const file = readdirSync(dir).filter((name) => name.endsWith('.json'))[0];
	return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/**
 * The items a trace returns, counted from the finished trace with what its
 * model's budget declares (the lists of a result it charges, and `final`'s
 * items), not from the recorder's running count: every element of a list it
 * charges, and what `final` returns.
 */
function itemsOf(trace: Trace): number {
	const { budget } = modelNamed(trace.model);
	let items = 0;
	for (const result of trace.results) {
		for (const key of budget.resultLists) {
			const value = (result as Record<string, unknown>)[key];
			if (Array.isArray(value)) items += value.length;
		}
	}
	return items + budget.finalItems(trace.final);
}

/** Each model with its built-in scenario (the first in static/scenarios/<model>/). */
const BUILT_INS = MODELS.map((model) => [model.name, model, builtIn(model.name)] as const);

/** Simulates with a lowered budget: the trace, or the budget's message. */
function withBudget(model: AnyModel, scenario: unknown, resultBudget: number): Trace | string {
	try {
		return model.simulate(validate(model.schema, scenario), { resultBudget });
	} catch (error) {
		if (error instanceof ScenarioError) return error.messages.join('\n');
		throw error;
	}
}

/** `depth` arrays nested in one another (depth 1 is `[]`), built without recursion. */
function nested(depth: number): unknown {
	let value: unknown = [];
	for (let level = 1; level < depth; level++) value = [value];
	return value;
}

/** One lower layer of `entries` files under /big, and `lists` lists of /big. */
function bigDirectory(entries: number, lists: number) {
	const files: Record<string, string> = {};
	for (let i = 0; i < entries; i++) files[`/big/f${String(i).padStart(5, '0')}`] = 'x';
	return {
		model: 'unionfs',
		layers: [{ name: 'base', entries: files }],
		ops: Array.from({ length: lists }, () => ({ op: 'list', path: '/big' }))
	};
}

describe('result budget', () => {
	test.each(BUILT_INS)(
		'%s: a built-in scenario is refused by a budget equal to its item count (it reaches it), accepted by one more',
		(_, model, scenario) => {
			const trace = withBudget(model, scenario, LIMITS.resultItems);
			if (typeof trace === 'string') throw new Error(trace);
			const items = itemsOf(trace);
			// A model whose budget charges nothing (syscall) returns nothing the budget counts.
			if (model.budget.resultLists.length === 0 && items === 0) {
				expect(withBudget(model, scenario, 1)).toEqual(trace);
				return;
			}
			expect(items).toBeGreaterThan(0);
			const over = withBudget(model, scenario, items + 1);
			expect(typeof over === 'string' ? over : over.results).toEqual(trace.results);
			expect(withBudget(model, scenario, items)).toMatch(budgetMessage(model));
		}
	);

	test("syscall: a call's path and transitions are not charged (the contract does not count them)", () => {
		const model = modelNamed('syscall');
		const scenario = { model: 'syscall', platform: 'vm-trap-emulate', syscalls: ['write', 'mmap'] };
		const trace = withBudget(model, scenario, 1);
		if (typeof trace === 'string') throw new Error(trace);
		expect(trace.results[0]).toMatchObject({
			ok: true,
			path: expect.arrayContaining(['hypervisor'])
		});
	});

	test('the issue #14 link (10,000 entries under /big, 2,000 lists of it) is refused at the op where the budget runs out', () => {
		const outcome = runScenario(JSON.stringify(bigDirectory(10_000, 2_000)));
		expect(outcome).toEqual({
			ok: false,
			errors: [
				expect.stringMatching(
					/^ops\[99\]: this scenario returns 1,000,000 items or more in all \(the result budget/
				)
			]
		});
	});

	test('unionfs: results that reach 1,000,000 list entries are refused; 999,999 are accepted', () => {
		expect(runScenario(bigDirectory(10_000, 100))).toEqual({
			ok: false,
			errors: [expect.stringMatching(/^ops\[99\]: this scenario returns 1,000,000 items or more/)]
		});
		// 99 lists of 10,000 names and one of 9,999: one item short of the budget.
		const scenario = bigDirectory(10_000, 99);
		scenario.layers.push({ name: 'other', entries: {} });
		for (let i = 0; i < 9_999; i++)
			scenario.layers[1].entries[`/small/f${String(i).padStart(5, '0')}`] = 'x';
		scenario.ops.push({ op: 'list', path: '/small' });
		const under = runScenario(scenario);
		if (!under.ok) throw new Error(under.errors.join('\n'));
		expect(itemsOf(under.trace)).toBe(999_999);
	});

	test("pidns: a fork's pids are not charged, so 2,999 forks and 332 ps of 3,000 processes are accepted", () => {
		// The contract's count: 332 × 3,000 ps processes + 3,000 final processes = 999,000.
		// Charging each fork's PIDs too (2,999 more) once refused it.
		const ops: unknown[] = [];
		for (let i = 0; i < 2_999; i++) ops.push({ op: 'fork', parent: 'init', name: `p${i}` });
		for (let i = 0; i < 332; i++) ops.push({ op: 'ps', from: 'init' });
		const outcome = runScenario({ model: 'pidns', ops });
		if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		expect(itemsOf(outcome.trace)).toBe(999_000);
	});

	test('pidns: 999 forks and 999 ps reach exactly 1,000,000 items and are refused at final; 998 ps are accepted', () => {
		// 999 × 1,000 ps processes + 1,000 final processes = 1,000,000.
		const ops: unknown[] = [];
		for (let i = 0; i < 999; i++) ops.push({ op: 'fork', parent: 'init', name: `p${i}` });
		for (let i = 0; i < 999; i++) ops.push({ op: 'ps', from: 'init' });
		expect(runScenario({ model: 'pidns', ops })).toEqual({
			ok: false,
			errors: [expect.stringMatching(/^final: this scenario returns 1,000,000 items or more/)]
		});
		ops.pop();
		const under = runScenario({ model: 'pidns', ops });
		if (!under.ok) throw new Error(under.errors.join('\n'));
		expect(itemsOf(under.trace)).toBe(999_000);
	});

	test('property: no accepted scenario returns more items than the budget', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: BUILT_INS.length - 1 }),
				fc.integer({ min: 0, max: 3_000 }),
				(index, budget) => {
					const [, model, scenario] = BUILT_INS[index];
					const outcome = withBudget(model, scenario, budget);
					if (typeof outcome === 'string') expect(outcome).toMatch(budgetMessage(model));
					else if (budget > 0) expect(itemsOf(outcome)).toBeLessThan(budget);
				}
			),
			{ numRuns: 200 }
		);
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 12_000 }),
				fc.integer({ min: 1, max: 150 }),
				(entries, lists) => {
					const outcome = runModel(
						modelNamed('unionfs'),
						bigDirectory(Math.min(entries, LIMITS.entriesPerLayer), lists)
					);
					if (outcome.ok) expect(itemsOf(outcome.trace)).toBeLessThan(LIMITS.resultItems);
					else expect(outcome.errors[0]).toMatch(BUDGET_MESSAGE);
					expect(outcome.ok).toBe(
						Math.min(entries, LIMITS.entriesPerLayer) * lists < LIMITS.resultItems
					);
				}
			),
			{ numRuns: 8 }
		);
	});
});

describe('nesting depth', () => {
	test.each(MODELS.map((model) => [model.name, model] as const))(
		'%s: 64 levels are accepted, 65 refused, as a value and as text',
		(_, model) => {
			const scenario = builtIn(model.name);
			// The scenario object is level 1, so its x- value may nest 63 levels.
			const atLimit = { ...scenario, 'x-deep': nested(LIMITS.nestingDepth - 1) };
			const past = { ...scenario, 'x-deep': nested(LIMITS.nestingDepth) };
			expect(runModel(model, atLimit).ok).toBe(true);
			expect(runModel(model, JSON.stringify(atLimit)).ok).toBe(true);
			expect(runModel(model, past)).toEqual({
				ok: false,
				errors: ['x-deep: is nested more than 64 levels deep (the nesting limit)']
			});
			expect(runModel(model, JSON.stringify(past))).toEqual({
				ok: false,
				errors: ['(scenario): is nested more than 64 levels deep (the nesting limit)']
			});
		}
	);

	test('10,000 levels, a cycle and a shared-reference bomb are refused without walking them', () => {
		const cycle: unknown[] = [];
		cycle.push(cycle);
		// 60 levels of two references to the same array: 2^60 paths in 120 slots.
		let bomb: unknown = [];
		for (let i = 0; i < 60; i++) bomb = [bomb, bomb];
		for (const value of [nested(10_000), cycle]) {
			expect(runScenario({ model: 'pidns', ops: [], 'x-deep': value })).toEqual({
				ok: false,
				errors: ['x-deep: is nested more than 64 levels deep (the nesting limit)']
			});
		}
		expect(runScenario({ model: 'pidns', ops: [], 'x-bomb': bomb })).toEqual({
			ok: false,
			errors: [expect.stringContaining('more than any scenario inside the limits')]
		});
		const text = `{"model":"pidns","ops":[],"x-deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
		expect(runScenario(text)).toEqual({
			ok: false,
			errors: ['(scenario): is nested more than 64 levels deep (the nesting limit)']
		});
		// Brackets inside strings are text, not nesting.
		expect(runScenario(`{"model":"pidns","ops":[],"x-note":"${'['.repeat(200)}"}`).ok).toBe(true);
	});

	test('a share link nested too deep is refused while decoding, with its own message', async () => {
		const text = `{"model":"pidns","ops":[],"x-deep":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
		const link = `v1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;
		expect(await decodeScenario(link)).toEqual({
			ok: false,
			error: 'The shared scenario in this link is nested more than 64 levels deep (the limit).'
		});
		// The same text sent by a host page names the page, as its other messages do.
		expect(await decodeScenario(link, FROM_HOST_PAGE)).toEqual({
			ok: false,
			error: 'The scenario sent by the page is nested more than 64 levels deep (the limit).'
		});
	});

	test('the UI helpers never walk a value nested too deep', () => {
		const deep = { model: 'unionfs', layers: [], 'x-deep': nested(10_000) };
		expect(valueDepthProblem(deep)).toMatch(/nested more than 64 levels/);
		expect(jsonIfShallow(deep)).toBeNull();
		expect(jsonIfShallow({ a: [1] })).toBe('{"a":[1]}');
		expect(scenarioHash(deep)).toMatch(/^[0-9a-f]{8}$/);
		// setScenario lets it through to the lab's check, which names the limit.
		expect(parseCommand({ type: 'stepvisor', command: 'setScenario', scenario: deep })).toEqual({
			command: 'setScenario',
			scenario: deep
		});
	});
});

describe('printed size of npm run trace', () => {
	const dir = mkdtempSync(join(tmpdir(), 'trace-cli-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const trace = (file: string) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/trace.ts', file], {
			encoding: 'utf8',
			maxBuffer: 128 * 1024 * 1024
		});

	test('jsonByteSize agrees with JSON.stringify, shared structure, toJSON and UTF-8 included', () => {
		const shared = { name: 'é “x”', list: [1, -0, NaN, undefined, null, true] };
		const value = {
			a: shared,
			b: [shared, shared, () => 1],
			skip: undefined,
			upper: { toJSON: () => ({ entries: { '/a': 'b' } }) },
			date: new Date(0)
		};
		expect(jsonByteSize(value)).toBe(Buffer.byteLength(JSON.stringify(value)));
		for (const model of MODELS) {
			const outcome = runScenario(builtIn(model.name));
			if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
			expect(jsonByteSize(outcome.trace)).toBe(Buffer.byteLength(JSON.stringify(outcome.trace)));
		}
	});

	test('31 nested namespaces and 2,000 forks: exit 2 with the size the trace would have, nothing printed', () => {
		const ops: unknown[] = [];
		let parent = 'init';
		for (let level = 1; level <= 31; level++) {
			ops.push({ op: 'fork', parent, name: `n${level}`, newns: true });
			parent = `n${level}`;
		}
		for (let i = 0; i < 2_000; i++) ops.push({ op: 'fork', parent, name: `w${i}` });
		const file = join(dir, 'deep-forks.json');
		writeFileSync(file, JSON.stringify({ model: 'pidns', ops }));
		const run = trace(file);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(
			/^\(trace\): its JSON would be [\d,.]+ MiB \([\d,]+ bytes\), more than the 64 MiB npm run trace prints \(the printed-size limit\)/
		);
		const bytes = Number(/\(([\d,]+) bytes\)/.exec(run.stderr)![1].replace(/,/g, ''));
		expect(bytes).toBeGreaterThan(LIMITS.printedBytes);
	});

	test('a trace under the cap is printed whole', () => {
		const file = join('static/scenarios/pidns', readdirSync('static/scenarios/pidns')[0]);
		const run = trace(file);
		expect(run.status).toBe(0);
		const outcome = runScenario(readFileSync(file, 'utf8'));
		if (!outcome.ok) throw new Error('built-in scenario refused');
		expect(run.stdout).toBe(`${JSON.stringify(outcome.trace)}\n`);
	});
});
