/**
 * Messages between the page and the simulation worker (./simulate.worker.ts).
 *
 * The trace comes back in pieces: frames and results in chunks, then `final`.
 * The page's share of a postMessage is deserialising it, which for one
 * 65,000-frame PID trace takes seconds; a chunk of CHUNK_FRAMES frames takes a
 * few tens of milliseconds, and each chunk arrives in its own task, so the page
 * stays responsive. Frames share structure within a chunk; across chunks the
 * unchanged parts are copied once per chunk, a few copies of the state at most.
 */
export const CHUNK_FRAMES = 1_000;
export const CHUNK_RESULTS = 1_000;

export interface SimulationRequest {
	model: string;
	/** The scenario as JSON text. */
	scenario: string;
}

export type SimulationReply =
	/** `fraction` of the operations done; null while the scenario is being checked. */
	| { type: 'progress'; fraction: number | null }
	| { type: 'invalid'; errors: string[] }
	| { type: 'frames'; frames: object[] }
	| { type: 'results'; results: object[] }
	| { type: 'done'; model: string; final: unknown }
	/** The worker's own failure (a bug, or out of memory): the page falls back or says so. */
	| { type: 'failed'; message: string };
