/**
 * Folder rule: src/lib/sim/ is the simulation and nothing else: no DOM, no Svelte, no I/O.
 *
 * The models there are, for code built by Vite (the site, its simulation
 * worker, the unit tests): every folder src/lib/sim/<name>/ with an index.ts
 * that exports `<name>Model` is one, and no list names them. A lab imports
 * its own model directly, so its page carries no other; this registry loads a
 * model only when a scenario asks for it (the simulation worker's, an embed's check).
 *
 * Why a glob: Vite turns it into one lazy import per folder at build time, and
 * its keys give the names without loading any model (error messages list them).
 * An import() of a template string would load a model in Vite and in Node alike,
 * but would still need the names from somewhere. `npm run trace` runs under
 * tsx, which has no import.meta.glob: scripts/models.ts finds the same folders
 * by listing the directory (I/O belongs in scripts/, not here). Both apply the
 * same convention (modelOfModule) and the same runner (runWithRegistry).
 * The worker is built as a module (vite.config.ts `worker.format`), so it
 * fetches only the model it runs.
 */
import {
	modelOfModule,
	runWithRegistry,
	type AnyModel,
	type ModelRegistry,
	type RunOutcome
} from './core';

const MODULES = import.meta.glob<Record<string, unknown>>(['./*/index.ts', '!./core/index.ts']);

const pathOf = (name: string) => `./${name}/index.ts`;

/** The models' names (the folders), sorted. */
export const MODEL_NAMES: readonly string[] = Object.keys(MODULES)
	.map((path) => path.slice('./'.length, -'/index.ts'.length))
	.sort();

/** The model `name`, loaded on first use; undefined when there is no such model. */
export async function loadModel(name: string): Promise<AnyModel | undefined> {
	if (!MODEL_NAMES.includes(name)) return undefined;
	return modelOfModule(await MODULES[pathOf(name)](), name);
}

export const REGISTRY: ModelRegistry = { names: MODEL_NAMES, load: loadModel };

/** Every model, loaded (the tests and tools that go over all of them). */
export function loadModels(): Promise<AnyModel[]> {
	return Promise.all(MODEL_NAMES.map(async (name) => (await loadModel(name))!));
}

/**
 * Turns untrusted input (JSON text or a parsed value) into a trace or a list
 * of messages, with the model its `model` key names.
 */
export function runScenario(input: unknown): Promise<RunOutcome> {
	return runWithRegistry(REGISTRY, input);
}
