/**
 * The "two stacks" animation of lesson 1 as frames: which blocks exist at each
 * step and which are highlighted. A fixed story rather than a scenario model, but
 * the same frame shape (`step`, `op`, `text`), so the same player steps it.
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

interface Beat {
	add: string[];
	highlight?: StacksState['highlight'];
	text: string;
}

const BEATS: Beat[] = [
	{
		add: [],
		text: 'Two ways to run isolated software on one server: virtual machines on the left, containers on the right.'
	},
	{
		add: ['vm-hw', 'ct-hw'],
		text: 'Both start with a physical machine: the server hardware, with one instruction set.'
	},
	{
		add: ['vm-host', 'ct-host'],
		text: 'Here both run a host operating system on that hardware; a type-1 hypervisor such as Xen or ESXi would run on the hardware itself, with no host OS.'
	},
	{
		add: ['vm-hyp'],
		text: 'For VMs, a hypervisor is added on the host OS (a hosted, type-2 hypervisor): software that isolates each guest OS inside its virtual machine.'
	},
	{
		add: ['vm-guest-0', 'vm-guest-1'],
		text: 'Each VM boots a complete guest OS with its own kernel, which may even be a different OS, such as Windows.'
	},
	{
		add: ['vm-libs-0', 'vm-libs-1', 'vm-app-0', 'vm-app-1'],
		text: 'On each guest OS sit its own copy of the binaries and libraries, then the apps.'
	},
	{
		add: ['ct-libs-0', 'ct-libs-1', 'ct-app-0', 'ct-app-1'],
		text: 'Containers put only binaries, libraries and apps on the host OS; each distribution brings its own tools.'
	},
	{
		add: [],
		highlight: { ids: ['vm-host', 'vm-guest-0', 'vm-guest-1'], kind: 'duplicated' },
		text: 'Duplicated: with VMs there is a kernel per guest, plus the host’s, each needing memory and boot time.'
	},
	{
		add: [],
		highlight: { ids: ['ct-host'], kind: 'shared' },
		text: 'Shared: every container uses the one host kernel, so they must all speak its ABI (Linux apps on a Linux kernel).'
	},
	{
		add: [],
		highlight: { ids: ['vm-hyp', 'ct-host'], kind: 'isolation' },
		text: 'Isolation comes from the hypervisor for VMs and from the host kernel’s namespaces and cgroups for containers.'
	}
];

export function stacksFrames(): Frame<StacksState>[] {
	const frames: Frame<StacksState>[] = [];
	let visible: readonly string[] = [];
	BEATS.forEach((beat, step) => {
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
