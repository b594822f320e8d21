/**
 * The nesting-depth limit (docs/scenarios.md, "Limits"): scenario JSON nested
 * deeper than 64 levels is refused before anything walks it, because
 * JSON.stringify, structuredClone, valibot and every recursive helper would
 * overflow the stack on a value 10,000 levels deep. Both checks here are
 * iterative, so they cannot overflow themselves.
 */
import { LIMITS } from './limits';
import { formatNumber, quoteText } from './format';

/** The message for a scenario nested too deep; `where` names the top-level key it is under. */
export function depthMessage(where: string | null = null): string {
	return `${where ?? '(scenario)'}: is nested more than ${LIMITS.nestingDepth} levels deep (the nesting limit)`;
}

/**
 * Scans JSON text for its deepest nesting without parsing it (brackets inside
 * strings do not count). Returns a message when it passes `max`, else null.
 * Malformed text is left to JSON.parse to report.
 */
export function textDepthProblem(text: string, max: number = LIMITS.nestingDepth): string | null {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (inString) {
			if (code === 0x5c /* \ */) i++;
			else if (code === 0x22 /* " */) inString = false;
		} else if (code === 0x22) inString = true;
		else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
			if (++depth > max) return depthMessage();
		} else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--;
	}
	return null;
}

/**
 * Most arrays and objects a walk visits. The largest scenario inside the
 * limits holds about 2.6 million (256 layers of 10,000 entries that are
 * objects); a value that did not come from JSON text can share one object
 * many times (postMessage keeps shared references), so a few hundred bytes can
 * stand for 2^64 nodes. Past this count the walk stops and refuses it.
 */
const MAX_CONTAINERS = 3_000_000;

/**
 * Most list items a walk visits, holes included: each item costs at least two
 * characters of JSON (itself and a comma or bracket), so a value with more
 * cannot fit in a scenario's bytes. A sparse array from postMessage is cheap to
 * send at any length up to 2^32 − 1, and a walk of its indices took minutes;
 * counting every visit also bounds lists shared many times.
 */
export const MAX_LIST_ITEMS = LIMITS.scenarioBytes / 2;

/** valueDepthProblem's message for a value whose lists are longer than MAX_LIST_ITEMS allows. */
export const TOO_MANY_LIST_ITEMS = `(scenario): its lists hold more than ${formatNumber(MAX_LIST_ITEMS)} items, more than any scenario inside the limits (${LIMITS.scenarioBytes / 1024 / 1024} MiB of JSON)`;

/**
 * Walks a parsed value iteratively and returns a message when arrays and
 * objects nest deeper than `max` (the value itself is level 1), or when it
 * holds more of them, or more list items, than any scenario inside the
 * limits, else null. A cycle counts as too deep. Its work is bounded by those
 * counts, never by a list's `length` alone.
 */
export function valueDepthProblem(
	value: unknown,
	max: number = LIMITS.nestingDepth
): string | null {
	if (value === null || typeof value !== 'object') return null;
	// Three parallel stacks, no closures: this walk runs over every scenario,
	// up to millions of entries, so it must cost less than validating them.
	const nodes: object[] = [value];
	const depths: number[] = [1];
	/** The top-level key each node is under, for the message (-1: the value itself). */
	const tops: number[] = [-1];
	const topKeys = Array.isArray(value) ? null : Object.keys(value);
	let seen = 0;
	let items = 0;
	while (nodes.length > 0) {
		const node = nodes.pop()!;
		const depth = depths.pop()!;
		const top = tops.pop()!;
		if (depth > max) {
			return depthMessage(top < 0 ? null : topKeys ? keyPath(topKeys[top]) : `[${top}]`);
		}
		if (++seen > MAX_CONTAINERS) {
			return `(scenario): holds more than ${formatNumber(MAX_CONTAINERS)} arrays and objects, more than any scenario inside the limits`;
		}
		if (Array.isArray(node)) {
			items += node.length;
			if (items > MAX_LIST_ITEMS) return TOO_MANY_LIST_ITEMS;
			for (let i = 0; i < node.length; i++) {
				const child: unknown = node[i];
				if (child !== null && typeof child === 'object') {
					nodes.push(child);
					depths.push(depth + 1);
					tops.push(top < 0 ? i : top);
				}
			}
		} else {
			const keys = node === value && topKeys ? topKeys : Object.keys(node);
			for (let i = 0; i < keys.length; i++) {
				const child: unknown = (node as Record<string, unknown>)[keys[i]];
				if (child !== null && typeof child === 'object') {
					nodes.push(child);
					depths.push(depth + 1);
					tops.push(top < 0 ? i : top);
				}
			}
		}
	}
	return null;
}

function keyPath(key: string): string {
	return key.length <= 80 && /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `[${quoteText(key)}]`;
}

/**
 * JSON text of a value that may not have been checked, or null when it nests
 * too deep to walk: for the UI's hashes and comparisons, which must never throw
 * on what a link or a message sent.
 */
export function jsonIfShallow(value: unknown): string | null {
	if (valueDepthProblem(value) !== null) return null;
	try {
		return JSON.stringify(value) ?? null;
	} catch {
		return null;
	}
}
