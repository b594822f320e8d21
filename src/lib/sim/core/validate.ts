/**
 * Validation helpers every model uses. Messages name the place in the scenario
 * (`ops[3].path: must be an absolute path`), unknown keys are refused except
 * those starting with `x-`, and the limits in ./limits are enforced.
 */
import * as v from 'valibot';
import { textDepthProblem, valueDepthProblem } from './depth';
import { quoteText } from './format';
import { jsonErrorOffsetOf, lineAndColumn, withoutByteOrderMark } from './json-source';
import { LIMITS, byteLength } from './limits';
import { ScenarioError } from './types';

type AnyIssue = v.BaseIssue<unknown>;

/** Formats an issue path as the scenario's author would write it: `ops[3].path`, `entries["/a b"]`. */
export function formatPath(path: AnyIssue['path']): string {
	if (!path || path.length === 0) return '(scenario)';
	let out = '';
	for (const item of path) {
		const key = item.key;
		if (typeof key === 'number') out += `[${key}]`;
		else if (typeof key === 'string' && key.length <= 80 && /^[A-Za-z_$][\w$-]*$/.test(key))
			out += out ? `.${key}` : key;
		else out += `[${quoteText(String(key))}]`;
	}
	return out;
}

function describeIssue(issue: AnyIssue): string {
	if (issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object') {
		if (issue.expected === 'never')
			return 'unknown key (only keys starting with "x-" may be added)';
		if (issue.received === 'undefined' && issue.path?.length) return 'is required';
		if (issue.expected === 'Object') return 'must be an object';
	}
	if (issue.type === 'variant' && issue.received === 'undefined') return 'is required';
	return issue.message;
}

/** One line per issue, deduplicated, in the order found. */
export function formatIssues(issues: readonly AnyIssue[]): string[] {
	const lines: string[] = [];
	for (const issue of issues) {
		const line = `${formatPath(issue.path)}: ${describeIssue(issue)}`;
		if (!lines.includes(line)) lines.push(line);
		if (lines.length >= 50) {
			lines.push('(more problems not shown)');
			break;
		}
	}
	return lines;
}

/** Drops `x-` keys (kept by authors for notes, ignored by the core) before a strict check. */
function withoutExtensionKeys(input: unknown): unknown {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
	let hasExtension = false;
	for (const key of Object.keys(input)) if (key.startsWith('x-')) hasExtension = true;
	if (!hasExtension) return input;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(input)) {
		if (!key.startsWith('x-')) Object.defineProperty(out, key, { value, enumerable: true });
	}
	return out;
}

/** An object that refuses unknown keys, except `x-…`. */
export function strictObject<const E extends v.ObjectEntries>(entries: E) {
	return v.pipe(
		v.unknown(),
		// valibot takes an array for an object, and would call each of its items an unknown key.
		v.check((input) => !Array.isArray(input), 'must be an object'),
		v.transform(withoutExtensionKeys),
		v.strictObject(entries, 'must be an object')
	);
}

export const text = (what: string, max: number) =>
	v.pipe(
		v.string(`must be ${what}`),
		v.check((s) => s.length <= max, `must be at most ${max} characters`)
	);

/** Content of a file: a string of at most 64 KiB (UTF-8). */
export const fileContent = v.pipe(
	v.string('must be a string'),
	v.check(
		(s) => byteLength(s) <= LIMITS.contentBytes,
		`must be at most ${LIMITS.contentBytes / 1024} KiB (the per-file content limit)`
	)
);

/** Why a path is not acceptable, or null. Paths follow docs/scenarios.md. */
export function pathProblem(path: string, { allowRoot = true } = {}): string | null {
	if (!path.startsWith('/')) return 'must be an absolute path (starting with "/")';
	if (path === '/') return allowRoot ? null : 'must name something below "/"';
	if (path.endsWith('/')) return 'must not end with "/"';
	if (path.includes('\0')) return 'must not contain a NUL character';
	for (const name of path.slice(1).split('/')) {
		if (name === '') return 'must not contain an empty component ("//")';
		if (name === '.' || name === '..') return 'must not contain "." or ".." components';
		if (byteLength(name) > 255) return 'has a name longer than 255 bytes';
	}
	// No limit on the whole path: a file system holds paths longer than PATH_MAX
	// (made with relative paths), so such an entry is valid, and an operation on
	// a path of 4,096 bytes or more is one the kernel fails with ENAMETOOLONG.
	return null;
}

export const absolutePath = v.pipe(
	v.string('must be a string'),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const problem = pathProblem(dataset.value);
		if (problem) addIssue({ message: problem });
	})
);

export function limitedArray<T extends v.GenericSchema>(item: T, max: number, what: string) {
	return v.pipe(
		v.array(item, 'must be a list'),
		v.check((a) => a.length <= max, `has more than ${max} ${what} (the limit)`)
	);
}

/**
 * Validates `input` against `schema`, or throws a ScenarioError with every
 * problem found. The nesting limit is checked first, without recursion, so
 * nothing walks a value nested too deep.
 */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const tooDeep = valueDepthProblem(input);
	if (tooDeep) throw new ScenarioError([tooDeep]);
	const parsed = v.safeParse(schema, input);
	if (!parsed.success) throw new ScenarioError(formatIssues(parsed.issues));
	return parsed.output;
}

/**
 * Parses scenario JSON text, enforcing the size and nesting limits first. A
 * byte-order mark at the start is dropped, as the browser drops it from a
 * file it reads. A syntax error is placed by line and column; the parser's
 * own message is not shown, since it quotes the text raw (bytes of a binary
 * file, line breaks, invisible characters).
 */
export function parseScenarioText(source: string): unknown {
	const text = withoutByteOrderMark(source);
	if (byteLength(text) > LIMITS.scenarioBytes) {
		throw new ScenarioError([
			`(scenario): is larger than ${LIMITS.scenarioBytes / 1024 / 1024} MiB (the limit)`
		]);
	}
	const tooDeep = textDepthProblem(text);
	if (tooDeep) throw new ScenarioError([tooDeep]);
	if (text.trim() === '') throw new ScenarioError(['(scenario): is empty']);
	try {
		return JSON.parse(text);
	} catch (error) {
		const offset = jsonErrorOffsetOf(error, text);
		const place =
			offset === null
				? ''
				: ` (the first error is at ${lineAndColumn(text, offset)}${commonMistake(text, offset)})`;
		throw new ScenarioError([`(scenario): is not valid JSON${place}`]);
	}
}

/** The two mistakes hand-written JSON makes most, named when the error is at one. */
function commonMistake(text: string, offset: number): string {
	if (text[offset] === '/') return '; JSON allows no comments';
	if (text[offset] !== '}' && text[offset] !== ']') return '';
	let before = offset - 1;
	while (before >= 0 && ' \t\n\r'.includes(text[before])) before--;
	return text[before] === ',' ? '; JSON allows no trailing commas' : '';
}

/** Common header of every scenario: plain text of any length (renderers wrap it). */
export const scenarioHeader = {
	title: v.optional(v.string('must be a string')),
	description: v.optional(v.string('must be a string'))
};
