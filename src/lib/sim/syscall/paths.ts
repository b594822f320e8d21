/**
 * Where a system call travels on each platform. Facts from the project's
 * syscall-path notes (docs/trace-format.md, "syscall"): Popek & Goldberg 1974
 * and IBM VM/370 for trap-and-emulate (a classic machine with only a supervisor
 * and a problem state, where the guest kernel's return, LPSW, is privileged and
 * traps; x86 is not such a machine: IRET from a deprivileged kernel does not
 * trap, Intel SDM vol. 2A "IRET"; Robin & Irvine 2000 list x86's other
 * sensitive unprivileged instructions); Xen `entry.S` and Linux
 * `arch/x86/xen/xen-asm.S` for 64-bit paravirtualization; Intel SDM vol. 3C
 * (instructions that cause VM exits) and KVM `Documentation/virt/kvm/x86/mmu.rst`
 * for hardware virtualization.
 */

export const PLATFORMS = [
	'native',
	'container',
	'vm-trap-emulate',
	'vm-paravirt',
	'vm-hardware'
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const SYSCALLS = ['getpid', 'write', 'mmap'] as const;
export type SyscallName = (typeof SYSCALLS)[number];

/** How the call pickers name each call: the animated write is a synchronous one (write(2)). */
export const SYSCALL_LABELS: Record<SyscallName, string> = {
	getpid: 'getpid()',
	write: 'write() to disk, synchronous',
	mmap: 'mmap() and first touch'
};

/** What each call stands for, where the picture could mislead (shown beside the pickers). */
export const SYSCALL_NOTES: Record<SyscallName, string> = {
	getpid: 'getpid() asks the kernel for the caller’s process ID: no device, no page table.',
	write:
		'This write is synchronous (the file opened with O_SYNC or O_DSYNC), so it returns only after the disk has the data; write() followed by fsync() makes the same trip in two calls. A plain buffered write() returns as soon as the data is in the kernel’s page cache, and the kernel writes it to the disk later.',
	mmap: 'mmap() maps memory, then the app’s first touch of the page makes the kernel fill in a page-table entry.'
};

export const PLACES = [
	'app',
	'guest-kernel',
	'hypervisor',
	'host-kernel',
	'device-emulator',
	'device'
] as const;
export type Place = (typeof PLACES)[number];

/** Kinds of transition. `io` is a driver touching a device register (a doorbell write). */
export const KINDS = [
	'syscall',
	'trap',
	'reflect',
	'vmexit',
	'vmentry',
	'hypercall',
	'interrupt',
	'io',
	'return'
] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
	syscall: 'syscall',
	trap: 'trap',
	reflect: 'reflect',
	vmexit: 'VM exit',
	vmentry: 'VM entry',
	hypercall: 'hypercall',
	interrupt: 'interrupt',
	io: 'device I/O',
	return: 'return'
};

export interface Band {
	place: Place;
	/** What sits in this band on this platform. */
	label: string;
	/** A short name for narrow screens. */
	short: string;
	/** Privilege level, as the hardware sees it. */
	privilege: string;
}

export interface PlatformInfo {
	id: Platform;
	name: string;
	summary: string;
	/** Bands top to bottom. */
	bands: readonly Band[];
}

const app = (privilege: string, label = 'Application'): Band => ({
	place: 'app',
	label,
	short: 'App',
	privilege
});
const device: Band = {
	place: 'device',
	label: 'Disk (device)',
	short: 'Disk',
	privilege: 'hardware'
};

