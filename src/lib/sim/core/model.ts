import type * as v from 'valibot';
import type { Frame, Result, RunOutcome, Trace } from './types';
import { ScenarioError } from './types';
import { parseScenarioText, validate } from './validate';
import { quoteText } from './format';
import { valueDepthProblem } from './depth';

/**
 * A model is a validation schema, a pure function from a validated scenario to
 * a trace, and three declarations the core reads instead of naming models: the
 * key of its operations, what the result budget charges, and where a scenario
 * keeps what its operations go over (`Model` below). Everything else (limits,
 * recording, narration helpers, errors) comes from ./core. Its folder
 * src/lib/sim/<name>/ has an index.ts exporting it as `<name>Model`: that is
 * all it takes to be found (src/lib/sim/index.ts, scripts/models.ts).
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
	/**
	 * The models there are, named in the message for a scenario without `model`
	 * (the labs give src/lib/sim's MODEL_NAMES, so they say what the command line says).
	 */
	modelNames?: readonly string[];
}

/**
 * What the result budget (LIMITS.resultItems) charges a model's trace with:
 * the items its results and `final` return, as docs/scenarios.md ("Limits")
 * lists them per model. The frame recorder charges them (FrameRecorder.result
 * and FrameRecorder.final), and the tests count them the same way.
 */
export interface ResultBudget<Final = unknown> {
	/**
	 * The keys of a result whose list items are charged (`ps`'s `processes`, a
	 * `list`'s `entries`). Lists other limits bound already (a fork's `pids`, a
	 * call's `path`) are left out: a scenario the contract accepts must not be
	 * refused for them.
	 */
	readonly resultLists: readonly string[];
	/** The items `final` returns (its processes, its upper layer's entries), charged once. */
	finalItems(final: Final): number;
	/**
	 * What is charged, in words, for the budget's message ("ps processes, exited
	 * and reparented names, and final's processes").
	 */
	readonly words: string;
}

/**
 * Where a scenario keeps what its operations go over, for the estimate of the
 * work it asks for (src/lib/scenario/work.ts), which decides whether it is
 * simulated on the page's main thread or in the simulation worker. Read from
 * an unchecked value: every key may be missing or hold anything.
 */
export interface ScenarioShape {
	/** Top-level lists whose every item an operation may go over (processes, files, groups). */
	readonly itemLists: readonly string[];
	/**
	 * Top-level keys holding an object with an `entries` object, or a list of
	 * such objects (unionfs's `layers` and `upper`): each entry is an item.
	 */
	readonly entryHolders?: readonly string[];
	/**
	 * The key of an operation giving how many steps it asks for (cgroups' `run`
	 * has `ticks`); an operation without it weighs 1.
	 */
	readonly opWeightKey?: string;
}

