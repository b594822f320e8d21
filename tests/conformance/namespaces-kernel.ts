/**
 * Builds a `namespaces` scenario out of real Linux namespaces and runs its ops
 * there. Used by tests/conformance/namespaces.test.ts (Linux, as root).
 *
 * What is built, per scenario:
 * - the machine's file tree (`files`) on a fresh tmpfs, each entry owned by
 *   its uid and, as its group, the same number (so a file's group is mapped
 *   into a user namespace exactly when its owner is: the model has no groups);
 * - one holder process (`unshare --KIND sleep`) per namespace of kind mnt,
 *   uts, net, ipc and user, the scenario's initial ones included (so nothing
 *   of the machine's own is changed), except the initial user namespace,
 *   which is the machine's: its map is the identity, as the model's is;
 * - in each mount namespace, the view: the tmpfs's `root` bind-mounted on a
 *   directory of its own, then each of `mounts` bind-mounted (and remounted
 *   read-only) on it in order;
 * - user namespaces' uid_map lines, with the same gid_map lines;
 * - in each network namespace, its interfaces: `lo`; for an `ethernet` one (a
 *   card whose packets leave the machine), a veth end whose peer is in one
 *   extra "outside" namespace, where what leaves by it is counted (not every
 *   kernel has the `dummy` driver); bridges, veth pairs (each end in its namespace),
 *   bridge ports, addresses, every interface up, then the static routes, and a
 *   wait until every bridge port forwards;
 *   forwarding on and IPv6 off (the model has neither a forwarding switch nor
 *   IPv6, and IPv6's own packets would pass through the counters);
 * - System V IPC objects, made with their keys (shmget, msgget, semget);
 * - every process, by tests/conformance/namespaces-helper/driver.c, in its PID
 *   namespaces and members of its other namespaces, chrooted to its root, with
 *   its uid (and the same number as gid, no supplementary groups).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readlinkSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	ifaceType,
	parsePrefix,
	type NamespaceInput,
	type NamespacesScenario,
	type NsKind
} from '../../src/lib/sim/namespaces';

/** What the kernel answered to one op, in the shape the test compares. */
export type KernelAnswer =
	| { ok: true; output: string[] }
	| { ok: false; errno: string }
	| { sent: 'local'; ns: string; src: string }
	| { sent: 'outside'; ns: string; card: string; src: string }
	| { sent: 'dropped'; src: string }
	| { sent: 'refused'; errno: string };

export interface KernelRun {
	answers: KernelAnswer[];
	/** Per process, as /proc/PID/status shows it from the machine: its uid there and its PIDs below the machine's own PID namespace. */
	processes: { name: string; kuid: number; pids: number[] }[];
}

/** A scenario the kernel cannot be made to hold as written (not a disagreement). */
export class Unbuildable extends Error {}

const sleepArray = new Int32Array(new SharedArrayBuffer(4));
const pause = (ms: number) => Atomics.wait(sleepArray, 0, 0, ms);

