import { describe, expect, it } from 'vitest';
import { longestText } from '../../src/lib/player/step';

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
