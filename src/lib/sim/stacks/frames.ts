/**
 * The "two stacks" animation of lesson 1 as frames: which blocks exist at each
 * step and which are highlighted. A fixed story (told in the lesson's folder)
 * rather than a scenario model, but the same frame shape (`step`, `op`, `text`),
 * so the same player steps it.
 */
import type { Frame } from '$lib/sim/core';

export type Side = 'vm' | 'container';

export interface Block {
	id: string;
	side: Side;
	label: string;
	/** Row from the bottom (0 = hardware). */
	row: number;
	/** Column inside the side: null spans the side; 0 or 1 is one of two guests. */
	column: number | null;
	kind: 'hardware' | 'kernel' | 'hypervisor' | 'libs' | 'app';
}

export const BLOCKS: readonly Block[] = [
	{ id: 'vm-hw', side: 'vm', label: 'Server hardware', row: 0, column: null, kind: 'hardware' },
	{ id: 'vm-host', side: 'vm', label: 'Host OS', row: 1, column: null, kind: 'kernel' },
	{ id: 'vm-hyp', side: 'vm', label: 'Hypervisor', row: 2, column: null, kind: 'hypervisor' },
	{ id: 'vm-guest-0', side: 'vm', label: 'Guest OS: Linux', row: 3, column: 0, kind: 'kernel' },
	{ id: 'vm-guest-1', side: 'vm', label: 'Guest OS: Windows', row: 3, column: 1, kind: 'kernel' },
	{ id: 'vm-libs-0', side: 'vm', label: 'Bins/libs', row: 4, column: 0, kind: 'libs' },
	{ id: 'vm-libs-1', side: 'vm', label: 'Bins/libs', row: 4, column: 1, kind: 'libs' },
	{ id: 'vm-app-0', side: 'vm', label: 'App A', row: 5, column: 0, kind: 'app' },
	{ id: 'vm-app-1', side: 'vm', label: 'App B', row: 5, column: 1, kind: 'app' },
	{
		id: 'ct-hw',
		side: 'container',
		label: 'Server hardware',
		row: 0,
		column: null,
		kind: 'hardware'
	},
	{
		id: 'ct-host',
		side: 'container',
		label: 'Host OS (one kernel)',
		row: 1,
		column: null,
		kind: 'kernel'
	},
	{
		id: 'ct-libs-0',
		side: 'container',
		label: 'Bins/libs: Ubuntu',
		row: 2,
		column: 0,
		kind: 'libs'
	},
	{ id: 'ct-libs-1', side: 'container', label: 'Bins/libs: SUSE', row: 2, column: 1, kind: 'libs' },
	{ id: 'ct-app-0', side: 'container', label: 'App A', row: 3, column: 0, kind: 'app' },
	{ id: 'ct-app-1', side: 'container', label: 'App B', row: 3, column: 1, kind: 'app' }
];

export interface StacksState {
	/** Ids of the blocks present in this frame, bottom up. */
	visible: readonly string[];
	/** Blocks to point at, and why. */
	highlight: { ids: readonly string[]; kind: 'shared' | 'duplicated' | 'isolation' } | null;
}

/** One step of the story: the blocks it adds, what it points at, and its sentence. */
export interface Beat {
	add: string[];
	highlight?: StacksState['highlight'];
	text: string;
}

/** The frames of a story told in beats (the lesson's story is in its content folder). */
export function stacksFrames(beats: readonly Beat[]): Frame<StacksState>[] {
	const frames: Frame<StacksState>[] = [];
	let visible: readonly string[] = [];
	beats.forEach((beat, step) => {
		if (beat.add.length) visible = [...visible, ...beat.add];
		frames.push({
			step,
			op: step === 0 ? null : step - 1,
			text: beat.text,
			visible,
			highlight: beat.highlight ?? null
		});
	});
	return frames;
}
