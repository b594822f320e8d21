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
import { byteLength } from './limits';

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
