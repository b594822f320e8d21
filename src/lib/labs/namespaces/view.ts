/**
 * Scenario helpers for the namespaces lesson: checking a scenario, the built-in
 * scenarios, editing (adding questions and packets, renaming hosts,
 * readdressing interfaces), and choosing which processes to compare. Pure
 * functions: no DOM, no Svelte. Edits return a new scenario; the old one is
 * left as it was.
 */
import type { Frame, Trace } from '$lib/sim/core';
import { lowerLines, lowerLook } from '$lib/viz/namespaces/parts';
import { scenarioRunner } from '$lib/scenario/traced';
import {
	COMMANDS,
	namespacesModel,
	type Command,
	type NamespacesFinal,
	type NamespacesScenarioInput,
	type NamespacesState,
	type NsKind,
	type OpInput
} from '$lib/sim/namespaces';
import { builtinScenarios, defaultScenario } from '$lib/scenario/builtin';
const BUILTINS = builtinScenarios<NamespacesScenarioInput>(
	'namespaces',
	import.meta.glob('/static/scenarios/namespaces/*.json', { eager: true, import: 'default' })
);

/** The lesson's scenarios, in its manifest's order. */
export const BUILT_IN: { key: string; label: string; scenario: NamespacesScenarioInput }[] =
	BUILTINS.map((one) => ({ key: one.name, label: one.label, scenario: one.scenario }));

export const DEFAULT_SCENARIO = defaultScenario(BUILTINS);

/** localStorage key of the learner's draft, and the SelfCheck set's id. */
export const DRAFT_KEY = 'namespaces';

export type NsTrace = Trace<NamespacesState, NamespacesFinal>;

const runner = scenarioRunner<NsTrace>(namespacesModel);

/** Validates and simulates `value` (once per object): its trace, or the messages that make it invalid. */
export const simulateScenario = runner.simulate;

/** Messages when `value` is not a valid namespaces scenario (within every limit), else null. */
export function checkScenario(value: unknown): string[] | null | Promise<string[] | null> {
	try {
		return runner.check(value);
	} catch (error) {
		return [`(scenario): ${error instanceof Error ? error.message : String(error)}`];
	}
}

export const COMMAND_LIST: readonly Command[] = COMMANDS;

/** Commands that take a path. */
export function takesPath(command: Command): boolean {
	return command === 'ls' || command === 'write';
}

export function askOp(process: string, command: Command, path?: string): OpInput {
	return takesPath(command)
		? { op: 'ask', process, command, path: path || '/' }
		: { op: 'ask', process, command };
}

export function withOp(scenario: NamespacesScenarioInput, op: OpInput): NamespacesScenarioInput {
	return { ...scenario, ops: [...scenario.ops, op] };
}

export function withoutOp(
	scenario: NamespacesScenarioInput,
	index: number
): NamespacesScenarioInput {
	return { ...scenario, ops: scenario.ops.filter((_, i) => i !== index) };
}

export function withHostname(
	scenario: NamespacesScenarioInput,
	nsId: string,
	hostname: string
): NamespacesScenarioInput {
	return {
		...scenario,
		namespaces: scenario.namespaces.map((ns) =>
			ns.id === nsId && ns.kind === 'uts' ? { ...ns, hostname } : ns
		)
	};
}

export function withAddress(
	scenario: NamespacesScenarioInput,
	nsId: string,
	iface: string,
	addr: string
): NamespacesScenarioInput {
	return {
		...scenario,
		namespaces: scenario.namespaces.map((ns) =>
			ns.id === nsId && ns.kind === 'net'
				? {
						...ns,
						interfaces: (ns.interfaces ?? []).map((i) =>
							i.name === iface ? (addr ? { ...i, addr } : withoutKey(i, 'addr')) : i
						)
					}
				: ns
		)
	};
}

function withoutKey<T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> {
	const copy = { ...object };
	delete copy[key];
	return copy;
}

/** A process's namespace of `kind` (the first of that kind when it names none). */
export function nsOf(
	scenario: NamespacesScenarioInput,
	process: string,
	kind: NsKind
): string | null {
	const proc = scenario.processes.find((p) => p.name === process);
	return proc?.ns?.[kind] ?? scenario.namespaces.find((ns) => ns.kind === kind)?.id ?? null;
}

/**
 * Up to three processes to compare: one per distinct set of namespaces, host
 * first (a process naming no namespaces), in the scenario's order.
 */
export function compareDefaults(scenario: NamespacesScenarioInput): string[] {
	const seen = new Set<string>();
	const picked: string[] = [];
	for (const proc of scenario.processes) {
		const key = JSON.stringify(proc.ns ?? {});
		if (seen.has(key)) continue;
		seen.add(key);
		picked.push(proc.name);
		if (picked.length === 3) break;
	}
	for (const proc of scenario.processes) {
		if (picked.length >= 3) break;
		if (!picked.includes(proc.name)) picked.push(proc.name);
	}
	return picked;
}

/**
 * The frames of the question (or packet) that frame `at` belongs to, as the range
 * [start, end): the run of frames around it that carry the same op. Null when
 * that run is longer than `most` frames.
 */
export function questionSpan(
	frames: readonly { op: number | null }[],
	at: number,
	most: number
): { start: number; end: number } | null {
	if (frames.length === 0) return null;
	const step = Math.min(Math.max(0, at), frames.length - 1);
	const op = frames[step].op;
	let start = step;
	let end = step + 1;
	while (start > 0 && frames[start - 1].op === op) {
		if (end - start >= most) return null;
		start--;
	}
	while (end < frames.length && frames[end].op === op) {
		if (end - start >= most) return null;
		end++;
	}
	return { start, end };
}

/** A one-line description of an op, for lists and status messages. */
export function describeOp(op: OpInput): string {
	if (op.op === 'send') return `“${op.from}” sends a packet to ${op.to}`;
	const shown = takesPath(op.command) ? `${op.command} ${op.path ?? '/'}` : op.command;
	return `“${op.process}” asks: ${shown}`;
}

/**
 * The frames of a question for the picture to keep room for: the first of each
 * look (`lowerLook`), in order. A packet caught in a routing loop hops 64 times
 * (its time to live) in 130 frames of four or five looks, so the lab lays out
 * those few ahead rather than all of them. A question of more than `most` looks
 * (a packet through many namespaces) would cost too much to lay out whole: it
 * keeps the `most` that draw the most lines (`lowerLines`), still in order, so
 * that the room is likely the tallest's.
 */
export function questionRoom(
	frames: readonly Frame<NamespacesState>[],
	most: number
): Frame<NamespacesState>[] {
	const seen = new Set<string>();
	const room: Frame<NamespacesState>[] = [];
	for (const frame of frames) {
		const look = lowerLook(frame);
		if (seen.has(look)) continue;
		seen.add(look);
		room.push(frame);
	}
	if (room.length <= most) return room;
	const lines = new Map(room.map((frame) => [frame, lowerLines(frame)]));
	// A stable sort: among looks of as many lines, the earlier ones stay.
	const kept = new Set(
		[...room].sort((a, b) => lines.get(b)! - lines.get(a)!).slice(0, Math.max(0, most))
	);
	return room.filter((frame) => kept.has(frame));
}

/**
 * A question's narrations for the player to keep room for: each once, and of a
 * long question (a routing loop says each of its 64 hops) only the `most` longest,
 * in characters, since laying out every one ahead would cost too much.
 */
export function questionNarrations(texts: readonly string[], most: number): string[] {
	const unique = [...new Set(texts)];
	if (unique.length <= most) return unique;
	return unique.sort((a, b) => b.length - a.length).slice(0, most);
}
