/**
 * Model `namespaces`: processes that are each a member of one namespace of
 * every kind (mount, UTS, network, user, PID, IPC). A question a process asks
 * the kernel (`hostname`, `ls`, `ip addr`, …) is answered by looking the name
 * up in that process's namespace of the right kind; a packet it sends is
 * routed hop by hop through network namespaces, veth pairs and bridges.
 * See docs/trace-format.md, "model namespaces".
 */
import {
	FrameRecorder,
	listing,
	quote,
	sentence,
	type Errno,
	type Model,
	type Result,
	type ResultBudget,
	type SimulateOptions,
	type Trace
} from '../core';
import {
	formatAddress,
	formatPrefix,
	inPrefix,
	longestPrefixMatch,
	parseAddress,
	parsePrefix
} from './ip';
import {
	COMMAND_KIND,
	NS_KINDS,
	ifaceType,
	namespacesSchema,
	type Command,
	type FileType,
	type IfaceType,
	type NamespaceInput,
	type NamespacesScenario,
	type NsKind
} from './schema';

export const KIND_LABEL: Record<NsKind, string> = {
	mnt: 'mount',
	uts: 'UTS',
	net: 'network',
	user: 'user',
	pid: 'PID',
	ipc: 'IPC'
};

/** The system call (or interface) each command asks the kernel through. */
export const COMMAND_CALL: Record<Command, string> = {
	hostname: 'the uname() system call',
	ls: 'openat() and getdents64()',
	'ls /dev': 'openat() and getdents64()',
	'ip addr': 'a netlink request (RTM_GETADDR)',
	'ip route': 'a netlink request (RTM_GETROUTE)',
	id: 'the getuid() system call',
	ps: 'reading /proc',
	// strace of util-linux ipcs: it reads /proc/sysvipc/{msg,shm,sem}, which show the reader's IPC namespace.
	ipcs: 'reading /proc/sysvipc',
	write: 'openat() for writing'
};

/** The identity map of the machine's initial user namespace (`0 0 4294967295`). */
export const IDENTITY_MAP = Object.freeze([{ inside: 0, outside: 0, count: 4_294_967_295 }]);
/** What an unmapped uid looks like from inside (overflowuid). */
export const OVERFLOW_UID = 65_534;

// ---------------------------------------------------------------- views

export interface MountView {
	index: number;
	target: string;
	source: string;
	readonly: boolean;
}

export interface IfaceView {
	/** Per-namespace interface number, as `ip addr` prints it (lo is 1). */
	ifindex: number;
	name: string;
	type: IfaceType;
	/** "10.0.0.2/24" or null. */
	addr: string | null;
	peer: { ns: string; name: string; ifindex: number } | null;
	master: string | null;
	/** true for an interface the model added (the loopback every namespace has). */
	implicit: boolean;
}

export interface RouteView {
	index: number;
	/** "default" or "10.0.0.0/24". */
	to: string;
	via: string | null;
	dev: string;
	/** The source address the kernel picks for packets on this route, or null. */
	src: string | null;
	/** `kernel`: added for an interface address (scope link); `static`: from the scenario. */
	proto: 'kernel' | 'static';
	/** The line `ip route` prints. */
	line: string;
}

export interface NsView {
	id: string;
	kind: NsKind;
	/** Position in the scenario's `namespaces`. */
	index: number;
	/** The first namespace of its kind: the machine's own (initial) namespace. */
	initial: boolean;
	/** mnt: where path resolution starts, and the mount table (without the root mount). */
	root?: string;
	mounts?: readonly MountView[];
	/** mnt: the user names of this view's /etc/passwd. */
	users?: readonly { uid: number; name: string }[];
	/** uts */
	hostname?: string;
	/** net */
	interfaces?: readonly IfaceView[];
	routes?: readonly RouteView[];
	/** user: uid_map lines (inside outside count); outside ids are the machine's. */
	uidMap?: readonly { inside: number; outside: number; count: number }[];
	/** pid: the namespace it is nested in, and its depth (initial: 0). */
	parent?: string | null;
	level?: number;
	/** ipc: System V objects (key as 0x… hex, id). */
	objects?: readonly { type: 'shm' | 'msg' | 'sem'; key: string; id: number }[];
}

export interface ProcView {
	name: string;
	index: number;
	/** uid as the process sees it (in its user namespace). */
	uid: number;
	/** uid on the machine (in the initial user namespace). */
	kuid: number;
	/** Its namespace of each kind. */
	ns: Record<NsKind, string>;
	/** PIDs outermost first: `{ns, pid}` from the initial PID namespace to its own. */
	pids: readonly { ns: string; pid: number }[];
	/** Its root directory (chroot), a path in its mount namespace's view; "/" unless changed. */
	root: string;
	/** true when every namespace is the initial one. */
	onHost: boolean;
}

export type AskAction = { op: 'ask'; process: string; command: Command; path: string | null };
export type SendAction = { op: 'send'; from: string; to: string };

export type Stage = 'ask' | 'pick' | 'lookup' | 'check' | 'answer' | 'hop';

export type Lookup =
	| { table: 'hostname'; ns: string }
	| {
			table: 'mounts';
			ns: string;
			path: string;
			/** The path in the namespace's view after the process's chroot is applied. */
			viewPath: string;
			/** Index into the namespace's `mounts`, or -1 for the root mount. */
			mount: number;
			/** The path on the machine's file tree that the lookup reaches. */
			diskPath: string;
	  }
	| { table: 'interfaces'; ns: string }
	| { table: 'routes'; ns: string }
	| {
			table: 'uidMap';
			ns: string;
			uid: number;
			/** Index of the uid_map line that holds the uid. */
			line: number;
			outside: number;
	  }
	| { table: 'pids'; ns: string; visible: readonly string[] }
	| { table: 'ipc'; ns: string }
	| {
			table: 'permission';
			ns: string;
			diskPath: string;
			fileUid: number;
			/** The owner as seen inside the process's user namespace, null when unmapped. */
			fileUidInside: number | null;
			mode: string;
			kuid: number;
			/** Which permission bits apply: the owner's or everyone else's. */
			klass: 'owner' | 'other';
			bitsAllow: boolean;
			/** Root of the process's user namespace overrides (CAP_DAC_OVERRIDE for a mapped owner). */
			override: boolean;
			readonly: boolean;
			allowed: boolean;
	  };

