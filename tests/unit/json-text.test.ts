import { describe, expect, test } from 'vitest';
import { jsonOf, parseRemembered } from '../../src/lib/scenario/json-text';

describe('a scenario keeps the JSON text it was parsed from', () => {
	test('the same object gives back its own text, untouched', () => {
		const text = '{ "model": "pidns",\n  "ops": [] }';
		const value = parseRemembered(text);
		expect(jsonOf(value)).toBe(text);
	});
	test('an edited copy is serialised afresh, never given the old text', () => {
		const value = parseRemembered('{"model":"pidns","ops":[]}') as { ops: unknown[] };
		const edited = { ...value, ops: [{ op: 'ps', from: 'init' }] };
		expect(JSON.parse(jsonOf(edited))).toEqual(edited);
	});
	test('values that are not objects are plain JSON', () => {
		expect(jsonOf(parseRemembered('"x"'))).toBe('"x"');
		expect(jsonOf(null)).toBe('null');
	});
});
