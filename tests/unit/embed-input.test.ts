// What an embed accepts from outside: setScenario messages (size limit and the
// message naming where the scenario came from) and `src=` addresses (the build's
// allow-list of hosts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonLength, parseCommand } from '$lib/embed/messages';
import { parseEmbedParams } from '$lib/embed/params';
import { parseSrcAllow, srcAllowed } from '$lib/embed/src-allow.js';
import {
	decodeScenario,
	encodeScenario,
	FROM_HOST_PAGE,
	MAX_SHARE_LENGTH,
	readAtMost,
	TooLarge
} from '$lib/scenario/share';
import { LIMITS } from '$lib/sim/core/limits';
import { runScenario } from './all-models';

const message = (scenario: unknown) => ({ type: 'stepvisor', command: 'setScenario', scenario });

describe('setScenario', () => {
	it('accepts a string up to 4 MiB and flags one just over, instead of dropping it', () => {
		expect(LIMITS.scenarioBytes).toBe(4 * 1024 * 1024);
		const atLimit = 'x'.repeat(LIMITS.scenarioBytes);
		expect(parseCommand(message(atLimit))).toEqual({ command: 'setScenario', scenario: atLimit });
		expect(parseCommand(message(atLimit + 'x'))).toEqual({
			command: 'setScenario',
			tooLarge: true
		});
	});

	it('flags an object whose JSON is over 4 MiB', () => {
		const big = { layers: [{ name: 'a', entries: { '/f': 'y'.repeat(LIMITS.scenarioBytes) } }] };
		expect(parseCommand(message(big))).toEqual({ command: 'setScenario', tooLarge: true });
	});

	it('flags a value whose JSON would be hundreds of megabytes, from the first 4 MiB of it', () => {
		// postMessage keeps shared references: 300,000 of one 200-character object
		// are a small message and about 63 MB of JSON text, never built.
		const row = { name: 'x'.repeat(200) };
		const shared = { model: 'pidns', ops: [], rows: new Array(300_000).fill(row) };
		expect(parseCommand(message(shared))).toEqual({ command: 'setScenario', tooLarge: true });
		expect(jsonLength(shared, 1000)).toBe(Infinity);
	});

	it('counts the length JSON.stringify gives, without building it', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				expect(jsonLength(value)).toBe(JSON.stringify(value).length);
			}),
			{ numRuns: 300 }
		);
		const odd = {
			gone: undefined,
			kept: [undefined, () => 1, Symbol('s'), -0, NaN, new Date(0), 'a"\\\n\u2028'],
			'key "quoted"': null
		};
		expect(jsonLength(odd)).toBe(JSON.stringify(odd).length);
		expect(jsonLength({ big: 1n })).toBeNaN();
		expect(parseCommand(message({ big: 1n }))).toBeNull();
	});

	it('flags a sparse list too long to fit without reading its indices', () => {
		// Cheap to send at any length (the clone carries one element); walking a
		// length of 10^9 took 39 s.
		const layers: unknown[] = [];
		layers.length = 3_000_000;
		layers[layers.length - 1] = { name: 'last', entries: {} };
		let reads = 0;
		const counted = new Proxy(layers, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver);
			}
		});
		expect(parseCommand(message({ model: 'unionfs', layers: counted }))).toEqual({
			command: 'setScenario',
			tooLarge: true
		});
		expect(reads).toBe(0);
	});

	it('flags sparse lists each under the limit but shared past it, reading at most the limit', () => {
		const layers: unknown[] = [];
		layers.length = 1_500_000;
		let reads = 0;
		const counted = new Proxy(layers, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver);
			}
		});
		expect(parseCommand(message({ model: 'unionfs', layers: [counted, counted] }))).toEqual({
			command: 'setScenario',
			tooLarge: true
		});
		expect(reads).toBeLessThanOrEqual(LIMITS.scenarioBytes / 2);
	});

	it('passes on a cyclic object, which the lab refuses with the nesting limit message', () => {
		// A cycle is nested without end: JSON.stringify is never called on it, and the
		// learner is told why nothing changed instead of the message being dropped.
		const cyclic: Record<string, unknown> = { model: 'pidns', ops: [] };
		cyclic.self = cyclic;
		expect(parseCommand(message(cyclic))).toEqual({ command: 'setScenario', scenario: cyclic });
		expect(runScenario(cyclic)).toEqual({
			ok: false,
			errors: ['self: is nested more than 64 levels deep (the nesting limit)']
		});
	});

	it('decodes a compressed string longer than a link may be, and names the page, not a link', async () => {
		const scenario = { layers: [{ name: 'noise', entries: { '/f': randomText(300_000) } }] };
		const text = await encodeScenario(scenario);
		expect(text.length).toBeGreaterThan(MAX_SHARE_LENGTH);
		expect(await decodeScenario(text, FROM_HOST_PAGE)).toEqual({ ok: true, value: scenario });
		const linked = await decodeScenario(text);
		expect(linked).toEqual({
			ok: false,
			error: 'The shared scenario in this link is too long to open.'
		});

		const damaged = await decodeScenario('v1.!!', FROM_HOST_PAGE);
		expect(damaged.ok).toBe(false);
		if (!damaged.ok) {
			expect(damaged.error).toMatch(/^The scenario sent by the page /);
			expect(damaged.error).not.toContain('link');
		}
		const tooLong = await decodeScenario('v1.' + 'A'.repeat(LIMITS.scenarioBytes), FROM_HOST_PAGE);
		expect(tooLong).toEqual({
			ok: false,
			error: 'The scenario sent by the page is longer than 4 MiB (the limit).'
		});
	});
});

