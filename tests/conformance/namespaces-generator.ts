/**
 * Seeded random `namespaces` scenarios for tests/conformance/namespaces.test.ts.
 *
 * Each scenario varies what the model claims to model: a small file tree (a
 * tiny alphabet, so paths collide and nest) with owners and modes and a few
 * device nodes; mount namespaces with their own roots and bind mounts (nested
 * targets, in any order, some read-only, sometimes on "/"); user namespaces
 * whose uid maps take in some file owners and leave others out; processes
 * with uids, chroots and a mix of namespaces; UTS host names; System V IPC
 * objects of each type; PID namespaces nested up to three deep; and, in about
 * half of them, a network: containers joined to the host by veth pairs or by
 * a bridge, a physical card, addresses and routes. The ops are `ls`,
 * `ls /dev`, `write`, `id`, `hostname`, `ipcs`, `ps`, `ip addr`, `ip route`
 * and `send`.
 *
 * It keeps to what tests/conformance/namespaces-kernel.ts can build, and away
 * from what the model leaves out on purpose:
 * - directories are readable and searchable by everyone (755, 775, 777): the
 *   model checks permission only for `write`, not for path lookup or `ls`;
 * - every mount point and chroot directory is listed in `files`, as a runtime
 *   makes them (the harness would otherwise make them on the machine's file
 *   tree, where the model does not know of them); a mount whose target would
 *   lie below a file is left out;
 * - bind mounts are of directories, and no `write` goes to a device node (the
 *   kernel then opens the device's driver, which the model has none of);
 * - a device number is written as the kernel prints it (no leading zeros);
 * - host names are dot-separated labels of letters, digits and inner "-"
 *   (hostname(1), which sets them, refuses others; the kernel would not);
 * - no two IPC objects of one type share a key, except the private key 0;
 * - a `send` comes from a process whose user namespace maps uid 0 (the
 *   harness sends as that uid);
 * - the first process is in the initial PID namespace, and each later one is
 *   in a PID namespace that already has a process or whose parent has one;
 * - every address is used once on the whole machine, never in 0/8 or 127/8,
 *   lo keeps 127.0.0.1/8, no interface's subnet is another's on the same
 *   namespace, a static route's prefix is never a connected subnet or another
 *   static route's (`ip route add` refuses both with EEXIST), and its gateway
 *   is in the subnet of its device;
 * - no physical card is a bridge port: in its first seconds a bridge sends
 *   IGMPv3 membership reports of its own (to 224.0.0.22, from its address;
 *   it joins 224.0.0.106 when it comes up, net/bridge/br_multicast.c,
 *   br_multicast_join_snoopers()) out of every port, and
 *   the harness would count one that leaves by a card during a `send` as the
 *   datagram leaving the machine (seen: a datagram the host has no route for
 *   reported as sent out of the bridged card).
 *
 * Corners the model once got wrong, now fixed in it and each checked by a
 * hand-written case in namespaces.test.ts ("network corners", "an address on
 * a bridge port", "a namespace that owns the ARP request's sender address"),
 * which the generator still keeps away from:
 * - a datagram to a subnet's broadcast address (10.0.2.3 on 10.0.2.2/30):
 *   connect() fails with EACCES, since the socket has no SO_BROADCAST
 *   (net/ipv4/datagram.c, __ip4_datagram_connect()). The generator gives veth
 *   pairs /24 subnets and sends to no broadcast address.
 * - a datagram to 127.x.x.x other than 127.0.0.1: the source is 127.0.0.1,
 *   the preferred source of the local route 127.0.0.0/8 (net/ipv4/route.c,
 *   ip_route_output_key_hash_rcu(), RTN_LOCAL). The generator sends to
 *   127.5.5.5 too, and to 255.255.255.255 (EACCES once a route matches it).
 * - a static route without a gateway: ip(8) adds it with scope link
 *   (ip-route(8)) and `ip route` prints "... dev eth0 scope link". Every static
 *   route has a gateway.
 * - a route out of an interface with no address: the source is the first
 *   global address of the namespace's interfaces in the kernel's device list
 *   (net/ipv4/devinet.c, inet_select_addr()), which is the order they were
 *   made in. The model takes the listed order; the harness makes physical
 *   cards last, so the two can differ. Every route's device has an address.
 * - a route out of a bridge port that has the address (10.0.2.1/24 on a veth
 *   enslaved to br0): the ARP reply comes in by the port, which hands it to
 *   the bridge (net/bridge/br_input.c, br_handle_frame()), so the neighbour
 *   entry on the port stays INCOMPLETE and the datagram is dropped. Bridge
 *   ports have no address.
 * - a datagram whose source address the receiving namespace also owns (two
 *   namespaces with 10.0.2.1): the receiver does not answer the sender's ARP
 *   request, whose sender address is one of its own (net/ipv4/arp.c,
 *   arp_process(), through fib_validate_source() in net/ipv4/fib_frontend.c:
 *   "Within the same container, it is regarded as a martian source"), so the
 *   datagram is dropped. Every address is used once.
 */