function sh(command: string, args: string[], input?: string): string {
	const run = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	if (run.error) throw run.error;
	if (run.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr.trim()}`);
	return run.stdout;
}

const quoteSh = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

const FLAG: Record<Exclude<NsKind, 'pid'>, string> = {
	mnt: '--mount',
	uts: '--uts',
	net: '--net',
	user: '--user',
	ipc: '--ipc'
};

/** Compiles the driver; returns its path or why it could not. */
export function buildDriver(dir: string): { driver: string } | { reason: string } {
	const driver = join(dir, 'driver');
	const source = join(import.meta.dirname, 'namespaces-helper', 'driver.c');
	const cc = spawnSync('cc', ['-O1', '-Wall', '-o', driver, source], { encoding: 'utf8' });
	if (cc.error || cc.status !== 0)
		return { reason: `cannot compile the driver: ${cc.error?.message ?? cc.stderr.trim()}` };
	return { driver };
}

/** Why this machine cannot run the suite, or null. */
export function kernelUnavailableReason(): string | null {
	if (process.platform !== 'linux') return `platform is ${process.platform}`;
	if (process.getuid?.() !== 0) return 'not running as root';
	for (const tool of ['unshare', 'nsenter', 'ip', 'mount', 'ps', 'cc']) {
		const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
		if (which.status !== 0) return `${tool} is not installed`;
	}
	const probe = spawnSync(
		'unshare',
		[
			'--mount',
			'--uts',
			'--net',
			'--ipc',
			'--pid',
			'--fork',
			'sh',
			'-c',
			'ip link add name a type veth peer name b && ip link add name c type bridge && mount -t tmpfs t /mnt'
		],
		{ encoding: 'utf8' }
	);
	if (probe.error || probe.status !== 0)
		return `cannot build namespaces, veth pairs, bridges and tmpfs mounts here: ${probe.error?.message ?? probe.stderr.trim()}`;
	const user = spawnSync('unshare', ['--user', '--map-root-user', 'true'], { encoding: 'utf8' });
	if (user.error || user.status !== 0)
		return `cannot make user namespaces here: ${user.error?.message ?? user.stderr.trim()}`;
	return null;
}

interface Built {
	holders: Map<string, number>;
	/** The namespace that stands for the network outside the machine, if any. */
	outside: number | null;
	children: ChildProcess[];
	pids: number[];
	views: Map<string, string>;
	/** The driver that made the processes: it kills and reaps them when its stdin closes. */
	keeper: ChildProcess | null;
	keeperExit: Promise<void> | null;
}

/** The host PIDs and the PID numbers the scenario's rule gives each process (outermost first). */
export function pidRule(s: NamespacesScenario): { ns: string; pid: number }[][] {
	const byId = new Map(s.namespaces.map((ns) => [ns.id, ns]));
	const initialPid = s.namespaces.find((ns) => ns.kind === 'pid')!.id;
	const last = new Map<string, number>();
	return s.processes.map((proc) => {
		const chain: string[] = [];
		for (let at: string | undefined = proc.ns?.pid ?? initialPid; at; at = byId.get(at)?.parent)
			chain.unshift(at);
		return chain.map((ns) => {
			const pid = (last.get(ns) ?? 0) + 1;
			last.set(ns, pid);
			return { ns, pid };
		});
	});
}

function holder(kind: Exclude<NsKind, 'pid'>, built: Built): number {
	const child = spawn(
		'unshare',
		[FLAG[kind], ...(kind === 'mnt' ? ['--propagation', 'private'] : []), 'sleep', '600'],
		{
			stdio: 'ignore'
		}
	);
	built.children.push(child);
	const pid = child.pid;
	if (pid === undefined) throw new Error(`cannot start unshare ${FLAG[kind]}`);
	const own = readlinkSync(`/proc/self/ns/${kind}`);
	for (let waited = 0; ; waited += 2) {
		try {
			if (readlinkSync(`/proc/${pid}/ns/${kind}`) !== own) return pid;
		} catch {
			// not there yet
		}
		if (waited > 5000) throw new Error(`unshare ${FLAG[kind]} did not start`);
		pause(2);
	}
}

function buildFiles(s: NamespacesScenario, disk: string): void {
	const nodes: string[] = [];
	const owners: [string, number, number | null][] = [];
	for (const file of s.files ?? []) {
		const spec = typeof file === 'string' ? { path: file } : file;
		const type = spec.type ?? 'file';
		const full = join(disk, spec.path);
		const parent = join(full, '..');
		mkdirSync(parent, { recursive: true, mode: 0o755 });
		if (type === 'dir') mkdirSync(full, { recursive: true, mode: 0o755 });
		else if (type === 'file') writeFileSync(full, '');
		else {
			if (!spec.dev) throw new Unbuildable(`${spec.path}: a device without "dev"`);
			const [major, minor] = spec.dev.split(':');
			nodes.push(`mknod ${quoteSh(full)} ${type === 'char' ? 'c' : 'b'} ${major} ${minor}`);
		}
		const mode = spec.mode ? parseInt(spec.mode, 8) : null;
		owners.push([full, spec.uid ?? 0, mode ?? (type === 'dir' ? 0o755 : 0o644)]);
	}
	if (nodes.length) sh('sh', ['-e', '-c', nodes.join('\n')]);
	for (const [full, uid, mode] of owners) {
		chownSync(full, uid, uid);
		if (mode !== null) chmodSync(full, mode);
	}
}

/** Builds the scenario's namespaces and processes; `built` collects what cleanup must undo. */
async function build(
	s: NamespacesScenario,
	driver: string,
	base: string,
	built: Built
): Promise<void> {
	const disk = join(base, 'disk');
	buildFiles(s, disk);
	const firstOf = new Map<NsKind, string>();
	for (const ns of s.namespaces) if (!firstOf.has(ns.kind)) firstOf.set(ns.kind, ns.id);
	const script: string[] = [];

	for (const [index, ns] of s.namespaces.entries()) {
		if (ns.kind === 'pid') continue;
		if (ns.kind === 'user' && firstOf.get('user') === ns.id) continue;
		if (ns.kind === 'mnt') mkdirSync(join(base, 'views', String(index)), { recursive: true });
		built.holders.set(ns.id, holder(ns.kind, built));
	}

	for (const [index, ns] of s.namespaces.entries()) {
		const h = built.holders.get(ns.id);
		if (ns.kind === 'uts') {
			script.push(
				`nsenter --uts=/proc/${h}/ns/uts hostname ${quoteSh(ns.hostname ?? 'localhost')}`
			);
		} else if (ns.kind === 'user' && h !== undefined) {
			const lines = (ns.uidMap ?? []).map((l) => `${l.inside} ${l.outside} ${l.count}\n`).join('');
			if (lines) {
				writeFileSync(`/proc/${h}/uid_map`, lines);
				writeFileSync(`/proc/${h}/gid_map`, lines);
			}
		} else if (ns.kind === 'mnt') {
			const view = join(base, 'views', String(index));
			built.views.set(ns.id, view);
			const root = join(disk, ns.root ?? '/');
			if (!existsSync(root))
				throw new Unbuildable(`${ns.id}: its root ${ns.root} is not a directory of files`);
			const steps = [`mount --bind ${quoteSh(root)} ${quoteSh(view)}`];
			for (const m of ns.mounts ?? []) {
				const source = join(disk, m.source);
				if (!existsSync(source))
					throw new Unbuildable(`${ns.id}: mount source ${m.source} is missing`);
				const target = quoteSh(join(view, m.target));
				// A runtime makes the mount point before mounting; so does the test (in
				// the tmpfs, under the namespace's root).
				steps.push(`[ -e ${target} ] || mkdir -p ${target}`);
				steps.push(`mount --bind ${quoteSh(source)} ${target}`);
				if (m.readonly) steps.push(`mount -o remount,bind,ro ${target}`);
			}
			script.push(`nsenter --mount=/proc/${h}/ns/mnt sh -e -c ${quoteSh(steps.join('\n'))}`);
		}
	}
	if (script.length) sh('sh', ['-e', '-c', script.join('\n')]);

	buildNetworks(s, built);

	for (const ns of s.namespaces) {
		if (ns.kind !== 'ipc' || !ns.objects?.length) continue;
		const args = ns.objects.flatMap((o) => [o.type, String(o.key)]);
		const out = sh(driver, ['ipc', String(built.holders.get(ns.id)), ...args]);
		if (out.includes('"error"')) {
			throw out.includes('File exists')
				? new Unbuildable(`${ns.id}: two IPC objects of one type with the same key`)
				: new Error(`driver ipc: ${out}`);
		}
	}

	// The processes, in list order.
	const rule = pidRule(s);
	const started = new Map<string, number>();
	const lines = s.processes.map((proc, i) => {
		const chain = rule[i];
		const own = chain[chain.length - 1];
		let mode: string;
		let at: number;
		if (i === 0) {
			if (chain.length !== 1)
				throw new Unbuildable(
					`${proc.name}: the first process is in a nested PID namespace; on Linux the machine's PID 1 cannot be PID 1 of a second namespace too`
				);
			mode = 'root';
			at = -1;
		} else if (started.has(own.ns)) {
			mode = 'join';
			at = started.get(own.ns)!;
		} else {
			const parent = chain[chain.length - 2];
			if (!started.has(parent.ns))
				throw new Unbuildable(
					`${proc.name}: the first process of two PID namespaces at once (it would be PID 1 of both)`
				);
			mode = 'init';
			at = started.get(parent.ns)!;
		}
		started.set(own.ns, started.get(own.ns) ?? i);
		const nsOf = (kind: NsKind) => proc.ns?.[kind] ?? firstOf.get(kind)!;
		const view = built.views.get(nsOf('mnt'))!;
		const root = join(view, proc.root ?? '/');
		const user = nsOf('user') === firstOf.get('user') ? 0 : built.holders.get(nsOf('user'))!;
		const pids = chain.map((x) => x.pid).reverse();
		for (const field of [proc.name, root])
			if (/[\t\n]/.test(field)) throw new Unbuildable(`${JSON.stringify(field)}: a tab or newline`);
		return [
			proc.name,
			proc.uid,
			proc.uid,
			root,
			built.holders.get(nsOf('mnt')),
			built.holders.get(nsOf('uts')),
			built.holders.get(nsOf('net')),
			built.holders.get(nsOf('ipc')),
			user,
			mode,
			at,
			pids.length,
			...pids
		].join('\t');
	});
	const keeper = spawn(driver, ['spawn'], { stdio: ['pipe', 'pipe', 'pipe'] });
	built.keeper = keeper;
	const exited = new Promise<void>((resolve) => keeper.once('close', () => resolve()));
	built.keeperExit = exited;
	keeper.stdin.write(lines.join('\n') + '\nend\n');
	let stdout = '';
	let stderr = '';
	keeper.stderr.on('data', (chunk) => (stderr += chunk));
	const line = await new Promise<string>((resolve) => {
		keeper.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
		});
		void exited.then(() => resolve(stdout));
	});
	if (!line.startsWith('{"pids"'))
		throw new Error(`driver spawn failed: ${line.trim() || stderr.trim() || 'no output'}`);
	built.pids.push(...(JSON.parse(line).pids as number[]));
	if (built.pids.length !== s.processes.length) throw new Error(`driver spawn made ${line}`);
}

