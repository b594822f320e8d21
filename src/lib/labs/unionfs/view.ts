/**
 * Scenario helpers for the layers lesson: checking and simulating a scenario
 * (once per object), the transcript of its operations as shell commands, the
 * frames each operation spans, and a stable hash. Pure: no DOM, no Svelte.
 */
import { jsonIfShallow, type Trace } from '$lib/sim/core';
import { registerPreparer, scenarioRunner } from '$lib/scenario/traced';
import { lookupPending, lowerEntries, type PathLine } from '$lib/viz/unionfs/layout';
import {
	LowerLayer,
	simulateUnionfs,
	unionfsModel,
	validate,
	type EntriesSpec,
	type EntrySpec,
	type UnionfsFinal,
	type UnionfsState
} from './model-api';
import type { LayerSource } from '$lib/sim/unionfs/lookup';
import { commandLine, outputOf, type OpOutcome, type ShellOp } from '$lib/sim/unionfs/shell';
import { sentenceOf } from '../field-problems';

/** A scenario as the page keeps it (and as a link or a file carries it). */
export interface UnionfsInput {
	model: 'unionfs';
	title?: string;
	description?: string;
	layers: { name: string; entries: EntriesSpec }[];
	upper?: { name: string; entries: EntriesSpec } | null;
	ops: ShellOp[];
	[key: `x-${string}`]: unknown;
}

export type UnionfsTrace = Trace<UnionfsState, UnionfsFinal>;

const runner = scenarioRunner<UnionfsTrace>(unionfsModel);

/** Validates and simulates `value` (once per object): its trace, or the messages that make it invalid. */
export const simulateScenario = runner.simulate;

/** Messages when `value` is not a valid unionfs scenario, else null. */
export const checkScenario = runner.check;

/** FNV-1a over the scenario's JSON, as 8 hex digits. */
export function scenarioHash(scenario: unknown): string {
	// A value nested too deep (from a link or a message) has no hash: it is never shown.
	const text = jsonIfShallow(scenario) ?? '';
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** First and last frame of every operation (frames carry their op index). */
export function opSpans(frames: readonly { op: number | null }[], ops: number): [number, number][] {
	const spans: [number, number][] = Array.from({ length: ops }, () => [-1, -1]);
	frames.forEach((frame, index) => {
		if (frame.op === null) return;
		const span = spans[frame.op];
		if (!span) return;
		if (span[0] < 0) span[0] = index;
		span[1] = index;
	});
	return spans;
}

export interface TranscriptEntry {
	index: number;
	line: string;
	output: string[];
	error: boolean;
}

/** Every operation as the shell shows it: the command line and what it printed. */
export function transcript(scenario: UnionfsInput, trace: UnionfsTrace): TranscriptEntry[] {
	const spans = opSpans(trace.frames, scenario.ops.length);
	return scenario.ops.map((op, index) => {
		const result = trace.results[index] as OpOutcome | undefined;
		const last = trace.frames[spans[index]?.[1] ?? -1];
		const size = last?.merged?.content !== undefined ? utf8Length(last.merged.content) : null;
		const { lines, error } = outputOf(op, result, size);
		return { index, line: commandLine(op), output: lines, error };
	});
}

/**
 * The longest line, in characters, that the lab keeps room for at every step. A
 * longer one (a 64 KiB file's content printed by cat, a path of a thousand
 * characters) is shown at its own steps only: its room would leave a box of a
 * hundred blank lines at all the others.
 */
export const ROOM_CHARS = 300;

/** The command lines (with their output) that keep room above the picture: those of at most ROOM_CHARS. */
export function commandRoom(lines: readonly TranscriptEntry[]): TranscriptEntry[] {
	return lines.filter((entry) => {
		let length = entry.line.length;
		for (const line of entry.output) length += line.length + 3;
		return length <= ROOM_CHARS;
	});
}

/**
 * The distinct lines about a path that the frames show (MergedPanel's `room`):
 * a frame's view of its path, whether its lookup is still to come, and the layers
 * whose names it gives. The same line at many frames is kept once; a path longer
 * than ROOM_CHARS less the rest of the line keeps no room.
 */
export function pathLinesOf(
	frames: readonly Pick<
		UnionfsState,
		'merged' | 'layers' | 'action' | 'probe' | 'change' | 'result'
	>[]
): PathLine[] {
	const lines = new Map<string, PathLine>();
	for (const frame of frames) {
		if (!frame.merged || frame.merged.path.length > ROOM_CHARS - 100) continue;
		const pending = lookupPending(frame);
		const { path, type, layerId, content } = frame.merged;
		const names = frame.layers.map((layer) => `${layer.id}=${layer.name}`).join(',');
		// The panel shows a content's first 60 characters: more would tell apart lines it shows alike.
		const shown = content === undefined ? null : content.slice(0, 64);
		const key = JSON.stringify([path, type, layerId, shown, pending, names]);
		if (!lines.has(key)) lines.set(key, { merged: frame.merged, pending, layers: frame.layers });
	}
	return [...lines.values()];
}

/**
 * The length of `text` in UTF-8, as TextEncoder would encode it (a lone surrogate
 * becomes U+FFFD, 3 bytes), counted without encoding: a big scenario's transcript
 * asks this of thousands of file contents.
 */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit < 0x80) bytes += 1;
		else if (unit < 0x800) bytes += 2;
		else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				bytes += 4;
				i++;
			} else bytes += 3;
		} else bytes += 3;
	}
	return bytes;
}

