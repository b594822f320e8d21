/**
 * The Docker animation's page is given its frames made at build time
 * (vite.config.ts, `virtual:stepvisor-docker-frames`), not the model: they must be
 * the model's frames of the lesson's story, and its Dockerfile's lines.
 */
import { expect, test } from 'vitest';
import built from 'virtual:stepvisor-docker-frames';
import { dockerFrames } from '../../src/lib/sim/docker/frames';
import { formatBytes } from '../../src/lib/sim/docker/format';
import { STORY } from '../../content/lessons/07-docker/story';

test('the frames the page is given are the model’s frames of the story', () => {
	expect(built.frames).toEqual(JSON.parse(JSON.stringify(dockerFrames(STORY))));
	expect(built.dockerfile).toEqual(STORY.instructions.map((instruction) => instruction.text));
	expect(built.frames.length).toBeGreaterThan(STORY.instructions.length);
});

test('sizes print in decimal units', () => {
	expect(formatBytes(922)).toBe('922 B');
	expect(formatBytes(125_000)).toBe('125.0 kB');
	expect(formatBytes(70_513_000)).toBe('70.5 MB');
	expect(formatBytes(2_500_000_000)).toBe('2.50 GB');
});

test('the story’s rounded layer sizes add up to the image size shown', () => {
	const sizes = STORY.instructions
		.map((instruction) =>
			(instruction.files ?? []).reduce(
				(sum, file) => sum + ('bytes' in file && file.bytes ? file.bytes : 0),
				0
			)
		)
		.filter((bytes) => bytes >= 1_000_000);
	const total = STORY.instructions
		.flatMap((instruction) => instruction.files ?? [])
		.reduce((sum, file) => sum + ('bytes' in file && file.bytes ? file.bytes : 0), 0);
	const shown = (bytes: number) => Number(formatBytes(bytes).replace(' MB', ''));
	expect(sizes.length).toBe(2);
	expect(shown(sizes[0]) + shown(sizes[1])).toBeCloseTo(shown(total), 5);
});