describe('readAtMost (share links, and an embed’s src=)', () => {
	const CHUNK = 64 * 1024;

	/** A stream of `total` bytes made as they are read, with how many were made and whether it was cancelled. */
	function endless(total: number) {
		const made = { bytes: 0, cancelled: false };
		const stream = new ReadableStream<Uint8Array>(
			{
				pull(controller) {
					if (made.bytes >= total) return controller.close();
					const size = Math.min(CHUNK, total - made.bytes);
					made.bytes += size;
					controller.enqueue(new Uint8Array(size).fill(0x61));
				},
				cancel() {
					made.cancelled = true;
				}
			},
			{ highWaterMark: 0 }
		);
		return { stream, made };
	}

	it('stops and cancels once past the limit, having read at most one chunk more', async () => {
		const { stream, made } = endless(256 * 1024 * 1024);
		await expect(readAtMost(stream, LIMITS.scenarioBytes)).rejects.toBeInstanceOf(TooLarge);
		expect(made.cancelled).toBe(true);
		expect(made.bytes).toBeLessThanOrEqual(LIMITS.scenarioBytes + CHUNK);
	});

	it('returns every byte of a stream at the limit', async () => {
		const { stream, made } = endless(LIMITS.scenarioBytes);
		const bytes = await readAtMost(stream, LIMITS.scenarioBytes);
		expect(bytes.length).toBe(LIMITS.scenarioBytes);
		expect(bytes.every((byte) => byte === 0x61)).toBe(true);
		expect(made.cancelled).toBe(false);
	});
});

/** Text that deflate cannot shrink much, so its share string is long. */
function randomText(length: number): string {
	let seed = 2463534242;
	let text = '';
	for (let i = 0; i < length; i++) {
		// xorshift32: fixed, so the test is the same every run
		seed ^= seed << 13;
		seed ^= seed >>> 17;
		seed ^= seed << 5;
		text += String.fromCharCode(33 + ((seed >>> 0) % 90));
	}
	return text;
}

describe('src allow-list (STEPVISOR_SRC_ALLOW)', () => {
	const page = 'https://stepvisor.example/embed/layers';
	const search = (src: string) => new URLSearchParams({ src });

	it('parses origins and prefixes, and treats unset or blank as any https address', () => {
		expect(parseSrcAllow(undefined)).toBeNull();
		expect(parseSrcAllow('  ')).toBeNull();
		expect(parseSrcAllow(' https://a.example , https://b.example/scenarios/ ')).toEqual([
			'https://a.example',
			'https://b.example/scenarios/'
		]);
	});

	it.each([
		'http://a.example',
		'a.example',
		'https://a.example/scenarios',
		'https://user@a.example',
		'https://a.example/?x=1'
	])('refuses %s in the setting, naming it', (entry) => {
		expect(() => parseSrcAllow(`https://ok.example,${entry}`)).toThrow(entry);
	});

	it('lets any https address through when no list is set, never plain http elsewhere', () => {
		expect(parseEmbedParams(search('https://any.example/s.json'), page, null).params.src).toBe(
			'https://any.example/s.json'
		);
		const http = parseEmbedParams(search('http://any.example/s.json'), page, null);
		expect(http.params.src).toBeNull();
		expect(http.notices).toEqual([
			'src must be an https address (or on this site); it was ignored.'
		]);
	});

	it('keeps only listed hosts and prefixes when a list is set, with a notice for the rest', () => {
		const allow = parseSrcAllow('https://a.example,https://b.example/scenarios/');
		const take = (src: string) => parseEmbedParams(search(src), page, allow);
		expect(take('https://a.example/any/file.json').params.src).toBe(
			'https://a.example/any/file.json'
		);
		expect(take('https://b.example/scenarios/x.json').params.src).toBe(
			'https://b.example/scenarios/x.json'
		);
		expect(take('/scenarios/unionfs/lookup.json').params.src).toBe(
			'https://stepvisor.example/scenarios/unionfs/lookup.json'
		);
		for (const refused of [
			'https://evil.example/s.json',
			'https://a.example.evil.example/s.json',
			'https://b.example/other/x.json',
			'https://b.example/scenarios/../secret.json',
			'https://a.example:8443/s.json'
		]) {
			const result = take(refused);
			expect(result.params.src, refused).toBeNull();
			expect(result.notices[0]).toMatch(
				/is not on this site’s list of hosts scenarios may come from/
			);
		}
	});

	it('agrees with srcAllowed for the site itself over http (local development)', () => {
		expect(srcAllowed('http://127.0.0.1:4173/s.json', 'http://127.0.0.1:4173', [])).toBe(true);
		expect(srcAllowed('http://127.0.0.1:4174/s.json', 'http://127.0.0.1:4173', null)).toBe(false);
	});
});

describe('step in the embed address', () => {
	const notices = (query: string) =>
		parseEmbedParams(new URLSearchParams(query), 'https://stepvisor.example/embed/layers', null)
			.notices;

	it('says so when the player will ignore the step, and says nothing of one it takes', () => {
		for (const bad of ['abc', '-1', '1e99', '2.5', '', '9'.repeat(20)]) {
			expect(notices(`step=${encodeURIComponent(bad)}`), bad).toEqual([
				`step=${JSON.stringify(bad.length > 40 ? `${bad.slice(0, 40)}…` : bad)} is not a step number; starting at the first step.`
			]);
		}
		expect(notices('step=2&step=3')).toEqual(['step is given 2 times; using the default.']);
		// Past the end is clamped by the player, not refused.
		expect(notices('step=0')).toEqual([]);
		expect(notices('step=999')).toEqual([]);
	});
});