export interface Answer {
	command: Command;
	/** What the command prints, line by line (plain text). */
	output: readonly string[];
	errno: Errno | null;
}

export type HopKind = 'start' | 'route' | 'veth' | 'bridge' | 'up' | 'deliver' | 'leave' | 'drop';

export interface PacketHop {
	index: number;
	kind: HopKind;
	/** The network namespace the packet is in when this hop starts, and the interface. */
	ns: string;
	iface: string | null;
	/** Where it goes: veth peer, bridge port. */
	toNs: string | null;
	toIface: string | null;
	/** For `route`: the index of the winning route in `ns`'s routes (-1: none matched). */
	route: number | null;
	/** For `route`: indices of every route that matched (the longest wins). */
	matches: readonly number[] | null;
	/** Next-hop address (the gateway, or the destination itself). */
	nexthop: string | null;
	ttl: number;
	text: string;
}

export interface Packet {
	src: string;
	dst: string;
	/** Every hop of this send (one shared array); this frame shows `hops[hop]`. */
	hops: readonly PacketHop[];
	hop: number;
	outcome: 'delivered' | 'outside' | 'dropped';
}

export interface NamespacesState {
	namespaces: readonly NsView[];
	processes: readonly ProcView[];
	/** The operation in flight; null in the opening frame. */
	action: AskAction | SendAction | null;
	stage: Stage | null;
	/** The namespace the kernel picked for this question. */
	pick: { kind: NsKind; ns: string } | null;
	/** The table the answer comes from, with the rows that matter. */
	lookup: Lookup | null;
	/** What the command printed (on its last frame). */
	answer: Answer | null;
	packet: Packet | null;
}

export type AskResult = {
	ok: true;
	command: Command;
	ns: string;
	output: string[];
};
export type SendResult = {
	ok: true;
	delivered: 'local' | 'outside';
	/** The namespace that received it ('local') or sent it out of the machine ('outside'). */
	ns: string;
	src: string;
	hops: number;
};
export type NsResult = AskResult | SendResult | { ok: false; errno: Errno };

export interface NamespacesFinal {
	processes: { name: string; uid: number; kuid: number; pids: number[] }[];
}

/** What the result budget charges (docs/scenarios.md, "Limits"): output lines, final's processes. */
const BUDGET: ResultBudget<NamespacesFinal> = {
	resultLists: ['output'],
	finalItems: (final) => final.processes.length,
	words: "command output lines and final's processes"
};

// ---------------------------------------------------------------- the machine's file tree

interface DiskEntry {
	type: FileType;
	uid: number;
	mode: number;
	dev: string | null;
}

class Disk {
	readonly entries = new Map<string, DiskEntry>();
	readonly children = new Map<string, Set<string>>();

	constructor(files: NamespacesScenario['files']) {
		this.entries.set('/', { type: 'dir', uid: 0, mode: 0o755, dev: null });
		for (const file of files ?? []) {
			const spec = typeof file === 'string' ? { path: file } : file;
			const type = spec.type ?? 'file';
			const entry: DiskEntry = {
				type,
				uid: spec.uid ?? 0,
				mode: spec.mode ? parseInt(spec.mode, 8) & 0o7777 : type === 'dir' ? 0o755 : 0o644,
				dev: spec.dev ?? null
			};
			this.add(spec.path, entry);
		}
	}

	private add(path: string, entry: DiskEntry) {
		if (path === '/') {
			this.entries.set('/', entry);
			return;
		}
		const slash = path.lastIndexOf('/');
		const parent = slash === 0 ? '/' : path.slice(0, slash);
		if (!this.entries.has(parent))
			this.add(parent, { type: 'dir', uid: 0, mode: 0o755, dev: null });
		this.entries.set(path, entry);
		let names = this.children.get(parent);
		if (!names) this.children.set(parent, (names = new Set()));
		names.add(path.slice(slash + 1));
	}

	/** The entry at `path`, or the errno of a failed lookup. */
	lookup(path: string): DiskEntry | 'ENOENT' | 'ENOTDIR' {
		const found = this.entries.get(path);
		if (found) return found;
		const parts = path.split('/');
		for (let k = 2; k < parts.length; k++) {
			const entry = this.entries.get(parts.slice(0, k).join('/'));
			if (!entry) return 'ENOENT';
			if (entry.type !== 'dir') return 'ENOTDIR';
		}
		return 'ENOENT';
	}

	list(path: string): string[] {
		return [...(this.children.get(path) ?? [])];
	}
}

const joinPath = (base: string, rest: string) =>
	rest === '' ? base : base === '/' ? rest : `${base}${rest}`;

/** Is `target` a prefix of `path` at a component boundary? */
function under(path: string, target: string): boolean {
	return target === '/' || path === target || path.startsWith(`${target}/`);
}

// ---------------------------------------------------------------- building the views

function buildInterfaces(ns: NamespaceInput, all: readonly NamespaceInput[]): IfaceView[] {
	const declared = ns.interfaces ?? [];
	const list = declared.some((i) => i.name === 'lo')
		? declared
		: [{ name: 'lo', type: 'loopback' as const, addr: '127.0.0.1/8' }, ...declared];
	const ordered = [...list.filter((i) => i.name === 'lo'), ...list.filter((i) => i.name !== 'lo')];
	const indexIn = (nsId: string, name: string): number => {
		const other = all.find((n) => n.kind === 'net' && n.id === nsId);
		const ifaces = other?.interfaces ?? [];
		const withoutLo = ifaces.filter((i) => i.name !== 'lo');
		const at = withoutLo.findIndex((i) => i.name === name);
		return name === 'lo' ? 1 : at + 2;
	};
	return ordered.map((iface, k) => ({
		ifindex: k + 1,
		name: iface.name,
		type: ifaceType(iface),
		addr: iface.addr ?? null,
		peer:
			'peer' in iface && iface.peer
				? {
						ns: iface.peer.ns,
						name: iface.peer.name,
						ifindex: indexIn(iface.peer.ns, iface.peer.name)
					}
				: null,
		master: ('master' in iface && iface.master) || null,
		implicit: !declared.includes(iface as never)
	}));
}

