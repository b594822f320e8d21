import { describe, expect, test } from 'vitest';
import { BEATS } from '$lesson/vms-and-containers/story';
import { BLOCKS, stacksFrames } from '../../src/lib/sim/stacks/frames';
import { describeStacks, SIDE_TITLES } from '../../src/lib/viz/stacks/describe';

const FRAMES = stacksFrames(BEATS);

/** The words said of one side: from its title to the next side's. */
function sideText(text: string, side: 'vm' | 'container'): string {
	const start = text.indexOf(SIDE_TITLES[side]);
	const next = side === 'vm' ? text.indexOf(SIDE_TITLES.container) : text.length;
	return text.slice(start, next);
}

describe('the two-stacks picture in words', () => {
	test.each(FRAMES.map((frame) => [frame.step, frame] as const))(
		'step %i says every block shown, on its own side and guest, and no other',
		(_, frame) => {
			const text = describeStacks(frame);
			for (const side of ['vm', 'container'] as const) {
				const said = sideText(text, side);
				const shown = BLOCKS.filter((b) => b.side === side && frame.visible.includes(b.id));
				if (!shown.length) expect(said.trim()).toBe(`${SIDE_TITLES[side]}: nothing yet.`);
				for (const column of [0, 1]) {
					const guest = shown.filter((b) => b.column === column);
					const where = `${column === 0 ? 'left' : 'right'} ${side === 'vm' ? 'VM' : 'container'}: `;
					if (!guest.length) expect(said).not.toContain(where);
					// The guest's blocks in order from the bottom, and nothing of the other guest's.
					else expect(said).toContain(where + guest.map((b) => b.label).join(', '));
				}
				const spanning = shown.filter((b) => b.column === null).map((b) => b.label);
				if (spanning.length)
					expect(said).toContain(`${SIDE_TITLES[side]}, from the bottom: ${spanning.join(', ')}`);
			}
		}
	);

	test('a highlighted block’s badge is said on its side, naming a guest’s block by its guest', () => {
		const duplicated = describeStacks(FRAMES.find((f) => f.highlight?.kind === 'duplicated')!);
		expect(sideText(duplicated, 'vm')).toContain(
			'Marked “a kernel”: Host OS, Guest OS: Linux of the left VM, Guest OS: Windows of the right VM.'
		);
		expect(sideText(duplicated, 'container')).not.toContain('Marked');
		const isolation = describeStacks(FRAMES.find((f) => f.highlight?.kind === 'isolation')!);
		expect(sideText(isolation, 'vm')).toContain('Marked “isolates”: Hypervisor.');
		expect(sideText(isolation, 'container')).toContain('Marked “isolates”: Host OS (one kernel).');
	});
});