/** The model's interface numbering: lo 1, then the others in declared order. */
function ifindexes(ns: NamespaceInput): Map<string, number> {
	const map = new Map<string, number>([['lo', 1]]);
	let next = 2;
	for (const iface of ns.interfaces ?? []) if (iface.name !== 'lo') map.set(iface.name, next++);
	return map;
}

function buildNetworks(s: NamespacesScenario, built: Built): void {
	const nets = s.namespaces.filter((ns) => ns.kind === 'net');
	const indexes = new Map(nets.map((ns) => [ns.id, ifindexes(ns)]));
	const script: string[] = [];
	for (const ns of nets) {
		const h = built.holders.get(ns.id);
		script.push(
			`nsenter --net=/proc/${h}/ns/net sh -e -c 'for f in net/ipv6/conf/all/disable_ipv6 net/ipv6/conf/default/disable_ipv6 net/ipv4/ip_forward; do echo 1 > /proc/sys/$f; done'`
		);
	}
	// Every veth pair once, its ends made directly in their namespaces with the model's numbers.
	const made = new Set<string>();
	for (const ns of nets) {
		for (const iface of ns.interfaces ?? []) {
			if (ifaceType(iface) !== 'veth' || !iface.peer) continue;
			const key = `${ns.id}\0${iface.name}`;
			if (made.has(key)) continue;
			made.add(key).add(`${iface.peer.ns}\0${iface.peer.name}`);
			script.push(
				[
					'ip link add',
					`name ${quoteSh(iface.name)} index ${indexes.get(ns.id)!.get(iface.name)}`,
					`netns ${built.holders.get(ns.id)} type veth peer`,
					`name ${quoteSh(iface.peer.name)} index ${indexes.get(iface.peer.ns)!.get(iface.peer.name)}`,
					`netns ${built.holders.get(iface.peer.ns)}`
				].join(' ')
			);
		}
	}
	// Each ethernet card: a veth end whose peer is in the outside namespace.
	const cards = nets.flatMap((ns) =>
		(ns.interfaces ?? []).filter((i) => ifaceType(i) === 'ethernet').map((i) => ({ ns, iface: i }))
	);
	if (cards.length) {
		built.outside = holder('net', built);
		cards.forEach(({ ns, iface }, k) => {
			script.push(
				`ip link add name ${quoteSh(iface.name)} index ${indexes.get(ns.id)!.get(iface.name)} netns ${built.holders.get(ns.id)} type veth peer name out${k} netns ${built.outside}`,
				`nsenter --net=/proc/${built.outside}/ns/net ip link set dev out${k} up`
			);
		});
	}
	for (const ns of nets) {
		const index = indexes.get(ns.id)!;
		const batch: string[] = [];
		const ifaces = ns.interfaces ?? [];
		const lo = ifaces.find((i) => i.name === 'lo');
		if (lo && lo.addr !== '127.0.0.1/8')
			throw new Unbuildable(`${ns.id}: lo always has 127.0.0.1/8 on Linux`);
		for (const iface of ifaces) {
			const type = ifaceType(iface);
			if (type === 'bridge')
				batch.push(`link add name ${iface.name} index ${index.get(iface.name)} type bridge`);
			if (type === 'ethernet') batch.push(`link set dev ${iface.name} arp off`);
		}
		for (const iface of ifaces)
			if (iface.master) batch.push(`link set dev ${iface.name} master ${iface.master}`);
		for (const iface of ifaces)
			if (iface.addr && iface.name !== 'lo') {
				if (!parsePrefix(iface.addr)) throw new Unbuildable(`${iface.addr}`);
				batch.push(`addr add ${iface.addr} dev ${iface.name}`);
			}
		batch.push('link set dev lo up');
		for (const iface of ifaces)
			if (iface.name !== 'lo') batch.push(`link set dev ${iface.name} up`);
		for (const route of ns.routes ?? [])
			batch.push(`route add ${route.to}${route.via ? ` via ${route.via}` : ''} dev ${route.dev}`);
		script.push(
			`nsenter --net=/proc/${built.holders.get(ns.id)}/ns/net ip -batch - <<'EOF'\n${batch.join('\n')}\nEOF`
		);
	}
	sh('sh', ['-e', '-c', script.join('\n')]);
	waitForBridgePorts(nets, built);
}

