/** Pure geometry for the two stacks: each block's rectangle from its row and column. */
import { scaleBand } from '../band-scale';
import { BLOCKS, type Block, type Side } from '$lib/sim/stacks/frames';

export interface BlockBox extends Block {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface StacksLayout {
	width: number;
	height: number;
	sides: { side: Side; title: string; x: number; width: number }[];
	blocks: BlockBox[];
}

const ROWS = 6;
const TOP = 30;

/** Narrower than this, the rows are lower (the served picture's CSS matches it). */
export const COMPACT_BELOW = 560;

/** The picture's height, which depends only on whether it is compact. */
export const STACKS_HEIGHT = {
	compact: TOP + ROWS * 40 + 4,
	wide: TOP + ROWS * 44 + 4
};

export function layoutStacks(width: number): StacksLayout {
	const compact = width < COMPACT_BELOW;
	const rowHeight = compact ? 40 : 44;
	const top = TOP;
	const height = compact ? STACKS_HEIGHT.compact : STACKS_HEIGHT.wide;
	const sides = scaleBand<Side>().domain(['vm', 'container']).range([0, width]).paddingInner(0.06);
	const gap = 6;
	const blocks = BLOCKS.map((block) => {
		const sideX = sides(block.side) ?? 0;
		const sideWidth = sides.bandwidth();
		const columnWidth = (sideWidth - gap) / 2;
		const x = block.column === null ? sideX : sideX + block.column * (columnWidth + gap);
		const w = block.column === null ? sideWidth : columnWidth;
		const y = top + (ROWS - 1 - block.row) * rowHeight;
		return { ...block, x, y, width: w, height: rowHeight - gap };
	});
	return {
		width,
		height,
		sides: [
			{ side: 'vm', title: 'Virtual machines', x: sides('vm') ?? 0, width: sides.bandwidth() },
			{
				side: 'container',
				title: 'Containers',
				x: sides('container') ?? 0,
				width: sides.bandwidth()
			}
		],
		blocks
	};
}