function buildRoutes(ns: NamespaceInput, ifaces: readonly IfaceView[]): RouteView[] {
	const routes: Omit<RouteView, 'index' | 'line'>[] = [];
	const srcOf = (dev: string) => {
		const addr = ifaces.find((i) => i.name === dev)?.addr;
		return addr ? addr.split('/')[0] : null;
	};
	for (const route of ns.routes ?? []) {
		routes.push({
			to: route.to,
			via: route.via ?? null,
			dev: route.dev,
			src: srcOf(route.dev),
			proto: 'static'
		});
	}
	// The kernel adds a link route for the subnet of every address (not for lo: that is the local table).
	for (const iface of ifaces) {
		if (!iface.addr || iface.type === 'loopback') continue;
		const prefix = parsePrefix(iface.addr)!;
		if (prefix.length === 32) continue;
		const to = formatPrefix(prefix.network, prefix.length);
		if (routes.some((r) => r.to === to && r.dev === iface.name)) continue;
		routes.push({
			to,
			via: null,
			dev: iface.name,
			src: formatAddress(prefix.address),
			proto: 'kernel'
		});
	}
	// `ip route` lists the main table in the order of the kernel's trie: by network
	// address, and routes to the same network longest prefix first (net/ipv4/fib_trie.c,
	// fib_insert_alias(), keeps a leaf's aliases by ascending suffix length).
	const key = (to: string) => {
		const p = to === 'default' ? { network: 0, length: 0 } : parsePrefix(to)!;
		return p.network * 64 + (32 - p.length);
	};
	const sorted = routes
		.map((route, order) => ({ route, order }))
		.sort((a, b) => key(a.route.to) - key(b.route.to) || a.order - b.order)
		.map(({ route }) => route);
	return sorted.map((route, index) => ({
		...route,
		index,
		line:
			`${route.to}${route.via ? ` via ${route.via}` : ''} dev ${route.dev}` +
			// ip(8) adds a route without a gateway with scope link (ip-route(8)), and lists it so.
			(route.proto === 'kernel'
				? ` proto kernel scope link src ${route.src}`
				: route.via
					? ''
					: ' scope link')
	}));
}

function buildViews(s: NamespacesScenario): NsView[] {
	const firstOf = new Map<NsKind, string>();
	for (const ns of s.namespaces) if (!firstOf.has(ns.kind)) firstOf.set(ns.kind, ns.id);
	const levels = new Map<string, number>();
	return s.namespaces.map((ns, index) => {
		const initial =
			firstOf.get(ns.kind) === ns.id && s.namespaces.findIndex((n) => n.id === ns.id) === index;
		const view: NsView = { id: ns.id, kind: ns.kind, index, initial };
		switch (ns.kind) {
			case 'mnt':
				view.root = ns.root ?? '/';
				view.mounts = (ns.mounts ?? []).map((m, i) => ({
					index: i,
					target: m.target,
					source: m.source,
					readonly: m.readonly === true
				}));
				view.users = ns.users ?? [
					{ uid: 0, name: 'root' },
					{ uid: OVERFLOW_UID, name: 'nobody' }
				];
				break;
			case 'uts':
				view.hostname = ns.hostname ?? 'localhost';
				break;
			case 'net':
				view.interfaces = buildInterfaces(ns, s.namespaces);
				view.routes = buildRoutes(ns, view.interfaces);
				break;
			case 'user':
				view.uidMap = ns.uidMap ?? (initial ? IDENTITY_MAP : []);
				break;
			case 'pid': {
				const parent = ns.parent ?? null;
				const level = parent === null ? 0 : (levels.get(parent) ?? 0) + 1;
				levels.set(ns.id, level);
				view.parent = parent;
				view.level = level;
				break;
			}
			case 'ipc': {
				// Each namespace has one id space per type (struct ipc_namespace holds an
				// ipc_ids for shm, one for msg and one for sem; ipc/util.c ipc_idr_alloc()),
				// so the first shared memory segment, queue and semaphore set are each 0.
				const next = { shm: 0, msg: 0, sem: 0 };
				view.objects = (ns.objects ?? []).map((o) => ({
					type: o.type,
					key: `0x${o.key.toString(16).padStart(8, '0')}`,
					id: next[o.type]++
				}));
				break;
			}
		}
		return view;
	});
}

function mapUid(map: NsView['uidMap'], uid: number): { outside: number; line: number } | null {
	const lines = map ?? [];
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i];
		if (uid >= l.inside && uid < l.inside + l.count)
			return { outside: l.outside + uid - l.inside, line: i };
	}
	return null;
}

function unmapUid(map: NsView['uidMap'], kuid: number): number | null {
	for (const l of map ?? [])
		if (kuid >= l.outside && kuid < l.outside + l.count) return l.inside + kuid - l.outside;
	return null;
}

function buildProcesses(s: NamespacesScenario, byId: Map<string, NsView>): ProcView[] {
	const initial = {} as Record<NsKind, string>;
	for (const kind of NS_KINDS) initial[kind] = s.namespaces.find((n) => n.kind === kind)!.id;
	const lastPid = new Map<string, number>();
	return s.processes.map((proc, index) => {
		const ns = {} as Record<NsKind, string>;
		for (const kind of NS_KINDS) ns[kind] = proc.ns?.[kind] ?? initial[kind];
		const chain: string[] = [];
		for (let at: string | null = ns.pid; at !== null; at = byId.get(at)?.parent ?? null)
			chain.unshift(at);
		const pids = chain.map((id) => {
			const pid = (lastPid.get(id) ?? 0) + 1;
			lastPid.set(id, pid);
			return { ns: id, pid };
		});
		const mapped = mapUid(byId.get(ns.user)!.uidMap, proc.uid);
		return {
			name: proc.name,
			index,
			uid: proc.uid,
			kuid: mapped ? mapped.outside : OVERFLOW_UID,
			ns,
			pids,
			root: proc.root ?? '/',
			onHost: NS_KINDS.every((kind) => ns[kind] === initial[kind])
		};
	});
}

