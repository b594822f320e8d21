/**
 * Telling another lesson's scenario from a mistyped one: only a `model` that names
 * a real model is "another lab's"; a typo gets the schema's own message.
 */
import { describe, expect, test } from 'vitest';
import { otherModel, otherModelProblem } from '../../src/lib/scenario/other-model';
import { runModel } from '../../src/lib/sim/core';
import { MODELS, modelNamed } from './all-models';

const unionfs = modelNamed('unionfs');
const problemsOf = (value: unknown) => {
	const outcome = runModel(unionfs, value);
	return outcome.ok ? [] : outcome.errors;
};

describe('another model’s scenario or a typo', () => {
	test.each(MODELS.filter((model) => model.name !== 'unionfs').map((model) => model.name))(
		'a %s scenario opened in the layers lab is another lab’s',
		(name) => {
			const value = { model: name };
			expect(otherModel(value, problemsOf(value))).toEqual({ theirs: name, ours: 'unionfs' });
		}
	);

	test('a pidns scenario opened in the layers lab is another lab’s', () => {
		const value = { model: 'pidns', ops: [] };
		expect(otherModel(value, problemsOf(value))).toEqual({ theirs: 'pidns', ours: 'unionfs' });
	});

	test.each(['unionFS', 'docker', 'union fs'])(
		'“%s” names no model: the schema’s message says what is wrong',
		(model) => {
			const value = { model, layers: [{ name: 'b', entries: {} }], ops: [] };
			const problems = problemsOf(value);
			expect(otherModel(value, problems)).toBeNull();
			expect(otherModelProblem(value, problems, 'This JSON')).toBeNull();
			expect(problems.join('\n')).toMatch(/^model: must be "unionfs"/m);
		}
	);
});
