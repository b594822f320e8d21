/**
 * Validation of `namespaces` scenarios (docs/trace-format.md, "model
 * namespaces"). Structure first (valibot, strict keys except `x-`), then the
 * scenario as a whole: unique ids and names, references to namespaces,
 * interfaces and processes that exist and have the right kind, veth peers that
 * name each other, uid maps without overlaps, every process uid mapped.
 */
import * as v from 'valibot';
import {
	LIMITS,
	absolutePath,
	limitedArray,
	quoteText,
	scenarioHeader,
	strictObject,
	text
} from '../core';
import { parseAddress, parsePrefix } from './ip';

export const NS_KINDS = ['mnt', 'uts', 'net', 'user', 'pid', 'ipc'] as const;
export type NsKind = (typeof NS_KINDS)[number];

export const COMMANDS = [
	'hostname',
	'ls',
	'ls /dev',
	'ip addr',
	'ip route',
	'id',
	'ps',
	'ipcs',
	'write'
] as const;
export type Command = (typeof COMMANDS)[number];

/** Which namespace kind answers each command. */
export const COMMAND_KIND: Record<Command, NsKind> = {
	hostname: 'uts',
	ls: 'mnt',
	'ls /dev': 'mnt',
	'ip addr': 'net',
	'ip route': 'net',
	id: 'user',
	ps: 'pid',
	ipcs: 'ipc',
	write: 'mnt'
};

export const IFACE_TYPES = ['loopback', 'ethernet', 'veth', 'bridge'] as const;
export type IfaceType = (typeof IFACE_TYPES)[number];

export const FILE_TYPES = ['file', 'dir', 'char', 'block'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const IPC_TYPES = ['shm', 'msg', 'sem'] as const;

/** Caps of this model, besides the shared LIMITS (ops, frames, scenario size). */
export const NS_LIMITS = {
	namespaces: 256,
	processes: 1_000,
	files: 10_000,
	mounts: 100,
	interfaces: 64,
	routes: 256,
	/** The kernel's limit on lines of a uid_map (since Linux 4.15). */
	uidMapLines: 340,
	users: 256,
	ipcObjects: 256,
	/** HOST_NAME_MAX. */
	hostname: 64,
	/** IFNAMSIZ − 1. */
	ifname: 15,
	id: 64,
	/**
	 * PID namespaces nested below the root: MAX_PID_NS_LEVEL in
	 * include/linux/pid_namespace.h.
	 */
	pidDepth: 32
} as const;

/** The largest uid: 2³² − 2 ((uid_t)-1 is never a valid uid). */
export const UID_MAX = 4_294_967_294;

const name = (what: string, max: number) =>
	v.pipe(
		text(what, max),
		v.check((s) => s.length > 0, 'must not be empty'),
		// eslint-disable-next-line no-control-regex
		v.check((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters')
	);

const nsId = name('a namespace id (a string)', NS_LIMITS.id);
const processName = name('a process name (a string)', NS_LIMITS.id);
const ifName = v.pipe(
	name('an interface name (a string)', NS_LIMITS.ifname),
	v.check((s) => !/[\s/:]/.test(s), 'must not contain spaces, "/" or ":"')
);
const uid = v.pipe(
	v.number('must be a number'),
	v.integer('must be a whole number'),
	v.minValue(0, 'must be at least 0'),
	v.maxValue(UID_MAX, `must be at most ${UID_MAX}`)
);
const count = v.pipe(
	v.number('must be a number'),
	v.integer('must be a whole number'),
	v.minValue(1, 'must be at least 1'),
	v.maxValue(UID_MAX + 1, `must be at most ${UID_MAX + 1}`)
);
const address = v.pipe(
	v.string('must be a string'),
	v.check((s) => parseAddress(s) !== null, 'must be an IPv4 address like "10.0.0.2"')
);
const ifaceAddress = v.pipe(
	v.string('must be a string'),
	v.check(
		(s) => parsePrefix(s) !== null,
		'must be an IPv4 address with a prefix like "10.0.0.2/24"'
	)
);
const routeTarget = v.pipe(
	v.string('must be a string'),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed || dataset.value === 'default') return;
		const prefix = parsePrefix(dataset.value);
		if (!prefix) addIssue({ message: 'must be "default" or a prefix like "10.0.0.0/24"' });
		else if (prefix.address !== prefix.network)
			addIssue({ message: 'has host bits set (write the network, as the kernel requires)' });
	})
);
const mode = v.pipe(
	v.string('must be a string'),
	v.regex(/^[0-7]{3,4}$/, 'must be an octal mode like "644"')
);
const device = v.pipe(
	v.string('must be a string'),
	v.regex(/^\d{1,4}:\d{1,6}$/, 'must be "major:minor" like "1:3"')
);

