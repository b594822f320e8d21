/**
 * The models there are, for scripts run by Node under tsx (`npm run trace`,
 * `npm run bench`): every folder src/lib/sim/<name>/ with an index.ts, found by
 * listing the directory, since tsx has no import.meta.glob. The site, its
 * worker and the tests use src/lib/sim/index.ts instead, which finds the same
 * folders with a glob; both apply the core's convention (modelOfModule).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	modelOfModule,
	runWithRegistry,
	type AnyModel,
	type ModelRegistry,
	type RunOutcome
} from '../src/lib/sim/core';

const SIM = fileURLToPath(new URL('../src/lib/sim/', import.meta.url));

/** The models' names (the folders), sorted. */
export const MODEL_NAMES: readonly string[] = readdirSync(SIM, { withFileTypes: true })
	.filter(
		(entry) =>
			entry.isDirectory() && entry.name !== 'core' && existsSync(join(SIM, entry.name, 'index.ts'))
	)
	.map((entry) => entry.name)
	.sort();

/** The model `name`, loaded on first use; undefined when there is no such model. */
export async function loadModel(name: string): Promise<AnyModel | undefined> {
	if (!MODEL_NAMES.includes(name)) return undefined;
	const url = pathToFileURL(join(SIM, name, 'index.ts')).href;
	return modelOfModule(await import(url), name);
}

export const REGISTRY: ModelRegistry = { names: MODEL_NAMES, load: loadModel };

/** The file a model keeps beside it, if it has one (its `bench.ts`, say): loaded, or null. */
export async function modelFile(
	name: string,
	file: string
): Promise<Record<string, unknown> | null> {
	const path = join(SIM, name, file);
	return existsSync(path) ? import(pathToFileURL(path).href) : null;
}

export function runScenario(input: unknown): Promise<RunOutcome> {
	return runWithRegistry(REGISTRY, input);
}
