/**
 * The glossary: one entry per term the lessons use, in the project's own words,
 * each checked against the primary source it names. Shown on /glossary; the
 * lesson build links each term's first use in a lesson to its entry
 * (src/lib/content/glossary-links.js). Plain JavaScript so that svelte.config.js
 * can load it too.
 *
 * `aliases` are the spellings found in prose (matched whole-word, any case);
 * the longest one that fits wins. Definitions are plain text: no Markdown, no
 * HTML, no curly braces (the lesson pages are Svelte templates).
 *
 * @typedef {{
 *   id: string,
 *   term: string,
 *   group: 'vms' | 'containers' | 'cgroups' | 'layers',
 *   aliases: string[],
 *   definition: string,
 *   source: string
 * }} GlossaryEntry
 */

/** @type {GlossaryEntry[]} */
export const GLOSSARY = [
	// Virtual machines and the system-call path
	{
		id: 'virtual-machine',
		term: 'virtual machine (VM)',
		group: 'vms',
		aliases: ['virtual machine', 'virtual machines'],
		definition:
			'A complete computer made in software by a hypervisor: virtual processors, memory and devices, on which a whole guest operating system runs with its own kernel. Most of the guest’s instructions run directly on the real processor.',
		source: 'Popek & Goldberg, “Formal requirements for virtualizable third generation architectures”, CACM 17(7), 1974'
	},
	{
		id: 'hypervisor',
		term: 'hypervisor (type 1, type 2)',
		group: 'vms',
		aliases: [
			'hypervisor',
			'hypervisors',
			'virtual machine monitor',
			'VMM',
			'type-1 hypervisor',
			'type-2 hypervisor',
			'type 1 hypervisor',
			'type 2 hypervisor'
		],
		definition:
			'The software that creates virtual machines, runs them and keeps them apart; also called a virtual machine monitor (VMM). A type-1 hypervisor (Xen, VMware ESXi) runs on the hardware itself; a type-2 hypervisor (VirtualBox, VMware Workstation) runs as a program on a host operating system. KVM makes the Linux kernel itself the hypervisor.',
		source:
			'Popek & Goldberg, CACM 1974; R. P. Goldberg, “Architectural Principles for Virtual Computer Systems” (1973) for types I and II; Oracle VirtualBox User Manual (a hosted, type 2 hypervisor); J. Sugerman, G. Venkitachalam and B.-H. Lim, “Virtualizing I/O Devices on VMware Workstation’s Hosted Virtual Machine Monitor”, USENIX ATC 2001; Linux Documentation/virt/kvm/api.rst'
	},
	{
		id: 'system-call',
		term: 'system call',
		group: 'vms',
		aliases: ['system call', 'system calls', 'syscall', 'syscalls'],
		definition:
			'A program’s request to the kernel (read a file, start a process, get its own PID). It is made with a special instruction, SYSCALL on x86-64 or SVC on IBM mainframes, that raises the processor to its privileged mode and enters the kernel at an entry point the kernel chose.',
		source: 'syscall(2), syscalls(2); Intel SDM vol. 2B, “SYSCALL”'
	},
	{
		id: 'ring',
		term: 'ring, privilege level (supervisor and problem state)',
		group: 'vms',
		aliases: [
			'ring',
			'rings',
			'ring 0',
			'ring 1',
			'ring 3',
			'privilege level',
			'privilege levels',
			'supervisor state',
			'problem state',
			'supervisor mode',
			'privileged mode'
		],
		definition:
			'How much the running code is allowed to do: privileged instructions (changing page tables, talking to devices, switching interrupts off) work only at the highest level. x86 has four rings, from ring 0 (the kernel) to ring 3 (programs); the current one is the CPL. IBM’s System/370 has just two states: supervisor state for the operating system and problem state for programs.',
		source:
			'Intel SDM vol. 3A, “Privilege levels” (ch. 5); IBM System/370 Principles of Operation, “Problem state”'
	},
	{
		id: 'trap',
		term: 'trap',
		group: 'vms',
		aliases: ['trap', 'traps', 'trapped', 'trapping'],
		definition:
			'A switch from running code into more privileged code (the kernel or the hypervisor) caused by the instruction being run: a system call instruction, a fault such as a page fault, or a privileged instruction run without the privilege. The handler deals with it and can then return to the code. (Intel’s manuals use “trap” more narrowly, for one class of exception.)',
		source: 'Intel SDM vol. 3A, “Interrupt and exception handling” (ch. 6); Popek & Goldberg 1974'
	},
	{
		id: 'trap-and-emulate',
		term: 'trap-and-emulate',
		group: 'vms',
		aliases: ['trap-and-emulate', 'trap and emulate'],
		definition:
			'The classic way to run a guest kernel: run it deprivileged, so that each privileged instruction it executes traps to the hypervisor, which carries out the instruction’s effect on the virtual machine and resumes the guest. It works only when every instruction that could reveal or change the machine’s state traps; IBM’s System/370 met that condition, x86 before VT-x did not.',
		source:
			'Popek & Goldberg, CACM 1974; Robin & Irvine, “Analysis of the Intel Pentium’s ability to support a secure virtual machine monitor”, USENIX Security 2000'
	},
	{
		id: 'reflect',
		term: 'reflect (a trap to the guest kernel)',
		group: 'vms',
		aliases: ['reflect', 'reflects', 'reflected', 'reflecting'],
		definition:
			'What a hypervisor does with a trap that belongs to the guest: it hands it on to the guest kernel in software, starting the guest kernel’s own handler as the hardware would have. A system call in a trap-and-emulate or paravirtualized VM reaches the guest kernel this way.',
		source: 'Popek & Goldberg, CACM 1974; Barham et al., “Xen and the art of virtualization”, SOSP 2003'
	},
	{
		id: 'binary-translation',
		term: 'binary translation',
		group: 'vms',
		aliases: ['binary translation'],
		definition:
			'Running a guest kernel by rewriting its code just before it runs: the hypervisor translates blocks of guest instructions and replaces the ones that would misbehave without trapping with safe sequences. VMware used it to virtualize x86 before VT-x.',
		source: 'Adams & Agesen, “A comparison of software and hardware techniques for x86 virtualization”, ASPLOS 2006'
	},
	{
		id: 'paravirtualization',
		term: 'paravirtualization',
		group: 'vms',
		aliases: ['paravirtualization', 'paravirtualized', 'paravirtual', 'para-virtualization'],
		definition:
			'Changing the guest kernel so that it knows it runs in a virtual machine and asks the hypervisor with hypercalls instead of running privileged instructions. Xen’s PV guests work this way.',
		source: 'Barham et al., “Xen and the art of virtualization”, SOSP 2003'
	},
	{
		id: 'hypercall',
		term: 'hypercall',
		group: 'vms',
		aliases: ['hypercall', 'hypercalls'],
		definition:
			'A deliberate call from a guest kernel to the hypervisor, as a system call is from a program to its kernel. A paravirtualized guest makes one instead of a privileged instruction (Xen’s mmu_update to change page tables, for example); on Intel VT-x the VMCALL instruction makes one.',
		source: 'Barham et al., SOSP 2003; Intel SDM vol. 3C, “VMCALL”'
	},
	{
		id: 'vm-exit',
		term: 'VM exit',
		group: 'vms',
		aliases: ['VM exit', 'VM exits', 'vmexit', 'vmexits', 'VM-exit'],
		definition:
			'On a processor with hardware virtualization (Intel VT-x, AMD-V), the switch from the running guest to the hypervisor. It happens on events and instructions the hypervisor asked to intercept, and on some it cannot refuse: CPUID always exits; I/O instructions, HLT, some register accesses, external interrupts and EPT violations can. The processor saves the guest’s state; the hypervisor handles the cause and resumes the guest with a VM entry.',
		source: 'Intel SDM vol. 3C, “VMX non-root operation” and “VM exits”'
	},
	{
		id: 'page-table',
		term: 'page table',
		group: 'vms',
		aliases: ['page table', 'page tables', 'page-table'],
		definition:
			'The tables in memory that the processor walks to translate a program’s virtual addresses into physical ones, with permission bits for each page. The kernel writes them; a missing or forbidden entry causes a page fault.',
		source: 'Intel SDM vol. 3A, “Paging” (ch. 4)'
	},
	{
		id: 'shadow-page-table',
		term: 'shadow page table',
		group: 'vms',
		aliases: ['shadow page table', 'shadow page tables', 'shadow paging', 'shadowed'],
		definition:
			'Without EPT/NPT, the hypervisor’s own copy of a guest’s page table, translating straight to host physical addresses; the real processor uses the copy. The guest’s tables are write-protected, so each guest page-table write traps and the hypervisor updates the shadow to match.',
		source: 'Linux Documentation/virt/kvm/x86/mmu.rst; Adams & Agesen, ASPLOS 2006'
	},
	{
		id: 'ept-npt',
		term: 'EPT/NPT (extended or nested page tables)',
		group: 'vms',
		aliases: [
			'EPT/NPT',
			'EPT',
			'NPT',
			'extended page tables',
			'nested page tables',
			'nested paging'
		],
		definition:
			'Intel’s Extended Page Tables and AMD’s Nested Page Tables: a second set of page tables, kept by the hypervisor, with which the processor translates the guest’s physical addresses into host physical addresses. The guest edits its own page tables without trapping; only a touch of guest memory that the hypervisor has not mapped causes a VM exit (an EPT violation).',
		source: 'Intel SDM vol. 3C, “The extended page table mechanism”; AMD64 Architecture Programmer’s Manual vol. 2, “Nested paging”'
	},
	{
		id: 'virtqueue',
		term: 'virtqueue (virtio)',
		group: 'vms',
		aliases: ['virtqueue', 'virtqueues'],
		definition:
			'The queue through which a virtio driver in the guest and its device on the host side exchange requests: descriptors of buffers in memory both sides can read, plus a notification that there is work. For the guest the notification is usually a write to a device register, which causes a VM exit.',
		source: 'OASIS Virtual I/O Device (VIRTIO) specification 1.2, “Virtqueues”'
	},

	// Containers: namespaces and users
	{
		id: 'container',
		term: 'container',
		group: 'containers',
		aliases: ['container', 'containers'],
		definition:
			'A group of ordinary processes that the one kernel keeps apart from the rest: namespaces give them their own view of names (process IDs, mounts, network, users), cgroups limit the resources they use, and an image of layers becomes their root file system. There is no guest kernel: every system call goes to the host kernel.',
		source: 'namespaces(7), cgroups(7); Open Container Initiative Runtime Specification'
	},
	{
		id: 'namespace',
		term: 'namespace',
		group: 'containers',
		aliases: ['namespace', 'namespaces'],
		definition:
			'A kernel feature that wraps one kind of global resource so that the processes inside see their own instance of it: process IDs, mounts, network, user and group IDs, host name, IPC, cgroup root or clocks. Each process is in one namespace of each type; clone(2), unshare(2) and setns(2) create or join them.',
		source: 'namespaces(7)'
	},
	{
		id: 'pid-namespace',
		term: 'PID namespace',
		group: 'containers',
		aliases: ['PID namespace', 'PID namespaces'],
		definition:
			'A namespace of process IDs. A process has a PID in its own PID namespace and one in each ancestor namespace, so the host sees a container’s processes under other numbers. The first process created in a new PID namespace gets PID 1 and is its init. unshare(2) and setns(2) never move the caller: only the children it creates afterwards land in the new namespace.',
		source: 'pid_namespaces(7)'
	},
	{
		id: 'init',
		term: 'init (PID 1)',
		group: 'containers',
		aliases: ['init', 'init process', 'PID 1'],
		definition:
			'The process with PID 1 in a PID namespace. It adopts the namespace’s orphaned processes that have no subreaper, and receives a signal from its own namespace only if it installed a handler for it. When it exits, the kernel kills every other process in the namespace with SIGKILL.',
		source: 'pid_namespaces(7)'
	},
	{
		id: 'subreaper',
		term: 'subreaper',
		group: 'containers',
		aliases: ['subreaper', 'subreapers', 'child subreaper'],
		definition:
			'A process that has marked itself with prctl(PR_SET_CHILD_SUBREAPER). When one of its descendants is orphaned, the orphan goes to the nearest living subreaper above it instead of to init.',
		source: 'prctl(2), PR_SET_CHILD_SUBREAPER'
	},
	{
		id: 'mount-namespace',
		term: 'mount namespace',
		group: 'containers',
		aliases: ['mount namespace', 'mount namespaces'],
		definition:
			'A namespace of mounts. A new one starts as a copy of its parent’s list of mounts; mounts made in it afterwards are not seen outside, unless mount propagation is set up to share them. Container runtimes use one, with pivot_root, to give the container its own root directory.',
		source: 'mount_namespaces(7)'
	},
	{
		id: 'pivot-root',
		term: 'pivot_root',
		group: 'containers',
		aliases: ['pivot_root'],
		definition:
			'The system call that makes another directory the root mount of the caller’s mount namespace, moving the old root under it, from where it can be unmounted. Container runtimes use it to make the container’s image its root directory.',
		source: 'pivot_root(2)'
	},
	{
		id: 'user-namespace',
		term: 'user namespace',
		group: 'containers',
		aliases: ['user namespace', 'user namespaces'],
		definition:
			'A namespace of user and group IDs and of capabilities. A process can be UID 0 with every capability inside its user namespace and an unprivileged user outside; what it may do to files and other resources outside is decided by the IDs its own map to. Without one, root in a container is root on the machine.',
		source: 'user_namespaces(7)'
	},
	{
		id: 'uid-map',
		term: 'UID map',
		group: 'containers',
		aliases: ['UID map', 'UID maps', 'uid_map', 'user-ID map', 'user-ID maps', 'ID map', 'ID maps'],
		definition:
			'The table, in /proc/PID/uid_map (and gid_map for groups), that says which user IDs inside a user namespace stand for which IDs outside; each line maps a range. An ID with no mapping shows up inside as the overflow ID, 65534 (nobody).',
		source: 'user_namespaces(7)'
	},
	{
		id: 'capability',
		term: 'capability',
		group: 'containers',
		aliases: ['capability', 'capabilities'],
		definition:
			'One of the pieces into which Linux splits root’s power, such as CAP_NET_ADMIN to configure networking or CAP_CHOWN to change file owners. The kernel checks for the capability an operation needs rather than for UID 0, and a capability held in a user namespace counts only for resources that namespace owns.',
		source: 'capabilities(7), user_namespaces(7)'
	},

	// cgroups
	{
		id: 'cgroup',
		term: 'cgroup (control group)',
		group: 'cgroups',
		aliases: ['cgroup', 'cgroups', 'control group', 'control groups'],
		definition:
			'A set of processes, arranged in a tree under /sys/fs/cgroup, whose use of CPU, memory, I/O and process numbers the kernel counts and can limit through interface files such as cpu.max and memory.max. In cgroup v2 every process is in exactly one cgroup.',
		source: 'Linux Documentation/admin-guide/cgroup-v2.rst; cgroups(7)'
	},
	{
		id: 'memory-max-high',
		term: 'memory.max and memory.high',
		group: 'cgroups',
		aliases: ['memory.max', 'memory.high'],
		definition:
			'memory.max is a cgroup’s hard memory limit: when its usage reaches it and reclaim cannot bring it down, the OOM killer is invoked in that cgroup; usage can go over it briefly. memory.high is a throttle limit: above it, the group’s processes are slowed down and made to reclaim memory, but going over it never invokes the OOM killer.',
		source: 'Linux Documentation/admin-guide/cgroup-v2.rst, “Memory Interface Files”'
	},
	{
		id: 'cpu-max-weight',
		term: 'cpu.max and cpu.weight',
		group: 'cgroups',
		aliases: ['cpu.max', 'cpu.weight'],
		definition:
			'cpu.max caps a cgroup’s CPU time: “MAX PERIOD” lets its processes run for at most MAX microseconds in every PERIOD, so 50000 100000 is half of one CPU. cpu.weight (1 to 10000, default 100) divides CPU time between sibling cgroups in proportion to their weights when they compete for it, and limits nothing when the CPU is free.',
		source: 'Linux Documentation/admin-guide/cgroup-v2.rst, “CPU Interface Files” and “Weights”'
	},
	{
		id: 'oom-kill',
		term: 'OOM kill',
		group: 'cgroups',
		aliases: ['OOM kill', 'OOM kills', 'OOM killer', 'OOM-killed', 'OOM-kill', 'out of memory'],
		definition:
			'When memory cannot be found even after reclaim, the kernel’s out-of-memory (OOM) killer picks a process and kills it with SIGKILL to free its memory. In a cgroup that reached memory.max it picks one of that cgroup’s processes; with memory.oom.group set it kills them all together.',
		source: 'Linux Documentation/admin-guide/cgroup-v2.rst (memory.max, memory.oom.group); proc(5), oom_score'
	},

	// Layers: union file systems
	{
		id: 'union-file-system',
		term: 'union file system',
		group: 'layers',
		aliases: [
			'union file system',
			'union file systems',
			'union filesystem',
			'union mount',
			'UnionFS'
		],
		definition:
			'A file system that shows several directory trees (layers) stacked as one: a name is looked up from the top layer down, and the first layer that has it decides; changes go to the top layer, the only writable one. OverlayFS is the one in the Linux kernel.',
		source: 'Linux Documentation/filesystems/overlayfs.rst'
	},
	{
		id: 'overlayfs',
		term: 'OverlayFS',
		group: 'layers',
		aliases: ['OverlayFS', 'overlay file system', 'overlay filesystem'],
		definition:
			'Linux’s union file system (mount -t overlay): it merges one or more read-only lower directories and one writable upper directory into a single tree. Docker stacks image layers with it (the overlayfs snapshotter on new installations since Docker Engine 29, the overlay2 storage driver before).',
		source:
			'Linux Documentation/filesystems/overlayfs.rst; Docker documentation, “OverlayFS storage driver” and “containerd image store with Docker Engine”'
	},
	{
		id: 'lower-upper-layer',
		term: 'lower and upper layer',
		group: 'layers',
		aliases: [
			'lower layer',
			'lower layers',
			'upper layer',
			'upper layers',
			'lower directory',
			'upper directory',
			'lowerdir',
			'upperdir'
		],
		definition:
			'In OverlayFS, the lower layers (lowerdir) are read-only directories stacked in order; the upper layer (upperdir) is the one writable directory on top. Every change made through the overlay, a deletion included, is written to the upper layer; the lower layers stay as they were.',
		source: 'Linux Documentation/filesystems/overlayfs.rst, “Upper and Lower”'
	},
	{
		id: 'whiteout',
		term: 'whiteout',
		group: 'layers',
		aliases: ['whiteout', 'whiteouts', 'whited out', 'whited-out'],
		definition:
			'How OverlayFS records that a name was deleted while a lower layer still has it: in a layer above that one (the writable layer, or an image layer over older ones), a character device with device number 0/0, or a zero-size file with the extended attribute trusted.overlay.whiteout in a directory marked with trusted.overlay.opaque “x”. Lookup stops at a whiteout, so the name looks deleted.',
		source: 'Linux Documentation/filesystems/overlayfs.rst, “whiteouts and opaque directories”'
	},
	{
		id: 'opaque-directory',
		term: 'opaque directory',
		group: 'layers',
		aliases: ['opaque directory', 'opaque directories', 'opaque'],
		definition:
			'A directory, in a layer above others, whose extended attribute trusted.overlay.opaque is “y”: lookup does not continue into the lower layers’ directories of the same name, so their contents are hidden. OverlayFS makes one in the writable layer when a directory is created where a lower layer has a directory of that name that was deleted.',
		source: 'Linux Documentation/filesystems/overlayfs.rst, “whiteouts and opaque directories”'
	},
	{
		id: 'copy-up',
		term: 'copy-up',
		group: 'layers',
		aliases: ['copy-up', 'copy up', 'copies up', 'copied up', 'copy-ups'],
		definition:
			'When a file that exists only in a lower layer is first opened for writing, or its metadata (owner, mode, times, extended attributes) is changed, OverlayFS copies it to the upper layer and makes the change there. The lower file stays as it was. For a write, the whole file is copied, even to change one byte.',
		source: 'Linux Documentation/filesystems/overlayfs.rst, “Non-directories”'
	},
	{
		id: 'copy-on-write',
		term: 'copy-on-write',
		group: 'layers',
		aliases: ['copy-on-write', 'copy on write'],
		definition:
			'Sharing one copy of data until someone writes to it, and only then giving the writer a copy of its own. Container layers work this way (copy-up), and so do a process’s memory pages after fork(2).',
		source: 'fork(2); Linux Documentation/filesystems/overlayfs.rst'
	},
	{
		id: 'image-layer',
		term: 'image layer',
		group: 'layers',
		aliases: ['image layer', 'image layers'],
		definition:
			'One read-only directory tree of a container image, holding what one build step added, changed or deleted (deletions as whiteouts). Dockerfile instructions that change files (RUN, COPY, ADD) each make one; images that share a layer store it once. A running container stacks its image’s layers as lower layers under its own writable upper layer.',
		source: 'OCI Image Format Specification, “Image Layer Filesystem Changeset”; Docker documentation, “Storage drivers”'
	}
];

/** Headings of the glossary page's sections, in order. */
export const GLOSSARY_GROUPS = /** @type {const} */ ([
	['vms', 'Virtual machines and the system-call path'],
	['containers', 'Containers: namespaces and users'],
	['cgroups', 'Control groups'],
	['layers', 'Layers: union file systems and images']
]);
