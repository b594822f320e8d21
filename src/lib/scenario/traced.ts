/**
 * Simulates a lab's scenario once per object. Opening a file or a link checks
 * the scenario and then shows it, and a lab shows its default on the server and
 * again when it mounts: with the trace remembered per scenario object, each of
 * those runs the model once, and the same object always gets the same trace
 * (so raw state holding it sees no change and nothing is redrawn).
 */
import { runModel, type AnyModel } from '$lib/sim/core';

export interface ScenarioRunner<T> {
	/** The scenario's trace, or the messages that make it invalid. */
	simulate(value: unknown): T | string[];
	/** Messages when `value` is not a valid scenario (within every limit), else null. */
	check(value: unknown): string[] | null;
}

export function scenarioRunner<T extends object>(model: AnyModel): ScenarioRunner<T> {
	const traced = new WeakMap<object, T>();
	const simulate = (value: unknown): T | string[] => {
		const remembered = value !== null && typeof value === 'object';
		const known = remembered ? traced.get(value) : undefined;
		if (known) return known;
		const outcome = runModel(model, value);
		if (!outcome.ok) return outcome.errors;
		const trace = outcome.trace as T;
		if (remembered) traced.set(value, trace);
		return trace;
	};
	return {
		simulate,
		check: (value) => {
			const result = simulate(value);
			return Array.isArray(result) ? result : null;
		}
	};
}