// ---------------------------------------------------------------- simulation

function userName(view: NsView, uid: number): string | null {
	return view.users?.find((u) => u.uid === uid)?.name ?? null;
}

function modeString(mode: number): string {
	return mode.toString(8).padStart(3, '0');
}

function isLocal(view: NsView, address: number): IfaceView | null {
	for (const iface of view.interfaces ?? []) {
		if (iface.type === 'loopback') {
			if (address >>> 24 === 127) return iface;
			continue;
		}
		if (iface.addr && parsePrefix(iface.addr)!.address === address) return iface;
	}
	return null;
}

/**
 * Whether `address` is the broadcast address of the subnet of one of `view`'s
 * interfaces' addresses (the kernel adds a broadcast route to its local table for
 * each address shorter than /31: fib_add_ifaddr()). 255.255.255.255 is broadcast
 * only once a route matches it (__mkroute_output()), so the caller checks it then.
 */
function isBroadcast(view: NsView, address: number): boolean {
	return (view.interfaces ?? []).some((iface) => {
		if (!iface.addr || iface.type === 'loopback') return false;
		const { network, length } = parsePrefix(iface.addr)!;
		return length < 31 && (network | (0xffffffff >>> length)) >>> 0 === address;
	});
}

const MAX_HOPS = 200;
const START_TTL = 64;

/** What every step reads: the namespaces, the processes, the machine's files, and the frames so far. */
interface World {
	readonly byId: Map<string, NsView>;
	readonly processes: ProcView[];
	readonly disk: Disk;
	readonly recorder: FrameRecorder<NamespacesState, Result, NamespacesFinal>;
	readonly base: NamespacesState;
}

/** One command a process runs, once the kernel has picked the namespace that answers it. */
interface Question {
	proc: ProcView;
	ns: NsView;
	action: AskAction;
	pick: { kind: NsKind; ns: string };
	command: Command;
	path: string | null;
	/** Records the answer frame and the op's result. */
	finish: (lookup: Lookup | null, output: string[], text: string, errno?: Errno | null) => void;
}

const who = (proc: ProcView) => quote(proc.name);

/** A process asks the kernel something: the namespace is picked, then the command's handler answers. */
function ask(w: World, proc: ProcView, command: Command, opPath: string | undefined): void {
	const path =
		command === 'ls' ? (opPath ?? '/') : command === 'ls /dev' ? '/dev' : (opPath ?? null);
	const action: AskAction = { op: 'ask', process: proc.name, command, path };
	const kind = COMMAND_KIND[command];
	const ns = w.byId.get(proc.ns[kind])!;
	const shown = command === 'ls' || command === 'write' ? `${command} ${path}` : command;
	w.recorder.record(
		{ ...w.base, action, stage: 'ask' },
		`${who(proc)} runs “${shown}”, which asks the kernel through ${COMMAND_CALL[command]}.`
	);
	const pick = { kind, ns: ns.id };
	w.recorder.record(
		{ ...w.base, action, stage: 'pick', pick },
		command === 'ps'
			? // /proc shows the PID namespace it was mounted for (pid_namespaces(7)), not the
				// reader's; the model has no /proc mounts and takes the two to agree.
				`${who(proc)}’s /proc is mounted for its own PID namespace, ${quote(ns.id)}${ns.initial ? ' (the machine’s own), at boot' : ', as a container runtime mounts it'}, and /proc answers from the namespace it was mounted for.`
			: `The kernel answers from ${who(proc)}’s ${KIND_LABEL[kind]} namespace, ${quote(ns.id)}${ns.initial ? ' (the machine’s own)' : ''}.`
	);
	const finish: Question['finish'] = (lookup, output, text, errno = null) => {
		w.recorder.record(
			{ ...w.base, action, stage: 'answer', pick, lookup, answer: { command, output, errno } },
			text
		);
		w.recorder.result(
			errno ? ({ ok: false, errno } as Result) : { ok: true, command, ns: ns.id, output }
		);
	};
	ASK[command](w, { proc, ns, action, pick, command, path, finish });
}

/** The UTS namespace holds the host name. */
function askHostname(w: World, q: Question): void {
	const { ns, finish } = q;
	const lookup: Lookup = { table: 'hostname', ns: ns.id };
	finish(
		lookup,
		[ns.hostname!],
		`${quote(ns.id)} holds the host name “${ns.hostname}”, so that is the answer.`
	);
	return;
}

/** The network namespace holds its own interfaces. */
function askInterfaces(w: World, q: Question): void {
	const { ns, finish } = q;
	const lookup: Lookup = { table: 'interfaces', ns: ns.id };
	const output = ns.interfaces!.flatMap((iface) => {
		const head = `${iface.ifindex}: ${iface.name}${iface.peer ? `@if${iface.peer.ifindex}` : ''}: ${iface.type}${iface.master ? ` master ${iface.master}` : ''}`;
		return iface.addr ? [head, `    inet ${iface.addr}`] : [head];
	});
	// Every interface the listing shows, as `ip addr` lists them (the picture shows them all).
	const named = ns.interfaces!.map((i) =>
		i.type === 'loopback' ? i.name : `${i.name} ${i.addr ?? '(no address)'}`
	);
	finish(
		lookup,
		output,
		named.length > 1
			? `${quote(ns.id)} has its own interfaces: ${listing(named)}.`
			: `${quote(ns.id)} has only its own loopback interface, lo.`
	);
	return;
}

