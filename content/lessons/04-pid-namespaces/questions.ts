import type { Question } from '$lib/components/selfcheck';

/*
 * The lesson's fixed questions; two more are generated from the learner's own tree.
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Sources: pid_namespaces(7), unshare(2), setns(2), clone(2), prctl(2)
 * (PR_SET_CHILD_SUBREAPER), proc(5) (/proc and ps).
 */
export const questions: Question[] = [
	{
		id: 'pid-separation',
		card: 'pid-namespace',
		main: true,
		prompt:
			'PID namespaces are nested three deep: the host’s, a container’s inside it, and a container’s inside that. A process is forked in the innermost one. Which PIDs does it get?',
		choices: [
			// Misconception: a process has a single PID; the runtime translates for the host.
			'One, in the innermost namespace only; the host finds it through a table of numbers the runtime keeps',
			// Misconception: only the innermost and the root namespace number a process.
			'Two: one in its own namespace and one on the host, whatever namespaces lie in between the two',
			'Three: one in its own namespace and one in each namespace above it, up to the host’s namespace',
			// Misconception: one counter is shared, and namespaces only hide numbers.
			'One, from a counter that all namespaces share; each namespace then hides the numbers it does not own'
		],
		answer: 2,
		explanation:
			'Three. When a process is created, the kernel hands it a number in its own PID namespace and one in each namespace above it, up to the root (pid_namespaces(7)). Inside, it is known by the innermost number; the host knows it by the outermost one.'
	},
	{
		id: 'ps-in-container',
		card: 'ps-in-container',
		main: true,
		prompt: 'True or false: running ps inside a container lists every process on the machine.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'False. The container’s processes live in their own PID namespace, and ps (reading the container’s own /proc) lists only the processes of that namespace and of the ones nested in it, with their numbers as seen there. The host’s processes are invisible inside; the host sees the container’s processes, under other PIDs.'
	},
	{
		id: 'first-pid',
		card: 'pid-namespace',
		prompt: 'A process is cloned into a brand-new PID namespace. Which PID does it have there?',
		choices: [
			'1: the new namespace starts its own count, and its first process is that namespace’s init',
			// Misconception: a child takes its parent's number.
			'Its parent’s PID, because a child keeps the number of the process that made it until it runs a new program',
			// Misconception: all namespaces share the host's counter.
			'The next PID the host would have handed out, because all namespaces draw on the host’s one counter',
			// Misconception: numbering starts at 0.
			'0: the first process of a namespace gets 0, and the numbering of the processes after it starts at 1'
		],
		answer: 0,
		explanation:
			'A new namespace starts its own count: its first process is PID 1, the namespace’s init. Its parent namespace still gives it an ordinary number of its own (pid_namespaces(7)).'
	},
	{
		id: 'unshare-caller',
		card: 'pid-namespace',
		prompt:
			'A shell calls unshare(CLONE_NEWPID) and then forks a child. Which process is in the new PID namespace?',
		choices: [
			// Misconception: unshare moves the caller into the new PID namespace.
			'The shell itself, which is PID 1 of the new namespace once the call returns',
			// Misconception: the caller's existing children move with it.
			'The shell and every process it had started before, which all move into the new namespace',
			// Misconception: a PID namespace is only entered with setns().
			'None yet: a new PID namespace is used only after some process has joined it with setns()',
			'Only the child it forks next, which becomes PID 1 there; the shell stays where it was'
		],
		answer: 3,
		explanation:
			'unshare() and setns() never move the caller into another PID namespace, since a process’s PID cannot change; they decide where the children created afterwards go. The first child becomes PID 1, the new namespace’s init (unshare(2), pid_namespaces(7)).'
	},
	{
		id: 'no-reuse',
		card: 'pid-namespace',
		prompt:
			'A namespace has handed out PIDs 1 to 5; then the process with PID 3 exits. Which PID does the next process created there get?',
		choices: ['1', '3', '5', '6'],
		answer: 3,
		explanation:
			'Each namespace hands out the number after the last one it handed out. A freed number is skipped until the counter wraps around at pid_max, so the next process gets 6.'
	},
	{
		id: 'init-dies',
		card: 'pid-namespace',
		prompt: 'The init (PID 1) of a container’s PID namespace exits. What happens?',
		choices: [
			// Misconception: orphans of a dead namespace move to the host's init.
			'Its children are adopted by the host’s init, and they keep running outside the namespace from then on',
			// Misconception: another process is promoted to init.
			'The oldest process left in the namespace becomes its PID 1 and takes over the init’s job from then on',
			'The kernel sends SIGKILL to every process in the namespace, nested namespaces’ processes included',
			// Misconception: a namespace can live on without its init.
			'Nothing changes: the namespace keeps running without an init, and its orphans are simply not adopted'
		],
		answer: 2,
		explanation:
			'A PID namespace cannot outlive its init: the kernel sends SIGKILL to every process with a PID in it, which includes every process of the namespaces nested inside. Afterwards creating a process there fails with ENOMEM (pid_namespaces(7)).'
	},
	{
		id: 'orphans',
		card: 'pid-namespace',
		prompt:
			'Inside a container, a shell exits while two jobs it started still run. No process has made itself a child subreaper. Who adopts the jobs?',
		choices: [
			// Misconception: every orphan goes to the machine's init.
			'The host’s init, PID 1 of the root namespace, which adopts orphaned processes wherever they are on the machine',
			'The container’s init: with no subreaper, an orphan goes to the init of its dead parent’s namespace',
			// Misconception: orphans are killed.
			'Nobody: the kernel kills the orphaned processes as soon as the parent that started them has exited',
			// Misconception: orphans go to their grandparent.
			'The parent of the shell that exited, since an orphaned process is handed to its grandparent'
		],
		answer: 1,
		explanation:
			'An orphan goes to its nearest living ancestor that made itself a child subreaper (prctl(2), PR_SET_CHILD_SUBREAPER); with none, to the init of the PID namespace its exiting parent was in (which, after setns(2) or unshare(2), may be outside the child’s own). Here that is the container’s, so the jobs stay inside it (pid_namespaces(7)).'
	},
	{
		id: 'depth-limit',
		card: 'pid-namespace',
		prompt: 'How deep can PID namespaces be nested on Linux?',
		choices: [
			// Misconception: containers cannot nest PID namespaces.
			'2 levels, host and container: a process inside a container may not create a PID namespace of its own',
			// Misconception: an invented small limit tied to memory use.
			'8 levels, because each level doubles the memory the kernel needs for every process on the machine',
			'32 levels below the initial namespace; a clone() that would make one more fails with ENOSPC',
			// Misconception: nesting costs nothing, so there is no limit.
			'Without a limit: each level adds only one more number to a process, and that costs almost nothing'
		],
		answer: 2,
		explanation:
			'Since Linux 3.7 the kernel limits PID namespaces to 32 levels of nesting (pid_namespaces(7)); a clone() or unshare() that would go deeper fails with ENOSPC (clone(2)).'
	}
];
