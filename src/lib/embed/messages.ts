/**
 * The host ↔ embed API (docs/embed-api.md). Incoming messages are validated by
 * shape, type and size; anything else is ignored. Nothing received is executed.
 */
import { TOO_MANY_LIST_ITEMS, valueDepthProblem } from '$lib/sim/core/depth';
import { LIMITS } from '$lib/sim/core/limits';

export type EmbedCommand =
	| { command: 'goto'; step: number }
	| { command: 'play' }
	| { command: 'pause' }
	| { command: 'setScenario'; scenario: unknown }
	/** A setScenario whose scenario is over the size limit: refused with a message, not silently. */
	| { command: 'setScenario'; tooLarge: true };

export type EmbedEvent =
	| { event: 'ready'; animation: string; total: number }
	| { event: 'step'; animation: string; step: number; total: number }
	| { event: 'complete'; animation: string; total: number }
	| { event: 'answer'; animation: string; question: string; correct: boolean }
	| { event: 'resize'; animation: string; height: number };

export const MESSAGE_TYPE = 'stepvisor';

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/**
 * Length of the value as JSON text: 0 for one nested too deep, Infinity for one
 * whose lists cannot fit, NaN when it has none (a BigInt).
 */
function sizeOf(value: unknown): number {
	if (typeof value === 'string') return value.length;
	// First, as the walk that bounds every later one: it stops at a list whose
	// length alone cannot fit (a sparse array is cheap to send at any length), and
	// at a value nested too deep (or cyclic), which is let through without walking
	// it further: the lab's check refuses it with the nesting limit's message.
	const problem = valueDepthProblem(value);
	if (problem === TOO_MANY_LIST_ITEMS) return Infinity;
	if (problem) return 0;
	return jsonLength(value, LIMITS.scenarioBytes);
}

/**
 * The length of `JSON.stringify(value)`, counted without building the text,
 * and Infinity as soon as it passes `limit`. A message keeps shared references,
 * so a few kilobytes can stand for hundreds of megabytes of JSON: building that
 * text froze an embed for seconds before the engine gave up on it. NaN where
 * JSON.stringify throws (a BigInt). Recursive: callers have checked the depth
 * (valueDepthProblem), which also refuses cycles.
 */
export function jsonLength(value: unknown, limit = Infinity): number {
	let total = 0;
	const count = (node: unknown, inArray: boolean): boolean => {
		if (node === undefined || typeof node === 'function' || typeof node === 'symbol') {
			// Left out of an object (its caller skips it), null in an array.
			total += inArray ? 4 : 0;
		} else if (typeof node === 'bigint') {
			throw new TypeError('BigInt has no JSON');
		} else if (node === null || typeof node !== 'object' || node instanceof Date) {
			total += JSON.stringify(node).length;
		} else if (Array.isArray(node)) {
			total += 2 + Math.max(0, node.length - 1);
			for (let i = 0; i < node.length && total <= limit; i++)
				if (!count(node[i], true)) return false;
		} else {
			const record = node as Record<string, unknown>;
			let members = 0;
			total += 2;
			for (const key of Object.keys(record)) {
				const member = record[key];
				if (member === undefined || typeof member === 'function' || typeof member === 'symbol')
					continue;
				total += JSON.stringify(key).length + 1 + (members++ > 0 ? 1 : 0);
				if (total > limit || !count(member, false)) return false;
			}
		}
		return total <= limit;
	};
	try {
		return count(value, false) ? total : Infinity;
	} catch {
		return NaN;
	}
}

/** The command in `data`, or null when it is not a well-formed command for us. */
export function parseCommand(data: unknown): EmbedCommand | null {
	if (!isPlainObject(data)) return null;
	if (data.type !== MESSAGE_TYPE) return null;
	const keys = Object.keys(data);
	if (keys.length > 4) return null;
	switch (data.command) {
		case 'goto': {
			const step = data.step;
			if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > 1e9)
				return null;
			return { command: 'goto', step };
		}
		case 'play':
			return { command: 'play' };
		case 'pause':
			return { command: 'pause' };
		case 'setScenario': {
			const scenario = data.scenario;
			if (typeof scenario !== 'string' && !isPlainObject(scenario) && !Array.isArray(scenario))
				return null;
			const size = sizeOf(scenario);
			if (Number.isNaN(size)) return null;
			if (size > LIMITS.scenarioBytes) return { command: 'setScenario', tooLarge: true };
			return { command: 'setScenario', scenario };
		}
		default:
			return null;
	}
}

/** Posts an event to the host frame; silent when there is none or it refuses. */
export function postToHost(message: EmbedEvent): void {
	if (typeof window === 'undefined' || window.parent === window) return;
	try {
		window.parent.postMessage({ type: MESSAGE_TYPE, ...message }, '*');
		if (message.event === 'resize') {
			// Canvas sizes its iframes from this message (LTI frame resize).
			window.parent.postMessage(
				JSON.stringify({ subject: 'lti.frameResize', height: message.height }),
				'*'
			);
		}
	} catch {
		/* a host that cannot receive messages is not our problem */
	}
}

/**
 * Tells the host the page's height now and whenever it changes (`resize`);
 * returns what stops that. The served page (./embed-boot.ts) and the running
 * view (./EmbedView.svelte) each report it while they are what is shown.
 */
export function reportHeight(animation: string): () => void {
	let lastHeight = 0;
	const observer = new ResizeObserver(() => {
		const height = Math.ceil(document.documentElement.scrollHeight);
		if (height === lastHeight) return;
		lastHeight = height;
		postToHost({ event: 'resize', animation, height });
	});
	observer.observe(document.body);
	return () => observer.disconnect();
}
