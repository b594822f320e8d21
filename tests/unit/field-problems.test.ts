import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatPath } from '../../src/lib/sim/core/validate';
import {
	fieldProblem,
	inWords,
	placeIn,
	problemsAt,
	saidOf
} from '../../src/lib/labs/field-problems';

describe('a model’s messages said of the form field they are about', () => {
	test('finds the messages about a place and the places inside it, and no other', () => {
		const lines = [
			'ops[1].to: must be an IPv4 address like "10.0.0.2"',
			'ops[10].to: must be a string',
			'ops[1]: unknown key (only keys starting with "x-" may be added)',
			'tickMsX: must be a number'
		];
		expect(problemsAt(lines, 'ops[1]')).toEqual([
			{ inside: '.to', text: 'must be an IPv4 address like "10.0.0.2"' },
			{ inside: '', text: 'unknown key (only keys starting with "x-" may be added)' }
		]);
		expect(problemsAt(lines, 'tickMs')).toEqual([]);
	});

	test('a key that is not a name is quoted as the models quote it, ": " inside it too', () => {
		const place = placeIn('layers[0].entries', 'relative/x: y');
		expect(place).toBe('layers[0].entries["relative/x: y"]');
		expect(placeIn('upper', 'name')).toBe('upper.name');
		expect(placeIn('ops', 3)).toBe('ops[3]');
		const line = `${place}: must be an absolute path (starting with "/")`;
		expect(fieldProblem([line], { place, label: 'Path' })).toBe(
			'Path must be an absolute path (starting with “/”)'
		);
	});

	test('a place is written as the core writes it, long and odd keys too', () => {
		// A key the core cut short, or whose invisible characters it escaped, must still
		// find its field: the message's place and the field's are compared as text.
		const place = (key: string | number) =>
			formatPath([{ key: 'layers' }, { key }] as unknown as Parameters<typeof formatPath>[0]);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ unit: 'binary', maxLength: 200 }),
					fc.stringMatching(/^[A-Za-z_][\w-]{0,120}$/),
					fc.nat()
				),
				(key) => {
					expect(placeIn('layers', key)).toBe(place(key));
				}
			),
			{ numRuns: 2000 }
		);
		const long = `/${'p'.repeat(100)}`;
		expect(placeIn('layers', long)).toMatch(/…"\]$/);
	});

	test('a predicate follows the label; anything else follows a colon', () => {
		expect(saidOf('To address', 'must be an IPv4 address like "10.0.0.2"')).toBe(
			'To address must be an IPv4 address like “10.0.0.2”'
		);
		expect(saidOf('cpu.max of /batch', 'the quota must be a whole number')).toBe(
			'cpu.max of /batch: the quota must be a whole number'
		);
	});

	test('the status line keeps the JSON places of what no field of the form holds', () => {
		const lines = ['namespaces[1].hostname: must not be empty', 'ops[2].process: is required'];
		expect(
			inWords(lines, [{ place: 'namespaces[1].hostname', label: 'Host name of web-uts' }])
		).toEqual(['Host name of web-uts must not be empty', 'ops[2].process: is required']);
	});

	test('`when` picks which of two fields making one value a message is about', () => {
		const line = 'upper.entries["/a"]: must be at most 64 KiB (the per-file content limit)';
		const when = (text: string) => text.includes('content limit');
		const fields = [
			{ place: 'upper.entries["/a"]', label: 'Content', when },
			{ place: 'upper.entries["/a"]', label: 'Path', when: (text: string) => !when(text) }
		];
		expect(inWords([line], fields)).toEqual([
			'Content must be at most 64 KiB (the per-file content limit)'
		]);
		expect(fieldProblem([line], fields[1])).toBeNull();
	});
});