export interface Model<Scenario, State extends object, Final, R extends Result = Result> {
	/** The scenario's `model`, the trace's `model`, and the folder src/lib/sim/<name>/. */
	readonly name: string;
	readonly schema: v.GenericSchema<unknown, Scenario>;
	/**
	 * The scenario's key for its list of operations (`ops`; syscall's
	 * `syscalls`): messages name `<opsKey>[i]`, and the worker's progress counts it.
	 */
	readonly opsKey: string;
	readonly budget: ResultBudget<Final>;
	readonly shape: ScenarioShape;
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
	const withoutModel = missingModelProblem(value, options?.modelNames);
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

/**
 * The parsed scenario and the name of the model it asks for, when that is one
 * of `names`; else the messages saying why not (the known names listed).
 */
function namedModel(
	input: unknown,
	names: readonly string[]
): { ok: true; value: object; name: string } | { ok: false; errors: string[] } {
	const parsed = parsedInput(input);
	if (!parsed.ok) return parsed;
	const source = parsed.value;
	if (source === null || typeof source !== 'object' || Array.isArray(source)) {
		return { ok: false, errors: ['(scenario): must be an object'] };
	}
	const withoutModel = missingModelProblem(source, names);
	if (withoutModel) return { ok: false, errors: [withoutModel] };
	const name = (source as Record<string, unknown>).model;
	if (typeof name !== 'string' || !names.includes(name)) {
		return {
			ok: false,
			errors: [`model: must be one of ${names.join(', ')} (got ${describeValue(name)})`]
		};
	}
	return { ok: true, value: source, name };
}

/** Picks the model named by the scenario's `model` key among `models`, then runs it. */
export function runWithModels(models: readonly AnyModel[], input: unknown): RunOutcome {
	const named = namedModel(
		input,
		models.map((m) => m.name)
	);
	if (!named.ok) return named;
	const model = models.find((m) => m.name === named.name)!;
	return runParsedModel(model, named.value) as RunOutcome;
}

/**
 * The models there are, each loaded only when asked for: the site's and the
 * tests' come from src/lib/sim/index.ts (Vite), `npm run trace`'s from
 * scripts/models.ts (Node). Both find them the same way: every folder
 * src/lib/sim/<name>/ with an index.ts that exports `<name>Model`.
 */
export interface ModelRegistry {
	/** The models' names, sorted: the ones a scenario's `model` may give. */
	readonly names: readonly string[];
	/** The model `name`, or undefined when there is none by that name. */
	load(name: string): Promise<AnyModel | undefined>;
}

/** Like runWithModels, loading only the model the scenario names. */
export async function runWithRegistry(
	registry: ModelRegistry,
	input: unknown
): Promise<RunOutcome> {
	const named = namedModel(input, registry.names);
	if (!named.ok) return named;
	const model = await registry.load(named.name);
	if (!model) throw new Error(`the model ${named.name} is listed but could not be loaded`);
	return runParsedModel(model, named.value) as RunOutcome;
}

/**
 * A model folder's name: lower-case letters and digits, so that `<name>Model`
 * is the name of its export. `core` is the folder of what models share.
 */
export const MODEL_NAME = /^[a-z][a-z0-9]*$/;

/**
 * The model a folder's index.ts exports as `<name>Model`, checked to be one
 * (a schema, a simulate function, what the core asks of it) and to carry that
 * name: a folder that breaks the convention is named in the error, never skipped.
 */
export function modelOfModule(module: Record<string, unknown>, name: string): AnyModel {
	const where = `src/lib/sim/${name}/index.ts`;
	if (!MODEL_NAME.test(name) || name === 'core') {
		throw new Error(`${where}: a model folder's name must be lower-case letters and digits`);
	}
	const model = module[`${name}Model`] as Partial<AnyModel> | undefined;
	if (!model || typeof model !== 'object') {
		throw new Error(`${where} must export ${name}Model, the model`);
	}
	const missing = (['schema', 'simulate', 'opsKey', 'budget', 'shape'] as const).filter(
		(key) => model[key] === undefined
	);
	if (model.name !== name || missing.length > 0) {
		throw new Error(
			`${where}: ${name}Model must be a Model named "${name}"` +
				(missing.length ? ` (it has no ${missing.join(', ')})` : ` (it is named "${model.name}")`)
		);
	}
	return model as AnyModel;
}

/**
 * The one line for a scenario without `model`, from every way in: the command
 * line, which cannot tell which model it is for, and a lab, which names only its
 * own model in its schema (the other lines its schema would add, `layers:
 * unknown key` for another model's fields, would be guesses). `names`: the
 * models there are (src/lib/sim's MODEL_NAMES, or scripts/models.ts's).
 */
export function missingModelMessage(names: readonly string[] = []): string {
	return names.length ? `model: is required (one of ${names.join(', ')})` : 'model: is required';
}

/**
 * missingModelMessage for an object without `model` (the nesting limit's
 * message for one nested too deep, which every way in reports first), else null.
 */
export function missingModelProblem(value: unknown, names?: readonly string[]): string | null {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
	if ((value as Record<string, unknown>).model !== undefined) return null;
	return valueDepthProblem(value) ?? missingModelMessage(names);
}

/** A `model` value as a message quotes it: a string quoted, anything else by its kind. */
function describeValue(value: unknown): string {
	if (typeof value === 'string') return quoteText(value, 40);
	if (value === null || typeof value === 'number' || typeof value === 'boolean')
		return String(value);
	return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
