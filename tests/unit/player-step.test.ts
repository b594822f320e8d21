import { describe, expect, it } from 'vitest';
import {
	sharedNarration,
	LONGEST_MOVE,
	SHORTEST_MOVE,
	frameInterval,
	longestText,
	moveDuration
} from '../../src/lib/player/step';

describe('sharedNarration (a comparison whose sides all say the same)', () => {
	it('says it once, without the labels', () => {
		const same = 'No process has asked the kernel anything yet.';
		expect(
			sharedNarration([
				{ label: 'bash', text: same },
				{ label: 'nginx', text: same },
				{ label: 'postgres', text: same }
			])
		).toEqual([{ label: '', text: same }]);
	});
	it('keeps every side when one differs, and a single side as it is', () => {
		const sides = [
			{ label: 'VM', text: 'Trap to the hypervisor.' },
			{ label: 'Container', text: 'Trap to the kernel.' }
		];
		expect(sharedNarration(sides)).toBe(sides);
		const one = [{ label: 'VM', text: 'Trap.' }];
		expect(sharedNarration(one)).toBe(one);
	});
	it('starts the one sentence with a capital when the sides went on from their labels', () => {
		const text = 'the app is about to make a system call.';
		expect(
			sharedNarration([
				{ label: 'VM', text },
				{ label: 'Container', text }
			])
		).toEqual([{ label: '', text: 'The app is about to make a system call.' }]);
	});
});

describe('longestText (the narration the player keeps room for)', () => {
	it('picks the text with the most characters, the first of equals', () => {
		expect(longestText(['a short one', 'the longest sentence here', 'a middle one', 'x'])).toBe(
			'the longest sentence here'
		);
		expect(longestText(['abc', 'xyz'])).toBe('abc');
	});

	it('is empty for a trace without narration', () => {
		expect(longestText([])).toBe('');
	});
});

describe('moveDuration (how long a one-frame move takes)', () => {
	it('gives a learner reading each step the whole move', () => {
		expect(moveDuration(1, Infinity)).toBe(LONGEST_MOVE);
		expect(moveDuration(1, 5000)).toBe(LONGEST_MOVE);
	});

	it('ends the move before the next step at the learner’s pace', () => {
		expect(moveDuration(1, 500)).toBe(300);
		expect(moveDuration(1, 250)).toBe(150);
	});

	it('keeps the speed’s bound: playing at 4× a frame stays 300 ms', () => {
		expect(frameInterval(4)).toBe(300);
		expect(moveDuration(4, Infinity)).toBe(180);
		expect(moveDuration(4, 300)).toBe(180);
	});

	it('shows a held key’s steps at once, with no move cut off a few frames in', () => {
		expect(moveDuration(1, 33)).toBe(0);
		expect(moveDuration(1, 150)).toBe(0);
		expect(moveDuration(1, 170)).toBeGreaterThanOrEqual(SHORTEST_MOVE);
	});
});
