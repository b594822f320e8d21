/**
 * Self-check questions generated from the learner's own tree: "this process
 * forks now; which PID does the child get at level N?". The answer comes from
 * running the model on the scenario plus the hypothetical fork (results only,
 * no frames), so it is the model's answer, never a guess. Question ids carry
 * the scenario's hash, so an answer stored for one tree is never shown for
 * another.
 */
import type { Question } from '$lib/components/selfcheck';
import { validate } from '$lib/sim/core';
import { pidnsSchema, simulatePidns, type NsView, type ProcView } from '$lib/sim/pidns';
import { namesOf, scenarioHash, visibleNamespaces, type PidnsScenarioInput } from './view';

function hypotheticalFork(
	scenario: PidnsScenarioInput,
	parent: string,
	newns: boolean
): { name: string; pids: number[] } | null {
	const names = namesOf(scenario);
	let n = names.size;
	while (names.has(`new${n}`)) n++;
	const name = `new${n}`;
	try {
		const trial = validate(pidnsSchema, {
			...scenario,
			ops: [...scenario.ops, { op: 'fork', parent, name, newns }]
		});
		const trace = simulatePidns(trial, { recordFrames: false });
		const result = trace.results[trace.results.length - 1];
		if (!result || !result.ok || !Array.isArray(result.pids)) return null;
		return { name, pids: result.pids as number[] };
	} catch {
		return null;
	}
}

function levelName(level: number, owner: string): string {
	return level === 0
		? 'level 0, the root (host) namespace'
		: `level ${level}, the namespace of “${owner}”`;
}

/**
 * Four choices (the answer and three wrong ones), ascending, and the answer's index.
 * Numbers are shown in order, so the answer's place is its rank: `seed` picks how
 * many of the wrong ones lie below it (as far as there are numbers below), or the
 * answer would always sit where the likeliest wrong numbers put it (second, after
 * the last PID handed out). `candidates` come first, likeliest first; 0 only when
 * a candidate names it.
 */
export function choicesFor(
	answer: number,
	candidates: number[],
	seed: number
): { choices: string[]; answer: number } {
	const pool: number[] = [];
	for (const value of [...candidates, answer - 1, answer + 1, answer - 2, answer + 2, answer + 3]) {
		const allowed = value >= 1 || (value === 0 && candidates.includes(0));
		if (Number.isInteger(value) && allowed && value !== answer && !pool.includes(value))
			pool.push(value);
	}
	const below = pool.filter((value) => value < answer);
	const above = pool.filter((value) => value > answer);
	const wanted = Math.abs(seed) % 4;
	const fromBelow = Math.max(Math.min(wanted, below.length), 3 - above.length);
	const sorted = [answer, ...below.slice(0, fromBelow), ...above.slice(0, 3 - fromBelow)].sort(
		(a, b) => a - b
	);
	return { choices: sorted.map(String), answer: sorted.indexOf(answer) };
}

/** A number from a question's id, to place its answer by (the same for the same tree). */
function seedOf(id: string): number {
	let seed = 0;
	for (let i = 0; i < id.length; i++) seed = (Math.imul(seed, 31) + id.charCodeAt(i)) | 0;
	return seed;
}

/** The last frame's lists, which the questions are about. */
export interface TreeNow {
	namespaces: readonly NsView[];
	processes: readonly ProcView[];
}

/**
 * Two questions about the scenario's final tree. The first asks the PID a new
 * child of the deepest live process gets in its own namespace; the second the
 * PID another process's new child gets as the host sees it (or, when only the
 * root namespace exists, in a brand-new namespace).
 */
export function generatedQuestions(scenario: PidnsScenarioInput, now: TreeNow): Question[] {
	const live = now.processes.filter((p) => p.alive);
	if (live.length === 0) return [];
	const hash = scenarioHash(scenario);
	const nsById = new Map<string, NsView>();
	for (const ns of now.namespaces) nsById.set(ns.id, ns);
	// The deepest live process; among equals the newest.
	let deepest: ProcView = live[0];
	for (const proc of live) if (proc.level >= deepest.level) deepest = proc;
	const owner = (nsId: string) => nsById.get(nsId)?.init ?? '?';
	const sees = visibleNamespaces(now.namespaces, deepest.ns);
	const inOwnNs = live.filter((p) => sees.has(p.ns)).length;

	const questions: Question[] = [];
	const first = hypotheticalFork(scenario, deepest.name, false);
	if (first) {
		const level = deepest.level;
		const answer = first.pids[level];
		const other = first.pids.filter((_, i) => i !== level);
		const id = `fork-own-level-${hash}`;
		const { choices, answer: index } = choicesFor(
			answer,
			[answer - 1, ...other, inOwnNs + 1],
			seedOf(id)
		);
		questions.push({
			id,
			card: 'pid-namespace',
			prompt: `In your tree as it is now (the last step), “${deepest.name}” forks a new process. Which PID does the new process get at ${levelName(level, owner(deepest.ns))}?`,
			choices,
			answer: index,
			explanation: `The model gives the new process PIDs ${first.pids.join(' · ')} (outermost first). At level ${level} the namespace hands out the number after the last one it handed out (${answer - 1}), so ${answer}; numbers freed by exited processes are not handed out again until the counter wraps.`
		});
	}

	// Another process, in another namespace if there is one, preferably not the root's.
	let second: ProcView | undefined;
	for (const proc of live) {
		if (proc.name === deepest.name) continue;
		const score = (p: ProcView) => (p.ns !== deepest.ns ? 2 : 0) + (p.level > 0 ? 1 : 0);
		if (!second || score(proc) >= score(second)) second = proc;
	}
	second ??= deepest;
	const who = second.level > 0 ? second : deepest;
	if (who.level > 0) {
		const fork = hypotheticalFork(scenario, who.name, false);
		if (fork) {
			const answer = fork.pids[0];
			const id = `fork-host-level-${hash}`;
			const { choices, answer: index } = choicesFor(
				answer,
				[fork.pids[fork.pids.length - 1], answer - 1, live.length + 1],
				seedOf(id)
			);
			questions.push({
				id,
				card: 'pid-namespace',
				prompt: `In your tree as it is now, “${who.name}” (level ${who.level}) forks a new process. Which PID does the host see for it at level 0, the root namespace?`,
				choices,
				answer: index,
				explanation: `A new process gets a PID in its own namespace and in every namespace around it. The model gives PIDs ${fork.pids.join(' · ')}: the root namespace hands out ${answer}, the next after its last one, whatever number the process has inside.`
			});
		}
	} else {
		const fork = hypotheticalFork(scenario, second.name, true);
		if (fork) {
			// 0 is there for those who think a namespace counts from 0: no process gets it.
			const id = `fork-newns-${hash}`;
			const { choices, answer: index } = choicesFor(
				1,
				[fork.pids[0], 0, fork.pids[0] - 1, 2],
				seedOf(id)
			);
			questions.push({
				id,
				card: 'pid-namespace',
				prompt: `In your tree as it is now, “${second.name}” forks a new process into a new PID namespace. Which PID does the new process get at level 1, its own new namespace?`,
				choices,
				answer: index,
				explanation: `A new namespace starts counting from the beginning: its first process is PID 1, its init. The root namespace still gives it a PID of its own: the model gives ${fork.pids.join(' · ')}.`
			});
		}
	}
	return questions;
}