/**
 * Waits until every bridge port forwards. A port is enabled when its carrier
 * comes on, and the kernel may hold that news back for up to a second: the
 * link watch (net/core/link_watch.c) hands on at once only the events it
 * calls urgent, and a veth end whose peer has the same interface number is
 * not one (linkwatch_urgent_event() compares the two). Until then the port is
 * "disabled" and the bridge drops what it would send through it.
 */
function waitForBridgePorts(nets: NamespaceInput[], built: Built): void {
	for (const ns of nets) {
		const ports = (ns.interfaces ?? []).filter((i) => i.master).map((i) => i.name);
		if (!ports.length) continue;
		for (let waited = 0; ; waited += 20) {
			const links = JSON.parse(
				sh('nsenter', [
					`--net=/proc/${built.holders.get(ns.id)}/ns/net`,
					'ip',
					'-j',
					'-d',
					'link',
					'show'
				])
			) as { ifname: string; linkinfo?: { info_slave_data?: { state?: string } } }[];
			const waiting = ports.filter(
				(name) =>
					links.find((l) => l.ifname === name)?.linkinfo?.info_slave_data?.state !== 'forwarding'
			);
			if (!waiting.length) break;
			if (waited > 3000)
				throw new Error(`${ns.id}: bridge ports ${waiting.join(', ')} do not forward after 3 s`);
			pause(20);
		}
	}
}

