import type { Question } from '$lib/components/selfcheck';

/*
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Sources: Popek & Goldberg 1974 and IBM VM/370 (classic trap and emulate, LPSW
 * privileged); Intel SDM vol. 2A “IRET” and vol. 3A §5.9 (IRET does not trap
 * outside ring 0), Robin & Irvine 2000 (x86’s sensitive unprivileged
 * instructions); Intel SDM vol. 3C ch. 26 (what causes VM exits); Xen’s x86-64 PV ABI (HYPERVISOR_iret); virtio 1.x (virtqueues and
 * notifications); write(2) and fsync(2) (buffered against synchronous writes).
 */
export const questions: Question[] = [
	{
		id: 'hardware-path',
		card: 'hw-syscall-path',
		main: true,
		prompt: 'In a trap-and-emulate VM, an app calls getpid(). Which path does the call take?',
		choices: [
			'The hypervisor, the only code running privileged, catches the trap and reflects it into the guest kernel, which answers',
			// Misconception: the guest kernel receives the trap first, as on a real machine.
			'It traps straight to the guest kernel, as on a real machine, because the guest kernel owns the system-call entry point',
			// Misconception: the hypervisor knows and answers for the guest's processes.
			'It traps to the hypervisor, which answers getpid() from its own table of guest processes and never wakes the guest kernel',
			// Misconception: a VM's processes are the host's processes.
			'It goes to the host’s kernel, which answers with the PID that the host gave the VM’s process when the VM started'
		],
		answer: 0,
		explanation:
			'Only the hypervisor holds the real privilege, so the trap lands there; it hands the trap back (reflects it) to the guest kernel, which answers. On IBM VM/370, a classically virtualizable design, the guest kernel’s privileged return traps as well. On x86, IRET from a deprivileged kernel does not trap, one reason x86 needed binary translation, paravirtualization and then VT-x.'
	},
	{
		id: 'trap-emulate-getpid',
		card: 'hw-syscall-path',
		prompt:
			'Trap and emulate on a classic machine, where the return to user mode is a privileged instruction (LPSW on IBM VM/370): how many times does getpid() enter the hypervisor?',
		choices: ['0', '1', '2', '4'],
		answer: 2,
		explanation:
			'Two: once for the system call’s trap, which the hypervisor reflects to the guest kernel, and once for the guest kernel’s privileged return, which it emulates. On x86 a deprivileged kernel’s IRET would not trap at all (SYSRET would fault), one reason x86 could not be virtualized this way.'
	},
	{
		id: 'hardware-getpid',
		card: 'hw-syscall-path',
		prompt: 'A guest under VT-x calls getpid(). How many VM exits does the call itself cause?',
		choices: [
			// Misconception: every system call of a guest still goes to the hypervisor.
			'One: SYSCALL causes a VM exit, and KVM passes the call on to the guest kernel, which answers it',
			// Misconception: VT-x works like trap and emulate, trapping on the way back too.
			'Two: one on SYSCALL and one on SYSRET, the same two entries that trap and emulate costs',
			// Misconception: the hypervisor learns a call once and lets it through afterwards.
			'One, on the first call only: after it the hypervisor lets that guest’s system calls run natively',
			'None: SYSCALL and SYSRET run inside the guest, and its kernel answers without leaving it'
		],
		answer: 3,
		explanation:
			'None. SYSCALL and SYSRET are not among the instructions that cause VM exits (Intel SDM vol. 3C ch. 26), so the call runs inside the guest, without leaving it, at native speed. Other events can still exit (CPUID always does; HLT, some MSR and control-register accesses, external interrupts and EPT violations can), and device I/O is the main costly one.'
	},
	{
		id: 'paravirt-return',
		card: 'hw-syscall-path',
		prompt: 'Xen PV (64-bit): how does the guest kernel return to the app after a system call?',
		choices: [
			'With the iret hypercall: the deprivileged guest kernel asks Xen to switch back to the app for it',
			// Misconception: paravirtualization gives the guest kernel back its privilege.
			'With SYSRET, directly: a paravirtualized kernel is changed so that it may run privileged instructions',
			// Misconception: IRET is privileged and traps (it does not, on x86).
			'It runs IRET, which traps to Xen because IRET is privileged, and Xen then emulates the return',
			// Misconception: PV guests use hardware-assisted VM exits.
			'By a VM exit: the VT-x hardware takes it back to the app once Xen has checked the return address'
		],
		answer: 0,
		explanation:
			'A 64-bit PV guest kernel runs deprivileged (in ring 3, like its apps) and may not switch to user mode itself, so it asks Xen with the iret hypercall. IRET itself is not a privileged instruction on x86: it would not trap to Xen.'
	},
	{
		id: 'hardware-write',
		card: 'hw-syscall-path',
		prompt:
			'KVM with QEMU: why does a synchronous disk write (write() with O_SYNC, or followed by fsync()) cost far more in the VM than natively?',
		choices: [
			// Misconception: deprivileging is redone on each I/O.
			'The guest kernel has to be deprivileged again for every write, which empties the processor’s caches each time',
			// Misconception: a virtual disk exits once per byte.
			'Each byte written to the virtual disk is its own VM exit, since the disk is emulated one register access at a time',
			// Misconception: under VT-x every system call goes to the host.
			'The write() call itself exits to KVM, because VT-x sends each system call a guest makes to the host kernel',
			'The guest’s notify to its virtual disk exits to KVM; QEMU, in host user space, then does the I/O by system call'
		],
		answer: 3,
		explanation:
			'The guest kernel puts the request in a virtqueue and notifies the device; the notify causes a VM exit; KVM hands it to QEMU, which issues the host system call, and the completion comes back as an injected interrupt. A plain buffered write() would return once the data sat in the guest’s page cache, before any device I/O (write(2)).'
	},
	{
		id: 'os-path',
		card: 'os-syscall-path',
		main: true,
		prompt: 'In a container, an app calls getpid(). Which path does the call take?',
		choices: [
			// Misconception: the container runtime relays system calls.
			'It goes to the container runtime process, which forwards it to the host kernel and passes the answer back',
			// Misconception: a container has a kernel of its own.
			'It traps into a kernel inside the container, which asks the host kernel for the PID and passes it on',
			'It traps into the host kernel, the only one there is, which answers for its namespace and returns',
			// Misconception: containers run on a hypervisor.
			'It traps to a hypervisor, which hands it to the host kernel: a VM’s path, one step shorter'
		],
		answer: 2,
		explanation:
			'A container has no kernel of its own and no hypervisor: the call traps straight into the host kernel, one trap in and one return out, as with no container at all.'
	},
	{
		id: 'no-deprivileging',
		card: 'os-syscall-path',
		prompt: 'Why does OS virtualization need none of the deprivileging work that a VM needs?',
		choices: [
			// Misconception: containers rely on hardware virtualization.
			'Containers run only on processors with VT-x, whose hardware takes privilege away from each container by itself',
			// Misconception: containers have a kernel of their own to deprivilege.
			'The container runtime catches each privileged instruction that the container’s kernel runs and emulates it',
			// Misconception: programs in containers do not make system calls.
			'Programs in containers may not make system calls at all; they reach the kernel through files in /proc instead',
			'There is only one kernel, which keeps the full privilege it always had: no second kernel must run without it'
		],
		answer: 3,
		explanation:
			'Deprivileging exists so that a guest kernel can run without real privilege. A container has no guest kernel: the only kernel is the host’s, which keeps the privilege it always had.'
	},
	{
		id: 'native-getpid',
		card: 'os-syscall-path',
		prompt:
			'On a physical machine, natively and in a container: how many times does getpid() enter a hypervisor?',
		choices: ['0', '1', '2'],
		answer: 0,
		explanation:
			'None. There is no hypervisor, natively or in a container: the call traps into the one kernel and returns.'
	},
	{
		id: 'container-getpid',
		card: 'os-syscall-path',
		prompt: 'An app in a container calls getpid(). Which number comes back?',
		choices: [
			// Misconception: the host kernel answers with the host's number.
			'The PID that the host’s root namespace gave it, since the one answering is the host kernel',
			'Its PID in its own PID namespace: the one kernel answers with the number that namespace sees',
			// Misconception: every process in a container is PID 1.
			'Always 1, because each process in a container counts as that container’s init process',
			// Misconception: the runtime keeps its own PID table.
			'A PID that the container runtime keeps in a table of its own and hands back in the kernel’s place'
		],
		answer: 1,
		explanation:
			'The kernel answers with the PID in the caller’s own PID namespace (task_tgid_vnr); the host sees the same process under another number (pid_namespaces(7)).'
	}
];
