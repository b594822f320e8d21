/** A notice lists at most 20 of a scenario's problems and says when it left some out. */
import { describe, expect, test } from 'vitest';
import { PROBLEMS_SHOWN, shownProblems } from '../../src/lib/scenario/problems';
import { runModel } from '../../src/lib/sim/core';
import { MODELS } from './all-models';

const lines = (n: number) =>
	Array.from({ length: n }, (_, i) => `ops[${i}].path: must be absolute`);

describe('shownProblems', () => {
	test('up to the limit, the list as it is', () => {
		expect(shownProblems(lines(3))).toEqual(lines(3));
		expect(shownProblems(lines(PROBLEMS_SHOWN))).toEqual(lines(PROBLEMS_SHOWN));
	});

	test('past it, the first 20 and how many more', () => {
		expect(shownProblems(lines(21))).toEqual([...lines(20), '… and 1 more problem']);
		expect(shownProblems(lines(45)).at(-1)).toBe('… and 25 more problems');
		expect(shownProblems(lines(45))).toHaveLength(21);
	});

	test('where the core stopped counting, “over”', () => {
		const unionfs = MODELS.find((model) => model.name === 'unionfs')!;
		const ops = Array.from({ length: 80 }, () => ({ op: 'read', path: 'relative' }));
		const outcome = runModel(unionfs, {
			model: 'unionfs',
			layers: [{ name: 'b', entries: {} }],
			ops
		});
		expect(outcome.ok).toBe(false);
		const errors = outcome.ok ? [] : outcome.errors;
		expect(errors.at(-1)).toBe('(more problems not shown)');
		const shown = shownProblems(errors);
		expect(shown).toHaveLength(21);
		expect(shown.at(-1)).toBe(`… and over ${errors.length - 1 - 20} more problems`);
		expect(shownProblems(errors, 60).at(-1)).toBe('… and more problems, not listed');
	});
});