/** The lower layers of a scenario, built once per scenario object. */
const lowersCache = new WeakMap<object, LowerLayer[]>();
export function lowerLayers(scenario: UnionfsInput): LowerLayer[] {
	let lowers = lowersCache.get(scenario);
	if (!lowers) {
		lowers = scenario.layers.map((layer) => new LowerLayer(layer.name, layer.entries));
		lowersCache.set(scenario, lowers);
	}
	return lowers;
}

/**
 * A big scenario's lower layers, built before it is drawn, a slice at a time: each
 * layer, its band entries and its directory index (which the merged tree reads).
 */
function* prepareLowerLayers(value: unknown): Generator<void> {
	const scenario = value as UnionfsInput;
	if (lowersCache.has(scenario)) return;
	const lowers: LowerLayer[] = [];
	let start = performance.now();
	for (const layer of scenario.layers) {
		const lower = new LowerLayer(layer.name, layer.entries);
		lowerEntries(lower);
		lower.prepareListings();
		lowers.push(lower);
		if (performance.now() - start > 30) {
			yield;
			start = performance.now();
		}
	}
	lowersCache.set(scenario, lowers);
}

registerPreparer(unionfsModel, prepareLowerLayers);

/** The layers of one frame as the lookup reads them, top first. */
export function sourcesAt(scenario: UnionfsInput, upper: LayerSource | null): LayerSource[] {
	const lowers: LayerSource[] = lowerLayers(scenario);
	return upper ? [upper, ...lowers] : lowers;
}

/** A copy of the scenario with one more operation. */
export function withOp(scenario: UnionfsInput, op: ShellOp): UnionfsInput {
	return { ...scenario, ops: [...scenario.ops, op] };
}

/**
 * The result of running `op` after the scenario's operations, without frames
 * (for questions: what would `cat` print now?). Null when the scenario is invalid.
 */
export function tryOp(
	scenario: UnionfsInput,
	op: ShellOp
): { ok: boolean; errno?: string; content?: string; layer?: string } | null {
	try {
		const valid = validate(unionfsModel.schema, withOp(scenario, op));
		const trace = simulateUnionfs(valid, { recordFrames: false });
		return trace.results[trace.results.length - 1] as {
			ok: boolean;
			errno?: string;
			content?: string;
		};
	} catch {
		return null;
	}
}

/** An entry of the editor's kinds as the scenario writes it. */
export function entrySpec(
	kind: 'file' | 'dir' | 'opaque' | 'whiteout',
	content: string
): EntrySpec {
	switch (kind) {
		case 'file':
			return content;
		case 'dir':
			return { type: 'dir' };
		case 'opaque':
			return { type: 'dir', opaque: true };
		case 'whiteout':
			return { type: 'whiteout' };
	}
}

/**
 * Why the shell did not run a command the model refused as the scenario's op at
 * `index`. The learner typed a command, not JSON: each problem is said of what
 * they typed, without the scenario's places (`ops[12].content`).
 */
export function shellRefusal(messages: readonly string[], index: number): string {
	const fields = [
		{ place: `ops[${index}].path`, label: 'The path' },
		{ place: `ops[${index}].content`, label: 'The text to write' },
		{ place: 'ops', label: 'The scenario', when: (text: string) => text.startsWith('has ') },
		{ place: '(scenario)', label: 'The scenario' }
	];
	const said = [...new Set(messages.map((line) => sentenceOf(line, fields)))];
	return `Not run: ${said.slice(0, 3).join('; ')}`;
}