export const PLATFORM_INFO: Record<Platform, PlatformInfo> = {
	native: {
		id: 'native',
		name: 'Native',
		summary: 'One OS on the hardware; no virtualization.',
		bands: [
			app('ring 3 (user)'),
			{ place: 'host-kernel', label: 'Kernel', short: 'Kernel', privilege: 'ring 0 (kernel)' },
			device
		]
	},
	container: {
		id: 'container',
		name: 'Container',
		summary: 'OS virtualization: the app runs in namespaces of the one host kernel.',
		bands: [
			app('ring 3, inside namespaces', 'App in a container'),
			{
				place: 'host-kernel',
				label: 'Host kernel (shared)',
				short: 'Host kernel',
				privilege: 'ring 0 (kernel)'
			},
			device
		]
	},
	'vm-trap-emulate': {
		id: 'vm-trap-emulate',
		name: 'VM: trap and emulate',
		summary:
			'Classic VM (IBM VM/370): the guest kernel runs in problem (user) state, so every privileged instruction it executes traps to the hypervisor.',
		bands: [
			app('problem state (user)', 'App in the VM'),
			{
				place: 'guest-kernel',
				label: 'Guest kernel',
				short: 'Guest kernel',
				privilege: 'problem state (deprivileged)'
			},
			{
				place: 'hypervisor',
				label: 'Hypervisor',
				short: 'Hypervisor',
				privilege: 'supervisor state (only it)'
			},
			device
		]
	},
	'vm-paravirt': {
		id: 'vm-paravirt',
		name: 'VM: paravirtualized (Xen PV, 64-bit)',
		summary: 'The guest kernel knows it is virtualized and calls the hypervisor by hypercall.',
		bands: [
			app('ring 3 (user)', 'App in the VM'),
			{
				place: 'guest-kernel',
				label: 'Guest kernel',
				short: 'Guest kernel',
				privilege: 'deprivileged (ring 3)'
			},
			{
				place: 'host-kernel',
				label: 'Driver domain kernel (dom0)',
				short: 'dom0 kernel',
				privilege: 'deprivileged (ring 3)'
			},
			{ place: 'hypervisor', label: 'Hypervisor (Xen)', short: 'Xen', privilege: 'ring 0' },
			device
		]
	},
	'vm-hardware': {
		id: 'vm-hardware',
		name: 'VM: hardware-assisted (VT-x, EPT)',
		summary:
			'The CPU runs the guest in VMX non-root mode; only some events exit to the hypervisor.',
		bands: [
			app('VMX non-root, ring 3', 'App in the VM'),
			{
				place: 'guest-kernel',
				label: 'Guest kernel',
				short: 'Guest kernel',
				privilege: 'VMX non-root, ring 0'
			},
			{
				place: 'device-emulator',
				label: 'Device emulator (QEMU)',
				short: 'QEMU',
				privilege: 'VMX root, ring 3 (host user)'
			},
			{
				place: 'hypervisor',
				label: 'Hypervisor (KVM)',
				short: 'KVM',
				privilege: 'VMX root, ring 0'
			},
			{
				place: 'host-kernel',
				label: 'Host kernel',
				short: 'Host kernel',
				privilege: 'VMX root, ring 0'
			},
			device
		]
	}
};

export type CostId =
	| 'syscall-native'
	| 'hypervisor-trap'
	| 'page-fault-native'
	| 'page-fault-shadow'
	| 'pte-write-shadow'
	| 'io-native'
	| 'io-emulated'
	| 'exit-to-userspace'
	| 'ept-violation';

export interface HopSpec {
	to: Place;
	kind: Kind;
	/** One sentence: what happens and why. */
	text: string;
	/** Cost figures charged to this hop (costs.json). */
	costs?: readonly CostId[];
	/** A cost that may happen here but is not counted in the total. */
	optionalCost?: CostId;
	/**
	 * For a hop without a figure of its own whose cost an earlier hop's figure
	 * includes: that hop's index (a QEMU exit's figure spans the return to QEMU
	 * and the way back into the guest).
	 */
	countedIn?: number;
}

type Paths = Record<Platform, Record<SyscallName, readonly HopSpec[]>>;

