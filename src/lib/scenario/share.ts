/**
 * Scenarios travel in share links as `v1.` + base64url(deflate-raw(JSON)).
 * Decoding is defensive: a link may be truncated, corrupted, oversized or a
 * decompression bomb; every failure becomes one clear message, never an exception.
 */
import { LIMITS } from '$lib/sim/core/limits';

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
	const reader = stream.readable.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > limit) {
			stop = true;
			await reader.cancel().catch(() => {});
			throw new RangeError('too large');
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

export type Decoded = { ok: true; value: unknown } | { ok: false; error: string };

export async function decodeScenario(text: string): Promise<Decoded> {
	if (text.length > MAX_SHARE_LENGTH) {
		return { ok: false, error: 'The shared scenario in this link is too long to open.' };
	}
	if (!text.startsWith(PREFIX)) {
		return {
			ok: false,
			error: 'The shared scenario in this link is not in a format this site knows.'
		};
	}
	const bytes = fromBase64Url(text.slice(PREFIX.length));
	if (!bytes || bytes.length === 0) {
		return {
			ok: false,
			error: 'The shared scenario in this link is damaged (not valid base64url).'
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
					? 'The shared scenario in this link unpacks to more than 4 MiB (the limit).'
					: 'The shared scenario in this link is damaged or cut short (it does not unpack).'
		};
	}
	let source: string;
	try {
		source = new TextDecoder('utf-8', { fatal: true }).decode(json);
	} catch {
		return { ok: false, error: 'The shared scenario in this link is not valid UTF-8 text.' };
	}
	try {
		return { ok: true, value: JSON.parse(source) };
	} catch {
		return { ok: false, error: 'The shared scenario in this link is not valid JSON.' };
	}
}
