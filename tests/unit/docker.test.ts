/**
 * The Docker animation's page is given its frames made at build time
 * (vite.config.ts, `virtual:stepvisor-docker-frames`), not the model: they must be
 * the model's frames of the lesson's story, and its Dockerfile's lines.
 */
import { expect, test } from 'vitest';
import built from 'virtual:stepvisor-docker-frames';
import { dockerFrames } from '../../src/lib/sim/docker/frames';
import { formatBytes } from '../../src/lib/sim/docker/format';
import { STORY } from '$lesson/docker/story';

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

test('a container’s read or copy-up names the image layer that serves the file', () => {
	const frames = dockerFrames(STORY);
	const layerText = (instruction: number) => STORY.instructions[instruction].text;
	const sources = frames
		.filter((frame) => frame.source)
		.map((frame) => [frame.source!.use, frame.source!.path, layerText(frame.source!.instruction)]);
	expect(sources).toEqual([
		['copy-up', '/etc/passwd', 'FROM debian:bookworm-slim'],
		['read', '/srv/app/main.py', 'COPY app/ /srv/app/']
	]);
	// The narration names the same layer the picture marks.
	expect(frames.find((frame) => frame.source?.use === 'read')?.text).toContain(
		'straight from the image’s COPY layer'
	);
	// A file the container created itself is not served by the image.
	expect(frames.at(-1)?.source).toBeNull();
});
