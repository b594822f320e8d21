/**
 * Validation of `unionfs` scenarios (docs/scenarios.md, "model unionfs").
 * Every message names its place: `layers[1].entries["/a"]: must be a string or
 * an entry object`, `ops[3].path: must be an absolute path …`.
 */
import * as v from 'valibot';
import {
	LIMITS,
	absolutePath,
	byteLength,
	fileContent,
	limitedArray,
	pathProblem,
	quoteText,
	scenarioHeader,
	strictObject
} from '../core';

export const OPS = ['read', 'stat', 'list', 'write', 'append', 'delete', 'mkdir', 'rmdir'] as const;
export type OpName = (typeof OPS)[number];

/** An entry as a scenario may write it. */
export type EntrySpec =
	| string
	| { type: 'file'; content: string }
	| { type: 'dir'; opaque?: boolean }
	| { type: 'whiteout' };

export type EntriesSpec = Record<string, EntrySpec>;

type IssuePath = NonNullable<v.BaseIssue<unknown>['path']>;

/** A path item for an issue raised below the current value (only `key` is read by the formatter). */
function at(input: unknown, ...keys: (string | number)[]): IssuePath {
	return keys.map(
		(key): IssuePath[number] =>
			({
				type: 'object',
				origin: 'value',
				input,
				key,
				value: undefined
			}) as IssuePath[number]
	) as unknown as IssuePath;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Printable-ASCII paths with no "." or ".." component and names of 1–255
 * characters are valid without further checks, at any length, as they are
 * for the core's pathProblem(), which checks everything else. Layers are
 * large, so the common case must be quick.
 */
const SIMPLE_PATH = /^(?:\/(?!\.\.?(?:\/|$))[\x20-\x2e\x30-\x7e]{1,255})+$/;

function simplePath(key: string): boolean {
	return SIMPLE_PATH.test(key);
}

const ENTRY_TYPES = ['file', 'dir', 'whiteout'];

/** Why an entry value is not acceptable, as [message, sub-key?], or null. */
function entryProblem(value: unknown): [string, string?] | null {
	if (typeof value === 'string') {
		return byteLength(value) > LIMITS.contentBytes
			? [`must be at most ${LIMITS.contentBytes / 1024} KiB (the per-file content limit)`]
			: null;
	}
	if (!isPlainObject(value)) return ['must be a string or an entry object'];
	const type = value.type;
	if (typeof type !== 'string' || !ENTRY_TYPES.includes(type)) {
		return [`must be one of ${ENTRY_TYPES.join(', ')}`, 'type'];
	}
	const allowed =
		type === 'file' ? ['type', 'content'] : type === 'dir' ? ['type', 'opaque'] : ['type'];
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key) && !key.startsWith('x-')) {
			return ['unknown key (only keys starting with "x-" may be added)', key];
		}
	}
	if (type === 'file') {
		if (typeof value.content !== 'string') {
			return [value.content === undefined ? 'is required' : 'must be a string', 'content'];
		}
		if (byteLength(value.content) > LIMITS.contentBytes) {
			return [
				`must be at most ${LIMITS.contentBytes / 1024} KiB (the per-file content limit)`,
				'content'
			];
		}
	}
	if (type === 'dir' && value.opaque !== undefined && typeof value.opaque !== 'boolean') {
		return ['must be true or false', 'opaque'];
	}
	return null;
}

/**
 * The entries of one layer: keys are paths below "/", values entries. Parent
 * directories are implied, so an entry inside a path that the same layer holds
 * as a file or a whiteout contradicts itself and is refused.
 */