import type {
	Command,
	NamespaceInput,
	NamespacesScenarioInput,
	OpInput
} from '../../src/lib/sim/namespaces';
import { mulberry32 } from './unionfs-generator';

type FileSpec = {
	path: string;
	type?: 'file' | 'dir' | 'char' | 'block';
	uid?: number;
	mode?: string;
	dev?: string;
};
type Mount = { target: string; source: string; readonly?: boolean };
type Random = () => number;

const NAMES = ['a', 'b', 'c', 'd'];
const DIR_MODES = ['755', '775', '777'];
const FILE_MODES = [
	'644',
	'600',
	'666',
	'640',
	'606',
	'602',
	'660',
	'400',
	'200',
	'000',
	'777',
	'4755',
	'1666'
];
/** File owners: root, a user, a user namespace's range (100000–100999 with the maps below), one past it, nobody. */
const OWNERS = [0, 0, 1000, 100000, 100001, 100500, 100999, 101000, 200000, 65534];
const DEVICES: [string, string][] = [
	['char', '1:3'],
	['char', '1:5'],
	['char', '5:1'],
	['block', '7:0'],
	['block', '8:16']
];

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (random: Random, min: number, max: number) =>
	min + Math.floor(random() * (max - min + 1));
const chance = (random: Random, p: number) => random() < p;

const parentOf = (path: string) =>
	path.lastIndexOf('/') === 0 ? '/' : path.slice(0, path.lastIndexOf('/'));
const joinPath = (base: string, rest: string) =>
	rest === '/' ? base : base === '/' ? rest : base + rest;
/** Is `target` a prefix of `path` at a component boundary? */
const under = (path: string, target: string) =>
	target === '/' || path === target || path.startsWith(`${target}/`);

function randomPath(random: Random, maxDepth: number): string {
	const depth = int(random, 1, maxDepth);
	let path = '';
	for (let i = 0; i < depth; i++) path += `/${pick(random, NAMES)}`;
	return path;
}

/** The machine's file tree as the generator grows it. */
class Tree {
	readonly files = new Map<string, FileSpec>();

	type(path: string): string | undefined {
		if (path === '/') return 'dir';
		const spec = this.files.get(path);
		if (spec) return spec.type ?? 'file';
		for (const key of this.files.keys()) if (key.startsWith(`${path}/`)) return 'dir';
		return undefined;
	}

	/** Can `path` be made a directory (nothing but directories on the way)? */
	canBeDir(path: string): boolean {
		for (let at = path; at !== '/'; at = parentOf(at)) {
			const type = this.type(at);
			if (type !== undefined && type !== 'dir') return false;
		}
		return true;
	}

	dir(path: string, random: Random): void {
		if (path === '/' || this.files.has(path)) return;
		this.files.set(path, {
			path,
			type: 'dir',
			uid: pick(random, OWNERS),
			mode: pick(random, DIR_MODES)
		});
	}

	dirs(): string[] {
		const out = new Set<string>(['/']);
		for (const [path, spec] of this.files) {
			if ((spec.type ?? 'file') === 'dir') out.add(path);
			for (let at = parentOf(path); at !== '/'; at = parentOf(at)) out.add(at);
		}
		return [...out].sort();
	}
}

