import type { Question } from '$lib/components/selfcheck';

export const questions: Question[] = [
	{
		id: 'resources',
		prompt: 'Which resources does OS virtualization control for a container?',
		choices: [
			'Only the names it can see: PIDs, file names, user names and host name',
			'CPU time, memory, and disk and network bandwidth, for the container and everything it runs',
			'CPU time only; memory is always shared freely between containers'
		],
		answer: 1,
		explanation:
			'Namespaces handle names; resource control limits how much CPU time, memory and disk or network bandwidth the whole container, with every process in it, can consume.'
	},
	{
		id: 'what-cgroups-do',
		prompt: 'What do cgroups do?',
		choices: [
			'They give each container its own kernel',
			'They hide processes of other containers from ps',
			'They control the resources (CPU time, memory, disk or network bandwidth) allocated to a set of processes'
		],
		answer: 2,
		explanation:
			'A cgroup is a set of processes the kernel accounts for and limits as one unit; hiding processes is the job of PID namespaces.'
	},
	{
		id: 'children-stay',
		prompt:
			'True or false: a process in a CPU-limited cgroup can escape the limit by forking children.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'A forked child starts in its parent’s cgroup, so its CPU time counts against the same quota.'
	},
	{
		id: 'quota',
		prompt:
			'A group has cpu.max "50000 100000" and runs a process that wants a whole CPU. What happens?',
		choices: [
			'It runs 50 ms, is throttled for the rest of each 100 ms period, and runs again when the next period starts',
			'It runs at full speed until the machine runs out of CPU',
			'It is killed once it has used 50 ms'
		],
		answer: 0,
		explanation:
			'The quota is CPU time per period. Once it is used up the group is throttled, not killed, until the period ends and the quota is refilled.'
	},
	{
		id: 'weight',
		prompt:
			'Two sibling groups, weights 200 and 100, both want all of one CPU. What share does the first get?',
		choices: ['One half', 'Two thirds', 'All of it'],
		answer: 1,
		explanation: 'Contended CPU is shared in proportion to cpu.weight: 200 / (200 + 100) = 2/3.'
	},
	{
		id: 'oom',
		prompt: 'A group reaches memory.max and no page cache is left to reclaim. What does Linux do?',
		choices: [
			'Lets the group exceed the limit a little',
			'Kills a process on the machine with the most memory, in any group',
			'Calls the OOM killer, which kills a process inside the group that hit the limit'
		],
		answer: 2,
		explanation:
			'memory.max is a hard limit. After reclaim fails, the memory-cgroup OOM killer picks a victim among that group’s processes (roughly the one using the most memory); other groups are left alone.'
	},
	{
		id: 'high',
		prompt: 'What happens when a group goes above memory.high (but stays below memory.max)?',
		choices: [
			'The kernel reclaims its memory and slows it down, but kills nothing',
			'The OOM killer is called at once',
			'Nothing; memory.high is only a statistic'
		],
		answer: 0,
		explanation:
			'memory.high is the throttling threshold: reclaim pressure and allocation delays, never an OOM kill.'
	},
	{
		id: 'chroot',
		prompt: 'What did chroot, an early form of OS virtualization, change for a process?',
		choices: [
			'How much CPU time it may use',
			'Where path-name resolution starts: it sees a different directory as its root',
			'Which kernel it runs on'
		],
		answer: 1,
		explanation:
			'chroot changes the starting point of path resolution: a name, not a limit. Limits on resources came with cgroups.'
	}
];