export const layerEntries = v.pipe(
	v.unknown(),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const input = dataset.value;
		if (!isPlainObject(input)) {
			addIssue({ message: 'must be an object mapping paths to entries' });
			return NEVER;
		}
		const keys = Object.keys(input).filter((key) => !key.startsWith('x-'));
		if (keys.length > LIMITS.entriesPerLayer) {
			addIssue({
				message: `has more than ${LIMITS.entriesPerLayer} entries (the limit per layer)`
			});
			return NEVER;
		}
		let bad = false;
		for (const key of keys) {
			const problem = simplePath(key) ? null : pathProblem(key, { allowRoot: false });
			if (problem) {
				bad = true;
				addIssue({ message: problem, path: at(input, key) });
				continue;
			}
			const entryIssue = entryProblem(input[key]);
			if (entryIssue) {
				bad = true;
				const [message, sub] = entryIssue;
				addIssue({ message, path: sub ? at(input, key, sub) : at(input, key) });
			}
		}
		if (bad) return NEVER;
		for (const key of keys) {
			// The nearest ancestor this layer names decides: a dir is fine, anything else contradicts.
			for (let cut = key.lastIndexOf('/'); cut > 0; cut = key.lastIndexOf('/', cut - 1)) {
				const ancestor = key.slice(0, cut);
				const entry = input[ancestor] as EntrySpec | undefined;
				if (entry === undefined) continue;
				if (typeof entry === 'string' || entry.type !== 'dir') {
					bad = true;
					const what = typeof entry === 'string' || entry.type === 'file' ? 'a file' : 'a whiteout';
					addIssue({
						message: `is inside ${quoteText(ancestor)}, which this layer has as ${what} (parent directories are implied)`,
						path: at(input, key)
					});
				}
				break;
			}
		}
		if (bad) return NEVER;
		return input as EntriesSpec;
	})
);

/** 1–64 characters, counted as people count them: an emoji is one, not two UTF-16 units. */
const layerName = v.pipe(
	v.string('must be a string'),
	v.check(
		(name) => name.length >= 1 && (name.length <= 64 || [...name].length <= 64),
		'must be 1 to 64 characters'
	)
);

const layerSchema = strictObject({ name: layerName, entries: layerEntries });

const opSchema = v.pipe(
	strictObject({
		op: v.picklist(OPS, `must be one of ${OPS.join(', ')}`),
		path: absolutePath,
		content: v.optional(fileContent)
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const { op, content } = dataset.value;
		const takesContent = op === 'write' || op === 'append';
		if (takesContent && content === undefined) {
			addIssue({ message: `is required for ${op}`, path: at(dataset.value, 'content') });
		}
		if (!takesContent && content !== undefined) {
			addIssue({
				message: `only write and append take content (this op is ${op})`,
				path: at(dataset.value, 'content')
			});
		}
	})
);

export const unionfsSchema = v.pipe(
	strictObject({
		model: v.literal('unionfs', 'must be "unionfs"'),
		...scenarioHeader,
		layers: v.pipe(
			limitedArray(layerSchema, LIMITS.layers, 'layers'),
			v.check((layers) => layers.length > 0, 'must have at least one lower layer')
		),
		upper: v.optional(v.nullable(layerSchema)),
		ops: limitedArray(opSchema, LIMITS.ops, 'ops')
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const scenario = dataset.value;
		const seen = new Map<string, string>();
		const named: [string, string, (string | number)[]][] = scenario.layers.map((layer, index) => [
			layer.name,
			`layers[${index}].name`,
			['layers', index, 'name']
		]);
		if (scenario.upper) named.push([scenario.upper.name, 'upper.name', ['upper', 'name']]);
		for (const [name, place, keys] of named) {
			const first = seen.get(name);
			if (first) {
				addIssue({
					message: `duplicate layer name ${quoteText(name)} (also ${first}); layer names must be unique`,
					path: at(scenario, ...keys)
				});
			} else seen.set(name, place);
		}
	})
);

export type UnionfsScenario = {
	model: 'unionfs';
	title?: string;
	description?: string;
	layers: { name: string; entries: EntriesSpec }[];
	upper?: { name: string; entries: EntriesSpec } | null;
	ops: { op: OpName; path: string; content?: string }[];
};
