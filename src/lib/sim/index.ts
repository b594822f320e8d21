/**
 * Folder rule: src/lib/sim/ is the simulation and nothing else: no DOM, no Svelte, no I/O.
 *
 * The simulation core: every model, and `runScenario`, which turns untrusted
 * input (JSON text or a parsed value) into a trace or a list of messages.
 * Pages that need one model import it directly, so they carry no other model.
 */
import { runWithModels, type AnyModel, type RunOutcome } from './core';
import { cgroupsModel } from './cgroups';
import { namespacesModel } from './namespaces';
import { pidnsModel } from './pidns';
import { syscallModel } from './syscall';
import { unionfsModel } from './unionfs';

export const MODELS: readonly AnyModel[] = [
	syscallModel,
	pidnsModel,
	cgroupsModel,
	namespacesModel,
	unionfsModel
];

export function runScenario(input: unknown): RunOutcome {
	return runWithModels(MODELS, input);
}
