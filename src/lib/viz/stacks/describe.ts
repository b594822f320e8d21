/**
 * The two-stacks picture in words, for its text alternative: each side on its own,
 * bottom up, and the blocks of each guest (a VM or a container) under it, so that
 * what the picture shows by place (which bins/libs and app sit on which guest OS;
 * one host kernel under every container) is not lost when read out as a list.
 */
import { BLOCKS, type Block, type Side, type StacksState } from '$lib/sim/stacks/frames';

/** Each side's title, as drawn above it. */
export const SIDE_TITLES: Record<Side, string> = {
	vm: 'Virtual machines',
	container: 'Containers'
};

/** What one guest column is, by side. */
const GUEST: Record<Side, string> = { vm: 'VM', container: 'container' };
const COLUMN = ['left', 'right'];

/** The badge drawn on a highlighted block. */
export function badgeOf(kind: NonNullable<StacksState['highlight']>['kind']): string {
	return kind === 'duplicated' ? 'a kernel' : kind === 'shared' ? 'shared kernel' : 'isolates';
}

export function describeStacks(state: StacksState): string {
	const marked = new Set(state.highlight?.ids ?? []);
	const bottomUp = (blocks: Block[]) =>
		[...blocks]
			.sort((a, b) => a.row - b.row)
			.map((block) => block.label)
			.join(', ');
	const guestOf = (block: Block) => `${COLUMN[block.column ?? 0]} ${GUEST[block.side]}`;
	return (['vm', 'container'] as const)
		.map((side) => {
			const shown = BLOCKS.filter((b) => b.side === side && state.visible.includes(b.id));
			if (!shown.length) return `${SIDE_TITLES[side]}: nothing yet.`;
			const parts = [bottomUp(shown.filter((b) => b.column === null))];
			const guests = [0, 1]
				.map((column) => shown.filter((b) => b.column === column))
				.filter((blocks) => blocks.length)
				.map((blocks) => `${guestOf(blocks[0])}: ${bottomUp(blocks)}`);
			if (guests.length) parts.push(`on top, ${guests.join('; ')}`);
			let text = `${SIDE_TITLES[side]}, from the bottom: ${parts.filter(Boolean).join('; ')}.`;
			// The badge, said after the side it is drawn on; a guest's block is named with its guest.
			const badged = shown.filter((b) => marked.has(b.id));
			if (state.highlight && badged.length)
				text += ` Marked “${badgeOf(state.highlight.kind)}”: ${badged
					.map((b) => (b.column === null ? b.label : `${b.label} of the ${guestOf(b)}`))
					.join(', ')}.`;
			return text;
		})
		.join(' ');
}
