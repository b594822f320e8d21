import { describe, expect, it } from 'vitest';
import { transcriptEntries, transcriptText } from '../../src/lib/export/transcript';
import { wrapText } from '../../src/lib/export/frame';
import { simulateSyscall } from '../../src/lib/sim/syscall';

describe('transcript', () => {
	it('lists every frame of a trace in order, numbered from 0', () => {
		const trace = simulateSyscall({
			model: 'syscall',
			platform: 'container',
			syscalls: ['getpid', 'write']
		});
		const entries = transcriptEntries([{ texts: trace.frames.map((frame) => frame.text) }]);
		expect(entries.map((entry) => entry.step)).toEqual(trace.frames.map((_, index) => index));
		expect(entries.map((entry) => entry.lines[0].text)).toEqual(
			trace.frames.map((frame) => frame.text)
		);
		expect(entries[0].lines[0]).not.toHaveProperty('label');
	});

	it('side by side: one line per side, and a shorter side holds its last frame', () => {
		const entries = transcriptEntries([
			{ label: 'VM', texts: ['a0', 'a1', 'a2', 'a3'] },
			{ label: 'Container', texts: ['b0', 'b1'] }
		]);
		expect(entries).toHaveLength(4);
		expect(entries[3].lines).toEqual([
			{ label: 'VM', text: 'a3' },
			{ label: 'Container', text: 'b1' }
		]);
	});

	it('says a step once when every side says the same, as the player does', () => {
		const entries = transcriptEntries([
			{ label: 'VM', texts: ['the app is about to call.', 'a1'] },
			{ label: 'Container', texts: ['the app is about to call.', 'b1'] }
		]);
		expect(entries[0].lines).toEqual([{ label: '', text: 'The app is about to call.' }]);
		expect(
			transcriptText('T', [
				{ label: 'L', texts: ['same'] },
				{ label: 'R', texts: ['same'] }
			])
		).toBe('T\n\nStep 0 of 0\n  Same\n');
	});

	it('gives a page of steps at a time', () => {
		const texts = Array.from({ length: 1000 }, (_, index) => `t${index}`);
		const page = transcriptEntries([{ texts }], 200, 400);
		expect(page.map((entry) => entry.step)).toEqual(
			Array.from({ length: 200 }, (_, index) => 200 + index)
		);
	});

	it('as plain text: the title, then each step with its lines', () => {
		const text = transcriptText('Title', [
			{ label: 'L', texts: ['one', 'two'] },
			{ label: 'R', texts: ['uno'] }
		]);
		expect(text).toBe(
			'Title\n\nStep 0 of 1\n  L: one\n  R: uno\n\nStep 1 of 1\n  L: two\n  R: uno\n'
		);
	});
});

describe('caption wrapping', () => {
	it('breaks at spaces, keeps every word, and never exceeds the width but for a longer word', () => {
		const text =
			'The SYSCALL instruction traps straight into the host kernel, supercalifragilistic';
		const lines = wrapText(text, 20);
		expect(lines.join(' ')).toBe(text);
		for (const line of lines) {
			expect(line.length <= 20 || !line.includes(' ')).toBe(true);
		}
		expect(lines.length).toBeGreaterThan(3);
	});
});
