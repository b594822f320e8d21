/**
 * Self-check questions generated from the learner's own layers: "what does
 * `cat PATH` print now?". Candidates are picked with the lookup of ./layout on
 * the scenario's final state; the answer is the model's own, from running the
 * scenario plus the hypothetical read. Question ids carry the scenario's hash,
 * so an answer stored for one scenario is never shown for another.
 */
import type { Question } from '$lib/components/selfcheck';
import { UpperLayer } from '$lib/sim/unionfs';
import { resolve, type LayerSource } from '$lib/sim/unionfs/lookup';
import { errorLine } from '$lib/sim/unionfs/shell';
import { lowerLayers, scenarioHash, simulateScenario, tryOp, type UnionfsInput } from './view';

/** Candidate paths looked at, at most (so a huge scenario stays quick). */
const MAX_CANDIDATES = 400;

/** How `cat` output reads in a choice: one line, newlines shown as ⏎, shortened. */
export function printed(content: string): string {
	const body = content.endsWith('\n') ? content.slice(0, -1) : content;
	if (body === '') return '(nothing: the file is empty)';
	const flat = body.replace(/\n/g, ' ⏎ ');
	return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

interface Candidate {
	path: string;
	/** Every distinct content some layer holds at the path, top first. */
	contents: string[];
	/** What the container sees now. */
	visible: boolean;
	/** Held by more than one layer (something is hidden). */
	layered: boolean;
}

function candidates(scenario: UnionfsInput): Candidate[] {
	const trace = simulateScenario(scenario);
	if (Array.isArray(trace)) return [];
	const upperJson = trace.final.upper;
	const upper =
		upperJson && scenario.upper
			? UpperLayer.fromSpec(scenario.upper.name, upperJson.entries)
			: null;
	const lowers = lowerLayers(scenario);
	const sources: LayerSource[] = upper ? [upper, ...lowers] : [...lowers];
	const paths = new Map<string, string[]>();
	const add = (path: string, content: string | null) => {
		let list = paths.get(path);
		if (!list) {
			if (paths.size >= MAX_CANDIDATES) return;
			paths.set(path, (list = []));
		}
		if (content !== null && !list.includes(content)) list.push(content);
	};
	const holders = new Map<string, number>();
	const layersTopFirst: Record<string, unknown>[] = [
		...(upperJson ? [upperJson.entries] : []),
		...scenario.layers.map((layer) => layer.entries)
	];
	for (const entries of layersTopFirst) {
		let n = 0;
		for (const [path, value] of Object.entries(entries)) {
			if (path.startsWith('x-') || n++ > MAX_CANDIDATES) continue;
			const content =
				typeof value === 'string'
					? value
					: value && typeof value === 'object' && (value as { type?: string }).type === 'file'
						? String((value as { content?: unknown }).content ?? '')
						: null;
			const kind = (value as { type?: string })?.type;
			if (content === null && kind !== 'whiteout') continue;
			add(path, content);
			holders.set(path, (holders.get(path) ?? 0) + 1);
		}
	}
	const out: Candidate[] = [];
	for (const [path, contents] of paths) {
		if (contents.length === 0) continue;
		const found = resolve(sources, path);
		out.push({
			path,
			contents,
			visible: found?.type === 'file',
			layered: (holders.get(path) ?? 0) > 1
		});
	}
	return out;
}

function choicesFor(
	path: string,
	answer: string,
	contents: readonly string[]
): { choices: string[]; answer: number } {
	const missing = errorLine({ op: 'read', path }, 'ENOENT');
	// For a file several layers hold, the belief that a union merges files as it merges
	// directories: every layer's content, top first. It is also longer than any one
	// layer's, so a file the container appended to is not the longest choice.
	const lines = (content: string) =>
		content.endsWith('\n') || !content ? content : `${content}\n`;
	const merged = contents.length > 1 ? [printed(contents.map(lines).join(''))] : [];
	// For a name the container cannot see, the belief that what hides it is an empty
	// file read in its place (the newer whiteout form is a zero-size file). Worded with
	// the path, it is two characters longer than the error line, so the keyed error is
	// never the longest choice.
	const empty = answer === missing ? [`(nothing: ${path} reads as an empty file)`] : [];
	const picked = [answer];
	for (const option of [...merged, ...contents.map(printed), ...empty, missing]) {
		if (picked.length >= 4) break;
		if (!picked.includes(option)) picked.push(option);
	}
	// A stable order that does not give the answer away: sorted.
	const sorted = [...picked].sort();
	return { choices: sorted, answer: sorted.indexOf(answer) };
}

/** What `cat path` prints after the scenario, by the model; null if it cannot be run. */
function catNow(scenario: UnionfsInput, path: string): { text: string; layer?: string } | null {
	const result = tryOp(scenario, { op: 'read', path });
	if (!result) return null;
	if (!result.ok) return { text: errorLine({ op: 'read', path }, result.errno ?? 'EIO') };
	return { text: printed(result.content ?? ''), layer: result.layer };
}

/** Two "what does cat print now?" questions about the scenario as it ends. */
export function generatedQuestions(scenario: UnionfsInput): Question[] {
	const all = candidates(scenario);
	if (all.length === 0) return [];
	const hash = scenarioHash(scenario);
	const questions: Question[] = [];
	const used = new Set<string>();

	// 1. A file some layer above or below also holds, which the container sees.
	const first =
		all.find((c) => c.visible && c.layered && c.contents.length > 1) ??
		all.find((c) => c.visible && c.layered) ??
		all.find((c) => c.visible);
	// 2. A name that a layer holds but the container cannot see (whited out or hidden), else another file.
	const second =
		all.find((c) => !c.visible && c.path !== first?.path) ??
		all.find((c) => c.visible && c.path !== first?.path && c.layered) ??
		all.find((c) => c.path !== first?.path);

	for (const [n, candidate] of [first, second].entries()) {
		if (!candidate || used.has(candidate.path)) continue;
		used.add(candidate.path);
		const now = catNow(scenario, candidate.path);
		if (!now) continue;
		const { choices, answer } = choicesFor(candidate.path, now.text, candidate.contents);
		if (choices.length < 2) continue;
		const held = candidate.contents.length > 1 ? 'Several layers hold this path. ' : '';
		questions.push({
			id: `cat-${n + 1}-${hash}`,
			card: 'unionfs-lookup',
			prompt: `In your scenario as it ends (after its last operation), the container runs cat ${candidate.path}. What does it print?`,
			choices,
			answer,
			explanation: now.layer
				? `${held}The lookup walks the layers from the top, and the first layer that has the file serves it: here the layer “${now.layer}”, so cat prints ${now.text}. Copies of the name in lower layers are never read.`
				: `${held}cat prints “${now.text}”: the name is hidden from the container (a whiteout above it, an opaque directory or a file over its directory, or it was deleted), so the lookup stops before any layer that still holds it.`
		});
	}
	return questions;
}