const fileSchema = v.union(
	[
		absolutePath,
		strictObject({
			path: absolutePath,
			type: v.optional(v.picklist(FILE_TYPES, `must be one of ${FILE_TYPES.join(', ')}`)),
			uid: v.optional(uid),
			mode: v.optional(mode),
			dev: v.optional(device)
		})
	],
	'must be an absolute path or a file object {path, type?, uid?, mode?, dev?}'
);

const mountSchema = strictObject({
	target: absolutePath,
	source: absolutePath,
	readonly: v.optional(v.boolean('must be true or false'))
});

const ifaceSchema = strictObject({
	name: ifName,
	type: v.optional(v.picklist(IFACE_TYPES, `must be one of ${IFACE_TYPES.join(', ')}`)),
	addr: v.optional(ifaceAddress),
	peer: v.optional(strictObject({ ns: nsId, name: ifName })),
	master: v.optional(ifName)
});

const routeSchema = strictObject({
	to: routeTarget,
	via: v.optional(address),
	dev: ifName
});

const uidMapSchema = strictObject({ inside: uid, outside: uid, count });

/** Keys each kind of namespace takes besides `id` and `kind`. */
const KEYS_OF: Record<NsKind, readonly string[]> = {
	mnt: ['root', 'mounts', 'users'],
	uts: ['hostname'],
	net: ['interfaces', 'routes'],
	user: ['uidMap'],
	pid: ['parent'],
	ipc: ['objects']
};
const KIND_KEYS = [
	'root',
	'mounts',
	'users',
	'hostname',
	'interfaces',
	'routes',
	'uidMap',
	'parent',
	'objects'
] as const;

const hostname = v.pipe(
	v.string('must be a string'),
	v.check((s) => s.length > 0, 'must not be empty'),
	v.check(
		(s) => s.length <= NS_LIMITS.hostname,
		`must be at most ${NS_LIMITS.hostname} characters (HOST_NAME_MAX)`
	),
	v.check((s) => /^[A-Za-z0-9.-]+$/.test(s), 'must use only letters, digits, "-" and "."')
);

type PathItem = v.IssuePathItem;
function item(key: string | number): PathItem {
	return {
		type: 'object',
		origin: 'value',
		input: {},
		key,
		value: undefined
	} as unknown as PathItem;
}
function pathOf(keys: readonly (string | number)[]): [PathItem, ...PathItem[]] {
	return keys.map(item) as [PathItem, ...PathItem[]];
}

const nsSchema = v.pipe(
	strictObject({
		id: nsId,
		kind: v.picklist(NS_KINDS, `must be one of ${NS_KINDS.join(', ')}`),
		root: v.optional(absolutePath),
		mounts: v.optional(limitedArray(mountSchema, NS_LIMITS.mounts, 'mounts')),
		users: v.optional(
			limitedArray(
				strictObject({ uid, name: name('a user name (a string)', 32) }),
				NS_LIMITS.users,
				'users'
			)
		),
		hostname: v.optional(hostname),
		interfaces: v.optional(limitedArray(ifaceSchema, NS_LIMITS.interfaces, 'interfaces')),
		routes: v.optional(limitedArray(routeSchema, NS_LIMITS.routes, 'routes')),
		uidMap: v.optional(limitedArray(uidMapSchema, NS_LIMITS.uidMapLines, 'uid map lines')),
		parent: v.optional(nsId),
		objects: v.optional(
			limitedArray(
				strictObject({
					type: v.picklist(IPC_TYPES, `must be one of ${IPC_TYPES.join(', ')}`),
					key: v.pipe(
						v.number('must be a number'),
						v.integer('must be a whole number'),
						v.minValue(0, 'must be at least 0'),
						v.maxValue(0x7fffffff, 'must be at most 2147483647')
					)
				}),
				NS_LIMITS.ipcObjects,
				'IPC objects'
			)
		)
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const ns = dataset.value as Record<string, unknown> & { kind: NsKind };
		for (const key of KIND_KEYS) {
			if (ns[key] !== undefined && !KEYS_OF[ns.kind].includes(key)) {
				const takes = ['id', 'kind', ...KEYS_OF[ns.kind]].join(', ');
				addIssue({
					message: `is not a key of a "${ns.kind}" namespace (it takes ${takes})`,
					path: pathOf([key])
				});
			}
		}
	})
);

