/**
 * What the PID tree's scroll box keeps in view at a step (focusScrollTop in
 * src/lib/viz/pidns/layout.ts): the step's process, and on a step that hands out
 * a PID the header of the namespace whose last PID it changes.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { validate, type Frame } from '../../src/lib/sim/core';
import {
	largeScenario,
	pagedItems,
	pidnsSchema,
	simulatePidns,
	type PidnsState
} from '../../src/lib/sim/pidns';
import {
	HEADER,
	HEADER_WRAPPED,
	focusScrollTop,
	layoutPidns,
	type PidnsLayout
} from '../../src/lib/viz/pidns/layout';
import { DEFAULT_SCENARIO } from '../../src/lib/labs/pidns/defaults';

function layoutOf(frame: Frame<PidnsState>): PidnsLayout {
	return layoutPidns({
		namespaces: pagedItems(frame.namespacePages),
		processes: pagedItems(frame.processPages),
		focus: frame.focus
	});
}

/** The focus's node and, on an alloc step, its namespace's header, as [top, bottom]. */
function parts(frame: Frame<PidnsState>, layout: PidnsLayout) {
	const focus = frame.focus!;
	const name = focus.kind === 'ps' ? focus.from : focus.process;
	const node = layout.nodes.find((n) => n.key === name)!;
	const box = focus.kind === 'alloc' ? layout.boxes.find((b) => b.key === focus.ns) : undefined;
	return {
		node: [node.y, node.y + node.height] as const,
		header: box ? ([box.y, box.y + (box.wrapped ? HEADER_WRAPPED : HEADER)] as const) : null
	};
}

const seen = ([top, bottom]: readonly [number, number], at: number, height: number) =>
	top >= at && bottom <= at + height;

const lesson = simulatePidns(validate(pidnsSchema, DEFAULT_SCENARIO));
const big = simulatePidns(validate(pidnsSchema, largeScenario({ processes: 120, depth: 6 })));

describe('the PID tree keeps what a step is about in view', () => {
	test('the lesson’s “root namespace hands worker PID 6”: its header, not only worker', () => {
		const at = lesson.frames.findIndex((frame) =>
			frame.text.startsWith('The root namespace hands “worker” PID 6')
		);
		expect(at).toBeGreaterThan(0);
		const frame = lesson.frames[at];
		const layout = layoutOf(frame);
		const { node, header } = parts(frame, layout);
		// Where the step before (the level-1 namespace's PID) left a 288 px box: worker in
		// view, the root's header above it. The header was left out of view.
		const before = node[1] - 288 + 4;
		expect(seen(header!, before, 288)).toBe(false);
		const tall = Math.max(node[1], header![1]) - Math.min(node[0], header![0]);
		// Taller than the box: the header, which the narration is about, is shown.
		expect(tall).toBeGreaterThan(288);
		expect(seen(header!, focusScrollTop(layout, frame.focus, before, 288), 288)).toBe(true);
		// In a box tall enough for both, both show.
		const both = focusScrollTop(layout, frame.focus, before, tall + 10);
		expect(seen(header!, both, tall + 10) && seen(node, both, tall + 10)).toBe(true);
	});

	test('at any step, scroll position and box height: what it is about is shown, and nothing moves that need not', () => {
		const frames = [...lesson.frames, ...big.frames].filter((frame) => frame.focus !== null);
		fc.assert(
			fc.property(
				fc.nat({ max: frames.length - 1 }),
				fc.integer({ min: 60, max: 1200 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(index, height, where) => {
					const frame = frames[index];
					const layout = layoutOf(frame);
					const at = Math.round(where * layout.height);
					const top = focusScrollTop(layout, frame.focus, at, height);
					expect(top).toBeGreaterThanOrEqual(0);
					const { node, header } = parts(frame, layout);
					const wanted: (readonly [number, number])[] = [];
					if (!header) {
						if (node[1] - node[0] <= height) wanted.push(node);
					} else if (Math.max(node[1], header[1]) - Math.min(node[0], header[0]) <= height) {
						wanted.push(node, header);
					} else {
						wanted.push(header);
					}
					for (const part of wanted) expect(seen(part, top, height)).toBe(true);
					if (wanted.every((part) => seen(part, at, height))) expect(top).toBe(at);
				}
			),
			{ numRuns: 400 }
		);
	});
});
