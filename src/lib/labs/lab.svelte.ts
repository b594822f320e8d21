/**
 * Folder rule: a lab composes a model's simulation, a renderer, the player and
 * scenario storage; renderers and the player never import a lab.
 *
 * One lab's scenario and its lifecycle, the same for every model: restore (a
 * link's scenario, else the learner's draft, else the lesson's own), commit (a
 * learner's change, saved as the draft), open, reset, and for scenarios made of
 * ops, append and undo. Inside an embed a lab keeps nothing in the browser: it
 * reads and writes no draft and leaves the URL alone. When another tab of the
 * same lesson saves a newer draft, the lab never replaces what it shows: it
 * holds the newer draft in `newer` and lets the learner choose. Whatever
 * replaces a saved draft instead of continuing it (a file, an example, Reset,
 * Clear, the first edit of a link's scenario, keeping this tab's version over
 * another's) puts that draft aside first, and `bringBack` swaps it in again.
 * No edit takes a scenario past the size limit (4 MiB of JSON): past it, its
 * draft, download or link would be refused by every way in, so the edit is
 * refused instead, with the limit's message, and the scenario stays as it was.
 */
import { untrack } from 'svelte';
import { LIMITS, byteLength } from '$lib/sim/core/limits';
import { jsonByteSize, jsonByteSizeChange, scenarioGrowthProblem } from '$lib/sim/core/json-size';
import { rememberedText } from '$lib/scenario/json-text';
import {
	clearDraft,
	clearReplacedDraft,
	draftStorageKey,
	isOwnDraftText,
	hasReplacedDraft,
	keepReplacedDraft,
	parseDraft,
	readReplacedDraft,
	saveDraft
} from '$lib/scenario/drafts';
import { SimulationCancelled } from '$lib/scenario/cancelled';
import { restoreScenario, type ScenarioCheck } from '$lib/scenario/restore';
import { isTriviallySmall } from '$lib/scenario/work';
import { shownProblems } from '$lib/scenario/problems';
import { writeParams } from '$lib/url';
import { firstFrameOf } from './ops';

/** Whether the page's address carries a scenario (`scenario=` or `src=`); never on the server. */
function linkHandsInScenario(): boolean {
	return typeof location !== 'undefined' && /[?&](scenario|src)=/.test(location.search);
}

/** A scenario's trace, or the messages that make it invalid. */
export type Simulate<T> = (value: unknown) => T | string[];

export interface LabOptions<S, T> {
	/** The draft's key (one per lesson lab). */
	draftKey: string;
	/** The lesson's own scenario, shown first and after Reset. */
	fallback: S;
	simulate: Simulate<T>;
	/**
	 * Checks a scenario from outside (a link, a draft, a file, an embed's host):
	 * the runner's `check`, which simulates a big scenario in the worker and
	 * remembers its trace for `simulate`. Default: `simulate` on the main thread.
	 */
	check?: ScenarioCheck;
	/** Inside an embed: no draft is read or written and the URL is left alone. */
	embedded: boolean;
	/** Called whenever the lab shows another scenario (a lab's own derived choices follow it). */
	onshow?: (scenario: S, trace: T) => void;
}

export type RestoredFrom = 'link' | 'draft' | 'default';

/** What a check the learner cancelled gives (see `#checkUnlessCancelled`). */
const CANCELLED = Symbol('cancelled');

/**
 * A scenario's JSON size in bytes: exact, or (from the text it was parsed
 * from, which may hold spaces and escapes JSON.stringify leaves out) at least
 * the size of its JSON.stringify.
 */
interface JsonSize {
	bytes: number;
	exact: boolean;
}

/** Sizes of the scenarios labs have shown or been handed, by object (never changed in place). */
const sizes = new WeakMap<object, JsonSize>();

/** The size of `value` when it is known without walking it (measured before, or its text). */
function knownSize(value: object): JsonSize | undefined {
	let size = sizes.get(value);
	if (size === undefined) {
		const text = rememberedText(value);
		if (text === undefined) return undefined;
		sizes.set(value, (size = { bytes: byteLength(text), exact: false }));
	}
	return size;
}

