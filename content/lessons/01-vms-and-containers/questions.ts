import type { Question } from '$lib/components/selfcheck';

export const questions: Question[] = [
	{
		id: 'windows-in-linux-container',
		prompt: 'True or false: a Linux host can run Windows inside a container.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'A container uses the host’s kernel, so its programs must use that kernel’s ABI. Windows programs need the Windows kernel; they can run in a VM, which brings its own kernel.'
	},
	{
		id: 'suse-in-ubuntu',
		prompt: 'True or false: SUSE Linux can run inside a container on an Ubuntu host.',
		choices: ['True', 'False'],
		answer: 0,
		explanation:
			'Both are Linux and use the same kernel interface. What differs between distributions is their tools, libraries and file locations, and those travel inside the container.'
	},
	{
		id: 'ps-in-container',
		prompt: 'True or false: running ps inside a container lists every process on the host.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'The container has its own PID namespace, so ps sees only the container’s processes, numbered from 1. The host sees them too, under other PIDs (lesson “PID namespaces”).'
	},
	{
		id: 'stack-difference',
		prompt: 'Which describes hypervisor virtualization, as opposed to container virtualization?',
		choices: [
			'Guest OSes sit on a hypervisor, each with its own binaries, libraries and apps',
			'Several copies of binaries, libraries and apps sit on the one host OS',
			'Each app runs directly on the hardware without an OS'
		],
		answer: 0,
		explanation:
			'A hypervisor runs guest OSes, each carrying its own kernel, libraries and apps. Containers skip the guest kernels: their libraries and apps sit directly on the host OS.'
	},
	{
		id: 'vm-implications',
		prompt: 'Which is an implication of building a virtual machine?',
		choices: [
			'The VM and the physical machine share one instruction set',
			'The VM must use the host kernel’s ABI',
			'The guest needs no privileged access, so a VM is easy to build'
		],
		answer: 0,
		explanation:
			'The guest runs on the real CPU, so it shares the instruction set; it brings its own kernel, so its ABI may differ; and it is hard to build because the guest kernel expects privilege.'
	},
	{
		id: 'container-implications',
		prompt: 'Where do the difficulties of containers come from?',
		choices: [
			'From deprivileging a guest kernel',
			'From the OS names (PIDs, paths, users, host names) everyone shares',
			'From emulating a different instruction set'
		],
		answer: 1,
		explanation:
			'There is only one kernel, so nothing needs deprivileging; the work is giving each container its own view of names the OS normally shares with everyone.'
	},
	{
		id: 'why-os-virtualization',
		prompt: 'Why virtualize an operating system rather than the hardware?',
		choices: [
			'It gives every benefit of a VM, including other kernels',
			'It gives many of a VM’s benefits with much lower overhead',
			'It is the only way to isolate programs'
		],
		answer: 1,
		explanation:
			'Containers share the host kernel, so there is no guest kernel to boot or feed, at the price of running only programs for that kernel.'
	},
	{
		id: 'decoupling',
		prompt: 'Which is NOT one of the three properties of decoupling?',
		choices: [
			'Several systems share one physical machine',
			'A setup moves to another machine offering the same kernel',
			'Resources are adjusted to each system’s needs',
			'Each container runs its own kernel'
		],
		answer: 3,
		explanation:
			'Decoupling means many systems on one machine, moving a setup to another machine with the same kernel, and sizing resources per system. Containers share one kernel.'
	},
	{
		id: 'isolation',
		prompt: 'Isolation in container virtualization means…',
		choices: [
			'Nothing leaks in or out, and an app’s configuration and packages are isolated with it',
			'Each container gets its own CPU',
			'Containers cannot use the network'
		],
		answer: 0,
		explanation:
			'Isolation has two halves: no leaks between container and outside, and the app’s whole environment (configuration, packages) kept with it.'
	}
];
