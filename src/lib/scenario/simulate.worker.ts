/**
 * The simulation worker: validates and simulates one scenario with the same
 * core as everywhere else (src/lib/sim), off the page's main thread, reporting
 * progress, and sends the trace back in chunks (./protocol), each when the page
 * asks for it. The page ends a simulation by terminating the worker; one worker
 * runs one scenario, and loads only the model it names.
 */
import { runParsedModel, type Trace } from '$lib/sim/core';
import { MODEL_NAMES, loadModel } from '$lib/sim';
import {
	CHUNK_FIRST,
	nextChunkSize,
	type SimulationReply,
	type SimulationRequest
} from './protocol';

const scope = self as unknown as {
	postMessage(message: SimulationReply): void;
	onmessage: ((event: MessageEvent<SimulationRequest>) => void) | null;
};

function post(message: SimulationReply) {
	scope.postMessage(message);
}

/**
 * Posts `items` in chunks sized to take the page about CHUNK_MS each (./protocol),
 * yielding after each until the page asks for the next.
 */
function* postInChunks<T>(items: readonly T[], postChunk: (chunk: T[]) => void): Generator<void> {
	let size = CHUNK_FIRST;
	for (let i = 0; i < items.length;) {
		const chunk = items.slice(i, i + size);
		const started = performance.now();
		postChunk(chunk);
		i += chunk.length;
		size = nextChunkSize(chunk.length, performance.now() - started);
		yield;
	}
}

/** The rest of the trace, a chunk per `next` from the page. */
let replies: Iterator<void> | null = null;

function postNext() {
	if (replies?.next().done) replies = null;
}

function* traceInChunks(trace: Trace, name: string) {
	yield* postInChunks(trace.frames, (chunk) => post({ type: 'frames', frames: chunk }));
	yield* postInChunks(trace.results, (chunk) => post({ type: 'results', results: chunk }));
	post({ type: 'done', model: name, final: trace.final });
}

scope.onmessage = async (event) => {
	if (event.data.type === 'next') {
		postNext();
		return;
	}
	try {
		const { model: name, scenario: text } = event.data;
		post({ type: 'progress', fraction: null });
		const model = await loadModel(name);
		if (!model) {
			post({ type: 'failed', message: `no model named ${String(name).slice(0, 40)}` });
			return;
		}
		// The page wrote it with JSON.stringify: it parses.
		const scenario: unknown = JSON.parse(text);
		// Progress counts the model's operations (syscall's are its `syscalls`).
		const ops =
			scenario !== null && typeof scenario === 'object'
				? (scenario as Record<string, unknown>)[model.opsKey]
				: undefined;
		const total = Array.isArray(ops) ? ops.length : 0;
		let reported = -1;
		const outcome = runParsedModel(model, scenario, {
			modelNames: MODEL_NAMES,
			onOp(index) {
				if (total === 0) return;
				const percent = Math.floor((index * 100) / total);
				if (percent === reported) return;
				reported = percent;
				post({ type: 'progress', fraction: index / total });
			}
		});
		if (!outcome.ok) {
			post({ type: 'invalid', errors: outcome.errors });
			return;
		}
		replies = traceInChunks(outcome.trace, model.name);
		postNext();
	} catch (error) {
		post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
	}
};
