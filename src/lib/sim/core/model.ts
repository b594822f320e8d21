import type * as v from 'valibot';
import type { Frame, Result, RunOutcome, Trace } from './types';
import { ScenarioError } from './types';
import { parseScenarioText, validate } from './validate';
import { quoteText } from './format';
import { valueDepthProblem } from './depth';
import { MISSING_MODEL } from './model-names';

/**
 * A model is a validation schema and a pure function from a validated scenario
 * to a trace. Everything else (limits, recording, narration helpers, errors)
 * comes from ./core.
 */
export interface SimulateOptions {
	/** false: keep results and final state only (the bench's baseline). */
	recordFrames?: boolean;
	/**
	 * Items all results and `final` may return (default LIMITS.resultItems).
	 * Only tests lower it, to reach the budget of every model cheaply.
	 */
	resultBudget?: number;
	/**
	 * Called with the operation's index as each operation starts (through the
	 * frame recorder), so a caller can show progress. Called synchronously, from
	 * inside the simulation: it must not touch the trace.
	 */
	onOp?: (index: number) => void;
}

export interface Model<Scenario, State extends object, Final, R extends Result = Result> {
	readonly name: string;
	readonly schema: v.GenericSchema<unknown, Scenario>;
	simulate(scenario: Scenario, options?: SimulateOptions): Trace<State, Final, R>;
	/**
	 * For models whose frames hold class instances: gives a frame that went
	 * through structuredClone (postMessage from the simulation worker) its
	 * methods back, in place. `seen` holds objects already revived.
	 */
	reviveFrame?(frame: Frame<State>, seen: WeakSet<object>): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any, any, any, any>;

/** A message quoting a huge value from the scenario is cut short: it is read by people. */
const MAX_MESSAGE = 300;
function clip(messages: readonly string[]): string[] {
	return messages.map((line) =>
		line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line
	);
}

type RunOutcomeOf<S extends object, F, R extends Result> =
	{ ok: true; trace: Trace<S, F, R> } | { ok: false; errors: string[] };

/** Validates untrusted input (a scenario, or its JSON text) against one model and simulates it. */
export function runModel<Sc, S extends object, F, R extends Result>(
	model: Model<Sc, S, F, R>,
	input: unknown,
	options?: SimulateOptions
): RunOutcomeOf<S, F, R> {
	const source = parsedInput(input);
	return source.ok ? runParsedModel(model, source.value, options) : source;
}

/** The value JSON text holds (any other input is the value itself), or why the text is not JSON. */
function parsedInput(
	input: unknown
): { ok: true; value: unknown } | { ok: false; errors: string[] } {
	try {
		return { ok: true, value: typeof input === 'string' ? parseScenarioText(input) : input };
	} catch (error) {
		if (error instanceof ScenarioError) return { ok: false, errors: clip(error.messages) };
		throw error;
	}
}

/**
 * Validates an untrusted value that was already parsed (a link's, a file's, a
 * host page's) and simulates it. A string here is a JSON value like any other,
 * not text to parse again: `"hi"` is not an object.
 */
export function runParsedModel<Sc, S extends object, F, R extends Result>(
	model: Model<Sc, S, F, R>,
	value: unknown,
	options?: SimulateOptions
): RunOutcomeOf<S, F, R> {
	const withoutModel = missingModelProblem(value);
	if (withoutModel) return { ok: false, errors: [withoutModel] };
	try {
		// validate() checks the nesting limit before anything walks the value.
		const scenario = validate(model.schema, value);
		return { ok: true, trace: model.simulate(scenario, options) };
	} catch (error) {
		if (error instanceof ScenarioError) return { ok: false, errors: clip(error.messages) };
		throw error;
	}
}

/** Picks the model named by the scenario's `model` key, then runs it. */
export function runWithModels(models: readonly AnyModel[], input: unknown): RunOutcome {
	const parsed = parsedInput(input);
	if (!parsed.ok) return parsed;
	const source = parsed.value;
	if (source === null || typeof source !== 'object' || Array.isArray(source)) {
		return { ok: false, errors: ['(scenario): must be an object'] };
	}
	const withoutModel = missingModelProblem(source);
	if (withoutModel) return { ok: false, errors: [withoutModel] };
	const name = (source as Record<string, unknown>).model;
	const model = models.find((m) => m.name === name);
	if (!model) {
		const names = models.map((m) => m.name);
		return {
			ok: false,
			errors: [`model: must be one of ${names.join(', ')} (got ${describeValue(name)})`]
		};
	}
	return runModel(model, source) as RunOutcome;
}

/**
 * MISSING_MODEL for an object without `model` (the nesting limit's message for
 * one nested too deep, which every way in reports first), else null: the command
 * line and every lab say the same for it.
 */
export function missingModelProblem(value: unknown): string | null {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
	if ((value as Record<string, unknown>).model !== undefined) return null;
	return valueDepthProblem(value) ?? MISSING_MODEL;
}

/** A `model` value as a message quotes it: a string quoted, anything else by its kind. */
function describeValue(value: unknown): string {
	if (typeof value === 'string') return quoteText(value, 40);
	if (value === null || typeof value === 'number' || typeof value === 'boolean')
		return String(value);
	return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
