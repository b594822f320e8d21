import type { Question } from '$lib/components/selfcheck';

/*
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Sources: namespaces(7), mount_namespaces(7), pivot_root(2), chroot(2),
 * network_namespaces(7), veth(4), uts_namespaces(7), user_namespaces(7),
 * credentials(7), capabilities(7), Documentation/admin-guide/cgroup-v2.rst
 * (“Device controller”), Docker’s “Isolate containers with a user namespace”.
 */
export const questions: Question[] = [
	{
		id: 'names-virtualized',
		card: 'names',
		main: true,
		prompt:
			'Which names must a container make private so that its programs cannot tell they share the machine?',
		choices: [
			// Misconception: resources (how much) are confused with names (what is seen).
			'Its CPU time, memory and disk bandwidth, so that no program can notice the load that another one puts on the machine',
			// Misconception: process IDs are the only giveaway.
			'Only its process IDs: once a program sees no processes but its own, nothing else can give the sharing away',
			// Misconception: the kernel interface itself must look different per container.
			'Its system-call numbers and kernel symbols, so that every container sees a kernel that looks like its own',
			'Its PIDs, its file tree, its user IDs, and the host’s name and network addresses'
		],
		answer: 3,
		explanation:
			'Each of these would otherwise give the sharing away: ps shows the PIDs, paths show the file tree, id shows the users, and hostname and ip show the host name and addresses. CPU and memory are resources to control (cgroups), not names.'
	},
	{
		id: 'user-ns',
		card: 'names',
		prompt:
			'A container’s uid_map and gid_map are “0 100000 65536”. Its root opens for writing a host file owned by uid 0, mode 644, which a bind mount shows inside. What happens?',
		choices: [
			// Misconception: uid 0 inside a user namespace is uid 0 everywhere.
			'It succeeds: uid 0 inside is uid 0 to every permission check, whichever namespace the file comes from',
			'It fails with EACCES: the file’s owner is not mapped, so root inside cannot override the file’s mode',
			// Misconception: writes to files outside the image are redirected to a private copy.
			'It succeeds, but the write lands in a private copy of the file, which only the container can see',
			// Misconception: a user namespace forbids every write outside the container's own image.
			'It fails because a process in a user namespace may never write any file outside its own image'
		],
		answer: 1,
		explanation:
			'The kernel checks the file with the process’s filesystem UID, which is 100000 on the machine: to others, mode 644 gives no write. Root’s capabilities inside override permissions only on files whose UID and GID are both mapped into its namespace, and uid 0 outside is not (user_namespaces(7), “Operation of file-related capabilities”; credentials(7)). A file it owns, or one whose owner and group it both maps, it may write.'
	},
	{
		id: 'root-without-userns',
		card: 'names',
		prompt:
			'Docker as installed by default (rootful, no userns-remap) runs a container whose process is root inside. Which uid does the host kernel see for it?',
		choices: [
			// Misconception: every container has a user namespace that maps its root away.
			'A high uid such as 100000, because each container gets a user namespace that maps its root to an unprivileged uid',
			// Misconception: the container takes on the identity of whoever started it.
			'The uid of the user who ran docker run, because a container inherits the identity of the user who started it',
			'Uid 0: without a user namespace nothing translates its IDs; it is the host’s root, held back by other means',
			// Misconception: a container's root always shows as nobody outside.
			'Uid 65534 (nobody), because a container’s root is always shown as the overflow uid outside the container'
		],
		answer: 2,
		explanation:
			'Without a user namespace the process’s IDs are the host’s: root inside is root on the machine, held back by dropped capabilities, seccomp and security profiles, and by what its other namespaces let it see. Only a user namespace (rootless Podman or Docker, or Docker’s userns-remap) maps it to an unprivileged uid (user_namespaces(7)).'
	},
	{
		id: 'resources-separated',
		card: 'linux-namespaces',
		main: true,
		prompt:
			'A container needs its own mount points, process IDs, network and devices. How does Linux provide these four?',
		choices: [
			'Mount, PID and network namespaces for the first three, and for devices the mount namespace’s own small /dev',
			// Misconception: there is a device namespace.
			'A namespace of its own for each of the four, the device namespace deciding which devices a container may see',
			// Misconception: cgroups do the separating.
			'Cgroups for all four: each cgroup keeps its own mount table, PID counter, network stack and list of devices',
			// Misconception: everything is a file, so one file view covers all four.
			'One mount namespace for all four: PIDs, network and devices show as files, so one file view covers them all'
		],
		answer: 0,
		explanation:
			'Mount, PID and network namespaces give the first three (and UTS, user, IPC, cgroup and time namespaces separate others). Linux has no device namespace: devices are hidden by giving the container’s mount namespace its own small /dev. Cgroups limit how much is used; they do not separate names.'
	},
	{
		id: 'hostname',
		card: 'linux-namespaces',
		prompt:
			'Two containers on one machine print different host names. Which namespace makes that possible?',
		choices: [
			// Misconception: the host name belongs to the network configuration.
			'The network namespace, since a host name belongs with the network interfaces and their addresses',
			// Misconception: the kernel reads the host name from /etc/hostname on every call.
			'The mount namespace: each container has its own /etc/hostname, and the kernel reads the name from it',
			'The UTS namespace: uname() and hostname answer with the name kept in the caller’s UTS namespace',
			// Misconception: the host name is a property of the init process.
			'The PID namespace, since the host name is kept with the container’s init, the process with PID 1'
		],
		answer: 2,
		explanation:
			'The host name is kept in the UTS namespace, and uname() and sethostname() act on the caller’s (uts_namespaces(7)); /etc/hostname is only a file that tools read at boot to set it.'
	},
	{
		id: 'mount-ns',
		card: 'mount-namespace',
		main: true,
		prompt:
			'A runtime creates a new mount namespace for a container. What is in its mount table at first, and how does the image become its “/”?',
		choices: [
			// Misconception: a new mount namespace starts empty.
			'Nothing: the table starts empty, and the runtime adds the image’s file system as its one mount',
			// Misconception: the namespace keeps the parent's table and the kernel prefixes paths, like chroot.
			'The parent’s own table, shared; the kernel puts the image’s directory before every path the container opens',
			// Misconception: a mount namespace copies files, not mounts.
			'A private copy of the disk’s files, made when the namespace is created, which only this container can change',
			'A copy of the mounts where it was made; later, pivot_root puts the container’s files at its “/”'
		],
		answer: 3,
		explanation:
			'A new mount namespace starts with a copy of its parent’s mount list (mount_namespaces(7)). From then on the two tables change independently (as far as propagation allows), and the runtime mounts the image and swaps it in as the root with pivot_root(2), then detaches the old root.'
	},
	{
		id: 'chroot',
		card: 'mount-namespace',
		prompt:
			'After chroot /srv/jail, a process opens /etc/passwd. Which file does it get, and what else has changed for it?',
		choices: [
			// Misconception: chroot only changes what listings show.
			'The machine’s /etc/passwd: chroot changes what ls / lists, but open() still resolves paths from the real root',
			// Misconception: chroot is a container.
			'/srv/jail/etc/passwd, and it now has PID numbers and a host name of its own, as a container process does',
			'/srv/jail/etc/passwd; nothing else changed: its PIDs, users and network are still the machine’s',
			// Misconception: chroot copies files to protect the originals.
			'A fresh copy of /etc/passwd that chroot made for it when it started, so that the real file stays safe'
		],
		answer: 2,
		explanation:
			'chroot(2) changes only where the resolution of absolute paths starts, so /etc/passwd is /srv/jail/etc/passwd. PIDs, users and the network stay shared, and a privileged process can leave the jail: namespaces were needed for the rest.'
	},
	{
		id: 'net-ns',
		card: 'net-namespace',
		main: true,
		prompt:
			'A runtime creates a new network namespace for a container. What can the container reach at first, and what connects it to the host?',
		choices: [
			'Only its own loopback, until a veth pair is made with one end in the container and one on the host',
			// Misconception: a network namespace is a filtered view of the host's interfaces.
			'Every interface of the host, filtered by firewall rules that the runtime writes for that one container',
			// Misconception: interfaces are shared and only the routing table is private.
			'The host’s eth0 directly, because namespaces share the physical cards and keep only their routing tables apart',
			// Misconception: a network namespace can never talk to anything outside itself.
			'Nothing, ever: a process in its own network namespace can send no packet outside it'
		],
		answer: 0,
		explanation:
			'A new network namespace has its own interfaces, addresses and routing table, and at first only a loopback interface, down until it is brought up (network_namespaces(7), ip-netns(8)). A veth pair joins two namespaces like a cable (veth(4)); a bridge on the host joins several.'
	},
	{
		id: 'longest-prefix',
		card: 'net-namespace',
		prompt:
			'A namespace has the routes “default via 172.17.0.1” and “172.17.0.0/16 dev eth0”. Which is used for a packet to 172.17.0.3?',
		choices: [
			// Misconception: a default route takes precedence.
			'The default route via 172.17.0.1, since a default route is preferred over the routes of single networks',
			// Misconception: routes are tried in the order they were added.
			'Whichever of the two was added to the table first, because the kernel tries the routes in that order',
			'172.17.0.0/16 dev eth0: both match, and the more specific route, with the longer prefix, is chosen',
			// Misconception: a packet is sent along every matching route.
			'Both of them, one copy of the packet each, because the kernel sends along every route that matches'
		],
		answer: 2,
		explanation:
			'Both routes match, and the longest matching prefix wins: /16 is longer than the default route’s /0, so the packet leaves by eth0 straight to 172.17.0.3, with no gateway.'
	},
	{
		id: 'devices',
		card: 'device-namespace',
		main: true,
		prompt: 'How is /dev/kvm present in one container and hidden in another?',
		choices: [
			// Misconception: Linux has a device namespace.
			'A device namespace holds the list of devices a container may see, and each container gets one of its own',
			// Misconception: hiding a device means detaching it from the machine.
			'The device is detached from the machine while the hiding container runs and attached again when it stops',
			'Its mount namespace’s /dev holds only some device nodes, and a cgroup device rule refuses the rest',
			// Misconception: every container gets virtual copies of every device.
			'Every container gets a virtual copy of each device, and the copies of hidden devices do nothing when used'
		],
		answer: 2,
		explanation:
			'Linux has no device namespace. A device with no node in the container’s /dev has no name there, and the cgroup device controller stops it being opened even if someone makes a node (in cgroup v2 a BPF program attached to the container’s cgroup, cgroup-v2.rst “Device controller”).'
	}
];
