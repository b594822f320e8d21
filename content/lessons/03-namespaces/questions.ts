import type { Question } from '$lib/components/selfcheck';

export const questions: Question[] = [
	{
		id: 'names-virtualized',
		prompt: 'Which names must a container virtualize?',
		choices: [
			'Only process IDs',
			'Process IDs, file names, user names, and the host name and IP address',
			'CPU time, memory and disk bandwidth',
			'Only the host name'
		],
		answer: 1,
		explanation:
			'Each of them would otherwise give the sharing away: PIDs, the file tree, user IDs, and the host name and addresses used on the network. CPU and memory are resources to control, not names.'
	},
	{
		id: 'resources-separated',
		prompt: 'Which resources does Linux separate with namespaces (in the course’s list)?',
		choices: [
			'Mount points, process IDs, network and devices',
			'CPU time and memory',
			'Only the file system',
			'Kernel modules and system calls'
		],
		answer: 0,
		explanation:
			'Mount, PID and network namespaces; devices are hidden by giving each mount namespace its own /dev (with the devices cgroup). CPU and memory are controlled by cgroups.'
	},
	{
		id: 'mount-ns',
		prompt: 'How do mount namespaces separate containers?',
		choices: [
			'They copy the whole disk for each container',
			'Each has its own mount table, so different namespaces see different views of the file system',
			'They encrypt each container’s files',
			'They give each container its own kernel'
		],
		answer: 1,
		explanation:
			'Path lookups go through the asking process’s mount table: its own root and its own mounts. A bind mount can still show one directory in several namespaces.'
	},
	{
		id: 'chroot',
		prompt: 'What did chroot, the ancestor of mount namespaces, change?',
		choices: [
			'Where path resolution starts: the root directory of a process',
			'The process’s user ID',
			'The network routes',
			'The PID numbers'
		],
		answer: 0,
		explanation:
			'After chroot /srv/jail, “/etc/passwd” resolves to /srv/jail/etc/passwd. It renames files only, which is why namespaces were needed.'
	},
	{
		id: 'pid-ns',
		prompt: 'How does Linux separate process IDs?',
		choices: [
			'A new process gets an ID in its own namespace only',
			'A new process gets an ID in its current namespace and in every parent namespace',
			'All processes share one list of IDs, filtered by ps',
			'Containers reuse the host’s IDs'
		],
		answer: 1,
		explanation:
			'That is why ps in a container shows its processes numbered from 1, while the host sees the same processes under other numbers.'
	},
	{
		id: 'ps-in-container',
		prompt: 'True or false: running ps inside a container shows all processes of the machine.',
		choices: ['True', 'False'],
		answer: 1,
		explanation:
			'ps inside sees only the processes in the container’s PID namespace (and namespaces nested in it).'
	},
	{
		id: 'net-ns',
		prompt: 'How does Linux separate networks?',
		choices: [
			'Every container must have its own physical network card',
			'A network namespace has private IP addresses and its own routing table, and talks to others through virtual interfaces such as veth pairs',
			'All containers share the host’s addresses and routes',
			'Containers cannot use the network'
		],
		answer: 1,
		explanation:
			'A veth pair joins two namespaces like a cable; a bridge joins several; each namespace routes with its own table.'
	},
	{
		id: 'longest-prefix',
		prompt:
			'A namespace has the routes “default via 172.17.0.1” and “172.17.0.0/16 dev eth0”. Which is used for a packet to 172.17.0.3?',
		choices: ['The default route', '172.17.0.0/16 dev eth0', 'Both, one copy each', 'Neither'],
		answer: 1,
		explanation:
			'Both match, and the longest matching prefix wins: /16 is longer than the default route’s /0.'
	},
	{
		id: 'devices',
		prompt: 'How can a device be present in one container and hidden in another?',
		choices: [
			'Each container’s mount namespace has its own /dev with only some device nodes (and the devices cgroup refuses the rest)',
			'The device is unplugged while the container runs',
			'Every container gets a copy of every device',
			'It cannot: devices are always shared'
		],
		answer: 0,
		explanation:
			'Linux has no device namespace: a device with no node in the container’s /dev has no name there, and the devices cgroup stops it being opened anyway.'
	},
	{
		id: 'user-ns',
		prompt:
			'A container’s uid_map is “0 100000 65536”. Its root tries to write a host file owned by the real root, mode 644. What happens?',
		choices: [
			'It succeeds: it is root',
			'It fails with permission denied: it is uid 100000 outside, and the file’s owner is not mapped into its namespace',
			'The file is copied into the container first',
			'The kernel asks the host’s root'
		],
		answer: 1,
		explanation:
			'Root inside a user namespace is privileged only over what the namespace maps. Outside it is an ordinary uid, and mode 644 gives others no write access.'
	},
	{
		id: 'hostname',
		prompt: 'Two containers on one machine print different host names. Which namespace makes that possible?',
		choices: ['The UTS namespace', 'The PID namespace', 'The IPC namespace', 'The mount namespace'],
		answer: 0,
		explanation: 'uname() answers with the host name of the caller’s UTS namespace.'
	}
];
