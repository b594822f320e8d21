/**
 * No list of models is kept by hand: every folder src/lib/sim/<name>/ with an
 * index.ts is a model, reached through the registry the site, its worker and
 * the tests use (src/lib/sim/index.ts, Vite's glob) and through `npm run trace`
 * (scripts/models.ts, the directory listed under tsx). This test lists the
 * folders itself and registers nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MODEL_NAMES, loadModel, runScenario } from '../../src/lib/sim';
import { MODEL_NAME, modelOfModule, runWithModels } from '../../src/lib/sim/core';
import { MODELS } from './all-models';

const SIM = 'src/lib/sim';
/** The model folders, found here the plain way: a folder with an index.ts, `core` aside. */
const FOLDERS = readdirSync(SIM, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && existsSync(join(SIM, entry.name, 'index.ts')))
	.map((entry) => entry.name)
	.filter((name) => name !== 'core')
	.sort();

/** A model's first built-in scenario file (static/scenarios/<model>/). */
function builtInFile(model: string): string {
	const dir = join('static/scenarios', model);
	return join(
		dir,
		readdirSync(dir)
			.filter((name) => name.endsWith('.json'))
			.sort()[0]
	);
}

function trace(file: string, input?: string) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/trace.ts', file], {
		input,
		encoding: 'utf8',
		maxBuffer: 128 * 1024 * 1024
	});
}

describe('the models are the folders', () => {
	test('every folder with an index.ts is a model, and nothing else is', () => {
		expect(FOLDERS.length).toBeGreaterThan(1);
		expect(MODEL_NAMES).toEqual(FOLDERS);
		// Folders of shared code without an index.ts (docker, stacks) are not models.
		for (const entry of readdirSync(SIM, { withFileTypes: true })) {
			if (entry.isDirectory() && !FOLDERS.includes(entry.name)) {
				expect(MODEL_NAMES).not.toContain(entry.name);
			}
		}
	});

	test.each(FOLDERS)('%s: its index.ts exports <name>Model, a model by that name', async (name) => {
		expect(name).toMatch(MODEL_NAME);
		const model = await loadModel(name);
		expect(model?.name).toBe(name);
		expect(typeof model?.simulate).toBe('function');
		expect(typeof model?.opsKey).toBe('string');
		expect(Array.isArray(model?.budget.resultLists)).toBe(true);
		expect(model?.budget.words.length).toBeGreaterThan(0);
		expect(Array.isArray(model?.shape.itemLists)).toBe(true);
		// The worker gets it the same way, and a built-in scenario runs through it.
		const outcome = await runScenario(readFileSync(builtInFile(name), 'utf8'));
		expect(outcome.ok && outcome.trace.model).toBe(name);
	});

	test('loading takes only a name of a folder: anything else is no model', async () => {
		for (const name of ['quantum', 'core', 'docker', '../sim/pidns', 'pidns/', 'PIDNS', '']) {
			expect(await loadModel(name)).toBeUndefined();
		}
	});

	test('an unknown or missing model is refused with the list of the models there are', async () => {
		const listed = FOLDERS.join(', ');
		expect(await runScenario({ model: 'quantum' })).toEqual({
			ok: false,
			errors: [`model: must be one of ${listed} (got "quantum")`]
		});
		expect(await runScenario({ ops: [] })).toEqual({
			ok: false,
			errors: [`model: is required (one of ${listed})`]
		});
	});

	test('the registry, loading one model, gives what the core gives with every model at hand', async () => {
		const inputs: unknown[] = [
			'{"model": ',
			'[]',
			{ model: 7 },
			{ model: 'pidns', ops: 'x' },
			...FOLDERS.map((name) => readFileSync(builtInFile(name), 'utf8'))
		];
		for (const input of inputs) {
			expect(JSON.stringify(await runScenario(input))).toBe(
				JSON.stringify(runWithModels(MODELS, input))
			);
		}
	});

	test('a folder that breaks the convention is named in the error, not skipped', () => {
		const model = MODELS[0];
		expect(modelOfModule({ [`${model.name}Model`]: model }, model.name)).toBe(model);
		expect(() => modelOfModule({ model }, model.name)).toThrow(
			`src/lib/sim/${model.name}/index.ts must export ${model.name}Model`
		);
		expect(() => modelOfModule({ otherModel: model }, 'other')).toThrow(
			`src/lib/sim/other/index.ts: otherModel must be a Model named "other" (it is named "${model.name}")`
		);
		const { shape: _shape, ...partial } = model;
		expect(() => modelOfModule({ [`${model.name}Model`]: partial }, model.name)).toThrow(
			'(it has no shape)'
		);
		expect(() => modelOfModule({ 'my-modelModel': model }, 'my-model')).toThrow(
			"src/lib/sim/my-model/index.ts: a model folder's name must be lower-case letters and digits"
		);
	});
});

describe('npm run trace finds the same models (Node, no glob)', () => {
	test.each(FOLDERS)('%s: a built-in scenario prints its trace', (name) => {
		const file = builtInFile(name);
		const run = trace(file);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const outcome = runWithModels(MODELS, readFileSync(file, 'utf8'));
		if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
		expect(run.stdout).toBe(`${JSON.stringify(outcome.trace)}\n`);
	});

	test('an unknown model: exit 2, and the message lists every model', () => {
		const run = trace('-', '{"model":"quantum"}');
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe(`model: must be one of ${FOLDERS.join(', ')} (got "quantum")\n`);
	});
});