const processSchema = strictObject({
	name: processName,
	uid,
	root: v.optional(absolutePath),
	ns: v.optional(
		strictObject({
			mnt: v.optional(nsId),
			uts: v.optional(nsId),
			net: v.optional(nsId),
			user: v.optional(nsId),
			pid: v.optional(nsId),
			ipc: v.optional(nsId)
		})
	)
});

const opSchema = v.pipe(
	strictObject({
		op: v.picklist(['ask', 'send'], 'must be "ask" or "send"'),
		process: v.optional(processName),
		command: v.optional(v.picklist(COMMANDS, `must be one of ${COMMANDS.join(', ')}`)),
		path: v.optional(absolutePath),
		from: v.optional(processName),
		to: v.optional(address)
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const op = dataset.value;
		const keys =
			op.op === 'ask'
				? {
						required: ['process', 'command'],
						optional: op.command === 'ls' || op.command === 'write' ? ['path'] : []
					}
				: { required: ['from', 'to'], optional: [] };
		if (op.op === 'ask' && op.command === 'write') keys.required.push('path');
		for (const key of ['process', 'command', 'path', 'from', 'to'] as const) {
			const present = op[key] !== undefined;
			if (!present && keys.required.includes(key))
				addIssue({ message: 'is required', path: pathOf([key]) });
			else if (present && !keys.required.includes(key) && !keys.optional.includes(key)) {
				const what = op.op === 'ask' ? `an "ask ${op.command}" op` : 'a "send" op';
				addIssue({
					message: `is not a key of ${what} (it takes ${['op', ...keys.required, ...keys.optional].join(', ')})`,
					path: pathOf([key])
				});
			}
		}
	})
);

/** A scenario as an author writes it. */
export interface NamespacesScenarioInput {
	model: 'namespaces';
	title?: string;
	description?: string;
	files?: (string | { path: string; type?: FileType; uid?: number; mode?: string; dev?: string })[];
	namespaces: NamespaceInput[];
	processes: ProcessInput[];
	ops: OpInput[];
	[key: `x-${string}`]: unknown;
}

export interface NamespaceInput {
	id: string;
	kind: NsKind;
	root?: string;
	mounts?: { target: string; source: string; readonly?: boolean }[];
	users?: { uid: number; name: string }[];
	hostname?: string;
	interfaces?: {
		name: string;
		type?: IfaceType;
		addr?: string;
		peer?: { ns: string; name: string };
		master?: string;
	}[];
	routes?: { to: string; via?: string; dev: string }[];
	uidMap?: { inside: number; outside: number; count: number }[];
	parent?: string;
	objects?: { type: 'shm' | 'msg' | 'sem'; key: number }[];
}

export interface ProcessInput {
	name: string;
	uid: number;
	/** chroot: the directory (in its mount namespace's view) where its path resolution starts. */
	root?: string;
	ns?: Partial<Record<NsKind, string>>;
}

export type OpInput =
	| { op: 'ask'; process: string; command: Command; path?: string }
	| { op: 'send'; from: string; to: string };

