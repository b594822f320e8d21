import type { Question } from '$lib/components/selfcheck';

/*
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Sources: cgroups(7) (membership, fork), Documentation/admin-guide/cgroup-v2.rst
 * (cpu.max, cpu.weight, memory.high, memory.max, io.max, the controllers that
 * exist), tc(8) (network bandwidth).
 */
export const questions: Question[] = [
	{
		id: 'resources',
		card: 'resources',
		main: true,
		prompt: 'What must OS virtualization hold a container to, and who counts against the limit?',
		choices: [
			// Misconception: the names a container sees are the resources it uses.
			'The names it can see (PIDs, files, users, host name), since a process that cannot name a thing cannot use it either',
			'How much processor, memory, disk and network it may use, for all its processes together',
			// Misconception: limits apply to each process separately.
			'How much processor, memory, disk and network it may use, counted per process, so ten processes get ten shares',
			// Misconception: memory needs no control because the kernel can always page it out.
			'Only its CPU time, since the kernel can always page a container’s memory out to disk'
		],
		answer: 1,
		explanation:
			'A container that sees only its own names can still use up the CPU, memory or disk, so OS virtualization limits how much the whole container, every process in it together, may use. On Linux, cgroups limit CPU, memory and disk I/O; network bandwidth is limited with traffic-control (tc) rules.'
	},
	{
		id: 'what-cgroups-do',
		card: 'cgroups',
		main: true,
		prompt:
			'A runtime makes a cgroup for a container and writes the container’s first PID into its cgroup.procs. What follows?',
		choices: [
			// Misconception: cgroups hide processes (that is the PID namespace).
			'The container’s processes disappear from ps on the host, since they now belong to a group of their own',
			// Misconception: only the listed process is limited.
			'Only that one process is held to the group’s limits; the children it forks start in the root group',
			// Misconception: a cgroup is a separate kernel.
			'The container gets a scheduler and memory allocator of its own, apart from the ones the host uses',
			'That process and all it forks from then on are counted and limited as one unit by the group’s files'
		],
		answer: 3,
		explanation:
			'A cgroup is a set of processes that the kernel accounts for and limits as a unit; a child created by fork() starts in its parent’s cgroup (cgroups(7)). Limit files such as cpu.max, memory.max and io.max apply to the group as a whole. Hiding processes is the job of PID namespaces.'
	},
	{
		id: 'children-stay',
		card: 'cgroups',
		prompt:
			'True or false: a process in a CPU-limited cgroup can escape the limit by forking children.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'False. A forked child starts in its parent’s cgroup, so its CPU time counts against the same quota.'
	},
	{
		id: 'quota',
		card: 'cgroups',
		prompt:
			'A group has cpu.max "50000 100000" and runs one process that wants a whole CPU. What happens?',
		choices: [
			// Misconception: cpu.max, like cpu.weight, matters only under contention.
			'It runs at full speed while no other group wants the CPU, because cpu.max takes effect only under contention',
			'It runs for 50 ms, is throttled for the rest of each 100 ms period, then runs again in the next one',
			// Misconception: using up a CPU quota is punished like going over memory.max.
			'It is killed once it has used its 50 ms, as going over memory.max brings in the OOM killer',
			// Misconception: the limit slows the processor down.
			'It runs all the time but at half the clock speed, because the kernel lowers the CPU’s frequency for the group'
		],
		answer: 1,
		explanation:
			'cpu.max is a quota of CPU time per period (cgroup-v2.rst). When the group has run for its 50 ms it is throttled until the period ends and the quota is refilled, whether or not anything else wants the CPU.'
	},
	{
		id: 'weight',
		card: 'cgroups',
		prompt:
			'Two sibling groups with cpu.weight 200 and 100 both want all of one CPU. What share does the first get?',
		choices: [
			// Misconception: a higher weight means lower priority, like a higher nice value.
			'One third: a higher weight means a lower priority, in the same way as a higher nice value does',
			// Misconception: weights only matter with a cpu.max limit.
			'One half: weights count only when the groups also have a cpu.max limit, and neither of these has one',
			// Misconception: weight is a strict priority.
			'All of it: the group with the higher weight always runs first, and the other waits until it is idle',
			'Two thirds: while both want the CPU, it is shared in proportion to the weights, 200 to 100'
		],
		answer: 3,
		explanation:
			'Contended CPU is shared in proportion to cpu.weight: 200 / (200 + 100) = 2/3. When the second group is idle, the first may use all of it; the weight is not a cap.'
	},
	{
		id: 'oom',
		card: 'cgroups',
		prompt:
			'A group reaches memory.max and reclaim cannot free enough of its memory. What does Linux do?',
		choices: [
			'The OOM killer runs for that group: it kills a process in the group and leaves other groups alone',
			// Misconception: a cgroup OOM kills the biggest process on the whole machine.
			'It kills the process on the whole machine that uses the most memory, whichever group that process is in',
			// Misconception: memory.max is only recorded, not enforced.
			'It lets the group keep growing past the limit and only records, in memory.events, how far over it went',
			// Misconception: allocations wait for other groups to free memory.
			'It makes the allocating process wait until another group frees memory, however long it takes'
		],
		answer: 0,
		explanation:
			'memory.max is the hard limit (usage may pass it only briefly). When reclaim fails, the OOM killer is invoked in the cgroup and picks a victim among that group’s processes (roughly the one using the most memory); other groups are left alone (cgroup-v2.rst).'
	},
	{
		id: 'high',
		card: 'cgroups',
		prompt: 'What happens when a group goes above memory.high (but stays below memory.max)?',
		choices: [
			// Misconception: memory.high is where OOM kills start.
			'The OOM killer is called for the group at once, since memory.high is the point where the kernel starts killing',
			// Misconception: memory.high is only a statistic.
			'Nothing at all: memory.high is only a figure that monitoring tools read, and it has no effect on the group',
			// Misconception: going over memory.high makes allocations fail.
			'The group’s new allocations fail with ENOMEM until its usage has dropped back below memory.high',
			'The kernel puts the group under heavy reclaim and makes its processes wait, but it kills nothing'
		],
		answer: 3,
		explanation:
			'memory.high is the throttle limit: above it the group’s processes are throttled and put under heavy reclaim pressure, and going over it never invokes the OOM killer (cgroup-v2.rst).'
	},
	{
		id: 'network-bandwidth',
		card: 'resources',
		prompt: 'Which cgroup v2 file limits a container’s network bandwidth?',
		choices: [
			// Misconception: a net.max file exists, by analogy with io.max.
			'net.max, which takes a rate in bytes per second for each network interface the group uses',
			// Misconception: a network card counts as a block device for io.max.
			'io.max, since a network card is a device like a disk, so one limit covers both',
			'None: cgroup v2 has no network bandwidth file; traffic control (tc) limits it instead',
			// Misconception: limiting CPU time limits the network too.
			'cpu.max, since the CPU sends every packet, so limiting CPU time limits the packets sent'
		],
		answer: 2,
		explanation:
			'cgroup v2’s controllers cover CPU, memory, block I/O (io.max), PIDs and a few more, but no network bandwidth (cgroup-v2.rst). On Linux network bandwidth is limited with traffic-control rules on the interfaces (tc(8)); io.max limits block devices only.'
	}
];