const nativeLike = (kernel: string, pidNote: string): Record<SyscallName, readonly HopSpec[]> => ({
	getpid: [
		{
			to: 'host-kernel',
			kind: 'syscall',
			text: `The SYSCALL instruction traps straight into the ${kernel}, which runs at full privilege${pidNote}.`,
			costs: ['syscall-native']
		},
		{
			to: 'app',
			kind: 'return',
			text: 'SYSRET returns the PID to the app: one trap in, one return out, no hypervisor.'
		}
	],
	write: [
		{
			to: 'host-kernel',
			kind: 'syscall',
			text: `The synchronous write() traps into the ${kernel}, which finds the file and sends the data to the disk (a buffered write would stop at the page cache).`,
			costs: ['syscall-native']
		},
		{
			to: 'device',
			kind: 'io',
			text: 'The kernel’s disk driver rings the device by writing to its register directly.',
			costs: ['io-native']
		},
		{
			to: 'host-kernel',
			kind: 'interrupt',
			text: 'The disk signals completion with an interrupt, handled by the same kernel.'
		},
		{
			to: 'app',
			kind: 'return',
			text: 'Only now that the disk has the data does the kernel return the byte count to the app; the hardware was never virtualized.'
		}
	],
	mmap: [
		{
			to: 'host-kernel',
			kind: 'syscall',
			text: `mmap() traps into the ${kernel}, which only records the new mapping; no page is touched yet.`,
			costs: ['syscall-native']
		},
		{ to: 'app', kind: 'return', text: 'The kernel returns the new address to the app.' },
		{
			to: 'host-kernel',
			kind: 'trap',
			text: 'The first touch of the page faults into the kernel, because no page-table entry exists yet.',
			costs: ['page-fault-native']
		},
		{
			to: 'app',
			kind: 'return',
			text: 'The kernel writes the page-table entry itself and returns; the app’s access now succeeds.'
		}
	]
});

/**
 * The trap-and-emulate return: on the classic machine the guest kernel's return
 * to user mode (LPSW on VM/370) is privileged, so it traps too. x86 differs, and
 * the narration says so once, on getpid.
 */
const trapReturn = (x86Note = false): HopSpec[] => [
	{
		to: 'hypervisor',
		kind: 'trap',
		text: x86Note
			? 'The guest kernel returns to the app with a privileged instruction (LPSW on VM/370), and it runs in problem state, so it traps to the hypervisor as well; on x86, SYSRET would fault outside ring 0 too, but IRET would not trap at all.'
			: 'The guest kernel returns to the app with a privileged instruction (LPSW on VM/370), and it runs in problem state, so it traps to the hypervisor as well.',
		costs: ['hypervisor-trap']
	},
	{
		to: 'app',
		kind: 'return',
		text: 'The hypervisor emulates that return and resumes the app.'
	}
];

const trapEmulateSyscall = (call: string, guestWork: string): HopSpec[] => [
	{
		to: 'hypervisor',
		kind: 'syscall',
		text: `${call} is a supervisor call (SVC) that traps, but only the hypervisor runs in supervisor state, so the trap lands in the hypervisor, not in the guest kernel.`,
		costs: ['syscall-native', 'hypervisor-trap']
	},
	{
		to: 'guest-kernel',
		kind: 'reflect',
		text: `The hypervisor sees the trap came from the guest’s user mode and reflects it to the guest kernel, which ${guestWork}.`
	}
];

const paravirtSyscall = (call: string, guestWork: string): HopSpec[] => [
	{
		to: 'hypervisor',
		kind: 'syscall',
		text: `${call}: on 64-bit Xen PV the SYSCALL enters Xen, because the guest kernel runs in ring 3 like its apps.`,
		costs: ['syscall-native', 'hypervisor-trap']
	},
	{
		to: 'guest-kernel',
		kind: 'reflect',
		text: `Xen bounces the call to the guest kernel’s registered handler, which ${guestWork}.`
	}
];

const paravirtReturn: HopSpec[] = [
	{
		to: 'hypervisor',
		kind: 'hypercall',
		text: 'The guest kernel returns through the iret hypercall, since it may not switch to user mode itself.',
		costs: ['hypervisor-trap']
	},
	{ to: 'app', kind: 'return', text: 'Xen restores the app’s registers and returns to it.' }
];

