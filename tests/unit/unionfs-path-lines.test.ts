import { describe, expect, test } from 'vitest';
import {
	ROOM_CHARS,
	commandRoom,
	pathLinesOf,
	simulateScenario,
	transcript,
	type UnionfsInput
} from '../../src/lib/labs/unionfs/view';
import { lookupPending } from '../../src/lib/viz/unionfs/layout';

const scenario: UnionfsInput = {
	model: 'unionfs',
	layers: [
		{ name: 'app', entries: { '/etc/motd': 'app says hi\n' } },
		{ name: 'base', entries: { '/etc/motd': 'hi\n', '/etc/passwd': 'root:x:0:0\n' } }
	],
	upper: { name: 'container', entries: {} },
	ops: [
		{ op: 'read', path: '/etc/motd' },
		{ op: 'read', path: '/etc/motd' },
		{ op: 'append', path: '/etc/passwd', content: 'me:x:1000:1000\n' },
		{ op: 'read', path: '/nowhere' }
	]
};

describe('the merged view keeps room for every line about a path its trace shows', () => {
	const trace = simulateScenario(scenario);
	if (Array.isArray(trace)) throw new Error(trace.join('\n'));
	const lines = pathLinesOf(trace.frames);
	// What a line says: the path, what it is, from which layer, its content, and whether it is still to be looked up.
	const keyOf = (line: {
		merged: { path: string; type: string; layerId: string | null; content?: string };
		pending: boolean;
	}) =>
		JSON.stringify([
			line.merged.path,
			line.merged.type,
			line.merged.layerId,
			line.merged.content ?? null,
			line.pending
		]);

	test('each frame’s line is among them, and the same line is kept once', () => {
		const shown = trace.frames.filter((frame) => frame.merged !== null);
		const keys = lines.map(keyOf);
		for (const frame of shown)
			expect(keys).toContain(keyOf({ merged: frame.merged!, pending: lookupPending(frame) }));
		expect(new Set(keys).size).toBe(keys.length);
		// Two reads of one file show the same lines: fewer lines than frames that have one.
		expect(lines.length).toBeLessThan(shown.length);
	});

	test('a file changed by a later command has a line of each content, and a missing path its own', () => {
		const passwd = lines.filter((line) => line.merged.path === '/etc/passwd' && !line.pending);
		expect(new Set(passwd.map((line) => line.merged.content))).toEqual(
			new Set(['root:x:0:0\n', 'root:x:0:0\nme:x:1000:1000\n'])
		);
		expect(
			lines.some((line) => line.merged.path === '/nowhere' && line.merged.type === 'missing')
		).toBe(true);
	});

	test('the opening frame, which looks nothing up, adds no line', () => {
		expect(trace.frames[0].merged).toBeNull();
		expect(pathLinesOf(trace.frames.slice(0, 1))).toEqual([]);
	});
});

describe('a line too long to keep room for at every step keeps none', () => {
	const long = `/srv/${'d'.repeat(200)}/${'e'.repeat(200)}`;
	const big: UnionfsInput = {
		model: 'unionfs',
		layers: [{ name: 'base', entries: { '/etc/big': `${'x'.repeat(5000)}\n`, [long]: 'hi\n' } }],
		upper: { name: 'container', entries: {} },
		ops: [
			{ op: 'read', path: '/etc/big' },
			{ op: 'read', path: long },
			{ op: 'read', path: '/etc/hostname' }
		]
	};
	const trace = simulateScenario(big);
	if (Array.isArray(trace)) throw new Error(trace.join('\n'));

	test('cat of a 5,000-character file keeps no room above the picture; a short command does', () => {
		const lines = transcript(big, trace);
		expect(lines[0].output.join('').length).toBeGreaterThan(ROOM_CHARS);
		const kept = commandRoom(lines).map((entry) => entry.index);
		expect(kept).not.toContain(0);
		expect(kept).not.toContain(1);
		expect(kept).toContain(2);
	});

	test('a path longer than the room takes none in the merged view; the others do', () => {
		const paths = new Set(pathLinesOf(trace.frames).map((line) => line.merged.path));
		expect(paths.has(long)).toBe(false);
		expect(paths.has('/etc/big')).toBe(true);
		expect(paths.has('/etc/hostname')).toBe(true);
	});
});
