/**
 * Scenarios travel in share links as `v1.` + base64url(deflate-raw(JSON)).
 * Decoding is defensive: a link may be truncated, corrupted, oversized or a
 * decompression bomb; every failure becomes one clear message, never an exception.
 */
import { LIMITS } from '$lib/sim/core/limits';
import { readScenarioText, type ReadScenario } from './scenario-text';

const PREFIX = 'v1.';
/** Longest share parameter we accept (compressed text), well under URL limits of common servers. */
export const MAX_SHARE_LENGTH = 200_000;

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
	const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
	try {
		const binary = atob(padded);
		const bytes = new Uint8Array(binary.length);
		for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
		return bytes;
	} catch {
		return null;
	}
}

/** Compressed bytes fed to a DecompressionStream at a time (deflate expands at most about 1,000 times). */
const INPUT_SLICE = 1024;

async function pipeThrough(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream,
	limit: number,
	slice = INPUT_SLICE
) {
	// The input goes in slices, each written once the last is consumed: a
	// decompression bomb then unpacks about one slice's worth (some MiB at most)
	// per task, and stops at the limit, instead of unpacking in one long task.
	const writer = stream.writable.getWriter();
	let stop = false;
	(async () => {
		for (let i = 0; i < bytes.length && !stop; i += slice) {
			await writer.ready;
			if (stop) return;
			await writer.write(bytes.subarray(i, i + slice) as unknown as BufferSource);
		}
		if (!stop) await writer.close();
	})().catch(() => {});
	try {
		return await readAtMost(stream.readable, limit);
	} catch (error) {
		stop = true;
		throw error;
	}
}

/** What readAtMost throws once a stream passes its limit. */
export class TooLarge extends RangeError {
	constructor() {
		super('too large');
	}
}

/**
 * All of `stream`'s bytes, or TooLarge as soon as they pass `limit`, having
 * cancelled it: the bytes held never pass the limit by more than one chunk, so
 * no stream (a decompression bomb, a server that never stops sending, a
 * Content-Length that lies or is missing) can fill memory or freeze the page.
 */
export async function readAtMost(
	stream: ReadableStream<Uint8Array>,
	limit: number
): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw new TooLarge();
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

export async function encodeScenario(scenario: unknown): Promise<string> {
	const json = new TextEncoder().encode(JSON.stringify(scenario));
	const compressed = await pipeThrough(
		json,
		new CompressionStream('deflate-raw'),
		Infinity,
		1 << 16
	);
	return PREFIX + toBase64Url(compressed);
}

export type Decoded = ReadScenario;

/**
 * Where a compressed scenario came from, as messages name it, and the longest text
 * accepted from there: a link is held to what URLs can carry, a message from an
 * embed's host page to the scenario size limit.
 */
export interface ScenarioOrigin {
	subject: string;
	maxLength: number;
	tooLong: string;
}

export const FROM_LINK: ScenarioOrigin = {
	subject: 'The shared scenario in this link',
	maxLength: MAX_SHARE_LENGTH,
	tooLong: 'The shared scenario in this link is too long to open.'
};

export const FROM_HOST_PAGE: ScenarioOrigin = {
	subject: 'The scenario sent by the page',
	maxLength: LIMITS.scenarioBytes,
	tooLong: `The scenario sent by the page is longer than ${LIMITS.scenarioBytes / 1024 / 1024} MiB (the limit).`
};

export async function decodeScenario(
	text: string,
	from: ScenarioOrigin = FROM_LINK
): Promise<Decoded> {
	const { subject } = from;
	if (text.length > from.maxLength) return { ok: false, error: from.tooLong };
	if (!text.startsWith(PREFIX)) {
		return {
			ok: false,
			error: `${subject} is not in a format this site knows.`
		};
	}
	const bytes = fromBase64Url(text.slice(PREFIX.length));
	if (!bytes || bytes.length === 0) {
		return {
			ok: false,
			error: `${subject} is damaged (not valid base64url).`
		};
	}
	let json: Uint8Array;
	try {
		json = await pipeThrough(bytes, new DecompressionStream('deflate-raw'), LIMITS.scenarioBytes);
	} catch (error) {
		return {
			ok: false,
			error:
				error instanceof RangeError
					? `${subject} unpacks to more than ${LIMITS.scenarioBytes / 1024 / 1024} MiB (the limit).`
					: `${subject} is damaged or cut short (it does not unpack).`
		};
	}
	let source: string;
	try {
		source = new TextDecoder('utf-8', { fatal: true }).decode(json);
	} catch {
		return { ok: false, error: `${subject} is not valid UTF-8 text.` };
	}
	return readScenarioText(source, subject);
}