export const PATHS: Paths = {
	native: nativeLike('kernel', ''),
	container: nativeLike(
		'host kernel — the same kernel every container shares',
		', and answers with the PID as seen in the caller’s namespace (task_tgid_vnr)'
	),
	'vm-trap-emulate': {
		getpid: [...trapEmulateSyscall('getpid()', 'looks up the PID'), ...trapReturn(true)],
		write: [
			...trapEmulateSyscall('The synchronous write()', 'prepares the disk request'),
			{
				to: 'hypervisor',
				kind: 'trap',
				text: 'The guest driver’s I/O instruction is privileged, so it traps to the hypervisor, which owns the real disk.',
				costs: ['io-emulated']
			},
			{
				to: 'device',
				kind: 'io',
				text: 'The hypervisor performs the real I/O on the device on the guest’s behalf.',
				costs: ['io-native']
			},
			{
				to: 'hypervisor',
				kind: 'interrupt',
				text: 'The completion interrupt arrives at the hypervisor, which alone handles real interrupts.',
				costs: ['hypervisor-trap']
			},
			{
				to: 'guest-kernel',
				kind: 'reflect',
				text: 'The hypervisor reflects the completion into the guest kernel as a virtual interrupt.'
			},
			...trapReturn()
		],
		mmap: [
			...trapEmulateSyscall('mmap()', 'records the mapping'),
			...trapReturn(),
			{
				to: 'hypervisor',
				kind: 'trap',
				text: 'The first touch faults; the hardware walks the hypervisor’s shadow page table, so the fault goes to the hypervisor.',
				costs: ['page-fault-shadow']
			},
			{
				to: 'guest-kernel',
				kind: 'reflect',
				text: 'The guest’s own page table has no entry either, so the hypervisor reflects the fault to the guest kernel.'
			},
			{
				to: 'hypervisor',
				kind: 'trap',
				text: 'The guest kernel writes its page table, which the hypervisor keeps write-protected (shadow paging as x86 hypervisors do it), so the write traps.',
				costs: ['pte-write-shadow']
			},
			{
				to: 'guest-kernel',
				kind: 'return',
				text: 'The hypervisor applies the write and updates its shadow page table to match, then resumes the guest kernel.'
			},
			...trapReturn()
		]
	},
	'vm-paravirt': {
		getpid: [...paravirtSyscall('getpid()', 'looks up the PID'), ...paravirtReturn],
		write: [
			...paravirtSyscall('The synchronous write()', 'hands the data to its front-end disk driver'),
			{
				to: 'hypervisor',
				kind: 'hypercall',
				text: 'The front-end driver puts the request on a ring shared with the driver domain and notifies it by hypercall.',
				costs: ['hypervisor-trap']
			},
			{
				to: 'host-kernel',
				kind: 'reflect',
				text: 'Xen delivers the notification as an event to the driver domain, whose back-end driver reads the ring.'
			},
			{
				to: 'device',
				kind: 'io',
				text: 'The driver domain owns the real disk driver and performs the I/O on the device.',
				costs: ['io-native']
			},
			{
				to: 'hypervisor',
				kind: 'interrupt',
				text: 'The device’s completion interrupt goes to Xen, which owns the interrupt controller.',
				costs: ['hypervisor-trap']
			},
			{
				to: 'host-kernel',
				kind: 'reflect',
				text: 'Xen passes the interrupt to the driver domain as an event.'
			},
			{
				to: 'hypervisor',
				kind: 'hypercall',
				text: 'The back-end puts the response on the shared ring and notifies the guest by hypercall.',
				costs: ['hypervisor-trap']
			},
			{
				to: 'guest-kernel',
				kind: 'reflect',
				text: 'Xen reflects the completion event to the guest kernel’s event handler.'
			},
			...paravirtReturn
		],
		mmap: [
			...paravirtSyscall('mmap()', 'records the mapping'),
			...paravirtReturn,
			{
				to: 'hypervisor',
				kind: 'trap',
				text: 'The first touch faults; page faults of a PV guest go through Xen first.',
				costs: ['hypervisor-trap']
			},
			{
				to: 'guest-kernel',
				kind: 'reflect',
				text: 'Xen bounces the fault to the guest kernel’s fault handler.'
			},
			{
				to: 'hypervisor',
				kind: 'hypercall',
				text: 'The guest kernel may not write its page tables directly, so it asks Xen with the mmu_update hypercall, which Xen validates.',
				costs: ['hypervisor-trap']
			},
			{
				to: 'guest-kernel',
				kind: 'return',
				text: 'Xen applies the validated page-table update and returns to the guest kernel.'
			},
			...paravirtReturn
		]
	},
	'vm-hardware': {
		getpid: [
			{
				to: 'guest-kernel',
				kind: 'syscall',
				text: 'SYSCALL goes straight to the guest kernel: it does not cause a VM exit, so the hypervisor never sees it.',
				costs: ['syscall-native']
			},
			{
				to: 'app',
				kind: 'return',
				text: 'SYSRET returns to the app, again without an exit: native speed.'
			}
		],
		write: [
			{
				to: 'guest-kernel',
				kind: 'syscall',
				text: 'The synchronous write() goes straight to the guest kernel without a VM exit; its virtio driver queues the request.',
				costs: ['syscall-native']
			},
			{
				to: 'hypervisor',
				kind: 'vmexit',
				text: 'The virtqueue notify is an I/O write the CPU is set to intercept, so it causes a VM exit to KVM.',
				costs: ['exit-to-userspace']
			},
			{
				to: 'device-emulator',
				kind: 'return',
				countedIn: 1,
				text: 'KVM has no in-kernel device model for it, so the request goes to QEMU in host user space: by default KVM signals an eventfd that wakes a QEMU thread (ioeventfd) and lets the vCPU go straight back into the guest, whose kernel puts the writing task to sleep; without ioeventfd, KVM returns from the KVM_RUN ioctl to QEMU and the vCPU waits.'
			},
			{
				to: 'host-kernel',
				kind: 'syscall',
				text: 'QEMU, an ordinary host process, issues a host system call to write the data to the disk image.',
				costs: ['syscall-native']
			},
			{
				to: 'device',
				kind: 'io',
				text: 'The host kernel’s driver performs the real I/O on the device.',
				costs: ['io-native']
			},
			{
				to: 'host-kernel',
				kind: 'interrupt',
				text: 'The device’s completion interrupt is handled by the host kernel.'
			},
			{ to: 'device-emulator', kind: 'return', text: 'The host system call returns to QEMU.' },
			{
				to: 'hypervisor',
				kind: 'syscall',
				countedIn: 1,
				text: 'QEMU marks the request done and asks KVM to inject an interrupt, with a host system call: a write to an irqfd, or the KVM_SIGNAL_MSI ioctl.'
			},
			{
				to: 'guest-kernel',
				kind: 'vmentry',
				countedIn: 1,
				text: 'KVM delivers the completion interrupt to the guest kernel on a VM entry. With ioeventfd the vCPU went back to the guest after the notify: KVM wakes it if it halted, or kicks it out of the guest, unless the CPU can post the interrupt to the running guest without an exit.'
			},
			{
				to: 'app',
				kind: 'return',
				text: 'The guest kernel returns to the app; every I/O went through QEMU, which is why device I/O is the main costly exit of a hardware-assisted VM.'
			}
		],
		mmap: [
			{
				to: 'guest-kernel',
				kind: 'syscall',
				text: 'mmap() goes straight to the guest kernel without a VM exit, which records the mapping.',
				costs: ['syscall-native']
			},
			{ to: 'app', kind: 'return', text: 'The guest kernel returns the new address to the app.' },
			{
				to: 'guest-kernel',
				kind: 'trap',
				text: 'The first touch faults to the guest kernel; with EPT the guest owns its page tables, so no exit.',
				costs: ['page-fault-native'],
				optionalCost: 'ept-violation'
			},
			{
				to: 'app',
				kind: 'return',
				text: 'The guest kernel writes its page-table entry without trapping and returns; only a never-backed page would cost one EPT-violation exit.'
			}
		]
	}
};

/** The index of the earlier hop whose figure includes hop `index`'s cost, or null. */
export function countedInOf(platform: Platform, call: SyscallName, index: number): number | null {
	return PATHS[platform][call][index]?.countedIn ?? null;
}
