/**
 * Runs one scenario in the simulation worker (./simulate.worker.ts) and puts
 * its trace back together, chunk by chunk. Where no worker can start (the SCORM
 * copy opened from file://, a browser without module workers, a policy that
 * forbids workers) the same core runs on the main thread instead: slower to
 * answer, never a different trace.
 */
import { runParsedModel, type AnyModel, type Trace } from '$lib/sim/core';
import { MODEL_NAMES } from '$lib/sim';
import { SimulationCancelled } from './cancelled';
import { jsonOf } from './json-text';
import type { SimulationReply, SimulationRequest } from './protocol';

export type Outcome<T> = { ok: true; trace: T } | { ok: false; errors: string[] };

export interface Running<T> {
	promise: Promise<Outcome<T>>;
	/** Stops the simulation (terminating its worker); `promise` rejects with SimulationCancelled. */
	cancel(): void;
}

/** `fraction` of the operations done, or null while the scenario is being checked. */
export type ProgressListener = (fraction: number | null) => void;

function startWorker(): Worker | null {
	if (typeof Worker === 'undefined') return null;
	try {
		return new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module' });
	} catch {
		return null;
	}
}

/** The main-thread fallback, after a pause so that the progress notice is painted first. */
function onMainThread<T>(model: AnyModel, value: unknown): Running<T> {
	let cancelled = false;
	let reject: (error: unknown) => void = () => {};
	const promise = new Promise<Outcome<T>>((resolve, fail) => {
		reject = fail;
		setTimeout(() => {
			if (cancelled) return;
			try {
				resolve(runParsedModel(model, value, { modelNames: MODEL_NAMES }) as Outcome<T>);
			} catch (error) {
				fail(error);
			}
		}, 50);
	});
	return {
		promise,
		cancel() {
			cancelled = true;
			reject(new SimulationCancelled());
		}
	};
}

export function simulateOffThread<T extends Trace<object>>(
	model: AnyModel,
	value: unknown,
	onProgress: ProgressListener
): Running<T> {
	const worker = startWorker();
	if (!worker) return onMainThread<T>(model, value);

	let fallback: Running<T> | null = null;
	let settled = false;
	let resolve: (outcome: Outcome<T>) => void = () => {};
	let reject: (error: unknown) => void = () => {};
	const promise = new Promise<Outcome<T>>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	const frames: object[] = [];
	const results: object[] = [];
	const seen = new WeakSet<object>();
	let heard = false;

	// The worker serialises the next chunk while the page is idle (see ./protocol).
	const askForMore = () => worker.postMessage({ type: 'next' } satisfies SimulationRequest);
	const finish = () => {
		settled = true;
		worker.terminate();
	};

	worker.onmessage = (event: MessageEvent<SimulationReply>) => {
		if (settled) return;
		heard = true;
		const reply = event.data;
		switch (reply.type) {
			case 'progress':
				onProgress(reply.fraction);
				break;
			case 'frames':
				for (const frame of reply.frames) {
					model.reviveFrame?.(frame, seen);
					frames.push(frame);
				}
				askForMore();
				break;
			case 'results':
				for (const result of reply.results) results.push(result);
				askForMore();
				break;
			case 'done':
				finish();
				resolve({
					ok: true,
					trace: { model: reply.model, frames, results, final: reply.final } as unknown as T
				});
				break;
			case 'invalid':
				finish();
				resolve({ ok: false, errors: reply.errors });
				break;
			case 'failed':
				finish();
				resolve({ ok: false, errors: [`(scenario): could not be simulated (${reply.message})`] });
				break;
		}
	};
	// A worker that cannot load (file://, a strict policy) fails before it says anything.
	worker.onerror = (event) => {
		event.preventDefault();
		if (settled) return;
		finish();
		if (heard) {
			resolve({ ok: false, errors: ['(scenario): the simulation stopped unexpectedly'] });
			return;
		}
		fallback = onMainThread<T>(model, value);
		fallback.promise.then(resolve, reject);
	};

	try {
		// As JSON text: copying one string costs the page far less than cloning a
		// scenario of hundreds of thousands of keys (the worker parses it).
		const request: SimulationRequest = {
			type: 'simulate',
			model: model.name,
			scenario: jsonOf(value)
		};
		worker.postMessage(request);
	} catch {
		// Too deep to write out, or not data at all (a cycle): not a scenario either.
		finish();
		resolve({ ok: false, errors: ['(scenario): must be plain JSON data, nested at most 64 deep'] });
	}

	return {
		promise,
		cancel() {
			if (fallback) return fallback.cancel();
			if (settled) return;
			finish();
			reject(new SimulationCancelled());
		}
	};
}