async function cleanup(base: string, built: Built): Promise<void> {
	if (built.keeper && built.keeperExit) {
		built.keeper.stdin?.end();
		const timeout = new Promise<'late'>((resolve) =>
			setTimeout(() => resolve('late'), 5000).unref()
		);
		if ((await Promise.race([built.keeperExit, timeout])) === 'late') {
			// Last resort: the scenario's PID 1 takes its namespaces' processes with it.
			for (const pid of built.pids) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
			built.keeper.kill('SIGKILL');
		}
	}
	await Promise.all(
		built.children.map(
			(child) =>
				new Promise<void>((resolve) => {
					if (child.exitCode !== null || child.signalCode !== null) return resolve();
					child.once('exit', () => resolve());
					child.kill('SIGKILL');
				})
		)
	);
	spawnSync('umount', ['-l', join(base, 'disk')]);
	rmSync(base, { recursive: true, force: true });
}

/** Counters that show where a datagram went: per net namespace, UDP datagrams received, and packets sent out of each ethernet card. */
function counters(s: NamespacesScenario, built: Built): Map<string, number> {
	const out = new Map<string, number>();
	for (const ns of s.namespaces) {
		if (ns.kind !== 'net') continue;
		const h = built.holders.get(ns.id);
		const snmp = readFileSync(`/proc/${h}/net/snmp`, 'utf8').split('\n');
		const udp = snmp.filter((line) => line.startsWith('Udp: '));
		const names = udp[0].split(/\s+/);
		const values = udp[1].split(/\s+/).map(Number);
		out.set(
			`local ${ns.id}`,
			values[names.indexOf('InDatagrams')] + values[names.indexOf('NoPorts')]
		);
		const ethernets = (ns.interfaces ?? [])
			.filter((i) => ifaceType(i) === 'ethernet')
			.map((i) => i.name);
		for (const line of readFileSync(`/proc/${h}/net/dev`, 'utf8').split('\n').slice(2)) {
			const match = /^\s*([^:]+):\s*(.*)$/.exec(line);
			if (!match || !ethernets.includes(match[1])) continue;
			out.set(`outside ${ns.id} ${match[1]}`, Number(match[2].split(/\s+/)[9]));
		}
	}
	return out;
}

