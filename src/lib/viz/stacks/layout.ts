/** Pure geometry for the two stacks: each block's rectangle from its row and column. */
import { scaleBand } from '../band-scale';
import { BLOCKS, type Block, type Side } from '$lib/sim/stacks/frames';
import { SIDE_TITLES } from './describe';

/** Where a block's text sits: its label's lines, unmarked and marked (with the badge under them). */
export interface BlockText {
	/** The label, broken after its colon when it is too wide for the block. */
	lines: string[];
	/** Each line's middle when the block is not highlighted. */
	plain: number[];
	/** Each line's middle, and the badge's, when the block is highlighted. */
	marked: { lines: number[]; badge: number };
}

export interface BlockBox extends Block {
	x: number;
	y: number;
	width: number;
	height: number;
	text: BlockText;
}

export interface StacksLayout {
	width: number;
	height: number;
	/** The labels' size. */
	fontSize: number;
	/** The highlight's badge's size: 2 px smaller than the labels, but at least 12 px where the picture is wide. */
	badgeSize: number;
	sides: { side: Side; title: string; x: number; width: number }[];
	blocks: BlockBox[];
}

const ROWS = 6;
const TOP = 30;
const GAP = 6;
/** Room kept between a block's text and its edge (the highlight's dashed stroke reaches 1.75 px in). */
const PAD = 2.5;
/** The space between the label's last line and the highlight's badge. */
const BADGE_GAP = 4;
/** An average character's width, as a share of the font size. */
const CHAR = 0.58;

/** Narrower than this, the rows are lower (the served picture's CSS matches it). */
export const COMPACT_BELOW = 560;
/** The narrowest the picture is drawn; narrower, it is scaled down. */
export const MIN_WIDTH = 300;

function fits(label: string, fontSize: number, blockWidth: number): boolean {
	return label.length * fontSize * CHAR < blockWidth - 8;
}

/** A label too wide for its block breaks after its colon ("Guest OS:" / "Linux"). */
function linesOf(label: string, fontSize: number, blockWidth: number): string[] {
	const colon = label.indexOf(': ');
	return fits(label, fontSize, blockWidth) || colon < 0
		? [label]
		: [label.slice(0, colon + 1), label.slice(colon + 2)];
}

/** How tall the text of a highlighted block is: its lines, a gap, then the badge. */
function markedHeight(lineCount: number, fontSize: number, badgeSize: number): number {
	return lineCount * fontSize + BADGE_GAP + badgeSize;
}

function textAt(lines: string[], fontSize: number, badgeSize: number, middle: number): BlockText {
	const plainTop = middle - (lines.length * fontSize) / 2;
	const markedTop = middle - markedHeight(lines.length, fontSize, badgeSize) / 2;
	return {
		lines,
		plain: lines.map((_, index) => plainTop + fontSize * (index + 0.5)),
		marked: {
			lines: lines.map((_, index) => markedTop + fontSize * (index + 0.5)),
			badge: markedTop + lines.length * fontSize + BADGE_GAP + badgeSize / 2
		}
	};
}

export function layoutStacks(width: number): StacksLayout {
	const compact = width < COMPACT_BELOW;
	const baseRow = compact ? 40 : 44;
	const sides = scaleBand<Side>().domain(['vm', 'container']).range([0, width]).paddingInner(0.06);
	const sideWidth = sides.bandwidth();
	const columnWidth = (sideWidth - GAP) / 2;
	const widthOf = (block: Block) => (block.column === null ? sideWidth : columnWidth);
	// Wide, the labels shrink a little rather than break, so no row grows; on a phone
	// they break after their colon, and a row grows to hold two lines and a badge.
	const fontSize = compact
		? 11.5
		: Math.min(
				13.5,
				...BLOCKS.map((block) => (widthOf(block) - 8) / (block.label.length * CHAR) - 0.01)
			);
	const badgeSize = compact ? fontSize - 2 : Math.max(12, fontSize - 2);
	const lines = BLOCKS.map((block) => linesOf(block.label, fontSize, widthOf(block)));
	// Any block may be highlighted, so every row keeps room for its tallest label and a badge.
	const rowHeights = Array.from({ length: ROWS }, (_, row) =>
		Math.max(
			baseRow,
			...BLOCKS.map((block, index) =>
				block.row === row
					? Math.ceil(markedHeight(lines[index].length, fontSize, badgeSize) + 2 * PAD) + GAP
					: 0
			)
		)
	);
	/** A row's top: rows are drawn from the top of the picture down to the hardware (row 0). */
	const rowTop = (row: number) =>
		TOP + rowHeights.slice(row + 1).reduce((sum, height) => sum + height, 0);
	const blocks = BLOCKS.map((block, index) => {
		const sideX = sides(block.side) ?? 0;
		const x = block.column === null ? sideX : sideX + block.column * (columnWidth + GAP);
		const y = rowTop(block.row);
		const height = rowHeights[block.row] - GAP;
		return {
			...block,
			x,
			y,
			width: widthOf(block),
			height,
			text: textAt(lines[index], fontSize, badgeSize, y + height / 2)
		};
	});
	return {
		width,
		height: rowTop(-1) + 4,
		fontSize,
		badgeSize,
		sides: (['vm', 'container'] as const).map((side) => ({
			side,
			title: SIDE_TITLES[side],
			x: sides(side) ?? 0,
			width: sides.bandwidth()
		})),
		blocks
	};
}

/**
 * The picture's height, which depends only on whether it is compact: the tallest
 * layout of each kind, at its narrowest width (narrower breaks more labels).
 */
export const STACKS_HEIGHT = {
	compact: layoutStacks(MIN_WIDTH).height,
	wide: layoutStacks(COMPACT_BELOW).height
};
