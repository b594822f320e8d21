import { describe, expect, test } from 'vitest';
import { scenarioRunner } from '../../src/lib/scenario/traced';
import { pidnsModel } from '../../src/lib/sim/pidns';

describe('scenarioRunner', () => {
	const runner = scenarioRunner<object>(pidnsModel);
	const scenario = { model: 'pidns', ops: [{ op: 'fork', parent: 'init', name: 'a' }] };

	test('a scenario object is simulated once: the same object gets the same trace', () => {
		const first = runner.simulate(scenario);
		expect(Array.isArray(first)).toBe(false);
		expect(runner.simulate(scenario)).toBe(first);
		// An equal but different object is simulated on its own.
		expect(runner.simulate(structuredClone(scenario))).not.toBe(first);
	});

	test('an invalid scenario gets its messages, from simulate and from check', () => {
		const bad = { model: 'pidns', ops: [{ op: 'fork' }] };
		const result = runner.simulate(bad);
		expect(Array.isArray(result) && result.length > 0).toBe(true);
		expect(runner.check(bad)).toEqual(result);
		expect(runner.check(scenario)).toBeNull();
		expect(runner.check('not json at all {')).not.toBeNull();
	});
});
