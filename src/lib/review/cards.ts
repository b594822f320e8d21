/**
 * The course's review deck: every card, answered in this project's words, with the
 * lesson that teaches it. The order is the deck's. Each answer is the one its
 * lesson gives, including the lesson's refinement where the kernel is more
 * precise than the card (the lessons list the sources).
 */
export interface Card {
	id: string;
	question: string;
	/** Short paragraphs or list items. */
	answer: string[];
	lesson: string;
}

export const CARDS: Card[] = [
	{
		id: 'make-vm',
		question: 'How is a virtual machine made?',
		answer: [
			'Start with a physical machine.',
			'Add a hypervisor: software that keeps each guest OS shut inside its virtual machine.',
			'The physical machine supplies the VM’s memory, disk and network, and the VM can see little outside itself.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'vm-implications',
		question: 'What are the three implications of building a virtual machine?',
		answer: [
			'The VM and the physical machine share one instruction set.',
			'The guest OS may offer a different ABI inside the VM, so Windows can run on a Linux host.',
			'It is hard to build, because a guest OS expects privileged access to the hardware.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'make-container',
		question: 'How is a virtual operating system (a container) made?',
		answer: [
			'Start with a real OS.',
			'Add software that isolates the guest software inside the container; on Linux a set of kernel features and tools rather than one program.',
			'The container’s processes, files and sockets are the real OS’s, but what it can see outside itself is limited.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'container-implications',
		question: 'What are the three implications of building a container?',
		answer: [
			'The container and the real OS share one kernel.',
			'So programs inside and outside use the same ABI: no Windows in a Linux container, but any Linux distribution.',
			'The difficulties come from the OS names (PIDs, paths, users, host names) that everyone shares.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'windows-in-container',
		question: 'True or false: you can run Windows inside a container provided by Linux.',
		answer: [
			'False. A container shares the host’s kernel, and Windows programs need the Windows kernel.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'suse-in-ubuntu',
		question: 'True or false: you can run SUSE Linux inside an Ubuntu container.',
		answer: [
			'True, as long as SUSE’s programs run on the host’s Linux kernel: distributions differ in their tools and file locations, which travel inside the container, not in the kernel interface.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'ps-in-container',
		question: 'True or false: running ps inside a container shows all processes.',
		answer: [
			'False. The container has its own PID namespace: ps inside, reading a /proc mounted for that namespace, sees only the container’s processes, while the host sees them too, under other PIDs.'
		],
		lesson: 'pid-namespaces'
	},
	{
		id: 'hypervisor-vs-container',
		question: 'What is the difference between hypervisor and container virtualization?',
		answer: [
			'Hypervisor: the hypervisor sits on the hardware (type 1, such as Xen or ESXi) or on a host OS (type 2, hosted), guest OSes run on it, and each guest carries its own binaries, libraries and apps.',
			'Container: several copies of binaries, libraries and apps sit directly on the one host OS.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'why-os-virtualization',
		question: 'Why virtualize an operating system?',
		answer: [
			'It gives many, though not all, of the benefits of hardware virtualization at much lower overhead: no guest kernel to boot or feed.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'decoupling',
		question: 'What are the three properties of decoupling in container virtualization?',
		answer: [
			'Several systems run on one physical machine.',
			'A software setup moves to another machine that offers the same kernel.',
			'Resources are adjusted to each system’s needs.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'isolation',
		question: 'What are the two properties of isolation in container virtualization?',
		answer: [
			'Nothing leaks into or out of the container.',
			'All the configuration and packages an application needs are isolated with it.'
		],
		lesson: 'vms-and-containers'
	},
	{
		id: 'hw-syscall-path',
		question: 'What is the system-call path under hardware virtualization?',
		answer: [
			'The app in the VM makes a system call.',
			'It traps to the hypervisor (or host OS), which runs with the real privilege.',
			'The hypervisor hands the trap back to the guest OS. On a classic trap-and-emulate machine (IBM VM/370) the guest kernel’s privileged return traps once more.',
			'With VT-x or AMD-V, SYSCALL and SYSRET cause no VM exit, so the call stays in the guest; device I/O is the main costly exit left.'
		],
		lesson: 'system-call-path'
	},
	{
		id: 'os-syscall-path',
		question: 'What is the system-call path under OS virtualization?',
		answer: [
			'The app in the container makes a system call, and it traps to the one OS.',
			'No deprivileging and no handling of awkward architectures like the old x86 is needed: there is only one OS.'
		],
		lesson: 'system-call-path'
	},
	{
		id: 'names',
		question: 'What kinds of names must a container virtualize?',
		answer: [
			'Process IDs: top inside shows only the container’s processes.',
			'File names: a limited or different view of the mounted file system.',
			'User names: root inside need not be root outside; a user namespace maps it to an unprivileged uid (rootless containers always use one, rootful Docker only with userns-remap).',
			'Host name and IP address: the container may use its own for network operations.'
		],
		lesson: 'namespaces'
	},
	{
		id: 'resources',
		question: 'What resources does OS virtualization control?',
		answer: [
			'CPU time, memory, and disk and network bandwidth, for the whole container and everything it runs.',
			'On Linux, cgroups limit CPU time, memory and disk I/O; network bandwidth is shaped with traffic control (tc) instead.'
		],
		lesson: 'cgroups'
	},
	{
		id: 'linux-namespaces',
		question: 'Which resources does Linux separate with namespaces?',
		answer: [
			'Mount points, process IDs and network each have a namespace of their own (so do host names, users, IPC, cgroups and time).',
			'Devices have none: a container sees only the device nodes its mount namespace puts in its /dev, and a device filter on its cgroup refuses the others.'
		],
		lesson: 'namespaces'
	},
	{
		id: 'mount-namespace',
		question: 'How does Linux separate mount points between namespaces?',
		answer: [
			'Each mount namespace has its own mount table, so different namespaces see different views of the file system.',
			'A new one starts as a copy of its parent’s table; a container runtime then mounts the image and makes it the root with pivot_root.'
		],
		lesson: 'namespaces'
	},
	{
		id: 'pid-namespace',
		question: 'How does Linux separate process IDs between namespaces?',
		answer: [
			'A new process gets an ID in its own PID namespace and in every parent namespace; the first process of a new namespace is its PID 1.'
		],
		lesson: 'pid-namespaces'
	},
	{
		id: 'net-namespace',
		question: 'How does Linux separate networks between namespaces?',
		answer: [
			'Each network namespace has its own interfaces, private IP addresses and routing table; namespaces talk through virtual interfaces such as veth pairs.'
		],
		lesson: 'namespaces'
	},
	{
		id: 'device-namespace',
		question: 'How does Linux separate devices between namespaces?',
		answer: [
			'A device can be present in one container and hidden in another, but Linux has no device namespace.',
			'The container’s mount namespace gets its own small /dev without the hidden devices, and a device filter on its cgroup (a BPF program in cgroup v2) refuses to open any device it does not allow.'
		],
		lesson: 'namespaces'
	},
	{
		id: 'cgroups',
		question: 'What do cgroups do?',
		answer: [
			'They control the resources allocated to a set of processes: CPU time, memory, disk I/O bandwidth, the number of processes; children start in their parent’s cgroup.',
			'Network bandwidth is the exception: Linux shapes it with traffic control (tc), not with a cgroup limit.'
		],
		lesson: 'cgroups'
	},
	{
		id: 'unionfs-lookup',
		question: 'How does path name resolution work in UnionFS?',
		answer: [
			'Layers are stacked; a lookup asks the top layer first, then the next, and returns the first match.',
			'A layer can stop the search: a whiteout hides one name below it, an opaque directory hides a whole lower directory.'
		],
		lesson: 'layers'
	},
	{
		id: 'copy-on-write',
		question: 'What is the principle behind copy-on-write file systems?',
		answer: [
			'Change nothing until the container modifies a file, and never change a lower layer: the file is first copied up into the container’s writable layer (on opening it for writing or changing its metadata) and changed there; a deletion leaves a whiteout.',
			'Containers mostly read, so start-up is fast and storage is saved compared with copying the whole file system.'
		],
		lesson: 'layers'
	},
	{
		id: 'docker',
		question: 'What is Docker?',
		answer: [
			'One set of tools for managing containers on many systems, built on namespaces, cgroups and union file systems.',
			'Layered images make updates cheap: a change rebuilds the changed instruction’s layer and every layer after it, the layers before come from the cache, and only layers a server lacks are shipped.'
		],
		lesson: 'docker'
	}
];