/** The network namespace holds its own routing table. */
function askRoutes(w: World, q: Question): void {
	const { ns, finish } = q;
	const lookup: Lookup = { table: 'routes', ns: ns.id };
	const routes = ns.routes!;
	finish(
		lookup,
		routes.map((r) => r.line),
		routes.length
			? `${quote(ns.id)} has its own routing table of ${routes.length === 1 ? 'one route' : `${routes.length} routes`}${routes.some((r) => r.to === 'default') ? `, with a default route via ${routes.find((r) => r.to === 'default')!.via ?? routes.find((r) => r.to === 'default')!.dev}` : ''}.`
			: `${quote(ns.id)}’s routing table is empty: it can reach only its own addresses.`
	);
	return;
}

/** The user namespace maps the inside uid to the machine’s. */
function askId(w: World, q: Question): void {
	const { proc, ns, action, pick, finish } = q;
	const mapped = mapUid(ns.uidMap, proc.uid)!;
	const lookup: Lookup = {
		table: 'uidMap',
		ns: ns.id,
		uid: proc.uid,
		line: mapped.line,
		outside: mapped.outside
	};
	const line = ns.uidMap![mapped.line];
	w.recorder.record(
		{ ...w.base, action, stage: 'lookup', pick, lookup },
		`By uid_map line “${line.inside} ${line.outside} ${line.count}”, uid ${proc.uid} inside ${quote(ns.id)} is uid ${mapped.outside} on the machine.`
	);
	const mnt = w.byId.get(proc.ns.mnt)!;
	const nameIn = userName(mnt, proc.uid);
	const output = [`uid=${proc.uid}${nameIn ? `(${nameIn})` : ''}`];
	finish(
		lookup,
		output,
		`getuid() returns the inside number, ${proc.uid}${nameIn ? `, which the /etc/passwd of its mount namespace calls “${nameIn}”` : ''}${mapped.outside !== proc.uid ? `; outside it is uid ${mapped.outside}` : ''}.`
	);
	return;
}

/** The PID namespace shows its processes with its own numbers. */
function askPs(w: World, q: Question): void {
	const { ns, finish } = q;
	const visible = w.processes.filter((p) => p.pids.some((x) => x.ns === ns.id));
	const rows = visible
		.map((p) => ({ pid: p.pids.find((x) => x.ns === ns.id)!.pid, name: p.name }))
		.sort((a, b) => a.pid - b.pid);
	const lookup: Lookup = { table: 'pids', ns: ns.id, visible: rows.map((r) => r.name) };
	const hidden = w.processes.length - visible.length;
	finish(
		lookup,
		['  PID CMD', ...rows.map((r) => `${String(r.pid).padStart(5)} ${r.name}`)],
		`${quote(ns.id)} shows ${rows.length === 1 ? 'one process' : `${rows.length} processes`} with its own PID numbers${hidden ? `; ${hidden === 1 ? 'one other is' : `${hidden} others are`} invisible from here` : ''}.`
	);
	return;
}

/** The IPC namespace holds its own System V objects. */
function askIpc(w: World, q: Question): void {
	const { ns, finish } = q;
	const lookup: Lookup = { table: 'ipc', ns: ns.id };
	const objects = ns.objects!;
	finish(
		lookup,
		objects.length
			? [
					'key        id type',
					...objects.map((o) => `${o.key} ${String(o.id).padStart(2)} ${o.type}`)
				]
			: ['(no IPC objects)'],
		objects.length
			? `${quote(ns.id)} holds ${objects.length === 1 ? 'one System V IPC object' : `${objects.length} System V IPC objects`}; other IPC namespaces cannot see ${objects.length === 1 ? 'it' : 'them'}.`
			: `${quote(ns.id)} holds no System V IPC objects, whatever other namespaces hold.`
	);
	return;
}

