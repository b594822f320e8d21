import { describe, expect, test } from 'vitest';
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
