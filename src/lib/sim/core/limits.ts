/** Defaults every entry point enforces (docs/scenarios.md, "Limits"). */
export const LIMITS = {
	layers: 256,
	entriesPerLayer: 10_000,
	contentBytes: 64 * 1024,
	ops: 10_000,
	frames: 100_000,
	scenarioBytes: 4 * 1024 * 1024,
	titleLength: 200,
	descriptionLength: 2_000,
	pidnsDepth: 32
} as const;

export type Limits = typeof LIMITS;

const encoder = new TextEncoder();

/** UTF-8 byte length without allocating for pure-ASCII strings. */
export function byteLength(text: string): number {
	// eslint-disable-next-line no-control-regex
	if (/^[\x00-\x7f]*$/.test(text)) return text.length;
	return encoder.encode(text).length;
}
