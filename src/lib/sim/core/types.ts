/**
 * The trace contract shared by every model (docs/scenarios.md, docs/trace-format.md).
 * A frame is a complete picture of one moment: a renderer draws frame i from frame i alone.
 */

/** Linux errno names the models can give. */
export type Errno =
	| 'ENOENT'
	| 'EISDIR'
	| 'ENOTDIR'
	| 'EROFS'
	| 'EBUSY'
	| 'ENETUNREACH'
	| 'EHOSTUNREACH'
	| 'EEXIST'
	| 'ENOTEMPTY'
	| 'ESRCH'
	| 'ENOSPC'
	| 'EINVAL'
	| 'EPERM'
	| 'EACCES'
	| 'ENOMEM'
	| 'ENAMETOOLONG';

export type OkResult = { ok: true } & Record<string, unknown>;
export type ErrResult = { ok: false; errno: Errno };
export type Result = OkResult | ErrResult;

/** Fields every frame carries; the model's state is spread beside them. */
export interface FrameBase {
	/** Index of this frame in `frames`. */
	step: number;
	/** Index of the operation this frame belongs to; null for the opening frame. */
	op: number | null;
	/** One sentence a screen reader can speak. */
	text: string;
}

export type Frame<S extends object = Record<string, unknown>> = FrameBase & S;

export interface Trace<
	S extends object = Record<string, unknown>,
	F = unknown,
	R extends Result = Result
> {
	model: string;
	frames: Frame<S>[];
	results: R[];
	final: F;
}

/** The outcome of turning untrusted input into a trace. */
export type RunOutcome =
	{ ok: true; trace: Trace<Record<string, unknown>> } | { ok: false; errors: string[] };

/** Thrown inside the core for a scenario that is invalid; never escapes `runScenario`. */
export class ScenarioError extends Error {
	constructor(public readonly messages: string[]) {
		super(messages.join('\n'));
		this.name = 'ScenarioError';
	}
}