/** The mount namespace resolves the path (ls, ls /dev); for write, the user namespace decides the permission check. */
function askPath(w: World, q: Question): void {
	const { proc, ns, action, pick, command, path, finish } = q;
	const asked = path!;
	const target = joinPath(proc.root, asked === '/' ? '' : asked);
	const mounts = ns.mounts!;
	// A mount covers every earlier one at or below its target: those were mounted on
	// the file tree it now hides (a later mount on /d hides one on /d/x). Of the rest,
	// the one with the longest target that holds the path serves it.
	const covered = (i: number) =>
		mounts.some((later, j) => j > i && under(mounts[i].target, later.target));
	let best = -1;
	let bestLength = 0;
	mounts.forEach((m, i) => {
		if (!covered(i) && under(target, m.target) && m.target.length >= bestLength) {
			best = i;
			bestLength = m.target.length;
		}
	});
	const mount = best >= 0 ? mounts[best] : null;
	const source = mount ? mount.source : ns.root!;
	const rest = mount ? (mount.target === '/' ? target : target.slice(mount.target.length)) : target;
	const diskPath = joinPath(source, rest === '/' ? '' : rest);
	const lookup: Lookup = {
		table: 'mounts',
		ns: ns.id,
		path: asked,
		viewPath: target,
		mount: best,
		diskPath
	};
	const chroot =
		proc.root === '/'
			? ''
			: `${who(proc)} is chrooted to “${proc.root}”, so “${asked}” starts there as “${target}”; `;
	w.recorder.record(
		{ ...w.base, action, stage: 'lookup', pick, lookup },
		sentence(
			chroot +
				(mount
					? `in ${quote(ns.id)}, “${target}” lies under the ${mount.readonly ? 'read-only ' : ''}mount at “${mount.target}”, which shows the machine's “${mount.source}”: it reaches “${diskPath}”.`
					: ns.root === '/'
						? `in ${quote(ns.id)}, path resolution starts at the machine's real root, so “${target}” is “${diskPath}”.`
						: `in ${quote(ns.id)}, path resolution starts at “${ns.root}”, not at the real root, so “${target}” is “${diskPath}”.`)
		)
	);
	const entry = w.disk.lookup(diskPath);
	// Mount points below the listed directory show even where the directory below lacks them.
	const mountNames = mounts
		.filter(
			(m, i) =>
				!covered(i) &&
				m.target !== target &&
				under(m.target, target) &&
				!m.target.slice(target === '/' ? 1 : target.length + 1).includes('/')
		)
		.map((m) => m.target.slice(m.target.lastIndexOf('/') + 1));
	if (typeof entry === 'string') {
		finish(
			lookup,
			[
				`${command === 'write' ? 'write' : 'ls'}: cannot access '${asked}': ${entry === 'ENOENT' ? 'No such file or directory' : 'Not a directory'}`
			],
			`The machine's file tree has no “${diskPath}”, so the answer is ${entry}.`,
			entry
		);
		return;
	}
	if (command !== 'write') {
		if (entry.type !== 'dir') {
			finish(
				lookup,
				[asked.slice(asked.lastIndexOf('/') + 1)],
				`“${asked}” is a ${entry.type === 'file' ? 'file' : 'device'}, so ls prints its name.`
			);
			return;
		}
		const names = [...new Set([...w.disk.list(diskPath), ...mountNames])].sort();
		const lines = names.map((n) => {
			const child = w.disk.entries.get(joinPath(diskPath, `/${n}`));
			if (!child || child.type === 'dir') return `${n}/`;
			if (child.type === 'char' || child.type === 'block')
				return `${n}  (${child.type} device${child.dev ? ` ${child.dev}` : ''})`;
			return n;
		});
		const devices = names.filter((n) => {
			const t = w.disk.entries.get(joinPath(diskPath, `/${n}`))?.type;
			return t === 'char' || t === 'block';
		}).length;
		finish(
			lookup,
			lines.length ? lines : ['(empty)'],
			`“${asked}” in this view lists ${names.length === 1 ? 'one name' : `${names.length} names`}${devices ? `, ${devices === 1 ? 'one device' : `${devices} devices`} among them` : ''}, taken from “${diskPath}”.`
		);
		return;
	}
	// write: a permission check.
	if (entry.type === 'dir') {
		finish(
			lookup,
			[`write: ${target}: Is a directory`],
			`“${target}” is a directory, which cannot be opened for writing (EISDIR).`,
			'EISDIR'
		);
		return;
	}
	const user = w.byId.get(proc.ns.user)!;
	const readonly = mount?.readonly === true;
	const klass = proc.kuid === entry.uid ? 'owner' : 'other';
	const bitsAllow = ((klass === 'owner' ? entry.mode >> 6 : entry.mode) & 2) !== 0;
	const fileUidInside = unmapUid(user.uidMap, entry.uid);
	const override = !bitsAllow && proc.uid === 0 && fileUidInside !== null;
	const allowed = !readonly && (bitsAllow || override);
	const check: Lookup = {
		table: 'permission',
		ns: user.id,
		diskPath,
		fileUid: entry.uid,
		fileUidInside,
		mode: modeString(entry.mode),
		kuid: proc.kuid,
		klass,
		bitsAllow,
		override,
		readonly,
		allowed
	};
	const ownerText = `owned by uid ${entry.uid}${fileUidInside === null ? ` (unmapped in ${quote(user.id)}: it shows as ${OVERFLOW_UID})` : fileUidInside !== entry.uid ? ` (${fileUidInside} inside)` : ''}, mode ${modeString(entry.mode)}`;
	w.recorder.record(
		{ ...w.base, action, stage: 'check', pick: { kind: 'user', ns: user.id }, lookup: check },
		readonly
			? `The mount at “${mount!.target}” is read-only, so no write is allowed, whoever asks.`
			: bitsAllow
				? `The file is ${ownerText}; ${who(proc)} is uid ${proc.kuid} on the machine and the ${klass === 'owner' ? "owner's" : "others'"} bits allow writing.`
				: override
					? `The file is ${ownerText}; the mode forbids uid ${proc.kuid}, but root of ${quote(user.id)} may override it (CAP_DAC_OVERRIDE) because the file’s owner is mapped into that namespace (the kernel also needs its group mapped; files here have no group).`
					: `The file is ${ownerText}; ${who(proc)} is uid ${proc.kuid} on the machine${proc.uid === 0 ? `, and being root inside ${quote(user.id)} does not help: the owner is not mapped into it` : ''}.`
	);
	if (readonly)
		finish(
			check,
			[`write: ${asked}: Read-only file system`],
			'The write fails with EROFS.',
			'EROFS'
		);
	else if (allowed)
		finish(
			check,
			[`(wrote ${target})`],
			`The kernel lets ${who(proc)} open “${target}” for writing.`
		);
	else
		finish(
			check,
			[`write: ${asked}: Permission denied`],
			`The kernel refuses: Permission denied (EACCES).`,
			'EACCES'
		);
	return;
}