function randomFiles(random: Random, tree: Tree, dir: string, depth: number): void {
	for (const name of NAMES) {
		const path = joinPath(dir, `/${name}`);
		const roll = random();
		if (roll < 0.3) continue;
		if (roll < 0.6 || depth >= 3) {
			tree.files.set(path, {
				path,
				uid: pick(random, OWNERS),
				...(chance(random, 0.85) ? { mode: pick(random, FILE_MODES) } : {})
			});
		} else {
			if (chance(random, 0.6)) tree.dir(path, random);
			randomFiles(random, tree, path, depth + 1);
		}
	}
	if (depth <= 2 && chance(random, 0.25)) {
		const devDir = joinPath(dir, '/dev');
		tree.dir(devDir, random);
		for (const [type, dev] of DEVICES)
			if (chance(random, 0.5))
				tree.files.set(`${devDir}/${type}${dev.replace(':', '-')}`, {
					path: `${devDir}/${type}${dev.replace(':', '-')}`,
					type: type as 'char' | 'block',
					dev,
					mode: pick(random, ['666', '660', '600'])
				});
	}
}

/**
 * Where a path of a mount namespace's view lies on the machine's file tree,
 * given the mounts made so far: a later mount covers every earlier one at or
 * below its target; of the rest, the longest target that holds the path wins.
 */
function resolve(root: string, mounts: readonly Mount[], path: string): string {
	let best = -1;
	mounts.forEach((m, i) => {
		const covered = mounts.some((later, j) => j > i && under(m.target, later.target));
		if (
			!covered &&
			under(path, m.target) &&
			(best < 0 || m.target.length >= mounts[best].target.length)
		)
			best = i;
	});
	if (best < 0) return joinPath(root, path);
	const m = mounts[best];
	return joinPath(m.source, m.target === '/' ? path : path.slice(m.target.length) || '/');
}

interface MntPlan {
	id: string;
	root: string;
	mounts: Mount[];
}

function randomMnt(random: Random, tree: Tree, id: string, initial: boolean): MntPlan {
	const dirs = tree.dirs();
	const root = initial && chance(random, 0.6) ? '/' : pick(random, dirs);
	const mounts: Mount[] = [];
	const count = initial ? int(random, 0, 2) : int(random, 0, 4);
	for (let k = 0; k < count; k++) {
		const target = chance(random, 0.08) ? '/' : randomPath(random, 2);
		const source = pick(random, tree.dirs());
		const at = resolve(root, mounts, target);
		if (!tree.canBeDir(at)) continue;
		// The mount point, as a runtime makes it (in the file tree under the view).
		for (let d = at; d !== '/' && !tree.files.has(d); d = parentOf(d)) tree.dir(d, random);
		mounts.push({ target, source, ...(chance(random, 0.35) ? { readonly: true } : {}) });
	}
	return { id, root, mounts };
}

/** Non-overlapping uid map lines (inside and outside), some taking in the file owners. */
function randomUidMap(random: Random): { inside: number; outside: number; count: number }[] {
	const candidates = [
		{ inside: 0, outside: 100000, count: 1000 },
		{ inside: 0, outside: 100000, count: 1 },
		{ inside: 0, outside: 200000, count: 65536 },
		{ inside: 0, outside: 0, count: 1 },
		{ inside: 0, outside: 1000, count: 1 },
		{ inside: 1000, outside: 1000, count: 1 },
		{ inside: 1000, outside: 100500, count: 10 },
		{ inside: 500, outside: 100500, count: 500 },
		{ inside: 65534, outside: 65534, count: 1 },
		{ inside: 2000, outside: 300000, count: 100 }
	];
	const lines: typeof candidates = [];
	const overlaps = (a: number, n: number, b: number, m: number) => a < b + m && b < a + n;
	for (let tries = int(random, 1, 4); tries > 0; tries--) {
		const line = pick(random, candidates);
		if (
			lines.some(
				(l) =>
					overlaps(l.inside, l.count, line.inside, line.count) ||
					overlaps(l.outside, l.count, line.outside, line.count)
			)
		)
			continue;
		lines.push(line);
	}
	return lines;
}

/**
 * A host name of dot-separated labels, each starting and ending with a letter or
 * digit. The kernel takes any bytes, but hostname(1), which the harness sets it
 * with, refuses a name that does not look like that ("the specified hostname is
 * invalid").
 */
function randomHostname(random: Random): string {
	const alnum = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
	const label = (length: number) => {
		let text = pick(random, alnum);
		for (let i = 1; i < length; i++)
			text += i < length - 1 && chance(random, 0.15) ? '-' : pick(random, alnum);
		return text;
	};
	if (chance(random, 0.1)) return `${label(31)}.${label(32)}`; // HOST_NAME_MAX, 64
	const labels = Array.from({ length: int(random, 1, 3) }, () => label(int(random, 1, 8)));
	return labels.join('.');
}

