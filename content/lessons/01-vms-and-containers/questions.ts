import type { Question } from '$lib/components/selfcheck';

/*
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Sources for the explanations: Popek & Goldberg 1974 (what a VM is and why the
 * guest kernel must be deprivileged); namespaces(7), cgroups(7) and
 * Documentation/filesystems/overlayfs.rst (what a container is made of).
 */
export const questions: Question[] = [
	{
		id: 'make-vm',
		card: 'make-vm',
		main: true,
		prompt:
			'You turn one physical server into three virtual machines. Which job falls to the hypervisor you add?',
		choices: [
			// Misconception: a VM is an emulator that translates every instruction.
			'Translating every instruction each guest runs into the server’s own instruction set, so that any guest can run on any CPU',
			'Keeping each guest OS inside its own VM while it hands that VM a share of the server’s real memory, disk and network',
			// Misconception: the guests share one kernel, as containers do.
			'Running one guest kernel that the three VMs take turns to use, so that each VM needs to hold only its own files and programs',
			// Misconception: each VM really owns the whole machine it believes it has.
			'Giving every guest the whole of the server’s memory, disk and network at once, since each VM believes it owns the machine'
		],
		answer: 1,
		explanation:
			'The hypervisor keeps each guest shut inside its VM and hands it part of the physical machine’s resources; the guests run their own kernels on the real processor, in the machine’s own instruction set, and what a VM can see outside itself is limited.'
	},
	{
		id: 'vm-same-isa',
		card: 'vm-implications',
		main: true,
		prompt:
			'An x86 server runs a hypervisor. Which guest can it run as an ordinary virtual machine, directly on its processor?',
		choices: [
			'Windows built for x86: the guest brings its own kernel, but it must share the processor’s instruction set',
			// Misconception: a guest must use the host's kernel (a container's rule, not a VM's).
			'Only Linux built for x86, because a guest has to use the kernel the host is already running',
			// Misconception: a hypervisor converts one instruction set into another (that is an emulator).
			'Linux built for ARM, because the hypervisor turns each ARM instruction into x86 as the guest runs',
			// Misconception: a VM runs programs without any kernel of their own.
			'Any program built for x86, with no operating system inside the VM, since the hypervisor replaces the kernel'
		],
		answer: 0,
		explanation:
			'A VM runs the guest’s instructions on the real processor, so guest and machine share one instruction set (x86 here). The guest brings its own kernel, so it need not be Linux. Running ARM code on x86 takes an emulator that translates instructions, which is not what a hypervisor does.'
	},
	{
		id: 'vm-own-abi',
		card: 'vm-implications',
		prompt:
			'True or false: a VM on a Linux host can run Windows programs, although the host kernel offers only Linux system calls.',
		choices: ['True', 'False'],
		answer: 0,
		explanation:
			'True. The guest runs its own kernel, so the programs in the VM make their system calls to the Windows kernel inside the VM, never to the host’s Linux kernel: the ABI inside a VM may differ from the host’s.'
	},
	{
		id: 'vm-hard',
		card: 'vm-implications',
		prompt: 'What makes a virtual machine hard to build?',
		choices: [
			'The guest kernel is written to run with full privilege over the hardware, yet it must run without it and still appear to work',
			// Misconception: the difficulty is translating instruction sets.
			'Each guest instruction has to be translated into the host’s instruction set, which needs a full compiler inside the hypervisor',
			// Misconception: the difficulty of containers (shared names) applied to VMs.
			'Every guest shares the host kernel’s process IDs, paths and users, so the hypervisor has to rename all of them per VM',
			// Misconception: nothing of the guest runs on the real processor.
			'The guest kernel cannot run on the real processor at all, so the hypervisor must interpret every instruction of every guest'
		],
		answer: 0,
		explanation:
			'A guest kernel expects to be the most privileged software on the machine. The hypervisor must keep that privilege for itself and still make each privileged operation of the guest seem to work, which is what the next lesson follows (Popek & Goldberg 1974).'
	},
	{
		id: 'make-container',
		card: 'make-container',
		main: true,
		prompt: 'You split one Linux machine into containers. What do you add, and what is a process in a container?',
		choices: [
			// Misconception: a container is a small VM with a trimmed kernel of its own.
			'A small hypervisor per container that boots a trimmed Linux kernel; a process in it runs on that kernel, not the host’s',
			// Misconception: the runtime sits between the container and the kernel and relays system calls.
			'One program, the container engine, inside which each container runs; it takes the system calls of a container and makes them itself',
			// Misconception: containers translate one OS's interface into another's.
			'A translation layer that turns each container’s system calls into the host’s, so a container made for another OS runs as it is',
			'Kernel features (namespaces, cgroups, layered files) and tools to set them up; its processes are the one kernel’s own'
		],
		answer: 3,
		explanation:
			'On Linux a container is not one program: namespaces limit what a process sees, cgroups limit what it uses, and a layered file system gives it its files. Its processes, files and sockets are ordinary ones of the real OS, with a limited view of the rest.'
	},
	{
		id: 'container-one-kernel',
		card: 'container-implications',
		main: true,
		prompt:
			'A program in one container hits a kernel bug that makes the kernel panic. What stops?',
		choices: [
			// Misconception: each container has a kernel of its own.
			'Only that container: its own copy of the kernel halts and the container runtime starts it again',
			'The whole machine: the host and every container on it were running on the one kernel that halted',
			// Misconception: namespaces fence off kernel faults as a hypervisor would.
			'Only the host’s own programs: namespaces keep each container apart from the host, so the containers keep running',
			// Misconception: a kernel failure is contained per container, like a process crash.
			'Only the processes in that container’s cgroup, which the kernel ends before it carries on with the rest'
		],
		answer: 1,
		explanation:
			'The whole machine halts: a panic is the kernel stopping itself. Containers and the host share one kernel, and namespaces and cgroups are features of that kernel, so when it panics nothing is left running, on the host or in any container; a VM’s guest kernel crashing leaves the host and the other VMs up.'
	},
	{
		id: 'container-one-abi',
		card: 'container-implications',
		prompt:
			'An image built from Ubuntu packages runs as a container on a Fedora host. Which kernel and which C library does a program in it use?',
		choices: [
			// Misconception: an image carries a kernel.
			'Ubuntu’s kernel, which the image carries beside its packages, and Ubuntu’s C library from the image',
			// Misconception: the host lends its libraries to containers.
			'The Fedora host’s kernel and the Fedora host’s C library, which every container on that host shares',
			'The Fedora host’s kernel, reached through Ubuntu’s C library, which is one of the files in the image',
			// Misconception: system calls are translated between distributions.
			'Ubuntu’s kernel interface, which the runtime translates into Fedora’s, and Ubuntu’s C library from the image'
		],
		answer: 2,
		explanation:
			'A container’s files, libraries included, come from its image, but there is only one kernel, the host’s. Every Linux distribution talks to the same Linux system-call interface, which is why the Ubuntu library works on the Fedora kernel.'
	},
	{
		id: 'container-shared-names',
		card: 'container-implications',
		prompt: 'Where does most of the work of building containers on one kernel go?',
		choices: [
			// Misconception: containers have guest kernels to deprivilege, as VMs do.
			'Taking privilege away from each container’s own kernel and emulating the privileged instructions it tries to run',
			'Making private, per container, the names every process normally shares: process IDs, paths, user IDs and host names',
			// Misconception: containers run other instruction sets.
			'Translating each container’s machine code into the instruction set of the host’s processor as the container runs',
			// Misconception: each distribution has its own kernel interface.
			'Converting each container’s system calls into the host kernel’s ABI, since every distribution defines an ABI of its own'
		],
		answer: 1,
		explanation:
			'There is one kernel and nothing to deprivilege. The work lies in what the kernel gives everyone by name (PIDs, the file tree, user IDs, host names): each container must get its own view of them, which is what namespaces do.'
	},
	{
		id: 'windows-in-linux-container',
		card: 'windows-in-container',
		main: true,
		prompt: 'True or false: a Linux host can run Windows inside a container.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'False. A container uses the host’s kernel, so its programs must use that kernel’s ABI. Windows programs need the Windows kernel; they can run in a VM, which brings its own kernel.'
	},
	{
		id: 'suse-in-ubuntu',
		card: 'suse-in-ubuntu',
		main: true,
		prompt: 'True or false: SUSE Linux can run inside a container on an Ubuntu host.',
		choices: ['True', 'False'],
		answer: 0,
		explanation:
			'True. Both are Linux and use the same kernel interface. What differs between distributions is their tools, libraries and file locations, and those travel inside the container.'
	},
	{
		id: 'stack-difference',
		card: 'hypervisor-vs-container',
		main: true,
		prompt:
			'You draw ten isolated apps twice: on a hypervisor and in containers. What does the hypervisor stack have ten of, where the container stack has one?',
		choices: [
			// Misconception: containers share the host's libraries.
			'Copies of binaries and libraries: containers all use the host’s own, so only the VMs carry copies of their own',
			'Operating system kernels: every guest OS brings one, while all the containers share the host’s',
			// Misconception: a VM holds one app, a container holds many.
			'Apps: each app gets a VM of its own, while one container usually holds all ten together',
			// Misconception: a VM needs hardware of its own.
			'Physical network cards: every VM needs a card of its own to reach the network, while containers share the host’s'
		],
		answer: 1,
		explanation:
			'Both stacks carry a copy of binaries, libraries and apps per isolated system. Only the VM side carries a guest OS kernel per system; the containers sit on the one host kernel.'
	},
	{
		id: 'why-os-virtualization',
		card: 'why-os-virtualization',
		main: true,
		prompt:
			'A team moves 200 small Linux services from VMs into containers. What do they gain, and what do they give up?',
		choices: [
			'Far less cost per service, since none boots or feeds a kernel of its own, but each must run on the host’s kernel',
			// Misconception: containers isolate more strongly than VMs, and cost more per system call.
			'Stronger isolation than the VMs gave, at the price of slower system calls that now go through the container runtime',
			// Misconception: containers give every benefit of VMs.
			'Every benefit the VMs gave, other kernels included, and they give up nothing but some disk space for the images',
			// Misconception: containers let each service choose its processor.
			'The freedom to give each service its own processor architecture, at the price of one set of libraries for all the services'
		],
		answer: 0,
		explanation:
			'Containers give many, though not all, of the benefits of VMs at far lower cost: no second kernel to boot, feed or emulate hardware for. What they give up is running another kernel.'
	},
	{
		id: 'decoupling',
		card: 'decoupling',
		main: true,
		prompt: 'Which of these is an example of decoupling, in container virtualization?',
		choices: [
			// Misconception: a container carries its own kernel, so it runs on any OS.
			'A container made on an x86 Linux laptop runs unchanged on a Windows server, since it brings along the kernel it needs',
			'A container made on a Linux laptop runs unchanged on a cloud server, as long as that server offers the same kernel',
			// Misconception: decoupled means independent of the host kernel at run time.
			'A container keeps running while its host reboots, because the container does not depend on the kernel it started on',
			// Misconception: mixes up decoupling with isolation.
			'The processes of one container cannot read the files of the container next to it, although both run on one machine'
		],
		answer: 1,
		explanation:
			'Decoupling separates the software from the machine: several systems on one machine, a setup that moves to another machine, a laptop or a cloud server, as long as it offers the same platform (for a container, the same kernel), and resources sized per system. Not seeing a neighbour’s files is isolation.'
	},
	{
		id: 'isolation',
		card: 'isolation',
		main: true,
		prompt: 'Which of these is an example of isolation, in container virtualization?',
		choices: [
			// Misconception: isolation means reserved hardware resources.
			'The app is given a fixed share of CPU and memory that no other container may use, even while the app is idle',
			// Misconception: each container has a kernel of its own.
			'The app runs on a kernel that no other container can reach, so a crash in one kernel stops only one container',
			// Misconception: mixes up isolation with decoupling.
			'The app moves to another machine with the same kernel and runs there without a single change',
			'The app’s libraries and configuration go with it, and nothing it writes reaches the container next door'
		],
		answer: 3,
		explanation:
			'Isolation has two halves: nothing leaks into or out of the container, and everything the app needs (configuration, packages) is kept together with it. Moving to another machine is decoupling; sizing resources is done with cgroups.'
	}
];