/** A packet from `proc` to `to`: route lookups, bridges and veth pairs, hop by hop. */
function send(w: World, proc: ProcView, to: string): void {
	const action: SendAction = { op: 'send', from: proc.name, to };
	const dst = parseAddress(to)!;
	const hops: Omit<PacketHop, 'index'>[] = [];
	let ttl = START_TTL;
	let nsId = proc.ns.net;
	let src: string | null = null;
	let outcome: Packet['outcome'] = 'dropped';
	let errno: Errno | null = null;
	let deliveredIn = nsId;
	const hop = (h: Partial<PacketHop> & Pick<PacketHop, 'kind' | 'ns' | 'text'>) =>
		hops.push({
			iface: null,
			toNs: null,
			toIface: null,
			route: null,
			matches: null,
			nexthop: null,
			ttl,
			...h
		});
	hop({
		kind: 'start',
		ns: nsId,
		text: `${who(proc)} sends a packet to ${to} from network namespace ${quote(nsId)}.`
	});
	let forwarded = false;
	// Each pass: the packet is in namespace nsId's IP stack, to be delivered or routed.
	for (let guard = 0; guard < MAX_HOPS; guard++) {
		const view = w.byId.get(nsId)!;
		const local = isLocal(view, dst);
		if (local) {
			// The local route's preferred source: the address itself, except on lo, whose
			// one local route covers 127.0.0.0/8 with the source 127.0.0.1 (fib_add_ifaddr(),
			// net/ipv4/fib_frontend.c; ip_route_output_key_hash_rcu(), RTN_LOCAL).
			src ??= local.type === 'loopback' && local.addr ? local.addr.split('/')[0] : to;
			hop({
				kind: 'deliver',
				ns: nsId,
				iface: local.name,
				text: `${to} is an address of ${quote(nsId)} itself (on ${local.name}): the packet is delivered here.`
			});
			outcome = 'delivered';
			deliveredIn = nsId;
			break;
		}
		// A broadcast address: connect() refuses a socket that has not asked for
		// SO_BROADCAST (__ip4_datagram_connect(), net/ipv4/datagram.c).
		if (!forwarded && isBroadcast(view, dst)) {
			hop({
				kind: 'route',
				ns: nsId,
				route: -1,
				matches: [],
				text: `${to} is a broadcast address in ${quote(nsId)}: a socket may send there only once it has asked for SO_BROADCAST, so the kernel refuses (EACCES).`
			});
			errno = 'EACCES';
			break;
		}
		if (forwarded) {
			ttl--;
			if (ttl <= 0) {
				hop({
					kind: 'drop',
					ns: nsId,
					text: `The packet's time to live ran out in ${quote(nsId)} (a routing loop): it is dropped.`
				});
				errno = 'EHOSTUNREACH';
				break;
			}
		}
		const routes = view.routes!;
		const parsed = routes.map((r) =>
			r.to === 'default'
				? { network: 0, length: 0 }
				: { network: parsePrefix(r.to)!.network, length: parsePrefix(r.to)!.length }
		);
		const matches = parsed.flatMap((p, i) => (inPrefix(dst, p.network, p.length) ? [i] : []));
		const win = longestPrefixMatch(parsed, dst);
		if (win < 0) {
			hop({
				kind: 'route',
				ns: nsId,
				route: -1,
				matches,
				text: `Route lookup in ${quote(nsId)}: no route matches ${to}, so the packet cannot go anywhere (ENETUNREACH).`
			});
			errno = 'ENETUNREACH';
			break;
		}
		if (!forwarded && dst === 0xffffffff) {
			hop({
				kind: 'route',
				ns: nsId,
				route: -1,
				matches,
				text: `${to} is the broadcast address of every network: a socket may send there only once it has asked for SO_BROADCAST, so the kernel refuses (EACCES).`
			});
			errno = 'EACCES';
			break;
		}
		const route = routes[win];
		const out = view.interfaces!.find((i) => i.name === route.dev)!;
		const nexthop = route.via ?? to;
		// An interface without an address borrows the first global one of the namespace's
		// other interfaces, in their order (inet_select_addr(), net/ipv4/devinet.c; lo's
		// 127.0.0.1 is of host scope, so never).
		const outAddress =
			(out.addr ?? view.interfaces!.find((i) => i.addr && i.type !== 'loopback')?.addr)?.split(
				'/'
			)[0] ?? null;
		src ??= outAddress ?? '0.0.0.0';
		// The ARP request for the next hop is sent from that address (arp_solicit()); a
		// namespace that owns it too takes it for a martian source and does not answer
		// (arp_process(), fib_validate_source(), net/ipv4/fib_frontend.c).
		const unanswered = (answering: NsView) =>
			outAddress !== null && isLocal(answering, parseAddress(outAddress)!) !== null;
		const martian = (answering: NsView, iface: string, ns: string) => {
			hop({
				kind: 'drop',
				ns,
				iface,
				nexthop,
				text: `${quote(answering.id)} owns ${nexthop}, but also ${outAddress}, the address the ARP request for it comes from: it takes the request for a forgery and does not answer, so the packet is dropped.`
			});
			errno = 'EHOSTUNREACH';
		};
		const longest = parsed[win].length;
		hop({
			kind: 'route',
			ns: nsId,
			iface: out.name,
			route: win,
			matches,
			nexthop,
			text: `Route lookup in ${quote(nsId)}: ${matches.length > 1 ? `of ${matches.length} matching routes the longest prefix (/${longest}) wins, ` : ''}“${route.line.replace(/ proto kernel.*$/, '')}”, so the packet goes out of ${out.name}${route.via ? ` towards the gateway ${route.via}` : ''}.`
		});
		// Out of a bridge's port itself: the ARP reply comes back in by the port, whose
		// bridge takes every frame it receives (br_handle_frame(), net/bridge/br_input.c),
		// so the port's neighbour entry never completes and the packet is dropped.
		if (out.master) {
			hop({
				kind: 'drop',
				ns: nsId,
				iface: out.name,
				nexthop,
				text: `${out.name} is a port of bridge ${out.master}: the answer to its ARP request comes back in by the port and the bridge takes it, so ${out.name} never learns where ${nexthop} is and the packet is dropped.`
			});
			errno = 'EHOSTUNREACH';
			break;
		}
		// Transmit on `out`, through bridges and veth pairs, until the packet enters a stack again.
		let at: { ns: string; iface: IfaceView; arrived: boolean } = {
			ns: nsId,
			iface: out,
			arrived: false
		};
		let entered: string | null = null;
		for (
			let inner = 0;
			inner < MAX_HOPS && entered === null && errno === null && outcome === 'dropped';
			inner++
		) {
			const here = w.byId.get(at.ns)!;
			const iface = at.iface;
			const bridge =
				iface.type === 'bridge'
					? iface
					: at.arrived && iface.master
						? here.interfaces!.find((i) => i.name === iface.master)!
						: null;
			if (bridge) {
				const nh = parseAddress(nexthop)!;
				if (isLocal(here, nh) && at.arrived) {
					if (unanswered(here)) {
						martian(here, bridge.name, at.ns);
						break;
					}
					hop({
						kind: 'up',
						ns: at.ns,
						iface: bridge.name,
						nexthop,
						text: `${nexthop} is ${quote(at.ns)}’s own address on bridge ${bridge.name}: the packet goes up into ${quote(at.ns)}’s own IP stack.`
					});
					entered = at.ns;
					break;
				}
				const ports = here.interfaces!.filter((i) => i.master === bridge.name && i !== iface);
				const port =
					ports.find((p) => p.type === 'veth' && p.peer && isLocal(w.byId.get(p.peer.ns)!, nh)) ??
					ports.find((p) => p.type === 'ethernet');
				if (!port) {
					hop({
						kind: 'drop',
						ns: at.ns,
						iface: bridge.name,
						nexthop,
						text: `No port of bridge ${bridge.name} leads to ${nexthop} (no answer to ARP): the packet is dropped.`
					});
					errno = 'EHOSTUNREACH';
					break;
				}
				hop({
					kind: 'bridge',
					ns: at.ns,
					iface: iface === bridge ? bridge.name : iface.name,
					toNs: at.ns,
					toIface: port.name,
					nexthop,
					text: `Bridge ${bridge.name} passes the frame ${iface === bridge ? '' : `from port ${iface.name} `}to port ${port.name}, behind which ${nexthop} answers.`
				});
				at = { ns: at.ns, iface: port, arrived: false };
				continue;
			}
			if (iface.type === 'ethernet') {
				hop({
					kind: 'leave',
					ns: at.ns,
					iface: iface.name,
					nexthop,
					text: `The packet leaves the machine through ${iface.name} of ${quote(at.ns)}, towards ${nexthop} on the outside network.`
				});
				outcome = 'outside';
				deliveredIn = at.ns;
				break;
			}
			if (iface.type === 'loopback') {
				hop({
					kind: 'drop',
					ns: at.ns,
					iface: iface.name,
					nexthop,
					text: `Loopback leads back into ${quote(at.ns)}, which does not own ${to}: the packet is dropped.`
				});
				errno = 'EHOSTUNREACH';
				break;
			}
			// veth: the packet comes out of the peer, in the peer's namespace.
			const peerNs = w.byId.get(iface.peer!.ns)!;
			const peer = peerNs.interfaces!.find((i) => i.name === iface.peer!.name)!;
			if (!peer.master && !isLocal(peerNs, parseAddress(nexthop)!)) {
				hop({
					kind: 'drop',
					ns: at.ns,
					iface: iface.name,
					nexthop,
					text: `Nobody behind veth ${iface.name} answers for ${nexthop} (ARP gets no reply): the packet is dropped.`
				});
				errno = 'EHOSTUNREACH';
				break;
			}
			if (!peer.master && unanswered(peerNs)) {
				martian(peerNs, iface.name, at.ns);
				break;
			}
			hop({
				kind: 'veth',
				ns: at.ns,
				iface: iface.name,
				toNs: peerNs.id,
				toIface: peer.name,
				nexthop,
				text: `The packet enters veth ${iface.name} in ${quote(at.ns)} and comes out of its peer ${peer.name} in ${quote(peerNs.id)}.`
			});
			if (peer.master) at = { ns: peerNs.id, iface: peer, arrived: true };
			else entered = peerNs.id;
		}
		if (entered === null) break;
		nsId = entered;
		forwarded = true;
	}
	if (errno === null && outcome === 'dropped') {
		hop({ kind: 'drop', ns: nsId, text: 'The packet took too many hops and is dropped.' });
		errno = 'EHOSTUNREACH';
	}
	const packetHops: PacketHop[] = hops.map((h, index) => ({ ...h, index }));
	const srcText = src ?? '0.0.0.0';
	for (const h of packetHops) {
		w.recorder.record(
			{
				...w.base,
				action,
				stage: 'hop',
				pick: { kind: 'net', ns: h.ns },
				lookup: h.kind === 'route' ? { table: 'routes', ns: h.ns } : null,
				packet: { src: srcText, dst: to, hops: packetHops, hop: h.index, outcome }
			},
			h.text
		);
	}
	w.recorder.result(
		errno
			? ({ ok: false, errno } as Result)
			: {
					ok: true,
					delivered: outcome === 'outside' ? 'outside' : 'local',
					ns: deliveredIn,
					src: srcText,
					hops: packetHops.length
				}
	);
}

