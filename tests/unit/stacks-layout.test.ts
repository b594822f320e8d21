import { describe, expect, test } from 'vitest';
import {
	COMPACT_BELOW,
	MIN_WIDTH,
	STACKS_HEIGHT,
	layoutStacks
} from '../../src/lib/viz/stacks/layout';

/** Widths from the narrowest drawn to a wide screen's picture, and the breakpoint's two sides. */
const WIDTHS = [MIN_WIDTH, 320, 348, 358, 390, 420, 480, COMPACT_BELOW - 1, COMPACT_BELOW];
for (let width = 580; width <= 1000; width += 20) WIDTHS.push(width);

/** How far a line's text reaches above and below its middle (the em box, a little generous). */
const HALF_EM = 0.5;
/** The highlight's dashed stroke, 3.5 px wide, reaches this far inside the block. */
const STROKE_IN = 1.75;

describe('the two stacks', () => {
	test.each(WIDTHS)(
		'at %i px every label, and the badge of a highlighted block, sits inside its block',
		(width) => {
			const layout = layoutStacks(width);
			const size = layout.fontSize;
			for (const block of layout.blocks) {
				const top = block.y + STROKE_IN;
				const bottom = block.y + block.height - STROKE_IN;
				const where = `${block.label} at ${width} px`;
				const plain = block.text.plain;
				expect(plain[0] - size * HALF_EM, where).toBeGreaterThanOrEqual(top);
				expect(plain.at(-1)! + size * HALF_EM, where).toBeLessThanOrEqual(bottom);
				const marked = block.text.marked;
				expect(marked.lines[0] - size * HALF_EM, `${where}, marked`).toBeGreaterThanOrEqual(top);
				// The badge is under the label's last line, not on it.
				expect(marked.badge - (size - 2) * HALF_EM, `${where}, marked`).toBeGreaterThanOrEqual(
					marked.lines.at(-1)! + size * HALF_EM
				);
				expect(marked.badge + (size - 2) * HALF_EM, `${where}, marked`).toBeLessThanOrEqual(bottom);
			}
		}
	);

	test.each(WIDTHS)('at %i px no two blocks overlap and all fit the served height', (width) => {
		const layout = layoutStacks(width);
		const served = width < COMPACT_BELOW ? STACKS_HEIGHT.compact : STACKS_HEIGHT.wide;
		expect(layout.height).toBeLessThanOrEqual(served);
		for (const a of layout.blocks) {
			expect(a.y + a.height).toBeLessThanOrEqual(layout.height);
			for (const b of layout.blocks) {
				if (a === b) continue;
				const apart =
					a.x + a.width <= b.x ||
					b.x + b.width <= a.x ||
					a.y + a.height <= b.y ||
					b.y + b.height <= a.y;
				expect(apart, `${a.id} and ${b.id} at ${width} px`).toBe(true);
			}
		}
	});

	test('a wide picture is as tall as before, and its labels keep one line', () => {
		expect(STACKS_HEIGHT.wide).toBe(30 + 6 * 44 + 4);
		for (const width of [COMPACT_BELOW, 700, 958])
			for (const block of layoutStacks(width).blocks) expect(block.text.lines).toHaveLength(1);
		expect(layoutStacks(958).fontSize).toBe(13.5);
	});
});
