/**
 * Model `syscall`: where a system call travels on each platform, hop by hop,
 * with running counters (docs/scenarios.md, "model syscall").
 */
import * as v from 'valibot';
import {
	FrameRecorder,
	LIMITS,
	limitedArray,
	scenarioHeader,
	strictObject,
	type Model,
	type ResultBudget,
	type SimulateOptions,
	type Trace
} from '../core';
import costData from './costs.json';
import {
	KIND_LABELS,
	PATHS,
	PLATFORM_INFO,
	PLATFORMS,
	SYSCALLS,
	type Band,
	type CostId,
	type Kind,
	type Place,
	type Platform,
	type SyscallName
} from './paths';

export interface CostFigure {
	id: CostId;
	cycles: number;
	what: string;
	hardware: string;
	source: string;
	year: number | null;
	upperBound: boolean;
	proxy: boolean;
}

export const COSTS: { caveat: string; figures: CostFigure[]; notes: string[] } = costData as never;
const costById = new Map(COSTS.figures.map((figure) => [figure.id, figure]));

export function costOf(id: CostId): CostFigure {
	const figure = costById.get(id);
	if (!figure) throw new Error(`cost figure ${id} missing from costs.json`);
	return figure;
}

/**
 * The first frame whose hop counts a proxy figure, and the first that counts an
 * upper bound (Infinity for none): the running total up to frame `n` carries a
 * caveat when its frame is at or past one of them. Found once per trace, so a
 * player asks per step in constant time; scanning the frames up to the step
 * cost 17 ms when seeking to the end of a 100,000-frame trace.
 */
export function caveatsFrom(frames: readonly { hop?: { costs: readonly CostId[] } | null }[]): {
	proxy: number;
	upperBound: number;
} {
	let proxy = Infinity;
	let upperBound = Infinity;
	for (let index = 0; index < frames.length; index++) {
		if (proxy < index && upperBound < index) break;
		for (const id of frames[index].hop?.costs ?? []) {
			const figure = costOf(id);
			if (figure.proxy && proxy === Infinity) proxy = index;
			if (figure.upperBound && upperBound === Infinity) upperBound = index;
		}
	}
	return { proxy, upperBound };
}

export const syscallSchema = strictObject({
	model: v.literal('syscall', 'must be "syscall"'),
	...scenarioHeader,
	platform: v.picklist(PLATFORMS, `must be one of ${PLATFORMS.join(', ')}`),
	syscalls: limitedArray(
		v.picklist(SYSCALLS, `must be one of ${SYSCALLS.join(', ')}`),
		LIMITS.ops,
		'system calls'
	)
});

export type SyscallScenario = v.InferOutput<typeof syscallSchema>;

export interface Hop {
	/** Index of the hop within its system call (0-based). */
	index: number;
	from: Place;
	to: Place;
	kind: Kind;
	/** Human label of the kind ("VM exit"). */
	label: string;
	/** Cycles charged to this hop. */
	cycles: number;
	costs: readonly CostId[];
	optionalCost: CostId | null;
	/** Whether this hop enters the hypervisor. */
	entersHypervisor: boolean;
}

export interface Counters {
	hops: number;
	hypervisorEntries: number;
	cycles: number;
}

export interface SyscallState {
	platform: Platform;
	bands: readonly Band[];
	/** The call in flight, or null before the first one. */
	call: SyscallName | null;
	/** Where the token is in this frame (after the frame's hop). */
	at: Place;
	/** The hop this frame shows, or null when the token is at rest. */
	hop: Hop | null;
	/** Every hop of the call in flight (one shared array per call); draw up to `hop.index`. */
	callHops: readonly Hop[];
	/** Running totals for the whole scenario, including this frame's hop. */
	counters: Counters;
	/** Running totals for the call in flight. */
	callCounters: Counters;
}

export type SyscallResult = {
	ok: true;
	path: Place[];
	hypervisorEntries: number;
	cycles: number;
	transitions: Kind[];
};

export interface SyscallFinal {
	platform: Platform;
	counters: Counters;
}

const ZERO: Counters = Object.freeze({ hops: 0, hypervisorEntries: 0, cycles: 0 });

