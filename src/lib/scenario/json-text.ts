/**
 * The JSON text a scenario was parsed from (an opened file, a share link, a draft),
 * remembered per object, so that handing a big scenario to the worker or keeping it
 * as a draft does not pay for JSON.stringify again on the main thread (over 100 ms
 * for 4 MiB). Scenario objects are never changed in place (an edit makes a new
 * one), so the text stays true to its object.
 *
 * Also the text written where no text is remembered: a draft's JSON in pieces
 * (jsonPieces), so a big one is written over several tasks, and a download's.
 */
import { LIMITS, byteLength } from '$lib/sim/core/limits';

const texts = new WeakMap<object, string>();

/** Parses `text`, remembering it as the text of the value it gives. */
export function parseRemembered(text: string): unknown {
	const value: unknown = JSON.parse(text);
	if (value !== null && typeof value === 'object') texts.set(value, text);
	return value;
}

/**
 * Parses `text` in slices of a few milliseconds (./json-slices), so that a big
 * scenario's text never blocks the page, remembering it as parseRemembered does.
 */
export async function parseRememberedInSlices(text: string): Promise<unknown> {
	// Loaded when a file or a draft is first read: most visits read neither.
	const { parseJsonInSlices } = await import('./json-slices');
	const value: unknown = await parseJsonInSlices(text);
	if (value !== null && typeof value === 'object') texts.set(value, text);
	return value;
}

/** The text `value` was parsed from, when known. */
export function rememberedText(value: unknown): string | undefined {
	return value !== null && typeof value === 'object' ? texts.get(value) : undefined;
}

/** `value` as JSON: the text it came from when known, else JSON.stringify. */
export function jsonOf(value: unknown): string {
	return (value !== null && typeof value === 'object' && texts.get(value)) || JSON.stringify(value);
}

/** Remembers `text` as the JSON of `value` (which it must be: JSON.stringify's, or the text it was parsed from). */
export function rememberText(value: object, text: string): void {
	texts.set(value, text);
}

/** Containers at these levels (the scenario is level 0) are written in parts… */
const SPLIT_LEVELS = 3;
/** …and below them, those with more members than this; any other is one JSON.stringify. */
const SPLIT_MEMBERS = 64;
/** Members written by one JSON.stringify, and between two chances to stop. */
const MEMBERS_PER_STEP = 256;

/** What JSON leaves out of an object and writes as null in a list. */
const isOmitted = (value: unknown) =>
	value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * JSON.stringify(value) in pieces, pushed onto `out`: `out.join('')` is the
 * same text. A step ends every few hundred members, so a caller can spread the
 * writing of a big scenario over several tasks (stopping between steps, and
 * going on later). The big containers near the top (the layers, their
 * entries, the ops) are written in runs of members, each run by one
 * JSON.stringify of a copy holding only those members; small containers, and everything
 * below them, by JSON.stringify itself. For plain data (scenarios): an object
 * with toJSON is written as JSON.stringify writes it alone.
 */
export function* jsonPieces(value: unknown, out: string[]): Generator<void, void, undefined> {
	/** Whether `node` is written in parts (else by one JSON.stringify). */
	function split(node: unknown, level: number): node is object {
		if (node === null || typeof node !== 'object') return false;
		if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return false;
		if (level < SPLIT_LEVELS) return true;
		if (Array.isArray(node)) return node.length > SPLIT_MEMBERS;
		let count = 0;
		for (const key in node) if (Object.hasOwn(node, key) && ++count > SPLIT_MEMBERS) return true;
		return false;
	}

	function* writeList(list: readonly unknown[], level: number): Generator<void, void, undefined> {
		out.push('[');
		let run = 0;
		const flush = (end: number) => {
			// A slice of the list keeps its holes, which JSON writes as null like undefined.
			if (end > run)
				out.push(`${run > 0 ? ',' : ''}${JSON.stringify(list.slice(run, end)).slice(1, -1)}`);
		};
		for (let i = 0; i < list.length; i++) {
			const item = list[i];
			if (split(item, level + 1)) {
				flush(i);
				if (i > 0) out.push(',');
				yield* write(item, level + 1);
				run = i + 1;
				yield;
			} else if (i + 1 - run >= MEMBERS_PER_STEP) {
				flush(i + 1);
				run = i + 1;
				yield;
			}
		}
		flush(list.length);
		out.push(']');
	}

	function* writeObject(
		record: Record<string, unknown>,
		level: number
	): Generator<void, void, undefined> {
		out.push('{');
		let written = false;
		// A copy without a prototype: its "__proto__" is a member like any other, and
		// the many keys of a big layer make no hidden classes (a plain copy's did, at
		// more cost than one JSON.stringify call per member).
		let run: Record<string, unknown> = Object.create(null);
		let members = 0;
		const flush = () => {
			if (members === 0) return;
			const text = JSON.stringify(run).slice(1, -1);
			if (text) {
				out.push(written ? `,${text}` : text);
				written = true;
			}
			run = Object.create(null);
			members = 0;
		};
		// Object.keys lists integer-like keys first, as a copy orders them: a run keeps the order.
		for (const key of Object.keys(record)) {
			const member = record[key];
			if (isOmitted(member)) continue;
			if (split(member, level + 1)) {
				flush();
				out.push(`${written ? ',' : ''}${JSON.stringify(key)}:`);
				written = true;
				yield* write(member, level + 1);
				yield;
			} else {
				run[key] = member;
				if (++members >= MEMBERS_PER_STEP) {
					flush();
					yield;
				}
			}
		}
		flush();
		out.push('}');
	}

	function write(node: object, level: number): Generator<void, void, undefined> {
		return Array.isArray(node)
			? writeList(node, level)
			: writeObject(node as Record<string, unknown>, level);
	}

	if (isOmitted(value)) return;
	if (split(value, 0)) yield* write(value, 0);
	else out.push(JSON.stringify(value));
}

/**
 * A scenario as the file "Download JSON" gives: indented with tabs, for reading,
 * unless the tabs would take it past the size limit that opening a file is held
 * to; then on one line, so that whatever a lab shows can be opened again.
 */
export function scenarioFileText(scenario: unknown): string {
	const indented = `${JSON.stringify(scenario, null, '\t')}\n`;
	if (byteLength(indented) <= LIMITS.scenarioBytes) return indented;
	return `${JSON.stringify(scenario)}\n`;
}
