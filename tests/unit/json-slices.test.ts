import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseJsonInSlices } from '../../src/lib/scenario/json-slices';

/** Parses with the slicer forced on (no direct JSON.parse), yielding as often as it can. */
async function sliced(text: string) {
	let tasks = 0;
	const value = await parseJsonInSlices(text, {
		directChars: -1,
		sliceMs: 0,
		nextTask: async () => {
			tasks++;
		}
	});
	return { value, tasks };
}

/** What JSON.parse gives, or 'throws'. */
function native(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

async function ours(text: string): Promise<{ ok: true; value: unknown } | { ok: false }> {
	try {
		return { ok: true, value: (await sliced(text)).value };
	} catch (error) {
		expect(error).toBeInstanceOf(SyntaxError);
		return { ok: false };
	}
}

describe('parsing JSON in slices gives what JSON.parse gives', () => {
	test('any JSON value, written compactly or indented', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.jsonValue(),
				fc.constantFrom(undefined, 0, 2, '\t', ' \r\n'),
				async (value, indent) => {
					const text = JSON.stringify(value, null, indent as string | number | undefined);
					expect(await ours(text)).toEqual(native(text));
				}
			),
			{ numRuns: 2000 }
		);
	});

	test('texts that are almost JSON: accepted and refused exactly where JSON.parse does', async () => {
		const piece = fc.constantFrom(
			'{',
			'}',
			'[',
			']',
			',',
			':',
			'"a"',
			'"\\u00e9"',
			'"\\x"',
			'"\t"',
			'1',
			'-0',
			'01',
			'1.',
			'1e5',
			'-',
			'true',
			'tru',
			'null',
			'false',
			' ',
			'\n',
			'"__proto__"',
			'\u00a0'
		);
		await fc.assert(
			fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
				const text = pieces.join('');
				expect(await ours(text)).toEqual(native(text));
			}),
			{ numRuns: 5000 }
		);
		for (const text of [
			'',
			' ',
			'{"a":1,}',
			'[1,]',
			'[1 2]',
			'{"a" 1}',
			'"\\ud800"',
			'"\u2028"',
			'1 '
		]) {
			expect(await ours(text), text).toEqual(native(text));
		}
	});

	test('a "__proto__" key is an own property, as JSON.parse makes it, never the prototype', async () => {
		const { value } = await sliced('{"__proto__": {"polluted": true}, "a": 1}');
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(value).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
	});

	test('duplicate keys: the last value wins, in the first key’s place', async () => {
		const text = '{"a":1,"b":2,"a":3}';
		const { value } = await sliced(text);
		expect(Object.entries(value as object)).toEqual(Object.entries(JSON.parse(text)));
	});

	test('nesting deeper than any call stack allows is parsed without recursion', async () => {
		const text = '['.repeat(100_000) + ']'.repeat(100_000);
		const { value } = await sliced(text);
		let depth = 0;
		for (let at = value; Array.isArray(at) && at.length; at = at[0]) depth++;
		expect(depth).toBe(99_999);
	});

	test('a big text is parsed over many tasks; a small one in one go', async () => {
		const big = JSON.stringify({
			ops: Array.from({ length: 20_000 }, (_, i) => ({ op: 'stat', path: `/d/f${i}` }))
		});
		let tasks = 0;
		const value = await parseJsonInSlices(big, {
			sliceMs: 0,
			nextTask: async () => {
				tasks++;
			}
		});
		expect(value).toEqual(JSON.parse(big));
		expect(tasks).toBeGreaterThan(10);
		tasks = 0;
		await parseJsonInSlices('{"ops":[]}', {
			nextTask: async () => {
				tasks++;
			}
		});
		expect(tasks).toBe(0);
	});
});
