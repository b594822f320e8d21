/**
 * Every model (each folder src/lib/sim/<name>/ with an index.ts), loaded once
 * through the registry the site and its worker use, for tests that run
 * scenarios of any model synchronously. `runScenario` here is the registry's
 * runner with every model at hand (tests/unit/registry.test.ts shows the two agree).
 */
import { loadModels } from '../../src/lib/sim';
import { runWithModels, type RunOutcome } from '../../src/lib/sim/core';

export const MODELS = await loadModels();

export function runScenario(input: unknown): RunOutcome {
	return runWithModels(MODELS, input);
}

/** The model `name` (a test's own model, known to exist). */
export function modelNamed(name: string) {
	const model = MODELS.find((one) => one.name === name);
	if (!model) throw new Error(`no model ${name}`);
	return model;
}
