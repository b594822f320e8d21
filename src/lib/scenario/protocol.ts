/**
 * Messages between the page and the simulation worker (./simulate.worker.ts).
 *
 * The trace comes back in pieces: frames and results in chunks, then `final`.
 * The page's share of a postMessage is deserialising it, which for one
 * 65,000-frame PID trace takes seconds, and costs about what serialising it
 * cost the worker. So the worker times each message it posts and sizes the
 * next one to take about CHUNK_MS: a frame of 16 cgroups and 32 processes is
 * far heavier than a PID frame, and 1,000 of them took the page 200–300 ms.
 * Each chunk arrives in its own task, so the page stays responsive. Frames
 * share structure within a chunk; across chunks the unchanged parts are copied
 * once per chunk.
 *
 * The worker posts the next chunk only when the page asks for it (`next`), once
 * it has taken the last one. Posted back to back, the chunks of a big trace kept
 * the page busy until the last one, and its garbage collector, with no idle time
 * to mark a heap of 200 MB alongside, stopped the page for 100–300 ms at a time.
 */
export const CHUNK_MS = 12;
/** Frames or results in the first chunk, and the bounds of every later one. */
export const CHUNK_FIRST = 250;
export const CHUNK_MIN = 10;
export const CHUNK_MAX = 1_000;

/** The size of the next chunk, from how long the last one of `size` took to post. */
export function nextChunkSize(size: number, postedMs: number): number {
	const scaled = postedMs > 0 ? Math.round((size * CHUNK_MS) / postedMs) : CHUNK_MAX;
	// Grow at most fourfold at a time: one quick post says little about the next frames.
	return Math.max(CHUNK_MIN, Math.min(CHUNK_MAX, size * 4, scaled));
}

export type SimulationRequest =
	/** The scenario as JSON text. */
	| { type: 'simulate'; model: string; scenario: string }
	/** The page has taken the last chunk: the worker may post the next. */
	| { type: 'next' };

export type SimulationReply =
	/** `fraction` of the operations done; null while the scenario is being checked. */
	| { type: 'progress'; fraction: number | null }
	| { type: 'invalid'; errors: string[] }
	| { type: 'frames'; frames: object[] }
	| { type: 'results'; results: object[] }
	| { type: 'done'; model: string; final: unknown }
	/** The worker's own failure (a bug, or out of memory): the page falls back or says so. */
	| { type: 'failed'; message: string };
