/**
 * Scenario JSON as it arrives (src/lib/sim/core/json-source.ts and
 * parseScenarioText): a file's bytes decoded as the browser decodes them, a
 * byte-order mark accepted, and a syntax error placed by line and column in
 * one line that quotes nothing of the text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runScenario } from './all-models';
import {
	decodeScenarioBytes,
	jsonErrorOffset,
	jsonErrorPlace,
	LIMITS,
	withoutByteOrderMark
} from '../../src/lib/sim/core';

const SCENARIO = '{"model":"syscall","platform":"native","syscalls":["getpid"]}';

function utf16(text: string, littleEndian: boolean): Uint8Array {
	const bytes = new Uint8Array(2 + text.length * 2);
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0xfeff, littleEndian);
	for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
	return bytes;
}

function errorsOf(input: string): string[] {
	const outcome = runScenario(input);
	if (outcome.ok) throw new Error('accepted');
	return outcome.errors;
}

describe('a byte-order mark', () => {
	test('at the start of the text is dropped: the scenario is accepted', () => {
		expect(runScenario(`\ufeff${SCENARIO}`).ok).toBe(true);
		expect(withoutByteOrderMark('\ufeffx')).toBe('x');
		expect(withoutByteOrderMark('x\ufeff')).toBe('x\ufeff');
	});

	test('anywhere else is not JSON, and the message does not show it raw', () => {
		const errors = errorsOf(`\ufeff\ufeff${SCENARIO}`);
		expect(errors).toEqual([
			'(scenario): is not valid JSON (the first error is at line 1, column 1)'
		]);
	});
});

describe('decodeScenarioBytes', () => {
	const encoder = new TextEncoder();

	test('UTF-8, with or without its byte-order mark', () => {
		expect(decodeScenarioBytes(encoder.encode(SCENARIO))).toEqual({ ok: true, text: SCENARIO });
		const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(SCENARIO)]);
		expect(decodeScenarioBytes(marked)).toEqual({ ok: true, text: SCENARIO });
	});

	test('UTF-16 with its byte-order mark, either byte order, as browsers read it', () => {
		const text = SCENARIO.replace('native', 'nativé');
		expect(decodeScenarioBytes(utf16(text, true))).toEqual({ ok: true, text });
		expect(decodeScenarioBytes(utf16(text, false))).toEqual({ ok: true, text });
	});

	test('bytes that are not text are refused, never replaced', () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(decodeScenarioBytes(png)).toEqual({
			ok: false,
			problem: 'is not UTF-8 text (a scenario is a JSON file, saved as UTF-8)'
		});
		const noMark = utf16(SCENARIO, true).subarray(2);
		expect(decodeScenarioBytes(noMark)).toMatchObject({ ok: false, problem: /NUL characters/ });
		const lone = new Uint8Array([0xff, 0xfe, 0x00, 0xd8]);
		expect(decodeScenarioBytes(lone)).toMatchObject({ ok: false, problem: /not valid UTF-16LE/ });
	});

	test('more bytes than the scenario limit are refused before decoding', () => {
		const big = new Uint8Array(LIMITS.scenarioBytes + 1).fill(0x20);
		expect(decodeScenarioBytes(big)).toEqual({
			ok: false,
			problem: 'is larger than 4 MiB (the limit)'
		});
		expect(decodeScenarioBytes(big.subarray(1)).ok).toBe(true);
	});
});

describe('JSON that does not parse', () => {
	test('gives the line and column, as the browser does, and no snippet of the text', () => {
		const text = '{\n  "model": "syscall",\n  "platform": "native",\n}';
		expect(errorsOf(text)).toEqual([
			'(scenario): is not valid JSON (the first error is at line 4, column 1; JSON allows no trailing commas)'
		]);
		let error: unknown;
		try {
			JSON.parse(text);
		} catch (caught) {
			error = caught;
		}
		// Lines and columns count from 1, as the browser's message counts them.
		expect(jsonErrorPlace(error, text)).toBe('line 4, column 1');
	});

	test('a comment is named; an unexpected token without a position in the parser message is placed', () => {
		expect(errorsOf('// notes\n{}')).toEqual([
			'(scenario): is not valid JSON (the first error is at line 1, column 1; JSON allows no comments)'
		]);
		expect(errorsOf('{"model":tru}')).toEqual([
			'(scenario): is not valid JSON (the first error is at line 1, column 13)'
		]);
		expect(errorsOf('[1,]')).toEqual([
			'(scenario): is not valid JSON (the first error is at line 1, column 4; JSON allows no trailing commas)'
		]);
	});

	test('a binary or multi-line text still gives one line, with no control or invisible character', () => {
		for (const text of ['\x89PNG\r\n\x1a\n\0\0', 'a\nb\nc', '\u200b{}', '{"a":"b\nc"}']) {
			const errors = errorsOf(text);
			expect(errors).toHaveLength(1);
			// eslint-disable-next-line no-control-regex
			expect(errors[0]).not.toMatch(/[\u0000-\u001f\u007f\u200b\ufeff]/);
		}
	});

	test('empty text is "empty", and a list is not an object, in the browser’s words', () => {
		expect(errorsOf('')).toEqual(['(scenario): is empty']);
		expect(errorsOf(' \n\t')).toEqual(['(scenario): is empty']);
		expect(errorsOf('[]')).toEqual(['(scenario): must be an object']);
	});

	test('property: jsonErrorOffset finds an error exactly when JSON.parse throws, at the offset it gives', () => {
		const jsonish = fc.oneof(
			fc.json().map((json) => json),
			fc
				.tuple(
					fc.json(),
					fc.nat(),
					fc.constantFrom('', ',', '}', ']', '"', ':', '/', 'x', '\n', '-', '0', 'e')
				)
				.map(([json, at, insert]) => {
					const cut = at % (json.length + 1);
					return json.slice(0, cut) + insert + json.slice(cut);
				})
		);
		fc.assert(
			fc.property(jsonish, (text) => {
				let error: unknown = null;
				try {
					JSON.parse(text);
				} catch (caught) {
					error = caught;
				}
				const offset = jsonErrorOffset(text);
				if (error === null) expect(offset).toBeNull();
				else {
					expect(offset).not.toBeNull();
					const given = /position (\d+)/.exec((error as Error).message);
					if (given) expect(offset).toBe(Number(given[1]));
				}
			}),
			{ numRuns: 2_000 }
		);
	});
});
