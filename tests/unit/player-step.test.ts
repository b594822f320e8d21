import { claimUrlReport, urlStepProblem } from '../../src/lib/player/url-note';
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

describe('urlStepProblem', () => {
	it('says nothing of a step number, or of no parameter', () => {
		expect(urlStepProblem('step', [])).toBeNull();
		expect(urlStepProblem('step', ['0'])).toBeNull();
		expect(urlStepProblem('left-step', ['999999'])).toBeNull();
	});

	it('names the parameter and quotes its value as JSON, cut at 40 characters', () => {
		expect(urlStepProblem('step', ['-1'])).toBe(
			'This link’s step="-1" is not a step number; the first step is shown.'
		);
		const long = `"${'x'.repeat(50)}`;
		expect(urlStepProblem('left-step', [long])).toBe(
			`This link’s left-step=${JSON.stringify(`${long.slice(0, 40)}…`)} is not a step number; the first step is shown.`
		);
	});

	it('says how often a repeated parameter is given, even when each value is a number', () => {
		expect(urlStepProblem('step', ['2', '3', '4'])).toBe(
			'This link gives step= 3 times; the first step is shown.'
		);
	});

	it('lets the first to claim a parameter report it, and no one after', () => {
		expect(claimUrlReport('claimed-in-test')).toBe(true);
		expect(claimUrlReport('claimed-in-test')).toBe(false);
		expect(claimUrlReport('another-in-test')).toBe(true);
	});
});