function randomIpc(random: Random): { type: 'shm' | 'msg' | 'sem'; key: number }[] {
	const objects: { type: 'shm' | 'msg' | 'sem'; key: number }[] = [];
	const keys = [0, 1, 2, 3, 42, 0x7fffffff, 0x12345678];
	for (let k = int(random, 0, 6); k > 0; k--) {
		const type = pick(random, ['shm', 'msg', 'sem'] as const);
		const key = pick(random, keys);
		// Two objects of one type with one key: the second shmget/msgget/semget fails (EEXIST), except
		// for the private key 0, which makes a new object every time.
		if (key !== 0 && objects.some((o) => o.type === type && o.key === key)) continue;
		objects.push({ type, key });
	}
	return objects;
}

interface NetPlan {
	namespaces: NamespaceInput[];
	/** Net namespace id per container slot (index 0: the initial one). */
	ids: string[];
	/**
	 * Every address in use, and some that nobody has, to send to; never a
	 * subnet's broadcast address (see the top of this file).
	 */
	targets: string[];
}

/**
 * A host (the initial net namespace), optionally with a physical card and a
 * bridge, and 0–3 containers, each joined to the host by a veth pair of its
 * own or through the bridge; one may have a container of its own behind it.
 */
function randomNetwork(random: Random): NetPlan {
	type Iface = NonNullable<NamespaceInput['interfaces']>[number];
	type Route = NonNullable<NamespaceInput['routes']>[number];
	const host: { id: string; interfaces: Iface[]; routes: Route[] } = {
		id: 'host-net',
		interfaces: [],
		routes: []
	};
	const nets: (typeof host)[] = [host];
	// 127.5.5.5 (source 127.0.0.1) and 255.255.255.255 (EACCES once a route matches):
	// corners the model once got wrong. A subnet's own broadcast address stays out:
	// sent from another namespace, it is a directed broadcast to forward.
	const targets = ['127.0.0.1', '127.5.5.5', '255.255.255.255', '8.8.8.8', '192.168.1.1'];
	const card = chance(random, 0.6);
	if (card) {
		host.interfaces.push({ name: 'eth0', addr: '192.168.1.10/24' });
		targets.push('192.168.1.10', '192.168.1.77');
		if (chance(random, 0.8)) host.routes.push({ to: 'default', via: '192.168.1.1', dev: 'eth0' });
	}
	const bridge = chance(random, 0.5);
	const bridgeAddr = bridge && chance(random, 0.75);
	if (bridge) {
		host.interfaces.push({
			name: 'br0',
			type: 'bridge',
			...(bridgeAddr ? { addr: '172.17.0.1/16' } : {})
		});
		targets.push('172.17.0.1', '172.17.0.99');
	}
	const count = int(random, bridge ? 1 : 0, 3);
	for (let i = 1; i <= count; i++) {
		const id = `c${i}-net`;
		const net: typeof host = { id, interfaces: [], routes: [] };
		nets.push(net);
		const onBridge = bridge && chance(random, 0.6);
		if (onBridge) {
			const addr = `172.17.0.${i + 1}`;
			host.interfaces.push({ name: `veth${i}`, peer: { ns: id, name: 'eth0' }, master: 'br0' });
			net.interfaces.push({
				name: 'eth0',
				addr: `${addr}/16`,
				peer: { ns: 'host-net', name: `veth${i}` }
			});
			targets.push(addr);
			if (chance(random, 0.8)) net.routes.push({ to: 'default', via: '172.17.0.1', dev: 'eth0' });
		} else {
			const hostEnd = `10.0.${i}.1`;
			const end = `10.0.${i}.2`;
			host.interfaces.push({
				name: `veth${i}`,
				addr: `${hostEnd}/24`,
				peer: { ns: id, name: 'eth0' }
			});
			net.interfaces.push({
				name: 'eth0',
				addr: `${end}/24`,
				peer: { ns: 'host-net', name: `veth${i}` }
			});
			targets.push(hostEnd, end, `10.0.${i}.3`);
			const roll = random();
			if (roll < 0.6) net.routes.push({ to: 'default', via: hostEnd, dev: 'eth0' });
			else if (roll < 0.8) net.routes.push({ to: '10.0.0.0/16', via: hostEnd, dev: 'eth0' });
			// Every static route has a gateway: see the top of this file for one without.
			if (chance(random, 0.3)) net.routes.push({ to: '172.16.0.0/12', via: hostEnd, dev: 'eth0' });
			// A container of its own behind this one, routed to by the host.
			if (i === 1 && chance(random, 0.4)) {
				const innerId = 'inner-net';
				const inner: typeof host = { id: innerId, interfaces: [], routes: [] };
				nets.push(inner);
				net.interfaces.push({
					name: 'veth-in',
					addr: '10.9.0.1/24',
					peer: { ns: innerId, name: 'eth0' }
				});
				inner.interfaces.push({
					name: 'eth0',
					addr: '10.9.0.2/24',
					peer: { ns: id, name: 'veth-in' }
				});
				targets.push('10.9.0.1', '10.9.0.2', '10.9.0.3');
				if (chance(random, 0.8)) inner.routes.push({ to: 'default', via: '10.9.0.1', dev: 'eth0' });
				if (chance(random, 0.7)) host.routes.push({ to: '10.9.0.0/24', via: end, dev: `veth${i}` });
			} else if (i === 1 && chance(random, 0.2)) {
				// A stale route to a container that is gone: with a default route back to the host, a loop.
				host.routes.push({ to: '10.9.0.0/24', via: end, dev: `veth${i}` });
				targets.push('10.9.0.2');
			}
		}
	}
	if (card && chance(random, 0.3))
		host.routes.push({ to: '10.0.0.0/8', via: '192.168.1.254', dev: 'eth0' });
	// The interfaces in a random order: the model numbers them as declared, and so does the harness.
	for (const net of nets) {
		for (let k = net.interfaces.length - 1; k > 0; k--) {
			const j = Math.floor(random() * (k + 1));
			[net.interfaces[k], net.interfaces[j]] = [net.interfaces[j], net.interfaces[k]];
		}
	}
	if (chance(random, 0.2)) host.interfaces.unshift({ name: 'lo', addr: '127.0.0.1/8' });
	return {
		namespaces: nets.map((n) => ({
			id: n.id,
			kind: 'net' as const,
			...(n.interfaces.length ? { interfaces: n.interfaces } : {}),
			...(n.routes.length ? { routes: n.routes } : {})
		})),
		ids: nets.map((n) => n.id),
		targets
	};
}