function changes(before: Map<string, number>, after: Map<string, number>): string[] {
	return [...after].filter(([key, value]) => value !== before.get(key)).map(([key]) => key);
}

function json(line: string): Record<string, unknown> {
	const value = JSON.parse(line.trim().split('\n').pop()!);
	if (value.error) throw new Error(`driver: ${value.error}`);
	return value;
}

function ipAddr(pid: number, cards: Set<string>): string[] {
	const links = JSON.parse(
		sh('nsenter', [`--net=/proc/${pid}/ns/net`, 'ip', '-j', '-d', 'addr', 'show'])
	) as {
		ifindex: number;
		ifname: string;
		link?: string;
		link_index?: number;
		link_type: string;
		master?: string;
		linkinfo?: { info_kind?: string };
		addr_info: { family: string; local: string; prefixlen: number }[];
	}[];
	const byName = new Map(links.map((l) => [l.ifname, l.ifindex]));
	return links.flatMap((link) => {
		// A card is a veth end that stands for one (its peer, outside, is no interface of the scenario's).
		const card = cards.has(link.ifname);
		const type = card
			? 'ethernet'
			: link.link_type === 'loopback'
				? 'loopback'
				: link.linkinfo?.info_kind;
		// ip names a peer in the same namespace and numbers one in another; the model always numbers it.
		const peer = card
			? undefined
			: (link.link_index ?? (link.link ? byName.get(link.link) : undefined));
		const head = `${link.ifindex}: ${link.ifname}${peer !== undefined ? `@if${peer}` : ''}: ${type}${link.master ? ` master ${link.master}` : ''}`;
		const inet = link.addr_info
			.filter((a) => a.family === 'inet')
			.map((a) => `    inet ${a.local}/${a.prefixlen}`);
		return [head, ...inet];
	});
}

function ps(pid: number): string[] {
	const out = sh('nsenter', [
		`--target=${pid}`,
		'--pid',
		'--',
		'unshare',
		'--mount',
		'--mount-proc',
		'sh',
		'-c',
		'echo $$; exec ps -e -o pid=,comm='
	]).split('\n');
	const self = out[0].trim();
	const rows = out
		.slice(1)
		.map((line) => /^\s*(\d+)\s(.*)$/.exec(line))
		.filter((m): m is RegExpExecArray => m !== null && m[1] !== self)
		.map((m) => ({ pid: Number(m[1]), name: m[2] }))
		.sort((a, b) => a.pid - b.pid);
	return ['  PID CMD', ...rows.map((r) => `${String(r.pid).padStart(5)} ${r.name}`)];
}

function ipcs(pid: number): string[] {
	const lines: string[] = [];
	for (const type of ['shm', 'msg', 'sem'] as const) {
		const rows = sh('nsenter', [`--ipc=/proc/${pid}/ns/ipc`, 'cat', `/proc/sysvipc/${type}`])
			.split('\n')
			.slice(1)
			.filter((line) => line.trim());
		for (const row of rows) {
			const [key, id] = row.trim().split(/\s+/).map(Number);
			lines.push(
				`0x${(key >>> 0).toString(16).padStart(8, '0')} ${String(id).padStart(2)} ${type}`
			);
		}
	}
	// Sorted: ipcs groups the objects by type, the model lists them in scenario order.
	return lines.length ? ['key        id type', ...lines.sort()] : ['(no IPC objects)'];
}

function status(pid: number): { kuid: number; pids: number[] } {
	const text = readFileSync(`/proc/${pid}/status`, 'utf8');
	const uid = /^Uid:\s+(\d+)/m.exec(text)![1];
	const nspid = /^NSpid:\s+(.*)$/m.exec(text)![1].trim().split(/\s+/).map(Number);
	// NSpid starts with the PID in this machine's namespace, which the scenario's "machine" is nested in.
	return { kuid: Number(uid), pids: nspid.slice(1) };
}

