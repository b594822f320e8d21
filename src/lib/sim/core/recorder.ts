import { LIMITS } from './limits';
import { formatNumber } from './format';
import type { Frame, Result } from './types';
import { ScenarioError } from './types';
import type { ResultBudget } from './model';

/**
 * Records frames. The state a model passes in is referenced, never copied:
 * models keep their state immutable and replace only what changes, so
 * consecutive frames share everything that did not change. That is what keeps a
 * 100,000-frame trace cheap (see `npm run bench`).
 */
export class FrameRecorder<S extends object, R extends Result = Result, F = unknown> {
	readonly frames: Frame<S>[] = [];
	readonly results: R[] = [];
	private currentOp: number | null = null;

	/**
	 * @param options.recordFrames false runs the model without keeping frames
	 *   (results and final state only): the baseline `npm run bench` compares against.
	 * @param options.resultBudget items results and `final` may return in all
	 *   (default LIMITS.resultItems; tests lower it to reach it cheaply).
	 * @param options.opsKey the scenario's key for its list of operations, for
	 *   messages (the model's `opsKey`; default `ops`).
	 * @param options.budget what the result budget charges (the model's
	 *   `budget`; without it nothing is charged).
	 */
	constructor(
		private readonly options: {
			recordFrames?: boolean;
			maxFrames?: number;
			resultBudget?: number;
			opsKey?: string;
			budget?: ResultBudget<F>;
			onOp?: (index: number) => void;
		} = {}
	) {}

	private frameCount = 0;
	private itemsReturned = 0;

	/** Frames recorded from now on belong to operation `index`. */
	beginOp(index: number): void {
		this.currentOp = index;
		this.options.onOp?.(index);
	}

	record(state: S, text: string): void {
		this.countFrame();
		if (this.options.recordFrames === false) return;
		const frame = { step: this.frames.length, op: this.currentOp, text, ...state } as Frame<S>;
		this.frames.push(flatText(frame));
	}

	/**
	 * Records a frame the model built whole, `step` and `op` first, from
	 * `nextStep` and `op`. Same as `record`, for a model whose frames are many:
	 * one object literal holds all its fields, where spreading a state into a
	 * frame leaves the fields past the fourth in a second object, which a large
	 * trace pays for in memory and collection time (`npm run bench`).
	 */
	recordFrame(frame: Frame<S>): void {
		if (frame.step !== this.frames.length || frame.op !== this.currentOp) {
			throw new Error(`recordFrame: frame ${frame.step} of op ${frame.op} is out of order`);
		}
		this.countFrame();
		if (this.options.recordFrames === false) return;
		this.frames.push(flatText(frame));
	}

	/** The step the next recorded frame gets. */
	get nextStep(): number {
		return this.frames.length;
	}

	/** The operation frames are recorded for now (null before the first). */
	get op(): number | null {
		return this.currentOp;
	}

	private countFrame(): void {
		const maxFrames = this.options.maxFrames ?? LIMITS.frames;
		if (this.frameCount >= maxFrames) {
			throw new ScenarioError([
				`frames: the trace would exceed the limit of ${formatNumber(maxFrames)} frames; use fewer or smaller operations`
			]);
		}
		this.frameCount++;
	}

	/**
	 * Records the outcome of the current operation and charges the result
	 * budget with the items it returns, so a scenario asking for too much is
	 * refused at the op where the budget runs out, before the next op does any
	 * work. Only the lists the model's budget names (`resultLists`) are charged:
	 * the contract's budget counts what results return (list entries, ps
	 * processes, exited and reparented names, and their analogues: command
	 * output lines, oomKilled names), and a scenario the contract accepts must
	 * not be refused for a list it does not count. The other lists a result
	 * holds (a fork's pids, a call's path and transitions) are bounded by other
	 * limits already: at most 33 PIDs, or about 20 hops, for each of 10,000 ops.
	 */
	result(result: R): void {
		let items = 0;
		for (const key of this.options.budget?.resultLists ?? []) {
			const value = (result as Record<string, unknown>)[key];
			if (Array.isArray(value)) items += value.length;
		}
		this.charge(items, this.currentOp === null ? '(scenario)' : this.opLabel(this.currentOp));
		this.results.push(result);
	}

	/**
	 * Charges the result budget with the items `final` returns (the budget's
	 * `finalItems`) and gives it back; call once, on the trace's `final`.
	 */
	final<T extends F>(final: T): T {
		this.charge(this.options.budget?.finalItems(final) ?? 0, 'final');
		return final;
	}

	private opLabel(index: number): string {
		return `${this.options.opsKey ?? 'ops'}[${index}]`;
	}

	/** The contract makes a scenario that reaches the budget invalid, not only one past it. */
	private charge(items: number, where: string): void {
		if (items === 0) return;
		const budget = this.options.resultBudget ?? LIMITS.resultItems;
		this.itemsReturned += items;
		if (this.itemsReturned >= budget) {
			throw new ScenarioError([
				`${where}: this scenario returns ${formatNumber(budget)} items or more in all (the result budget: ${this.options.budget?.words ?? 'the items its results return'}); use fewer or smaller operations`
			]);
		}
	}
}

/**
 * Narration is built with template literals, which V8 keeps as a tree of
 * pieces (a ConsString per `+`). Kept in a frame, that tree is several
 * objects the collector copies and marks for as long as the trace lives;
 * converting the text to a number makes V8 flatten it into one string, and
 * the collector then drops the tree. The value is unchanged.
 */
function flatText<F extends { text: string }>(frame: F): F {
	void Number(frame.text);
	return frame;
}
