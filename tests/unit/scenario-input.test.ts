// Scenario input from outside (a link, a file, an embed, the cgroups editor) that is
// deep, not JSON, not an object, another model's, or valid but with a title at the
// limit: each gets one clear message (or opens), and nothing throws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryStorage } from './memory-storage';

vi.mock('$app/environment', () => ({ browser: true, dev: false, building: false }));

const { readScenarioText } = await import('$lib/scenario/scenario-text');
const { jsonErrorPlace } = await import('$lib/sim/core/json-source');
const { decodeScenario, encodeScenario } = await import('$lib/scenario/share');
const { restoreScenario } = await import('$lib/scenario/restore');
const { scenarioRunner } = await import('$lib/scenario/traced');
const { estimateWork } = await import('$lib/scenario/work');
const { pidnsModel } = await import('$lib/sim/pidns');
const { cgroupsModel, cgroupsSchema, withoutLimits } = await import('$lib/sim/cgroups');
const { validate } = await import('$lib/sim/core');

const DEEP_TEXT = '['.repeat(100_000) + ']'.repeat(100_000);
const NESTED_TOO_DEEP = /nested more than 64 levels deep \(the limit\)/;

function deepArray(levels: number): unknown {
	let value: unknown = [];
	for (let i = 0; i < levels; i++) value = [value];
	return value;
}

describe('readScenarioText', () => {
	it('refuses text nested 100,000 levels deep with the nesting limit, before parsing it', async () => {
		expect(await readScenarioText(DEEP_TEXT, 'deep.json', '; nothing was changed')).toEqual({
			ok: false,
			error: 'deep.json is nested more than 64 levels deep (the limit); nothing was changed.'
		});
	});

	it('says where text that is not JSON breaks, by line and column', async () => {
		const text = '{\n  "model": "pidns",\n  "ops": [ { "op": "x" ,, ] }';
		const read = await readScenarioText(text, 'invalid.json', '; nothing was changed');
		expect(read).toEqual({
			ok: false,
			error:
				'invalid.json is not valid JSON; nothing was changed. The first error is at line 3, column 25.'
		});
	});

	it('finds the place also where the engine’s message gives none, and past a big text’s slices', async () => {
		// Node's JSON.parse words an unexpected token without a position.
		expect(jsonErrorPlace(new SyntaxError('Unexpected end of JSON input'), '{"a":\n')).toBe(
			'line 2, column 1'
		);
		const read = await readScenarioText('\n\n  x', 'x.json');
		expect(read).toEqual({
			ok: false,
			error: 'x.json is not valid JSON. The first error is at line 3, column 3.'
		});
		const big = `{"x-pad": "${'a'.repeat(200_000)}",\n "b": tru }`;
		expect(await readScenarioText(big, 'big.json')).toEqual({
			ok: false,
			error: 'big.json is not valid JSON. The first error is at line 2, column 7.'
		});
	});

	it('says an empty text is empty', async () => {
		expect(await readScenarioText(' \n ', 'empty.json')).toEqual({
			ok: false,
			error: 'empty.json is empty.'
		});
	});

	it('gives the value of valid JSON, whatever its type', async () => {
		expect(await readScenarioText('"hi"', 'x')).toEqual({ ok: true, value: 'hi' });
		expect(await readScenarioText('[1,2]', 'x')).toEqual({ ok: true, value: [1, 2] });
	});

	it('is what a share link is read with: a syntax error names its place', async () => {
		expect(await decodeScenario(await encodeText('{"model":'))).toEqual({
			ok: false,
			error:
				'The shared scenario in this link is not valid JSON. The first error is at line 1, column 10.'
		});
	});
});

/** A link's `scenario=` value for raw text (encodeScenario takes a value). */
async function encodeText(text: string): Promise<string> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
	const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
	return `v1.${Buffer.from(bytes).toString('base64url')}`;
}

describe('a scenario check given JSON that is not an object', () => {
	const runner = scenarioRunner(pidnsModel);
	for (const value of ['hi', '{"model":"pidns","ops":[]}', 3, true, null, [], [1, 2, 3]]) {
		it(`says ${JSON.stringify(value)} must be an object`, async () => {
			expect(await runner.check(value)).toEqual(['(scenario): must be an object']);
		});
	}

	it('says an array where a nested object belongs must be an object, not which keys it lacks', () => {
		const outcome = runner.check({ model: 'pidns', ops: [[1, 2]] });
		expect(outcome).toEqual(['ops[0]: must be an object']);
	});

	it('refuses a value nested 100,000 levels deep with the nesting limit, without overflowing', async () => {
		const deep = deepArray(100_000);
		expect(() => estimateWork(deep)).not.toThrow();
		expect(await runner.check(deep)).toEqual([
			'[0]: is nested more than 64 levels deep (the nesting limit)'
		]);
	});
});

describe('the cgroups scenario without limits', () => {
	const weights = JSON.parse(readFileSync('static/scenarios/cgroups/weights.json', 'utf8'));

	for (const length of [188, 200, 201, 10_000]) {
		it(`is valid for a valid scenario whose title is ${length} characters, and keeps it whole`, () => {
			const scenario = { ...weights, title: 'T'.repeat(length) };
			const twin = withoutLimits(validate(cgroupsSchema, scenario));
			expect(() => validate(cgroupsSchema, twin)).not.toThrow();
			expect(twin.title).toBe(`${'T'.repeat(length)} (no limits)`);
		});
	}

	it('keeps a title of characters outside the BMP whole', () => {
		expect(withoutLimits({ ...weights, title: 'Weights' }).title).toBe('Weights (no limits)');
		const emoji = withoutLimits({ ...weights, title: '😀'.repeat(100) }).title!;
		expect(emoji).toBe(`${'😀'.repeat(100)} (no limits)`);
		expect(scenarioRunner(cgroupsModel).check(withoutLimits({ ...weights, title: emoji }))).toBe(
			null
		);
	});
});

describe('a share link holding another model’s scenario', () => {
	const store = new Map<string, string>();
	beforeEach(() => {
		store.clear();
		vi.stubGlobal('localStorage', memoryStorage(store));
	});
	afterEach(() => vi.unstubAllGlobals());

	it('gets the one sentence the file opener gives, not the other model’s fields as errors', async () => {
		const weights = JSON.parse(readFileSync('static/scenarios/cgroups/weights.json', 'utf8'));
		const link = await encodeScenario(weights);
		vi.stubGlobal('window', {
			location: { href: `https://site.example/lessons/pid-namespaces?scenario=${link}` }
		});
		const fallback = { model: 'pidns', ops: [] };
		const restored = await restoreScenario({
			draftKey: 'other-model-test',
			check: scenarioRunner(pidnsModel).check,
			fallback
		});
		expect(restored).toEqual({
			value: fallback,
			source: 'default',
			problem:
				'The shared scenario in this link holds a “cgroups” scenario, which another lesson’s lab opens; this lab opens “pidns” scenarios.',
			details: []
		});
	});
});

describe('decodeScenario', () => {
	it('still refuses a link nested too deep with the nesting limit', async () => {
		const decoded = await decodeScenario(await encodeText(DEEP_TEXT));
		expect(decoded.ok).toBe(false);
		if (!decoded.ok) expect(decoded.error).toMatch(NESTED_TOO_DEEP);
	});
});