/** Builds the scenario on the kernel, runs its ops there, and takes it all down again. */
export async function runOnKernel(s: NamespacesScenario, driver: string): Promise<KernelRun> {
	const base = mkdtempSync(join(tmpdir(), 'nsconf-'));
	const built: Built = {
		holders: new Map(),
		outside: null,
		children: [],
		pids: [],
		views: new Map(),
		keeper: null,
		keeperExit: null
	};
	try {
		mkdirSync(join(base, 'disk'));
		sh('mount', ['-t', 'tmpfs', '-o', 'mode=755', 'nsconf', join(base, 'disk')]);
		await build(s, driver, base, built);
		const hostPid = new Map(s.processes.map((p, i) => [p.name, built.pids[i]]));
		const procs = new Map(s.processes.map((p) => [p.name, p]));
		const firstNet = s.namespaces.find((ns) => ns.kind === 'net')!.id;
		const answers: KernelAnswer[] = s.ops.map((op) => {
			if (op.op === 'send') {
				const before = counters(s, built);
				const out = json(
					sh(driver, ['run', String(hostPid.get(op.from)), '0', '0', 'send', op.to])
				);
				if (out.ok === false && out.src === undefined)
					return { sent: 'refused', errno: out.errno as string };
				if (out.ok === false) throw new Error(`send failed after the route lookup: ${out.errno}`);
				// Wait for the datagram to arrive somewhere (ARP and the backlog take a few ms).
				let moved: string[] = [];
				for (let waited = 0; waited < 400 && moved.length === 0; waited += 5) {
					pause(5);
					moved = changes(before, counters(s, built));
				}
				pause(20);
				moved = changes(before, counters(s, built));
				const local = moved.filter((key) => key.startsWith('local '));
				const outside = moved.filter((key) => key.startsWith('outside '));
				const src = out.src as string;
				if (local.length === 1) return { sent: 'local', ns: local[0].slice(6), src };
				if (local.length === 0 && outside.length === 1) {
					const [, ns, card] = outside[0].split(' ');
					return { sent: 'outside', ns, card, src };
				}
				if (moved.length === 0) return { sent: 'dropped', src };
				throw new Error(
					`the datagram to ${op.to} showed up in several places: ${moved.join(', ')}`
				);
			}
			const pid = hostPid.get(op.process)!;
			const proc = procs.get(op.process)!;
			const run = (cmd: string, arg?: string) =>
				json(
					sh(driver, [
						'run',
						String(pid),
						String(proc.uid),
						String(proc.uid),
						cmd,
						...(arg ? [arg] : [])
					])
				);
			switch (op.command) {
				case 'hostname':
					return { ok: true, output: [run('hostname').hostname as string] };
				case 'id':
					return { ok: true, output: [`uid=${run('id').uid}`] };
				case 'ip addr': {
					const net = s.namespaces.find((ns) => ns.id === (proc.ns?.net ?? firstNet))!;
					const cards = (net.interfaces ?? []).filter((i) => ifaceType(i) === 'ethernet');
					return { ok: true, output: ipAddr(pid, new Set(cards.map((i) => i.name))) };
				}
				case 'ip route':
					return {
						ok: true,
						output: sh('nsenter', [`--net=/proc/${pid}/ns/net`, 'ip', 'route', 'show'])
							.split('\n')
							.map((line) => line.trimEnd())
							.filter(Boolean)
					};
				case 'ps':
					return { ok: true, output: ps(pid) };
				case 'ipcs':
					return { ok: true, output: ipcs(pid) };
				case 'write': {
					const out = run('write', op.path);
					return out.ok ? { ok: true, output: [] } : { ok: false, errno: out.errno as string };
				}
				default: {
					const path = op.command === 'ls /dev' ? '/dev' : (op.path ?? '/');
					const out = run('ls', path);
					if (!out.ok) return { ok: false, errno: out.errno as string };
					if (typeof out.file === 'string') return { ok: true, output: [out.file] };
					const entries = (out.entries as [string, string, string][]).sort((a, b) =>
						a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
					);
					if (!entries.length) return { ok: true, output: ['(empty)'] };
					return {
						ok: true,
						output: entries.map(([name, type, dev]) =>
							type === 'dir'
								? `${name}/`
								: type === 'char' || type === 'block'
									? `${name}  (${type} device ${dev})`
									: name
						)
					};
				}
			}
		});
		const processes = s.processes.map((p, i) => ({ name: p.name, ...status(built.pids[i]) }));
		return { answers, processes };
	} finally {
		await cleanup(base, built);
	}
}
