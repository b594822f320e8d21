import { LIMITS } from './limits';
import type { Frame, Result } from './types';
import { ScenarioError } from './types';

/**
 * Records frames. The state a model passes in is referenced, never copied:
 * models keep their state immutable and replace only what changes, so
 * consecutive frames share everything that did not change. That is what keeps a
 * 100,000-frame trace cheap (see `npm run bench`).
 */
export class FrameRecorder<S extends object, R extends Result = Result> {
	readonly frames: Frame<S>[] = [];
	readonly results: R[] = [];
	private currentOp: number | null = null;

	/**
	 * @param options.recordFrames false runs the model without keeping frames
	 *   (results and final state only): the baseline `npm run bench` compares against.
	 */
	constructor(
		private readonly options: {
			recordFrames?: boolean;
			maxFrames?: number;
			onOp?: (index: number) => void;
		} = {}
	) {}

	private frameCount = 0;

	/** Frames recorded from now on belong to operation `index`. */
	beginOp(index: number): void {
		this.currentOp = index;
		this.options.onOp?.(index);
	}

	record(state: S, text: string): void {
		const maxFrames = this.options.maxFrames ?? LIMITS.frames;
		if (this.frameCount >= maxFrames) {
			throw new ScenarioError([
				`frames: the trace would exceed the limit of ${maxFrames} frames; use fewer or smaller operations`
			]);
		}
		this.frameCount++;
		if (this.options.recordFrames === false) return;
		const frame = { step: this.frames.length, op: this.currentOp, text, ...state } as Frame<S>;
		this.frames.push(frame);
	}

	/** Records the outcome of the current operation. */
	result(result: R): void {
		this.results.push(result);
	}
}
