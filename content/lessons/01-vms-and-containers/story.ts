/** The story the "two stacks" animation tells, one beat per step (frames: $lib/sim/stacks). */
import type { Beat } from '$lib/sim/stacks/frames';

export const BEATS: readonly Beat[] = [
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
