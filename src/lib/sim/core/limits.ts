/** Defaults every entry point enforces (docs/scenarios.md, "Limits"). */
export const LIMITS = {
	layers: 256,
	entriesPerLayer: 10_000,
	contentBytes: 64 * 1024,
	ops: 10_000,
	frames: 100_000,
	scenarioBytes: 4 * 1024 * 1024,
	/**
	 * Items all results and `final` may return together, a scenario that
	 * reaches it being invalid: what each model's `budget` names (list
	 * entries, ps processes, a command's output lines…, and what `final`
	 * returns; FrameRecorder.result). Caps the work a small scenario can ask for.
	 */
	resultItems: 1_000_000,
	/** Levels of arrays and objects a scenario's JSON may nest (the scenario object is level 1). */
	nestingDepth: 64,
	/** Bytes of JSON `npm run trace` prints at most. */
	printedBytes: 64 * 1024 * 1024
} as const;

export type Limits = typeof LIMITS;

const encoder = new TextEncoder();

/** UTF-8 byte length without allocating for pure-ASCII strings. */
export function byteLength(text: string): number {
	// eslint-disable-next-line no-control-regex
	if (/^[\x00-\x7f]*$/.test(text)) return text.length;
	return encoder.encode(text).length;
}
