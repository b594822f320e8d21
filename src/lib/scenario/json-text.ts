/**
 * The JSON text a scenario was parsed from (an opened file, a share link, a draft),
 * remembered per object, so that handing a big scenario to the worker or keeping it
 * as a draft does not pay for JSON.stringify again on the main thread (over 100 ms
 * for 4 MiB). Scenario objects are never changed in place (an edit makes a new
 * one), so the text stays true to its object.
 */

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

/** `value` as JSON: the text it came from when known, else JSON.stringify. */
export function jsonOf(value: unknown): string {
	return (value !== null && typeof value === 'object' && texts.get(value)) || JSON.stringify(value);
}
