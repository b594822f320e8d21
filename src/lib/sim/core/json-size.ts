/**
 * The size in UTF-8 bytes of `JSON.stringify(value)`, computed without
 * building the text. Frames share structure in memory (a page of processes,
 * the upper layer) but JSON repeats it in every frame, so the text of a trace
 * can be gigabytes while the trace itself is small; `npm run trace` asks this
 * first and refuses to print past its cap (docs/scenarios.md, "Limits").
 *
 * Each object's size is remembered by identity, so a structure shared by
 * 70,000 frames is measured once: the cost follows the trace in memory, not
 * its text. Traces are model output (plain data of bounded depth, and objects
 * with toJSON such as the unionfs upper layer), never raw scenario input.
 */
import { formatNumber } from './format';
import { LIMITS, byteLength } from './limits';

export function jsonByteSize(value: unknown): number {
	const sizes = new WeakMap<object, number>();

	/** Bytes of a value in an object's property: undefined when JSON leaves the property out. */
	function sizeOf(value: unknown, key: string): number | undefined {
		if (value !== null && typeof value === 'object') {
			const known = sizes.get(value);
			if (known !== undefined) return known;
			const toJSON = (value as { toJSON?: unknown }).toJSON;
			if (typeof toJSON === 'function') {
				const size = sizeOf(toJSON.call(value, key), key);
				if (size !== undefined) sizes.set(value, size);
				return size;
			}
		}
		switch (typeof value) {
			case 'string':
				return byteLength(JSON.stringify(value));
			case 'number':
				return Number.isFinite(value) ? String(value).length : 4;
			case 'boolean':
				return value ? 4 : 5;
			case 'undefined':
			case 'function':
			case 'symbol':
				return undefined;
			case 'bigint':
				throw new TypeError('Do not know how to serialize a BigInt');
		}
		if (value === null) return 4;
		const object = value as object;
		let size: number;
		if (Array.isArray(object)) {
			// "[" + items joined by "," + "]"; a missing item prints as null.
			size = 2 + Math.max(0, object.length - 1);
			for (let i = 0; i < object.length; i++) size += sizeOf(object[i], String(i)) ?? 4;
		} else {
			size = 2;
			let members = 0;
			for (const name of Object.keys(object)) {
				const member = sizeOf((object as Record<string, unknown>)[name], name);
				if (member === undefined) continue;
				size += byteLength(JSON.stringify(name)) + 1 + member;
				members++;
			}
			size += Math.max(0, members - 1);
		}
		sizes.set(object, size);
		return size;
	}

	return sizeOf(value, '') ?? 0;
}

/**
 * How many bytes `JSON.stringify(after)` has more than `JSON.stringify(before)`
 * (fewer: negative), walking only where the two differ. Parts they share (the
 * same object, a string or number equal in both) are not walked, so an edit
 * that makes a new scenario from an old one (a new `ops` list holding the old
 * ops, one layer replaced) costs what it changed, not what the scenario holds.
 * A list is compared from both ends, so one item added, removed or replaced
 * anywhere is measured alone. For plain data (scenarios); an object with toJSON
 * is measured whole on both sides.
 */
export function jsonByteSizeChange(before: unknown, after: unknown): number {
	if (isOmitted(before) || isOmitted(after)) return jsonByteSize(after) - jsonByteSize(before);
	return valueChange(before, after);
}

/** What JSON leaves out of an object and writes as null in a list. */
function isOmitted(value: unknown): boolean {
	return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function isPlainContainer(value: unknown): value is object {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toJSON?: unknown }).toJSON !== 'function'
	);
}

function valueChange(before: unknown, after: unknown): number {
	if (before === after) return 0;
	if (
		isPlainContainer(before) &&
		isPlainContainer(after) &&
		Array.isArray(before) === Array.isArray(after)
	) {
		return Array.isArray(before)
			? listChange(before, after as unknown[])
			: objectChange(before as Record<string, unknown>, after as Record<string, unknown>);
	}
	return jsonByteSize(after) - jsonByteSize(before);
}

function itemSize(item: unknown): number {
	return isOmitted(item) ? 4 : jsonByteSize(item);
}

function listChange(before: readonly unknown[], after: readonly unknown[]): number {
	// Commas between items.
	let change = Math.max(0, after.length - 1) - Math.max(0, before.length - 1);
	let start = 0;
	const shorter = Math.min(before.length, after.length);
	while (start < shorter && before[start] === after[start]) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
		endBefore--;
		endAfter--;
	}
	// The items between the shared ends: compared in pairs, the rest measured whole.
	const paired = Math.min(endBefore, endAfter) - start;
	for (let i = start; i < start + paired; i++) {
		const was = before[i];
		const now = after[i];
		change +=
			isOmitted(was) || isOmitted(now) ? itemSize(now) - itemSize(was) : valueChange(was, now);
	}
	for (let i = start + paired; i < endBefore; i++) change -= itemSize(before[i]);
	for (let i = start + paired; i < endAfter; i++) change += itemSize(after[i]);
	return change;
}

const isOwnMember = (object: object, key: string) =>
	Object.prototype.propertyIsEnumerable.call(object, key);

function memberSize(key: string, value: unknown): number {
	return byteLength(JSON.stringify(key)) + 1 + jsonByteSize(value);
}

function objectChange(before: Record<string, unknown>, after: Record<string, unknown>): number {
	let change = 0;
	let membersBefore = 0;
	let membersAfter = 0;
	for (const key of Object.keys(before)) {
		const was = before[key];
		if (isOmitted(was)) continue;
		membersBefore++;
		const now = isOwnMember(after, key) ? after[key] : undefined;
		change += isOmitted(now) ? -memberSize(key, was) : valueChange(was, now);
	}
	for (const key of Object.keys(after)) {
		const now = after[key];
		if (isOmitted(now)) continue;
		membersAfter++;
		const was = isOwnMember(before, key) ? before[key] : undefined;
		if (isOmitted(was)) change += memberSize(key, now);
	}
	// Commas between members.
	return change + Math.max(0, membersAfter - 1) - Math.max(0, membersBefore - 1);
}

/**
 * A lab's edit that would take its scenario past the size limit is refused
 * with this line (src/lib/labs/lab.svelte.ts), `bytes` being what the scenario's
 * JSON would be: past the limit, no file, link or draft of it would open again.
 */
export function scenarioGrowthProblem(bytes: number): string {
	return `(scenario): cannot grow past ${LIMITS.scenarioBytes / 1024 / 1024} MiB of JSON (the limit); this change would make it ${formatNumber(bytes)} bytes`;
}
