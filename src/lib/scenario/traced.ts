/**
 * Folder rule: src/lib/scenario/ reads, checks, stores and runs scenarios (links, files,
 * drafts, the worker); it draws nothing.
 *
 * Simulates a lab's scenario once per object. Opening a file or a link checks
 * the scenario and then shows it, and a lab shows its default on the server and
 * again when it mounts: with the trace remembered per scenario object, each of
 * those runs the model once, and the same object always gets the same trace
 * (so raw state holding it sees no change and nothing is redrawn).
 *
 * `check` is where scenarios from outside (links, files, drafts, embed hosts)
 * come in: one that is not trivially small (./work) is simulated in the
 * simulation worker, with progress and Cancel (./simulation.svelte), and its
 * trace is remembered, so the `simulate` that follows returns at once. Small
 * scenarios, and the built-in ones drawn on first paint, never wait for a worker.
 */
import { runParsedModel, type AnyModel } from '$lib/sim/core';
import { MODEL_NAMES } from '$lib/sim';
import { runOffThread } from './simulation.svelte';
import { isTriviallySmall, knowModel } from './work';

export interface ScenarioRunner<T> {
	/** The scenario's trace, or the messages that make it invalid (on the main thread). */
	simulate(value: unknown): T | string[];
	/**
	 * Messages when `value` is not a valid scenario (within every limit), else
	 * null. A big scenario is checked in the worker: then a promise, which
	 * rejects with SimulationCancelled when the learner cancels.
	 */
	check(value: unknown): string[] | null | Promise<string[] | null>;
}

// One runner per model, so that an embed's check and the lab it opens share the remembered traces.
const runners = new Map<AnyModel, ScenarioRunner<object>>();

/**
 * Work a lab does before it can draw a big scenario (indexes, the pictures'
 * lists), split into slices: each `yield` ends a task, so that drawing the trace
 * that comes back from the worker is not one long task.
 */
export type Preparer = (value: unknown) => Iterable<void>;
const preparers = new Map<AnyModel, Preparer>();

/** A lab's preparation for its model's big scenarios (see Preparer). */
export function registerPreparer(model: AnyModel, prepare: Preparer): void {
	preparers.set(model, prepare);
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function scenarioRunner<T extends object>(model: AnyModel): ScenarioRunner<T> {
	let runner = runners.get(model);
	if (!runner) runners.set(model, (runner = createRunner<T>(model)));
	return runner as ScenarioRunner<T>;
}

function createRunner<T extends object>(model: AnyModel): ScenarioRunner<T> {
	// The lab's other code asks whether a scenario is small by its `model` alone (./work).
	knowModel(model);
	const traced = new WeakMap<object, T>();
	const simulate = (value: unknown): T | string[] => {
		const remembered = value !== null && typeof value === 'object';
		const known = remembered ? traced.get(value) : undefined;
		if (known) return known;
		const outcome = runParsedModel(model, value, { modelNames: MODEL_NAMES });
		if (!outcome.ok) return outcome.errors;
		const trace = outcome.trace as T;
		if (remembered) traced.set(value, trace);
		return trace;
	};
	const checkNow = (value: unknown) => {
		const result = simulate(value);
		return Array.isArray(result) ? result : null;
	};
	return {
		simulate,
		check(value) {
			if (value === null || typeof value !== 'object' || traced.has(value)) return checkNow(value);
			if (typeof window === 'undefined' || isTriviallySmall(value, model)) return checkNow(value);
			return runOffThread(model, value).then(async (outcome) => {
				if (!outcome.ok) return outcome.errors;
				traced.set(value, outcome.trace as T);
				const prepare = preparers.get(model);
				if (prepare) {
					await nextTask();
					for (const _slice of prepare(value)) await nextTask();
				}
				return null;
			});
		}
	};
}