const ASK: Record<Command, (w: World, q: Question) => void> = {
	hostname: askHostname,
	'ip addr': askInterfaces,
	'ip route': askRoutes,
	id: askId,
	ps: askPs,
	ipcs: askIpc,
	ls: askPath,
	'ls /dev': askPath,
	write: askPath
};

export function simulateNamespaces(
	scenario: NamespacesScenario,
	options: SimulateOptions = {}
): Trace<NamespacesState, NamespacesFinal, Result> {
	const namespaces = buildViews(scenario);
	const byId = new Map(namespaces.map((ns) => [ns.id, ns]));
	const processes = buildProcesses(scenario, byId);
	const procByName = new Map(processes.map((p) => [p.name, p]));
	const recorder = new FrameRecorder<NamespacesState, Result, NamespacesFinal>({
		...options,
		budget: BUDGET
	});
	const base = {
		namespaces,
		processes,
		action: null,
		stage: null,
		pick: null,
		lookup: null,
		answer: null,
		packet: null
	} satisfies NamespacesState;
	const w: World = { byId, processes, disk: new Disk(scenario.files), recorder, base };

	const containers = new Set(processes.filter((p) => !p.onHost).map((p) => p.ns.mnt)).size;
	recorder.record(
		base,
		`${processes.length === 1 ? 'One process' : `${processes.length} processes`} on one kernel, in ${namespaces.length} namespaces` +
			(containers > 0 ? `; some run in namespaces of their own, as containers do.` : '.')
	);

	scenario.ops.forEach((op, opIndex) => {
		recorder.beginOp(opIndex);
		if (op.op === 'send') send(w, procByName.get(op.from)!, op.to);
		else ask(w, procByName.get(op.process)!, op.command, op.path);
	});

	const final = recorder.final({
		processes: processes.map((p) => ({
			name: p.name,
			uid: p.uid,
			kuid: p.kuid,
			pids: p.pids.map((x) => x.pid)
		}))
	});
	return {
		model: 'namespaces',
		frames: recorder.frames,
		results: recorder.results,
		final
	};
}

export const namespacesModel: Model<NamespacesScenario, NamespacesState, NamespacesFinal> = {
	name: 'namespaces',
	schema: namespacesSchema,
	opsKey: 'ops',
	budget: BUDGET,
	shape: { itemLists: ['files', 'namespaces', 'processes'] },
	simulate: simulateNamespaces
};