function add(counters: Counters, hop: Hop): Counters {
	return {
		hops: counters.hops + 1,
		hypervisorEntries: counters.hypervisorEntries + (hop.entersHypervisor ? 1 : 0),
		cycles: counters.cycles + hop.cycles
	};
}

/** The hops of one call on one platform, with costs resolved. */
export function hopsOf(platform: Platform, call: SyscallName): Hop[] {
	let from: Place = 'app';
	return PATHS[platform][call].map((spec, index) => {
		const costs = spec.costs ?? [];
		const hop: Hop = {
			index,
			from,
			to: spec.to,
			kind: spec.kind,
			label: KIND_LABELS[spec.kind],
			cycles: costs.reduce((sum, id) => sum + costOf(id).cycles, 0),
			costs,
			optionalCost: spec.optionalCost ?? null,
			entersHypervisor: spec.to === 'hypervisor'
		};
		from = spec.to;
		return hop;
	});
}

export function narrationOf(platform: Platform, call: SyscallName, index: number): string {
	return PATHS[platform][call][index].text;
}

export function simulateSyscall(
	scenario: SyscallScenario,
	options: SimulateOptions = {}
): Trace<SyscallState, SyscallFinal, SyscallResult> {
	const { platform } = scenario;
	const info = PLATFORM_INFO[platform];
	const recorder = new FrameRecorder<SyscallState, SyscallResult, SyscallFinal>({
		...options,
		opsKey: 'syscalls',
		budget: BUDGET
	});
	// One object literal per frame, all fields in it (FrameRecorder.recordFrame):
	// a write on a paravirtualized guest is twelve frames.
	const record = (
		call: SyscallName | null,
		at: Place,
		hop: Hop | null,
		callHops: readonly Hop[],
		counters: Counters,
		callCounters: Counters,
		text: string
	) =>
		recorder.recordFrame({
			step: recorder.nextStep,
			op: recorder.op,
			text,
			platform,
			bands: info.bands,
			call,
			at,
			hop,
			callHops,
			counters,
			callCounters
		});
	let counters = ZERO;
	record(
		null,
		'app',
		null,
		[],
		counters,
		ZERO,
		`${info.name}: the app is about to make ${scenario.syscalls.length === 1 ? 'a system call' : `${scenario.syscalls.length} system calls`}.`
	);
	scenario.syscalls.forEach((call, opIndex) => {
		recorder.beginOp(opIndex);
		let callCounters = ZERO;
		const hops = hopsOf(platform, call);
		record(
			call,
			'app',
			null,
			hops,
			counters,
			callCounters,
			call === 'write'
				? 'The app calls write() on a file opened with O_SYNC: a synchronous write, which returns only once the disk has the data.'
				: `The app calls ${call}().`
		);
		for (const hop of hops) {
			counters = add(counters, hop);
			callCounters = add(callCounters, hop);
			record(
				call,
				hop.to,
				hop,
				hops,
				counters,
				callCounters,
				narrationOf(platform, call, hop.index)
			);
		}
		recorder.result({
			ok: true,
			path: ['app', ...hops.map((hop) => hop.to)],
			hypervisorEntries: callCounters.hypervisorEntries,
			cycles: callCounters.cycles,
			transitions: hops.map((hop) => hop.kind)
		} satisfies SyscallResult);
	});
	return {
		model: 'syscall',
		frames: recorder.frames,
		results: recorder.results,
		final: recorder.final({ platform, counters })
	};
}

/**
 * The result budget charges nothing (docs/scenarios.md, "Limits"): a call's
 * `path` and `transitions` are bounded by other limits (about 20 hops each).
 */
const BUDGET: ResultBudget<SyscallFinal> = {
	resultLists: [],
	finalItems: () => 0,
	words: 'nothing'
};

export const syscallModel: Model<SyscallScenario, SyscallState, SyscallFinal, SyscallResult> = {
	name: 'syscall',
	schema: syscallSchema,
	opsKey: 'syscalls',
	budget: BUDGET,
	shape: { itemLists: [] },
	simulate: simulateSyscall
};
