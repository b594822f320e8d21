import { describe, expect, it } from 'vitest';
import {
	LONGEST_MOVE,
	SHORTEST_MOVE,
	frameInterval,
	longestText,
	moveDuration
} from '../../src/lib/player/step';

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
