/**
 * The simulation running off the main thread, if any, for the progress notice
 * (./SimulationStatus.svelte): which model, how far, and how to cancel it.
 * One at a time: starting another cancels the one before.
 */
import type { Outcome } from './offthread';
import type { AnyModel, Trace } from '$lib/sim/core';

export const simulation = $state<{
	model: string | null;
	fraction: number | null;
	/**
	 * Whether whoever asked for it shows the progress and Cancel itself (the cgroups
	 * JSON editor, beside its Apply button, where the learner is): the lab's notice
	 * above its player would be a second one, with a second Cancel.
	 */
	shownByCaller: boolean;
}>({
	model: null,
	fraction: null,
	shownByCaller: false
});

let cancelCurrent: (() => void) | null = null;

/** Cancels the running simulation; its caller gets SimulationCancelled. */
export function cancelSimulation() {
	cancelCurrent?.();
}

export async function runOffThread<T extends Trace<object>>(
	model: AnyModel,
	value: unknown
): Promise<Outcome<T>> {
	cancelSimulation();
	simulation.model = model.name;
	simulation.fraction = null;
	// The notice first: writing out a big scenario for the worker is a task of its own.
	// The runner is loaded meanwhile: a page whose scenarios are all small never needs it.
	const [{ simulateOffThread }] = await Promise.all([
		import('./offthread'),
		new Promise((resolve) => setTimeout(resolve, 0))
	]);
	const running = simulateOffThread<T>(model, value, (fraction) => {
		if (cancelCurrent === running.cancel) simulation.fraction = fraction;
	});
	cancelCurrent = running.cancel;
	try {
		return await running.promise;
	} finally {
		if (cancelCurrent === running.cancel) {
			cancelCurrent = null;
			simulation.model = null;
			simulation.fraction = null;
		}
	}
}
