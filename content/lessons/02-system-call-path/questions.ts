import type { Question } from '$lib/components/selfcheck';

export const questions: Question[] = [
	{
		id: 'hardware-path',
		prompt: 'In a classic (trap-and-emulate) VM, what happens when an app makes a system call?',
		choices: [
			'It traps to the guest kernel directly, like on a real machine',
			'It traps to the hypervisor, which hands the trap back to the guest kernel',
			'The hypervisor answers the call itself and never involves the guest kernel'
		],
		answer: 1,
		explanation:
			'Only the hypervisor runs privileged, so the trap lands there; it reflects the call to the guest kernel, and the guest’s privileged return traps once more.'
	},
	{
		id: 'os-path',
		prompt: 'In a container, what happens when an app makes a system call?',
		choices: [
			'It traps to the one host kernel, which answers and returns',
			'It traps to a container runtime process, which forwards it to the kernel',
			'It traps to a guest kernel inside the container'
		],
		answer: 0,
		explanation:
			'A container has no kernel of its own: the call traps straight into the host kernel, one trap in and one return out, as with no container at all.'
	},
	{
		id: 'no-deprivileging',
		prompt: 'Why does OS virtualization need none of the deprivileging work of a VM?',
		choices: [
			'Because containers run only on processors with VT-x',
			'Because there is only one OS, already running with full privilege',
			'Because containers do not make system calls'
		],
		answer: 1,
		explanation:
			'Deprivileging exists so a guest kernel can run without real privilege. A container has no guest kernel: the only kernel is the host’s, which keeps its privilege.'
	},
	{
		id: 'native-getpid',
		prompt: 'Native: how many times does getpid() enter a hypervisor?',
		choices: ['0', '1', '2'],
		answer: 0,
		explanation: 'There is no hypervisor: the call traps into the kernel and returns.'
	},
	{
		id: 'container-getpid',
		prompt: 'Container: which PID does getpid() return?',
		choices: [
			'The PID in the root namespace',
			'The PID as seen in the caller’s own PID namespace',
			'Always 1'
		],
		answer: 1,
		explanation:
			'The kernel answers with the PID in the caller’s namespace (task_tgid_vnr); the host sees the same process under another number.'
	},
	{
		id: 'trap-emulate-getpid',
		prompt: 'Trap and emulate: how many hypervisor entries does getpid() cost?',
		choices: ['0', '1', '2', '4'],
		answer: 2,
		explanation:
			'One for the system call’s trap, one for the guest kernel’s privileged return: the hypervisor reflects the first and emulates the second.'
	},
	{
		id: 'paravirt-return',
		prompt: 'Xen PV (64-bit): how does the guest kernel return to the app after a system call?',
		choices: [
			'With SYSRET, directly',
			'With the iret hypercall to Xen',
			'By causing a VM exit'
		],
		answer: 1,
		explanation:
			'A 64-bit PV guest kernel runs deprivileged and may not switch to user mode itself, so it asks Xen with the iret hypercall.'
	},
	{
		id: 'hardware-getpid',
		prompt: 'Hardware-assisted (VT-x): does getpid() cause a VM exit?',
		choices: ['Yes, always', 'No: SYSCALL and SYSRET do not exit', 'Only the first time'],
		answer: 1,
		explanation:
			'SYSCALL and SYSRET are not among the instructions that cause VM exits, so the call stays inside the guest and runs at native speed.'
	},
	{
		id: 'hardware-write',
		prompt: 'KVM with QEMU: why is a disk write much costlier in the VM than natively?',
		choices: [
			'The guest kernel must be deprivileged for every write',
			'The device notify exits to KVM and the request goes through QEMU in host user space',
			'Every byte written causes a VM exit'
		],
		answer: 1,
		explanation:
			'The virtqueue notify causes a VM exit; KVM hands it to QEMU, which issues a host system call; the completion comes back as an injected interrupt.'
	}
];
