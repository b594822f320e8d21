import type { Question } from '$lib/components/selfcheck';

/** The lesson's fixed questions; two more are generated from the learner's own tree. */
export const questions: Question[] = [
	{
		id: 'pid-separation',
		prompt: 'How does Linux handle namespace separation for process IDs?',
		choices: [
			'A process gets a single PID, in the namespace it was created in',
			'A new process gets a PID in its own namespace and in every namespace above it',
			'Each container renames the host’s PIDs through a translation table it keeps',
			'All namespaces share one counter, and each namespace hides the numbers it does not own'
		],
		answer: 1,
		explanation:
			'When a process is created, the kernel hands it a number in its own PID namespace and one in each ancestor namespace, up to the root. Inside, it is known by the innermost number; the host knows it by the outermost one.'
	},
	{
		id: 'ps-in-container',
		prompt: 'True or false: running ps inside the container shows all processes.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'False. The container’s processes live in their own PID namespace, and ps (reading the container’s own /proc) lists only the processes of that namespace and of the ones nested in it, with their numbers as seen there. The host’s processes are invisible inside; the host sees the container’s processes, under other PIDs.'
	},
	{
		id: 'first-pid',
		prompt: 'A process is cloned into a brand-new PID namespace. Which PID does it have there?',
		choices: ['The same PID as its parent', '1', 'The next free PID of the host', '0'],
		answer: 1,
		explanation:
			'A new namespace starts its own count: its first process is PID 1, the namespace’s init. Its parent namespace still gives it an ordinary number of its own.'
	},
	{
		id: 'no-reuse',
		prompt:
			'A namespace has handed out PIDs 1 to 5; then the process with PID 3 exits. Which PID does the next process created there get?',
		choices: ['3', '6', '5', '1'],
		answer: 1,
		explanation:
			'Each namespace hands out the number after the last one it handed out. A freed number is skipped until the counter wraps around at pid_max, so the next process gets 6.'
	},
	{
		id: 'init-dies',
		prompt: 'The init (PID 1) of a container’s PID namespace exits. What happens?',
		choices: [
			'Its children are adopted by the host’s init and keep running',
			'The kernel kills every process in that namespace and in the namespaces nested in it',
			'The oldest remaining process becomes PID 1',
			'Nothing: the namespace keeps running without an init'
		],
		answer: 1,
		explanation:
			'A PID namespace cannot outlive its init: the kernel sends SIGKILL to every process with a PID in it, which includes every process of the namespaces nested inside. Afterwards nothing can be created there.'
	},
	{
		id: 'orphans',
		prompt: 'Inside a container, a shell exits while its two jobs are still running. Who adopts the jobs?',
		choices: [
			'The host’s init (PID 1 of the root namespace)',
			'The container’s init (PID 1 inside the container)',
			'Nobody: orphans are killed'
		],
		answer: 1,
		explanation:
			'Orphans go to the init of the exiting process’s own namespace, so they stay inside the container. Only the container’s init itself, when its parent exits, is adopted by a process outside.'
	},
	{
		id: 'depth-limit',
		prompt: 'How deep can PID namespaces be nested on Linux?',
		choices: ['2 levels', '8 levels', '32 levels', 'Without limit'],
		answer: 2,
		explanation:
			'The kernel allows 32 levels of nesting below the initial namespace (since Linux 3.7); creating a 33rd fails with ENOSPC, and the failed clone uses up no PID.'
	}
];