export function randomScenario(seed: number): NamespacesScenarioInput {
	const random = mulberry32(seed);
	const tree = new Tree();
	randomFiles(random, tree, '', 1);

	// Mount namespaces: the machine's own (its root usually "/") and up to three more.
	const mnts: MntPlan[] = [randomMnt(random, tree, 'host-mnt', true)];
	for (let k = int(random, 0, 3); k > 0; k--)
		mnts.push(randomMnt(random, tree, `m${mnts.length}`, false));

	const users: NamespaceInput[] = [{ id: 'host-user', kind: 'user' }];
	for (let k = int(random, 0, 3); k > 0; k--) {
		const uidMap = randomUidMap(random);
		users.push({ id: `u${users.length}`, kind: 'user', ...(uidMap.length ? { uidMap } : {}) });
	}
	const utss: NamespaceInput[] = [];
	for (let k = int(random, 1, 3); k > 0; k--)
		utss.push({
			id: utss.length ? `h${utss.length}` : 'host-uts',
			kind: 'uts',
			...(chance(random, 0.85) ? { hostname: randomHostname(random) } : {})
		});
	const ipcs: NamespaceInput[] = [];
	for (let k = int(random, 1, 3); k > 0; k--) {
		const objects = randomIpc(random);
		ipcs.push({
			id: ipcs.length ? `i${ipcs.length}` : 'host-ipc',
			kind: 'ipc',
			...(objects.length ? { objects } : {})
		});
	}
	const pids: NamespaceInput[] = [{ id: 'host-pid', kind: 'pid' }];
	const level = new Map<string, number>([['host-pid', 0]]);
	for (let k = int(random, 0, 4); k > 0; k--) {
		const parent = pick(
			random,
			pids.filter((p) => level.get(p.id)! < 3)
		);
		const id = `p${pids.length}`;
		level.set(id, level.get(parent.id)! + 1);
		pids.push({ id, kind: 'pid', parent: parent.id });
	}
	const network: NetPlan = chance(random, 0.5)
		? randomNetwork(random)
		: {
				namespaces: [{ id: 'host-net', kind: 'net' }],
				ids: ['host-net'],
				targets: ['127.0.0.1', '10.1.2.3']
			};

	// Processes: the first in the initial PID namespace; each later one where a process is, or just below.
	const processes: NonNullable<NamespacesScenarioInput['processes']> = [];
	const started = new Set<string>();
	const count = int(random, 1, 7);
	for (let i = 0; i < count; i++) {
		const open =
			i === 0
				? [pids[0]]
				: pids.filter((p) => started.has(p.id) || (p.parent && started.has(p.parent)));
		const pid = pick(random, open);
		const mapped = users.filter((u, k) => k === 0 || u.uidMap?.length);
		const user = i === 0 || chance(random, 0.4) ? users[0] : pick(random, mapped);
		let uid: number;
		if (user === users[0]) uid = pick(random, [0, 0, 1000, 100000, 100500, 65534, 200000]);
		else {
			// A uid its namespace maps: the start of a line, its end or its middle.
			const line = pick(random, user.uidMap!);
			uid = line.inside + pick(random, [0, 0, line.count - 1, Math.floor(line.count / 2)]);
		}
		started.add(pid.id);
		const mnt = chance(random, 0.4) ? mnts[0] : pick(random, mnts);
		const ns: Record<string, string> = {};
		if (mnt !== mnts[0]) ns.mnt = mnt.id;
		if (user !== users[0]) ns.user = user.id!;
		if (pid !== pids[0]) ns.pid = pid.id;
		const uts = pick(random, utss);
		if (uts !== utss[0]) ns.uts = uts.id;
		const ipc = pick(random, ipcs);
		if (ipc !== ipcs[0]) ns.ipc = ipc.id;
		const net = pick(random, network.ids);
		if (net !== network.ids[0]) ns.net = net;
		const name = `${pick(random, ['sh', 'init', 'web', 'db', 'worker', 'a-very-long-process-name'])}${i}`;
		// A chroot: a directory of its view (as the model resolves it, it must be one on the machine).
		let root: string | undefined;
		if (chance(random, 0.25)) {
			const candidate = randomPath(random, 2);
			const at = resolve(mnt.root, mnt.mounts, candidate);
			if (tree.type(at) === 'dir') root = candidate;
		}
		processes.push({
			name,
			uid,
			...(root ? { root } : {}),
			...(Object.keys(ns).length ? { ns } : {})
		});
	}

	const mntOf = new Map(mnts.map((m) => [m.id, m]));
	const ops: OpInput[] = [];
	const commands = [
		'ls',
		'ls',
		'ls',
		'write',
		'write',
		'write',
		'write',
		'id',
		'hostname',
		'ipcs',
		'ps',
		'ps',
		'ls /dev',
		...(network.ids.length > 1 ? ['ip addr', 'ip route', 'send', 'send', 'send', 'send'] : [])
	] as const;
	for (let k = int(random, 4, 14); k > 0; k--) {
		const proc = pick(random, processes);
		const command = pick(random, commands);
		if (command === 'send') {
			// The harness sends as uid 0 of the sender's user namespace, which must map it.
			const user = users.find((u) => u.id === (proc.ns?.user ?? 'host-user'))!;
			if (user !== users[0] && !user.uidMap!.some((l) => l.inside === 0)) continue;
			ops.push({ op: 'send', from: proc.name, to: pick(random, network.targets) });
			continue;
		}
		if (command === 'ls' || command === 'write') {
			const path = chance(random, 0.1) ? '/' : randomPath(random, 3);
			if (command === 'write') {
				const mnt = mntOf.get(proc.ns?.mnt ?? 'host-mnt')!;
				const at = resolve(mnt.root, mnt.mounts, joinPath(proc.root ?? '/', path));
				const type = tree.type(at);
				if (type === 'char' || type === 'block') continue;
			}
			ops.push({ op: 'ask', process: proc.name, command, path });
			continue;
		}
		ops.push({ op: 'ask', process: proc.name, command: command as Command });
	}

	const files: FileSpec[] = [...tree.files.values()];
	const namespaces: NamespaceInput[] = [
		...mnts.map((m): NamespaceInput => ({
			id: m.id,
			kind: 'mnt',
			...(m.root !== '/' || chance(random, 0.5) ? { root: m.root } : {}),
			...(m.mounts.length ? { mounts: m.mounts } : {})
		})),
		...utss,
		...network.namespaces,
		...users,
		...pids,
		...ipcs
	];
	return { model: 'namespaces', files, namespaces, processes, ops };
}