/** The size of `value`, walking all of it once when nothing is known of it. */
function sizeOf(value: object): JsonSize {
	let size = knownSize(value);
	if (size === undefined) sizes.set(value, (size = { bytes: jsonByteSize(value), exact: true }));
	return size;
}

export class Lab<S extends object, T> {
	scenario: S = $state.raw() as S;
	trace: T = $state.raw() as T;
	/** The scenario to show is known (restored, or handed in); before that the default is drawn. */
	ready = $state(false);
	/** Why a link's scenario was not opened (shown above the lab), with its messages. */
	problem: string | null = $state(null);
	details: string[] = $state([]);
	restoredFrom: RestoredFrom = $state('default');
	/**
	 * Where the scenario shown came from when the page opened it (a link, or the
	 * learner's draft), until the learner changes it: every lab says so the same way.
	 */
	openedFrom: 'link' | 'draft' | null = $state(null);
	/** A newer draft that another tab of this lesson saved, until the learner chooses. */
	newer: S | null = $state.raw(null);
	/** A draft of the learner's was put aside by something that replaced it (see `bringBack`). */
	replaced = $state(false);

	readonly embedded: boolean;
	/** The scenario shown first is known before restoring (see the constructor). */
	readonly drawsAtOnce: boolean;
	readonly fallback: S;
	readonly fallbackTrace: T;
	readonly simulate: Simulate<T>;
	readonly check: ScenarioCheck;
	readonly #draftKey: string;
	readonly #onshow?: (scenario: S, trace: T) => void;
	/** Showing a scenario handed in from outside (an embed's link or host page): never saved. */
	#given = false;
	/** Counts handed-in scenarios, so a big one checked in the worker never replaces a later one. */
	#received = 0;
	/** Counts drafts heard from other tabs, so a slow parse never wins over a later draft. */
	#heardDrafts = 0;
	/**
	 * The scenario shown is the saved draft (or there is none), so an edit continues
	 * it; false while a link's scenario is shown, whose first edit replaces the draft.
	 */
	#showsDraft = true;
	/** The draft put aside, when this page showed it (else it is read back from storage). */
	#replacedValue: S | null = null;
	/** Counts drafts put aside, so `bringBack` knows whether its own commit put one aside. */
	#putAsideCount = 0;

	constructor(options: LabOptions<S, T>) {
		this.embedded = options.embedded;
		this.fallback = options.fallback;
		this.simulate = options.simulate;
		this.check =
			options.check ??
			((value) => {
				const result = this.simulate(value);
				return Array.isArray(result) ? result : null;
			});
		this.#draftKey = options.draftKey;
		this.#onshow = options.onshow;
		const trace = options.simulate(options.fallback);
		if (Array.isArray(trace)) throw new Error(`The lesson's own scenario is invalid: ${trace[0]}`);
		this.fallbackTrace = trace;
		this.scenario = options.fallback;
		this.trace = trace;
		// An embed restores nothing: unless its link hands in a scenario, the lesson's own is
		// the one to show, and drawing it at once puts its first frame into the prerendered
		// page, which is all a frame where scripts cannot run ever shows.
		this.drawsAtOnce = options.embedded && !linkHandsInScenario();
	}

	/** Whether edits are kept as the learner's draft. */
	get keepsDraft(): boolean {
		return !this.embedded && !this.#given;
	}

	/** Shows `value` without saving it. */
	show(value: S, trace: T): void {
		this.scenario = value;
		this.trace = trace;
		this.#onshow?.(value, trace);
	}

