/**
 * The small scenario helpers the PID-namespaces lab needs (new names, appending
 * ops, checking a scenario), and what one process can see (from the model's
 * folder). Pure functions: no DOM, no Svelte.
 */
import { jsonIfShallow, type Trace } from '$lib/sim/core';
import { scenarioRunner } from '$lib/scenario/traced';
export { psListing, viewerOf, visibleNamespaces, type Viewer } from '$lib/sim/pidns/viewer';
import {
	ROOT_INIT,
	pidnsModel,
	type PidnsFinal,
	type PidnsOpInput,
	type PidnsState
} from '$lib/sim/pidns';

/** A scenario as the page keeps it (and as a link or a file carries it). */
export interface PidnsScenarioInput {
	model: 'pidns';
	title?: string;
	description?: string;
	ops: PidnsOpInput[];
}

/** Every process name a scenario creates, `init` included. */
export function namesOf(scenario: PidnsScenarioInput): Set<string> {
	const names = new Set<string>([ROOT_INIT]);
	for (const op of scenario.ops) if (op.op === 'fork') names.add(op.name);
	return names;
}

/** The next automatic name: "p" and the smallest number from the fork count on that is free. */
export function nextName(scenario: PidnsScenarioInput): string {
	const names = namesOf(scenario);
	let n = names.size;
	while (names.has(`p${n}`)) n++;
	return `p${n}`;
}

/**
 * Why `name` cannot name a new process, or null if it can: the model's rules for
 * a fork's name (docs/scenarios.md, "model pidns"), no more, so the form takes
 * every name a scenario may hold. A name has no length limit of its own; the
 * scenario's size limit, which every edit is held to (Lab.commit), bounds it.
 */
export function nameProblem(name: string, scenario: PidnsScenarioInput): string | null {
	if (name.length === 0) return 'A name must not be empty.';
	if (name === ROOT_INIT) return '“init” is the root namespace’s first process.';
	if (namesOf(scenario).has(name))
		return 'That name is already used in this scenario (names are never reused).';
	return null;
}

export type PidnsTrace = Trace<PidnsState, PidnsFinal>;

const runner = scenarioRunner<PidnsTrace>(pidnsModel);

/** Validates and simulates `value` (once per object): its trace, or the messages that make it invalid. */
export const simulateScenario = runner.simulate;

/** Messages when `value` is not a valid pidns scenario (within every limit), else null. */
export const checkScenario = runner.check;

/** FNV-1a over the scenario's ops, as 8 hex digits: stable ids for generated questions. */
export function scenarioHash(scenario: PidnsScenarioInput): string {
	// A value nested too deep (from a link or a message) has no hash: it is never shown.
	const text = jsonIfShallow(scenario.ops) ?? '';
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** A one-line description of an op, for status messages. */
export function describeOp(op: PidnsOpInput): string {
	switch (op.op) {
		case 'fork':
			return op.newns
				? `“${op.parent}” forks “${op.name}” into a new PID namespace`
				: `“${op.parent}” forks “${op.name}”`;
		case 'exit':
			return `“${op.name}” exits`;
		case 'kill':
			return `“${op.name}” is killed (SIGKILL)`;
		case 'ps':
			return `ps runs in “${op.from}”`;
	}
}