/** Cross-reference problems of a structurally valid scenario: `[keys of the place, message]`. */
export function scenarioProblems(s: NamespacesScenarioInput): [(string | number)[], string][] {
	const problems: [(string | number)[], string][] = [];
	const add = (keys: (string | number)[], message: string) => {
		if (problems.length < 60) problems.push([keys, message]);
	};
	const q = (value: unknown) =>
		typeof value === 'string' ? quoteText(value) : String(JSON.stringify(value));

	// Files: each path once, never below a non-directory.
	const files = new Map<string, string>();
	(s.files ?? []).forEach((entry, i) => {
		const path = typeof entry === 'string' ? entry : entry.path;
		const type = typeof entry === 'string' ? 'file' : (entry.type ?? 'file');
		if (files.has(path)) add(['files', i], `${q(path)} is listed twice`);
		files.set(path, type);
		if (typeof entry !== 'string' && entry.dev !== undefined && type !== 'char' && type !== 'block')
			add(['files', i, 'dev'], 'is only for a device ("type": "char" or "block")');
		if (path === '/' && type !== 'dir') add(['files', i], 'the root "/" is a directory');
	});
	(s.files ?? []).forEach((entry, i) => {
		const path = typeof entry === 'string' ? entry : entry.path;
		const parts = path.split('/');
		for (let k = 2; k < parts.length; k++) {
			const parent = parts.slice(0, k).join('/');
			const type = files.get(parent);
			if (type !== undefined && type !== 'dir') {
				add(['files', i], `is inside ${q(parent)}, which is not a directory`);
				break;
			}
		}
	});

	// Namespaces: unique ids; at least one of each kind (the first is the machine's initial one).
	const byId = new Map<string, { kind: NsKind; index: number }>();
	s.namespaces.forEach((ns, i) => {
		const first = byId.get(ns.id);
		if (first)
			add(['namespaces', i, 'id'], `${q(ns.id)} is already the id of namespaces[${first.index}]`);
		else byId.set(ns.id, { kind: ns.kind, index: i });
	});
	const missing = NS_KINDS.filter((kind) => !s.namespaces.some((ns) => ns.kind === kind));
	if (missing.length)
		add(
			['namespaces'],
			`needs at least one namespace of each kind (the first of a kind is the machine's initial one); missing: ${missing.join(', ')}`
		);

	const nets = new Map<string, NamespaceInput>();
	for (const ns of s.namespaces)
		if (ns.kind === 'net' && byId.get(ns.id)?.index === s.namespaces.indexOf(ns))
			nets.set(ns.id, ns);

	s.namespaces.forEach((ns, i) => {
		if (ns.kind === 'pid' && ns.parent !== undefined) {
			const parent = byId.get(ns.parent);
			if (!parent || parent.kind !== 'pid')
				add(['namespaces', i, 'parent'], `${q(ns.parent)} is not the id of a pid namespace`);
			else if (parent.index >= i)
				add(['namespaces', i, 'parent'], `must name a pid namespace listed before this one`);
			else {
				let depth = 1;
				let at: string | undefined = ns.parent;
				while (at !== undefined && depth <= NS_LIMITS.pidDepth + 1) {
					const entry = byId.get(at);
					if (!entry) break;
					const p: NamespaceInput = s.namespaces[entry.index];
					at = p.parent;
					depth++;
				}
				if (depth > NS_LIMITS.pidDepth + 1)
					add(
						['namespaces', i, 'parent'],
						`nests more than ${NS_LIMITS.pidDepth} pid namespaces deep (the kernel's limit)`
					);
			}
		}
		if (
			ns.kind === 'pid' &&
			ns.parent === undefined &&
			s.namespaces.findIndex((n) => n.kind === 'pid') !== i
		)
			add(['namespaces', i], 'a pid namespace other than the first (initial) one needs a "parent"');
		if (ns.kind === 'user' && ns.uidMap) {
			const lines = ns.uidMap;
			lines.forEach((line, k) => {
				if (line.inside + line.count - 1 > UID_MAX)
					add(['namespaces', i, 'uidMap', k, 'count'], 'runs past the largest uid inside');
				if (line.outside + line.count - 1 > UID_MAX)
					add(['namespaces', i, 'uidMap', k, 'count'], 'runs past the largest uid outside');
				for (let j = 0; j < k; j++) {
					const other = lines[j];
					if (line.inside < other.inside + other.count && other.inside < line.inside + line.count)
						add(
							['namespaces', i, 'uidMap', k, 'inside'],
							`overlaps uidMap[${j}] inside (the kernel refuses overlapping ranges)`
						);
					if (
						line.outside < other.outside + other.count &&
						other.outside < line.outside + line.count
					)
						add(
							['namespaces', i, 'uidMap', k, 'outside'],
							`overlaps uidMap[${j}] outside (the kernel refuses overlapping ranges)`
						);
				}
			});
		}
		if (ns.kind === 'mnt' && ns.users) {
			const seen = new Set<number>();
			ns.users.forEach((user, k) => {
				if (seen.has(user.uid))
					add(['namespaces', i, 'users', k, 'uid'], `uid ${user.uid} is listed twice`);
				seen.add(user.uid);
			});
		}
		if (ns.kind === 'net') {
			const ifaces = ns.interfaces ?? [];
			const names = new Map<string, number>();
			ifaces.forEach((iface, k) => {
				if (names.has(iface.name))
					add(
						['namespaces', i, 'interfaces', k, 'name'],
						`${q(iface.name)} is already an interface of this namespace`
					);
				names.set(iface.name, k);
			});
			ifaces.forEach((iface, k) => {
				const place = ['namespaces', i, 'interfaces', k];
				const type = ifaceType(iface);
				if (type === 'veth' && !iface.peer) add([...place], 'a veth interface needs a "peer"');
				if (iface.peer && type !== 'veth')
					add([...place, 'peer'], `only a veth has a peer (this is a ${type})`);
				if (type === 'loopback' && iface.name !== 'lo')
					add([...place, 'type'], 'only "lo" is a loopback interface');
				if (iface.name === 'lo' && type !== 'loopback')
					add([...place, 'type'], '"lo" is the loopback interface');
				if (iface.master !== undefined) {
					const m = names.get(iface.master);
					if (m === undefined)
						add([...place, 'master'], `no interface ${q(iface.master)} in this namespace`);
					else if (ifaceType(ifaces[m]) !== 'bridge')
						add([...place, 'master'], `${q(iface.master)} is not a bridge`);
					else if (type === 'bridge' || type === 'loopback')
						add([...place, 'master'], `a ${type} cannot be a bridge port`);
				}
				if (iface.peer) {
					const other = nets.get(iface.peer.ns);
					if (!other)
						add([...place, 'peer', 'ns'], `${q(iface.peer.ns)} is not the id of a net namespace`);
					else {
						const end = (other.interfaces ?? []).find((x) => x.name === iface.peer!.name);
						if (!end)
							add(
								[...place, 'peer', 'name'],
								`net namespace ${q(iface.peer.ns)} has no interface ${q(iface.peer.name)}`
							);
						else if (other === ns && end === iface)
							add([...place, 'peer'], 'must be the other end, not this interface');
						else if (!end.peer || end.peer.ns !== ns.id || end.peer.name !== iface.name)
							add(
								[...place, 'peer'],
								`interface ${q(iface.peer.name)} of ${q(iface.peer.ns)} must name this one (${q(ns.id)}, ${q(iface.name)}) as its peer`
							);
					}
				}
			});
			(ns.routes ?? []).forEach((route, k) => {
				if (!names.has(route.dev) && route.dev !== 'lo')
					add(
						['namespaces', i, 'routes', k, 'dev'],
						`no interface ${q(route.dev)} in this namespace`
					);
			});
		}
	});

	// Processes: unique names, namespaces that exist and have the kind of their key, uid mapped.
	const procNames = new Map<string, number>();
	s.processes.forEach((proc, i) => {
		const first = procNames.get(proc.name);
		if (first !== undefined)
			add(['processes', i, 'name'], `${q(proc.name)} is already the name of processes[${first}]`);
		else procNames.set(proc.name, i);
		for (const kind of NS_KINDS) {
			const id = proc.ns?.[kind];
			if (id === undefined) continue;
			const ns = byId.get(id);
			if (!ns) add(['processes', i, 'ns', kind], `no namespace has the id ${q(id)}`);
			else if (ns.kind !== kind)
				add(['processes', i, 'ns', kind], `${q(id)} is a ${ns.kind} namespace, not a ${kind} one`);
		}
		const userId = proc.ns?.user ?? s.namespaces.find((ns) => ns.kind === 'user')?.id;
		const user = userId !== undefined ? byId.get(userId) : undefined;
		if (user && user.kind === 'user') {
			const owner = s.namespaces[user.index];
			const firstUser = s.namespaces.find((ns) => ns.kind === 'user');
			// A user namespace without a uidMap maps nothing, except the initial one (identity).
			const map = owner.uidMap ?? (owner === firstUser ? null : []);
			if (
				map &&
				!map.some((line) => proc.uid >= line.inside && proc.uid < line.inside + line.count)
			)
				add(
					['processes', i, 'uid'],
					`uid ${proc.uid} is not mapped by user namespace ${q(userId!)} (no line of its uidMap holds it)`
				);
		}
	});
	s.ops.forEach((op, i) => {
		const who = op.op === 'ask' ? op.process : op.from;
		if (!procNames.has(who))
			add(['ops', i, op.op === 'ask' ? 'process' : 'from'], `no process is named ${q(who)}`);
	});
	return problems;
}

export function ifaceType(iface: { name: string; type?: IfaceType; peer?: unknown }): IfaceType {
	if (iface.type) return iface.type;
	if (iface.name === 'lo') return 'loopback';
	return iface.peer ? 'veth' : 'ethernet';
}

export const namespacesSchema = v.pipe(
	strictObject({
		model: v.literal('namespaces', 'must be "namespaces"'),
		...scenarioHeader,
		files: v.optional(limitedArray(fileSchema, NS_LIMITS.files, 'files')),
		namespaces: limitedArray(nsSchema, NS_LIMITS.namespaces, 'namespaces'),
		processes: limitedArray(processSchema, NS_LIMITS.processes, 'processes'),
		ops: limitedArray(opSchema, LIMITS.ops, 'ops')
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		for (const [keys, message] of scenarioProblems(dataset.value as NamespacesScenarioInput))
			addIssue({ message, path: pathOf(keys) });
	}),
	v.transform((value) => value as NamespacesScenarioInput)
);

export type NamespacesScenario = NamespacesScenarioInput;