	/** Opens the scenario the page starts with. Inside an embed that is the lesson's own. */
	async restore(): Promise<RestoredFrom> {
		if (this.embedded || this.#given) {
			// The lab's own choices (a selected process, a sender) follow the scenario shown.
			if (!this.#given) this.show(this.scenario, this.trace);
			this.ready = true;
			return this.restoredFrom;
		}
		const restored = await restoreScenario<S>({
			draftKey: this.#draftKey,
			check: this.check,
			fallback: this.fallback
		});
		// A scenario handed in while the link was decoded wins.
		if (this.#given) {
			this.ready = true;
			return this.restoredFrom;
		}
		// Traces are remembered per scenario, so this runs the model once per scenario.
		const result = this.simulate(restored.value);
		if (Array.isArray(result)) this.show(this.fallback, this.fallbackTrace);
		else this.show(restored.value, result);
		this.problem = restored.problem;
		this.details = restored.details;
		this.restoredFrom = restored.source;
		this.openedFrom = restored.source === 'default' ? null : restored.source;
		this.#showsDraft = restored.source !== 'link';
		this.replaced = hasReplacedDraft(this.#draftKey);
		this.ready = true;
		return restored.source;
	}

	/** Shows a scenario handed in from outside (an embed's link, `src` or `setScenario`); never saved. */
	receive(value: unknown): boolean | Promise<boolean> {
		// Called from an effect on the handed-in value: reading the lab's state here must not make
		// the effect re-run (and undo the learner's edits) when that state changes.
		return untrack(() => {
			const ticket = ++this.#received;
			const checked = this.check(value);
			if (!(checked instanceof Promise)) return checked === null && this.#showGiven(value);
			// A big scenario is checked in the worker; a later one may arrive meanwhile.
			return checked.then(
				(errors) => errors === null && ticket === this.#received && this.#showGiven(value),
				() => false
			);
		});
	}

	#showGiven(value: unknown): boolean {
		const result = this.simulate(value);
		if (Array.isArray(result)) return false;
		this.#given = true;
		this.openedFrom = null;
		if (value !== this.scenario) this.show(value as S, result);
		this.ready = true;
		return true;
	}

	/**
	 * A learner's change: shown and saved as the draft (a link's scenario leaves the
	 * URL). With `replacing` (a whole other scenario, not an edit of this one), or as
	 * the first edit of a link's scenario, the saved draft is put aside first.
	 */
	commit(value: S, replacing = false): T | string[] {
		const tooLarge = this.#growthProblem(value, replacing);
		if (tooLarge) return [tooLarge];
		const result = this.simulate(value);
		if (Array.isArray(result)) return result;
		const before = this.scenario;
		if (this.keepsDraft && this.newer === null && (replacing || !this.#showsDraft))
			this.#putAside(before, value);
		this.show(value, result);
		this.openedFrom = null;
		if (this.keepsDraft) {
			// While another tab's newer draft waits for the learner's choice, it is not overwritten.
			if (this.newer === null) {
				saveDraft(this.#draftKey, value);
				this.#showsDraft = true;
			}
			writeParams({ scenario: null });
		}
		return result;
	}

	/**
	 * Why `value` may not replace the scenario shown, or null: it would take the
	 * scenario past the size limit. An edit is measured by what it changes (the
	 * parts it shares with the scenario shown are not walked); an edit that does
	 * not grow the scenario is never refused, so one past the limit already (a
	 * draft from before the limit was held here) can still be cut down.
	 */
	#growthProblem(value: S, replacing: boolean): string | null {
		// Not a scenario at all (JSON applied in an editor may be any value): the model says so.
		if (value === null || typeof value !== 'object') return null;
		const before = this.scenario;
		let size = knownSize(value);
		let grows = true;
		if (size === undefined) {
			if (replacing || value === before) size = sizeOf(value);
			else {
				const base = sizeOf(before);
				const change = jsonByteSizeChange(before, value);
				grows = change > 0;
				size = { bytes: base.bytes + change, exact: base.exact };
			}
		}
		// Measured from a text that may hold more than JSON.stringify writes: measured exactly.
		if (size.bytes > LIMITS.scenarioBytes && !size.exact)
			size = { bytes: jsonByteSize(value), exact: true };
		sizes.set(value, size);
		return grows && size.bytes > LIMITS.scenarioBytes ? scenarioGrowthProblem(size.bytes) : null;
	}

	/** Opens a scenario the learner chose (a file, an example): it replaces the draft. */
	open(value: unknown): T | string[] {
		const result = this.commit(value as S, true);
		if (!Array.isArray(result)) this.problem = null;
		return result;
	}

	/** Back to the lesson's own scenario; the draft is put aside. */
	reset(): void {
		if (this.keepsDraft && this.newer === null) this.#putAside(this.scenario, this.fallback);
		this.show(this.fallback, this.fallbackTrace);
		this.problem = null;
		this.openedFrom = null;
		if (this.keepsDraft) {
			if (this.newer === null) {
				clearDraft(this.#draftKey);
				this.#showsDraft = true;
			}
			writeParams({ scenario: null });
		}
	}

	/**
	 * Keeps the saved draft aside before `next` replaces it: in storage (so a later
	 * visit still has it) and, when this page shows it, in memory.
	 */
	#putAside(shown: S, next: S): void {
		if (shown === next) return;
		const kept = keepReplacedDraft(this.#draftKey);
		// Shown and edited here: kept in memory too (storage may be blocked or full).
		const own = this.#showsDraft && shown !== this.fallback ? shown : null;
		if (!kept && own === null) return;
		this.#replacedValue = own;
		this.replaced = true;
		this.#putAsideCount++;
	}

	/**
	 * Shows the draft last put aside again, as the draft; what it replaces is put
	 * aside in its turn, so the learner can swap back. Null when it cannot be shown
	 * (the learner is told why) or is gone.
	 */
	async bringBack(): Promise<T | null> {
		let value: unknown = this.#replacedValue;
		if (value === null) {
			const stored = await readReplacedDraft(this.#draftKey);
			if (!stored.found || !('value' in stored)) {
				this.forgetReplaced();
				this.problem = 'Your earlier scenario could not be read back, so it is gone.';
				this.details = [];
				return null;
			}
			value = stored.value;
		}
		const errors = await this.#checkUnlessCancelled(value);
		if (errors === CANCELLED) return null;
		if (errors) {
			this.problem = 'Your earlier scenario is not a valid scenario here any more:';
			this.details = shownProblems(errors);
			return null;
		}
		const count = this.#putAsideCount;
		const result = this.commit(value as S, true);
		if (Array.isArray(result)) {
			this.problem = 'Your earlier scenario is not a valid scenario here any more:';
			this.details = shownProblems(result);
			return null;
		}
		this.problem = null;
		// Nothing of the learner's was shown before (the lesson's own, say): nothing to swap back to.
		if (this.#putAsideCount === count) this.forgetReplaced();
		return result;
	}

	/** `check`, for a scenario the learner asked for: a big one may be cancelled in the worker. */
	async #checkUnlessCancelled(value: unknown): Promise<string[] | null | typeof CANCELLED> {
		try {
			return await this.check(value);
		} catch (error) {
			if (error instanceof SimulationCancelled) return CANCELLED;
			throw error;
		}
	}

	/** The learner lets the put-aside draft go. */
	forgetReplaced(): void {
		this.#replacedValue = null;
		this.replaced = false;
		clearReplacedDraft(this.#draftKey);
	}

	/**
	 * Listens for drafts saved by other tabs of this lesson (the `storage` event
	 * fires only in the other tabs). Returns the cleanup, for `$effect`.
	 */
	watch(): () => void {
		if (this.embedded || typeof window === 'undefined') return () => {};
		const key = draftStorageKey(this.#draftKey);
		const listener = async (event: StorageEvent) => {
			if (event.key !== key || event.newValue === null || !this.keepsDraft) return;
			const heard = ++this.#heardDrafts;
			const raw = event.newValue;
			// What this page read or wrote itself, heard late: the stored draft is this page's.
			if (isOwnDraftText(this.#draftKey, raw)) {
				this.newer = null;
				return;
			}
			const value = await parseDraft(raw);
			// Parsing a big draft takes several tasks: a later draft may have arrived meanwhile.
			if (value === null || heard !== this.#heardDrafts) return;
			// A big draft is checked (in the worker) only if the learner opens it: checking
			// it here would make a background tab simulate every big scenario saved elsewhere.
			if (isTriviallySmall(value)) {
				if (Array.isArray(this.simulate(value))) return;
				if (raw === JSON.stringify(this.scenario)) {
					this.newer = null;
					return;
				}
			}
			this.newer = value as S;
		};
		window.addEventListener('storage', listener);
		return () => window.removeEventListener('storage', listener);
	}

	/**
	 * The learner chose the other tab's newer draft: it is shown here too, once
	 * checked (a big one in the worker, with progress and Cancel). Null when it
	 * is not valid here (the learner is told) or the learner cancelled.
	 */
	async takeNewer(): Promise<T | null> {
		const value = this.newer;
		if (value === null) return null;
		const errors = await this.#checkUnlessCancelled(value);
		if (errors === CANCELLED || this.newer !== value) return null;
		this.newer = null;
		const result = errors ? errors : this.simulate(value);
		if (Array.isArray(result)) {
			this.problem =
				'The newer version saved in another tab is not a valid scenario here, so this tab’s scenario is shown instead:';
			this.details = shownProblems(result);
			return null;
		}
		this.show(value, result);
		this.problem = null;
		return result;
	}

	/** The learner chose this tab's scenario: it becomes the draft again, the other tab's put aside. */
	keepMine(): void {
		const theirs = this.newer;
		this.newer = null;
		if (!this.keepsDraft) return;
		if (keepReplacedDraft(this.#draftKey)) {
			this.#replacedValue = theirs;
			this.replaced = true;
		}
		saveDraft(this.#draftKey, this.scenario);
		this.#showsDraft = true;
	}
}

/** An op the learner added (`OpsLab.append`): the trace with it, and where its steps begin. */
export interface Added<T> {
	trace: T;
	/** The op's index in the scenario's ops. */
	index: number;
	/** The step where the op begins, where a lab moves its player. */
	first: number;
	/** The trace's last step. */
	last: number;
}

/** Ops the learner took away (`OpsLab.undo`, `OpsLab.clearOps`): which, and the trace without them. */
export interface Removed<O, T> {
	/** The ops removed, in their order: one for Undo. */
	ops: readonly O[];
	trace: T;
	/** The trace's last step. */
	last: number;
}

/**
 * A lab whose scenario is a list of ops the learner appends to and undoes. Each
 * change returns the ops it added or removed and the steps the player goes to,
 * which the lab's status says in the lab's own words; the lab hushes the
 * player's narration before the change and moves the player after it
 * (LabShell's `hush`, `goto`, `quietlyTo`).
 */
export class OpsLab<
	O,
	S extends { ops: readonly O[] },
	T extends { frames: readonly { op: number | null }[] }
> extends Lab<S, T> {
	/** Appends one op: the new trace and where the op begins, or why the op was refused. */
	append(op: O): Added<T> | string[] {
		const index = this.scenario.ops.length;
		const trace = this.commit({ ...this.scenario, ops: [...this.scenario.ops, op] });
		if (Array.isArray(trace)) return trace;
		return {
			trace,
			index,
			first: firstFrameOf(trace.frames, index),
			last: trace.frames.length - 1
		};
	}

	/** Removes the last op; null when there is none (or the change was refused). */
	undo(): Removed<O, T> | null {
		const ops = this.scenario.ops;
		if (ops.length === 0) return null;
		return this.#removed(ops.slice(-1), this.commit({ ...this.scenario, ops: ops.slice(0, -1) }));
	}

	/**
	 * Removes every op: the draft is put aside, as Undo cannot bring them back.
	 * Null when the change was refused.
	 */
	clearOps(): Removed<O, T> | null {
		const ops = this.scenario.ops;
		return this.#removed(ops, this.commit({ ...this.scenario, ops: [] }, true));
	}

	#removed(ops: readonly O[], trace: T | string[]): Removed<O, T> | null {
		return Array.isArray(trace) ? null : { ops, trace, last: trace.frames.length - 1 };
	}
}
