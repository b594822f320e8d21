/**
 * Hostile input for every model: at least 10,000 random and mutated scenarios per
 * model per run. Each must end in a trace or a clear invalid-scenario message;
 * none may throw. Mutations start from the built-in scenarios and plant deep
 * nesting, huge numbers, long strings, unicode and control characters, NUL,
 * "..", and prototype keys.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MODELS, runScenario } from './all-models';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

function builtIns(model: string): unknown[] {
	const dir = join('static/scenarios', model);
	try {
		return readdirSync(dir)
			.filter((name) => name.endsWith('.json'))
			.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
	} catch {
		return [];
	}
}

function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const HOSTILE_STRINGS = [
	'',
	'..',
	'/..',
	'/a/../b',
	'/etc/',
	'//',
	'\u0000',
	'/a\u0000b',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'<img src=x onerror=alert(1)>',
	'\u202e\u0301\ud83d\ude00',
	'\ud800',
	'x'.repeat(70_000),
	`/${'n'.repeat(300)}`,
	'init',
	'-1',
	'1e999'
];

const HOSTILE_VALUES: unknown[] = [
	null,
	true,
	0,
	-1,
	1e308,
	-1e308,
	Number.MAX_SAFE_INTEGER + 2,
	0.5,
	[],
	{},
	{ __proto__: { polluted: true } },
	JSON.parse('{"__proto__": {"polluted": true}}'),
	...HOSTILE_STRINGS
];

function deep(depth: number): unknown {
	let value: unknown = 'bottom';
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
	return value;
}

/** Containers (objects or arrays) in `value`, not descending into planted deep values. */
function containers(value: unknown): (Record<string, unknown> | unknown[])[] {
	const out: (Record<string, unknown> | unknown[])[] = [];
	const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
	while (stack.length) {
		const { node, depth } = stack.pop()!;
		if (!node || typeof node !== 'object' || depth > 30) continue;
		out.push(node as Record<string, unknown>);
		for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
	}
	return out;
}

function mutate(base: unknown, seed: number): unknown {
	const random = mulberry32(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const hostile = () => structuredClone(pick(HOSTILE_VALUES));
	const value = structuredClone(base);
	const count = 1 + Math.floor(random() * 4);
	for (let i = 0; i < count; i++) {
		const all = containers(value);
		const target = pick(all);
		const keys = Object.keys(target);
		const choice = random();
		if (Array.isArray(target)) {
			if (choice < 0.25 && target.length) target.splice(Math.floor(random() * target.length), 1);
			else if (choice < 0.4 && target.length) {
				const item = target[Math.floor(random() * target.length)];
				const copies = Math.floor(random() * 50);
				for (let c = 0; c < copies; c++) target.push(structuredClone(item ?? null));
			} else if (choice < 0.5) target.push(deep(1 + Math.floor(random() * 500)));
			else if (target.length) target[Math.floor(random() * target.length)] = hostile();
			else target.push(hostile());
		} else {
			const record = target as Record<string, unknown>;
			if (choice < 0.2 && keys.length) delete record[pick(keys)];
			else if (choice < 0.35) {
				Object.defineProperty(record, pick(HOSTILE_STRINGS).slice(0, 300), {
					value: hostile(),
					enumerable: true,
					configurable: true,
					writable: true
				});
			} else if (choice < 0.45) record[`x-${Math.floor(random() * 100)}`] = deep(50);
			else if (keys.length) record[pick(keys)] = hostile();
		}
	}
	return value;
}

function check(input: unknown) {
	const outcome = runScenario(input);
	if (outcome.ok) {
		expect(Array.isArray(outcome.trace.frames)).toBe(true);
		expect(outcome.trace.frames.length).toBeLessThanOrEqual(100_000);
	} else {
		expect(outcome.errors.length).toBeGreaterThan(0);
		for (const line of outcome.errors) {
			expect(typeof line).toBe('string');
			expect(line.length).toBeLessThan(2_000);
		}
	}
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe.each(MODELS.map((model) => model.name))('fuzzing model %s', (name) => {
	const bases = builtIns(name);

	test(`${RUNS} mutated scenarios give a trace or messages`, () => {
		expect(bases.length).toBeGreaterThan(0);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: bases.length - 1 }), fc.integer(), (index, seed) => {
				const scenario = mutate(bases[index], seed);
				check(scenario);
				// The same again as text, the way files and links arrive.
				check(JSON.stringify(scenario));
			}),
			{ numRuns: Math.ceil(RUNS * 0.8) }
		);
	});

	test('JSON nested 100,000 deep is refused, not a crash', () => {
		const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const base = JSON.stringify(bases[0]);
		for (const text of [
			nested,
			base.replace(/^\{/, `{"x-deep":${nested},`),
			base.replace(/"model"/, `"deep":${nested},"model"`)
		]) {
			// Refused by the nesting limit before anything parses or walks it.
			expect(runScenario(text)).toEqual({
				ok: false,
				errors: ['(scenario): is nested more than 64 levels deep (the nesting limit)']
			});
		}
	});

	test('random JSON with this model name gives a trace or messages', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }),
				(fields) => check({ ...fields, model: name })
			),
			{ numRuns: Math.ceil(RUNS * 0.2) }
		);
	});
});
