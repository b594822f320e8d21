import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runModel, type Frame } from '../../src/lib/sim/core';
import {
	NS_LIMITS,
	formatAddress,
	longestPrefixMatch,
	namespacesModel,
	parseAddress,
	parsePrefix,
	type NamespacesScenarioInput,
	type NamespacesState,
	type OpInput
} from '../../src/lib/sim/namespaces';
import { runScenario } from './all-models';
import {
	hopPoint,
	layoutNetwork,
	packetTrail,
	spread,
	stackPoint
} from '../../src/lib/viz/namespaces/layout';
import {
	commandLine,
	lowerLines,
	lowerLook,
	notYetOf,
	tableOf,
	terminalText
} from '../../src/lib/viz/namespaces/parts';
import {
	BUILT_IN,
	checkScenario,
	compareDefaults,
	questionNarrations,
	questionRoom,
	questionSpan,
	withAddress,
	withHostname,
	withOp
} from '../../src/lib/labs/namespaces/view';

const load = (name: string): NamespacesScenarioInput =>
	JSON.parse(readFileSync(`static/scenarios/namespaces/${name}.json`, 'utf8'));

const containers = load('containers');
const network = load('network');
const userMap = load('user-map');

function run(scenario: NamespacesScenarioInput, ops?: OpInput[]) {
	const outcome = runModel(namespacesModel, ops ? { ...scenario, ops } : scenario);
	if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
	return outcome.trace as unknown as {
		frames: Frame<NamespacesState>[];
		results: Record<string, unknown>[];
		final: unknown;
	};
}

function errorsOf(input: unknown): string[] {
	const outcome = runModel(namespacesModel, input);
	if (outcome.ok) throw new Error('expected an invalid scenario');
	return outcome.errors;
}

const ask = (process: string, command: string, path?: string) =>
	({ op: 'ask', process, command, ...(path ? { path } : {}) }) as OpInput;

/** The smallest valid scenario: one namespace of each kind, one process. */
const minimal: NamespacesScenarioInput = {
	model: 'namespaces',
	namespaces: [
		{ id: 'm', kind: 'mnt' },
		{ id: 'u', kind: 'uts' },
		{ id: 'n', kind: 'net' },
		{ id: 'us', kind: 'user' },
		{ id: 'p', kind: 'pid' },
		{ id: 'i', kind: 'ipc' }
	],
	processes: [{ name: 'sh', uid: 0 }],
	ops: []
};

/** `minimal`'s namespaces, the initial one of `kind` with `fields` too. */
const initialWith = (
	kind: string,
	fields: Partial<NamespacesScenarioInput['namespaces'][number]>
): NamespacesScenarioInput['namespaces'] =>
	minimal.namespaces.map((ns) => (ns.kind === kind ? { ...ns, ...fields } : ns));

// Two namespaces that route 10.9.9.9 to each other.
const loop: NamespacesScenarioInput = {
	...minimal,
	namespaces: minimal.namespaces
		.map((ns) =>
			ns.kind === 'net'
				? {
						...ns,
						interfaces: [{ name: 'v0', addr: '10.1.0.1/30', peer: { ns: 'n2', name: 'v1' } }],
						routes: [{ to: 'default', via: '10.1.0.2', dev: 'v0' }]
					}
				: ns
		)
		.concat([
			{
				id: 'n2',
				kind: 'net',
				interfaces: [{ name: 'v1', addr: '10.1.0.2/30', peer: { ns: 'n', name: 'v0' } }],
				routes: [{ to: 'default', via: '10.1.0.1', dev: 'v1' }]
			}
		]),
	ops: [{ op: 'send', from: 'sh', to: '10.9.9.9' }]
};

describe('ip helpers', () => {
	test('parse and format addresses and prefixes', () => {
		expect(parseAddress('10.0.0.2')).toBe(0x0a000002);
		expect(formatAddress(0xc0a8010a)).toBe('192.168.1.10');
		for (const bad of ['10.0.0', '256.1.1.1', '01.2.3.4', 'a.b.c.d', '1.2.3.4.5', ''])
			expect(parseAddress(bad)).toBeNull();
		expect(parsePrefix('172.17.0.2/16')).toEqual({
			address: 0xac110002,
			length: 16,
			network: 0xac110000
		});
		expect(parsePrefix('1.2.3.4/33')).toBeNull();
		expect(parsePrefix('1.2.3.4')).toBeNull();
	});

	test('longest prefix wins; first on a tie; -1 when nothing matches', () => {
		const routes = [
			{ network: 0, length: 0 },
			{ network: 0x0a000000, length: 8 },
			{ network: 0x0a000900, length: 30 },
			{ network: 0x0a000900, length: 30 }
		];
		expect(longestPrefixMatch(routes, parseAddress('10.0.9.2')!)).toBe(2);
		expect(longestPrefixMatch(routes, parseAddress('10.1.1.1')!)).toBe(1);
		expect(longestPrefixMatch(routes, parseAddress('8.8.8.8')!)).toBe(0);
		expect(longestPrefixMatch(routes.slice(1), parseAddress('8.8.8.8')!)).toBe(-1);
	});
});

describe('every command answers from the asking process’s namespace', () => {
	const trace = run(containers);
	const result = (k: number) => trace.results[k] as { ok: boolean; output: string[]; ns: string };

	test('hostname: UTS', () => {
		expect(result(0)).toMatchObject({ ok: true, ns: 'host-uts', output: ['laptop'] });
		expect(result(1)).toMatchObject({ ns: 'web-uts', output: ['web'] });
		expect(result(2)).toMatchObject({ ns: 'db-uts', output: ['db'] });
	});

	test('ls: mount namespace, own root, bind mount shared, mount points listed', () => {
		expect(result(3).output).toEqual(['dev/', 'etc/', 'home/', 'srv/', 'usr/', 'var/']);
		expect(result(4)).toMatchObject({ ns: 'web-mnt', output: ['data/', 'dev/', 'etc/', 'usr/'] });
		expect(result(5).output).toEqual(['orders.csv']);
		expect(result(6).output).toEqual(['orders.csv']);
	});

	test('ls: a later mount covers an earlier one at or below its target, as on Linux', () => {
		const listings = (mounts: { target: string; source: string }[]) => {
			const scenario: NamespacesScenarioInput = {
				...minimal,
				namespaces: [...minimal.namespaces, { id: 'c-mnt', kind: 'mnt', root: '/c', mounts }],
				files: [{ path: '/c/d', type: 'dir' }, { path: '/a/x/from-a' }, { path: '/b/from-b' }],
				processes: [{ name: 'c', uid: 0, ns: { mnt: 'c-mnt' } }],
				ops: [ask('c', 'ls', '/d/x'), ask('c', 'ls', '/d')]
			};
			return run(scenario).results.map((result) =>
				result.ok ? (result as { output: string[] }).output : result.errno
			);
		};
		// /d/x mounted first, then /d over it: the kernel's answer (tests/conformance).
		expect(
			listings([
				{ target: '/d/x', source: '/a/x' },
				{ target: '/d', source: '/b' }
			])
		).toEqual(['ENOENT', ['from-b']]);
		// The other way round, the mount on /d/x is on top.
		expect(
			listings([
				{ target: '/d', source: '/b' },
				{ target: '/d/x', source: '/a/x' }
			])
		).toEqual([['from-a'], ['from-b', 'x/']]);
	});

	test('ls /dev: a device present on the host is hidden in the container', () => {
		expect(result(7).output.some((l) => l.startsWith('sda'))).toBe(true);
		expect(result(8).output.some((l) => l.startsWith('sda'))).toBe(false);
		expect(result(8).output[0]).toBe('null  (char device 1:3)');
	});

	test('ps: PID namespace, numbers as seen there', () => {
		expect(result(9).output).toHaveLength(6);
		expect(result(10).output).toEqual(['  PID CMD', '    1 nginx', '    2 nginx-worker']);
	});

	test('id: user namespace, name from the mount namespace', () => {
		expect(result(11)).toMatchObject({ ns: 'web-user', output: ['uid=0(root)'] });
	});

	test('ip addr: network namespace, with implicit lo and veth peer index', () => {
		expect(result(13).output).toEqual([
			'1: lo: loopback',
			'    inet 127.0.0.1/8',
			'2: eth0@if4: veth',
			'    inet 172.17.0.2/16'
		]);
	});

	test('ipcs: IPC namespace, ids per namespace and per type', () => {
		// The shared memory segment and the semaphore set each get id 0, as on Linux
		// (tests/conformance/namespaces.test.ts).
		expect(result(14).output).toEqual([
			'key        id type',
			'0x00001538  0 shm',
			'0x00001538  0 sem'
		]);
	});

	test('ipcs: each type of object is numbered on its own, from 0, in the order made', () => {
		const t = run({
			...minimal,
			namespaces: initialWith('ipc', {
				objects: [
					{ type: 'sem', key: 1 },
					{ type: 'shm', key: 2 },
					{ type: 'msg', key: 3 },
					{ type: 'shm', key: 4 },
					{ type: 'sem', key: 5 },
					{ type: 'shm', key: 0 }
				]
			}),
			ops: [ask('sh', 'ipcs')]
		});
		expect((t.results[0] as { output: string[] }).output).toEqual([
			'key        id type',
			'0x00000001  0 sem',
			'0x00000002  0 shm',
			'0x00000003  0 msg',
			'0x00000004  1 shm',
			'0x00000005  1 sem',
			'0x00000000  2 shm'
		]);
	});

	test('ip route: connected routes added and sorted, default first', () => {
		const t = run(network);
		expect((t.results[4] as { output: string[] }).output).toEqual([
			'default via 192.168.1.1 dev eth0',
			'10.0.0.0/8 via 192.168.1.254 dev eth0',
			'10.0.9.0/30 dev veth-solo proto kernel scope link src 10.0.9.1',
			'172.17.0.0/16 dev br0 proto kernel scope link src 172.17.0.1',
			'192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10'
		]);
	});

	test('ip route: routes to the same network are listed longest prefix first, as the kernel lists them', () => {
		// Order seen on Linux 6.18 (tests/conformance/namespaces.test.ts); the trie keeps
		// a leaf's routes by ascending suffix length (net/ipv4/fib_trie.c, fib_insert_alias()).
		const t = run({
			...minimal,
			namespaces: initialWith('net', {
				interfaces: [{ name: 'eth0', addr: '10.0.0.2/30' }],
				routes: [
					{ to: 'default', via: '10.0.0.1', dev: 'eth0' },
					{ to: '10.0.0.0/8', via: '10.0.0.1', dev: 'eth0' },
					{ to: '0.0.0.0/1', via: '10.0.0.1', dev: 'eth0' }
				]
			}),
			ops: [ask('sh', 'ip route'), { op: 'send', from: 'sh', to: '10.9.9.9' }]
		});
		expect((t.results[0] as { output: string[] }).output).toEqual([
			'0.0.0.0/1 via 10.0.0.1 dev eth0',
			'default via 10.0.0.1 dev eth0',
			'10.0.0.0/30 dev eth0 proto kernel scope link src 10.0.0.2',
			'10.0.0.0/8 via 10.0.0.1 dev eth0'
		]);
		// The route lookup still takes the longest prefix: /8 (listed last), of three matches.
		const hop = t.frames
			.filter((f) => f.op === 1)
			.find((f) => f.packet?.hops.some((h) => h.kind === 'route'))!
			.packet!.hops.find((h) => h.kind === 'route')!;
		expect(hop.route).toBe(3);
		expect([...hop.matches!].sort()).toEqual([0, 1, 3]);
	});

	test('frames of a question: ask, pick, (lookup), answer; state after each step', () => {
		const frames = trace.frames.filter((f) => f.op === 1);
		expect(frames.map((f) => f.stage)).toEqual(['ask', 'pick', 'answer']);
		expect(frames[0].pick).toBeNull();
		expect(frames[1].pick).toEqual({ kind: 'uts', ns: 'web-uts' });
		expect(frames[2].answer?.output).toEqual(['web']);
		const ls = trace.frames.filter((f) => f.op === 5);
		expect(ls.map((f) => f.stage)).toEqual(['ask', 'pick', 'lookup', 'answer']);
		expect(ls[2].lookup).toMatchObject({ table: 'mounts', mount: 0, diskPath: '/srv/shared' });
	});

	test('frames share structure and narration is one sentence', () => {
		for (const frame of trace.frames) {
			expect(frame.namespaces).toBe(trace.frames[0].namespaces);
			expect(frame.processes).toBe(trace.frames[0].processes);
			expect(frame.text).toMatch(/^[^\n]+[.!?]$/);
			expect(frame.text).not.toMatch(/<|>/);
		}
	});

	test('errors: ENOENT, ENOTDIR, EISDIR', () => {
		const t = run(containers, [
			ask('nginx', 'ls', '/home'),
			ask('bash', 'ls', '/etc/passwd/x'),
			ask('bash', 'write', '/etc'),
			ask('bash', 'ls', '/etc/passwd')
		]);
		expect(t.results.slice(0, 3)).toEqual([
			{ ok: false, errno: 'ENOENT' },
			{ ok: false, errno: 'ENOTDIR' },
			{ ok: false, errno: 'EISDIR' }
		]);
		expect(t.results[3]).toMatchObject({ ok: true, output: ['passwd'] });
	});

	test('chroot: path resolution starts at the process’s root', () => {
		const scenario: NamespacesScenarioInput = {
			...minimal,
			files: ['/srv/jail/etc/passwd', '/etc/shadow'],
			processes: [{ name: 'jailed', uid: 0, root: '/srv/jail' }],
			ops: [ask('jailed', 'ls', '/etc'), ask('jailed', 'ls', '/')]
		};
		const t = run(scenario);
		expect(t.results[0]).toMatchObject({ ok: true, output: ['passwd'] });
		expect(t.results[1]).toMatchObject({ output: ['etc/'] });
		const lookup = t.frames.find((f) => f.stage === 'lookup')!.lookup;
		expect(lookup).toMatchObject({ viewPath: '/srv/jail/etc', diskPath: '/srv/jail/etc' });
		expect(t.frames.find((f) => f.stage === 'lookup')!.text).toContain('chrooted');
	});

	test('PIDs across nested namespaces, and the host sees everyone', () => {
		const scenario: NamespacesScenarioInput = {
			...minimal,
			namespaces: [
				...minimal.namespaces,
				{ id: 'c', kind: 'pid', parent: 'p' },
				{ id: 'cc', kind: 'pid', parent: 'c' }
			],
			processes: [
				{ name: 'init', uid: 0 },
				{ name: 'a', uid: 0, ns: { pid: 'c' } },
				{ name: 'b', uid: 0, ns: { pid: 'cc' } }
			],
			ops: [ask('a', 'ps'), ask('b', 'ps'), ask('init', 'ps')]
		};
		const t = run(scenario);
		expect((t.final as { processes: { pids: number[] }[] }).processes.map((p) => p.pids)).toEqual([
			[1],
			[2, 1],
			[3, 2, 1]
		]);
		expect((t.results[0] as { output: string[] }).output).toEqual([
			'  PID CMD',
			'    1 a',
			'    2 b'
		]);
		expect((t.results[1] as { output: string[] }).output).toEqual(['  PID CMD', '    1 b']);
		expect((t.results[2] as { output: string[] }).output).toHaveLength(4);
	});
});

describe('user namespaces: uid map and permission checks', () => {
	const t = run(userMap);
	test('uid 0 inside is 100000 outside, by the map line', () => {
		const lookup = t.frames.find((f) => f.op === 0 && f.stage === 'lookup')!.lookup;
		expect(lookup).toEqual({ table: 'uidMap', ns: 'app-user', uid: 0, line: 0, outside: 100000 });
		expect((t.final as { processes: { kuid: number }[] }).processes.map((p) => p.kuid)).toEqual([
			1000, 0, 100000
		]);
	});

	test('own file ok; mapped owner overridden; unmapped real root refused; read-only refused', () => {
		expect(t.results.slice(2).map((r) => (r.ok ? 'ok' : r.errno))).toEqual([
			'ok',
			'ok',
			'EACCES',
			'ok',
			'EACCES',
			'EROFS'
		]);
		const check = t.frames.find((f) => f.op === 4 && f.stage === 'check')!.lookup;
		expect(check).toMatchObject({
			table: 'permission',
			fileUid: 0,
			fileUidInside: null,
			kuid: 100000,
			klass: 'other',
			bitsAllow: false,
			override: false,
			allowed: false
		});
		const override = t.frames.find((f) => f.op === 3 && f.stage === 'check')!.lookup;
		expect(override).toMatchObject({ fileUidInside: 33, override: true, allowed: true });
	});
});

describe('network: packets hop by hop', () => {
	const t = run(network);
	const hops = (op: number) => {
		const frame = t.frames.filter((f) => f.op === op).at(-1)!;
		return frame.packet!.hops;
	};

	test('container to container through the bridge', () => {
		expect(hops(2).map((h) => h.kind)).toEqual([
			'start',
			'route',
			'veth',
			'bridge',
			'veth',
			'deliver'
		]);
		expect(hops(2)[1]).toMatchObject({
			ns: 'web-net',
			matches: [0, 1],
			route: 1,
			nexthop: '172.17.0.3'
		});
		expect(hops(2)[3]).toMatchObject({ iface: 'veth-web', toIface: 'veth-db' });
		expect(t.results[2]).toEqual({
			ok: true,
			delivered: 'local',
			ns: 'db-net',
			src: '172.17.0.2',
			hops: 6
		});
	});

	test('container to the outside: up into the host at the bridge address, host route, out of eth0', () => {
		expect(hops(3).map((h) => h.kind)).toEqual(['start', 'route', 'veth', 'up', 'route', 'leave']);
		expect(hops(3)[4]).toMatchObject({ ns: 'host-net', nexthop: '192.168.1.1', ttl: 63 });
		expect(t.results[3]).toMatchObject({ ok: true, delivered: 'outside', ns: 'host-net' });
	});

	test('longest prefix: /30 beats /8 and default', () => {
		const route = hops(5)[1];
		expect(route.matches).toHaveLength(3);
		const frame = t.frames.find(
			(f) => f.op === 5 && f.packet?.hops[f.packet.hop].kind === 'route'
		)!;
		expect(frame.namespaces.find((n) => n.id === 'host-net')!.routes![route.route!].to).toBe(
			'10.0.9.0/30'
		);
	});

	test('loopback is delivered at once; one frame per hop', () => {
		expect(hops(7).map((h) => h.kind)).toEqual(['start', 'deliver']);
		for (let op = 2; op < 8; op++) {
			const frames = t.frames.filter((f) => f.op === op);
			if (frames[0].packet)
				expect(frames.map((f) => f.packet!.hop)).toEqual(frames.map((_, i) => i));
		}
	});

	test('source addresses and route lines as the kernel gives them (tests/conformance: network corners)', () => {
		const corners: NamespacesScenarioInput = {
			...minimal,
			namespaces: [
				...initialWith('net', {
					interfaces: [
						{ name: 'v2', addr: '10.0.3.1/30', peer: { ns: 'b', name: 'e' } },
						{ name: 'v', peer: { ns: 'a', name: 'e' } }
					],
					routes: [{ to: '10.0.2.0/24', dev: 'v' }]
				}),
				{
					id: 'a',
					kind: 'net',
					interfaces: [{ name: 'e', addr: '10.0.2.2/24', peer: { ns: 'n', name: 'v' } }]
				},
				{
					id: 'b',
					kind: 'net',
					interfaces: [{ name: 'e', addr: '10.0.3.2/30', peer: { ns: 'n', name: 'v2' } }],
					routes: [{ to: 'default', via: '10.0.3.1', dev: 'e' }]
				}
			],
			processes: [
				{ name: 'sh', uid: 0 },
				{ name: 'b-sh', uid: 0, ns: { net: 'b' } }
			],
			ops: [
				ask('sh', 'ip route'),
				{ op: 'send', from: 'sh', to: '10.0.2.2' },
				{ op: 'send', from: 'sh', to: '127.5.5.5' },
				{ op: 'send', from: 'sh', to: '10.0.3.3' },
				{ op: 'send', from: 'sh', to: '255.255.255.255' },
				{ op: 'send', from: 'b-sh', to: '255.255.255.255' }
			]
		};
		const results = run(corners).results;
		// A route without a gateway is listed with scope link, as ip(8) adds it.
		expect(results[0].output).toContain('10.0.2.0/24 dev v scope link');
		// v has no address: the source is the first global address of another interface.
		expect(results[1]).toMatchObject({ ok: true, ns: 'a', src: '10.0.3.1' });
		// lo's one local route covers 127/8 with the source 127.0.0.1.
		expect(results[2]).toMatchObject({ ok: true, src: '127.0.0.1' });
		// The subnet's broadcast address, and 255.255.255.255 once a route matches it.
		expect(results.slice(3).map((result) => result.errno)).toEqual([
			'EACCES',
			'ENETUNREACH',
			'EACCES'
		]);
	});

	test('a namespace that owns the ARP request’s sender address too does not answer it', () => {
		const twice: NamespacesScenarioInput = {
			...minimal,
			namespaces: [
				...initialWith('net', {
					interfaces: [{ name: 'v', addr: '10.0.2.1/24', peer: { ns: 'a', name: 'e' } }]
				}),
				{
					id: 'a',
					kind: 'net',
					interfaces: [
						{ name: 'e', addr: '10.0.2.2/24', peer: { ns: 'n', name: 'v' } },
						{ name: 'eth1', addr: '10.0.2.1/32' }
					]
				}
			],
			ops: [{ op: 'send', from: 'sh', to: '10.0.2.2' }]
		};
		expect(run(twice).results).toEqual([{ ok: false, errno: 'EHOSTUNREACH' }]);
		// Without the second copy of 10.0.2.1, "a" answers and the packet is delivered.
		const once = {
			...twice,
			namespaces: twice.namespaces.map((ns) =>
				ns.id === 'a' ? { ...ns, interfaces: ns.interfaces!.slice(0, 1) } : ns
			)
		};
		expect(run(once).results[0]).toMatchObject({ ok: true, ns: 'a' });
	});

	test('out of a bridge port that has the address: no ARP answer reaches it, so the packet is dropped', () => {
		const ported: NamespacesScenarioInput = {
			...minimal,
			namespaces: [
				...initialWith('net', {
					interfaces: [
						{ name: 'br0', type: 'bridge' as const },
						{ name: 'v', addr: '10.0.2.1/24', peer: { ns: 'a', name: 'e' }, master: 'br0' }
					]
				}),
				{
					id: 'a',
					kind: 'net',
					interfaces: [{ name: 'e', addr: '10.0.2.2/24', peer: { ns: 'n', name: 'v' } }]
				}
			],
			processes: [
				{ name: 'sh', uid: 0 },
				{ name: 'a-sh', uid: 0, ns: { net: 'a' } }
			],
			ops: [
				{ op: 'send', from: 'sh', to: '10.0.2.2' },
				{ op: 'send', from: 'a-sh', to: '10.0.2.1' }
			]
		};
		const results = run(ported).results;
		expect(results[0]).toEqual({ ok: false, errno: 'EHOSTUNREACH' });
		// In by the port, the bridge hands it up to the stack that owns 10.0.2.1.
		expect(results[1]).toMatchObject({ ok: true, ns: 'n' });
	});

	test('a broadcast address: EACCES; no route: ENETUNREACH; nobody answers: EHOSTUNREACH; routing loop: dropped', () => {
		const lonely: NamespacesScenarioInput = {
			...network,
			ops: [
				{ op: 'send', from: 'agent', to: '10.0.9.3' },
				{ op: 'send', from: 'nginx', to: '172.17.0.9' }
			]
		};
		const noDefault = withOp(
			{
				...network,
				namespaces: network.namespaces.map((ns) =>
					ns.id === 'web-net' ? { ...ns, routes: [] } : ns
				),
				ops: []
			},
			{ op: 'send', from: 'nginx', to: '8.8.8.8' }
		);
		expect(run(lonely).results).toEqual([
			// 10.0.9.3 is the broadcast address of 10.0.9.0/30: connect() refuses it.
			{ ok: false, errno: 'EACCES' },
			{ ok: false, errno: 'EHOSTUNREACH' }
		]);
		expect(run(noDefault).results).toEqual([{ ok: false, errno: 'ENETUNREACH' }]);
		const looped = run(loop);
		expect(looped.results).toEqual([{ ok: false, errno: 'EHOSTUNREACH' }]);
		expect(looped.frames.at(-1)!.text).toContain('time to live');
	});
});

describe('validation names the place', () => {
	test('structure: unknown keys, wrong kinds of keys, bad values', () => {
		const errors = errorsOf({
			...minimal,
			extra: 1,
			'x-note': 'kept',
			namespaces: [...minimal.namespaces, { id: 'z', kind: 'uts', root: '/' }],
			processes: [{ name: 'sh', uid: -1 }],
			ops: [
				{ op: 'ask', process: 'sh', command: 'hostname', path: '/' },
				{ op: 'send', from: 'sh', to: '1.2.3' }
			]
		});
		expect(errors).toContain('extra: unknown key (only keys starting with "x-" may be added)');
		expect(errors).toContain(
			'namespaces[6].root: is not a key of a "uts" namespace (it takes id, kind, hostname)'
		);
		expect(errors).toContain('processes[0].uid: must be at least 0');
		expect(errors).toContain(
			'ops[0].path: is not a key of an "ask hostname" op (it takes op, process, command)'
		);
		expect(errors).toContain('ops[1].to: must be an IPv4 address like "10.0.0.2"');
	});

	test('cross references', () => {
		const errors = errorsOf({
			...minimal,
			files: ['/a', '/a/b', '/a'],
			namespaces: [
				...minimal.namespaces,
				{ id: 'm', kind: 'mnt' },
				{ id: 'c', kind: 'pid', parent: 'u' },
				{
					id: 'cu',
					kind: 'user',
					uidMap: [
						{ inside: 0, outside: 1000, count: 10 },
						{ inside: 5, outside: 5000, count: 10 }
					]
				},
				{
					id: 'cn',
					kind: 'net',
					interfaces: [
						{ name: 'eth0', peer: { ns: 'n', name: 'nope' } },
						{ name: 'eth1', master: 'eth0' }
					],
					routes: [
						{ to: '10.0.0.1/24', dev: 'eth0' },
						{ to: 'default', dev: 'eth9' }
					]
				}
			],
			processes: [
				{ name: 'sh', uid: 0 },
				{ name: 'sh', uid: 0, ns: { uts: 'n', mnt: 'ghost' } },
				{ name: 'x', uid: 50, ns: { user: 'cu' } }
			],
			ops: [{ op: 'ask', process: 'who', command: 'id' }]
		});
		expect(errors).toEqual(
			expect.arrayContaining([
				'files[1]: is inside "/a", which is not a directory',
				'files[2]: "/a" is listed twice',
				'namespaces[6].id: "m" is already the id of namespaces[0]',
				'namespaces[7].parent: "u" is not the id of a pid namespace',
				'namespaces[8].uidMap[1].inside: overlaps uidMap[0] inside (the kernel refuses overlapping ranges)',
				'namespaces[9].interfaces[0].peer.name: net namespace "n" has no interface "nope"',
				'namespaces[9].interfaces[1].master: "eth0" is not a bridge',
				'namespaces[9].routes[0].to: has host bits set (write the network, as the kernel requires)',
				'namespaces[9].routes[1].dev: no interface "eth9" in this namespace',
				'processes[1].name: "sh" is already the name of processes[0]',
				'processes[1].ns.mnt: no namespace has the id "ghost"',
				'processes[1].ns.uts: "n" is a net namespace, not a uts one',
				'processes[2].uid: uid 50 is not mapped by user namespace "cu" (no line of its uidMap holds it)',
				'ops[0].process: no process is named "who"'
			])
		);
	});

	test('missing kinds and one-sided veth peers', () => {
		expect(
			errorsOf({
				model: 'namespaces',
				namespaces: [{ id: 'm', kind: 'mnt' }],
				processes: [],
				ops: []
			})
		).toEqual([
			"namespaces: needs at least one namespace of each kind (the first of a kind is the machine's initial one); missing: uts, net, user, pid, ipc"
		]);
		const oneSided = {
			...minimal,
			namespaces: [
				...minimal.namespaces.map((ns) =>
					ns.kind === 'net' ? { ...ns, interfaces: [{ name: 'v0', type: 'ethernet' }] } : ns
				),
				{ id: 'n2', kind: 'net', interfaces: [{ name: 'v1', peer: { ns: 'n', name: 'v0' } }] }
			]
		};
		expect(errorsOf(oneSided)).toEqual([
			'namespaces[6].interfaces[0].peer: interface "v0" of "n" must name this one ("n2", "v1") as its peer'
		]);
	});

	test('limits', () => {
		const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, uid: 0 }));
		expect(errorsOf({ ...minimal, processes: many(NS_LIMITS.processes + 1) })).toContain(
			`processes: has more than ${NS_LIMITS.processes} processes (the limit)`
		);
		const deep = Array.from({ length: 33 }, (_, i) => ({
			id: `d${i}`,
			kind: 'pid' as const,
			parent: i === 0 ? 'p' : `d${i - 1}`
		}));
		expect(errorsOf({ ...minimal, namespaces: [...minimal.namespaces, ...deep] })).toEqual([
			"namespaces[38].parent: nests more than 32 pid namespaces deep (the kernel's limit)"
		]);
		expect(
			errorsOf({
				...minimal,
				namespaces: [...minimal.namespaces, { id: 'u2', kind: 'uts', hostname: 'x'.repeat(65) }]
			})
		).toContain('namespaces[6].hostname: must be at most 64 characters (HOST_NAME_MAX)');
		// The frame limit: too many questions make too many frames.
		const ops = Array.from({ length: 1_000 }, () => ({ op: 'send', from: 'sh', to: '10.9.9.9' }));
		expect(errorsOf({ ...loop, ops })).toEqual([
			'frames: the trace would exceed the limit of 100,000 frames; use fewer or smaller operations'
		]);
	});
});

describe('determinism and the shared entry point', () => {
	test('the same scenario gives the same trace byte for byte; registered in runScenario', () => {
		for (const { scenario } of BUILT_IN) {
			const a = runScenario(JSON.stringify(scenario));
			const b = runScenario(JSON.stringify(scenario));
			expect(a.ok).toBe(true);
			expect(JSON.stringify(a)).toBe(JSON.stringify(b));
			expect(JSON.parse(JSON.stringify(structuredClone(a)))).toEqual(JSON.parse(JSON.stringify(a)));
		}
	});
});

describe('property: random and mutated scenarios give a trace or messages, never throw', () => {
	const ids = ['m', 'u', 'n', 'us', 'p', 'i', 'c', 'n2', 'zz'];
	const idArb = fc.constantFrom(...ids);
	const addrArb = fc.constantFrom(
		'10.0.0.1',
		'10.0.0.2',
		'127.0.0.1',
		'8.8.8.8',
		'10.1.0.2',
		'1.2.3'
	);
	const prefixArb = fc.constantFrom(
		'10.0.0.1/24',
		'10.0.0.2/24',
		'10.1.0.2/30',
		'10.0.0.0/8',
		'bad'
	);
	const ifaceArb = fc.record(
		{
			name: fc.constantFrom('lo', 'eth0', 'v0', 'v1', 'br0'),
			type: fc.constantFrom('loopback', 'ethernet', 'veth', 'bridge'),
			addr: prefixArb,
			peer: fc.record({ ns: idArb, name: fc.constantFrom('eth0', 'v0', 'v1') }),
			master: fc.constantFrom('br0', 'eth0')
		},
		{ requiredKeys: ['name'] }
	);
	const nsArb = fc.oneof(
		fc.record(
			{ id: idArb, kind: fc.constant('mnt'), root: fc.constantFrom('/', '/srv', '/a/b') },
			{ requiredKeys: ['id', 'kind'] }
		),
		fc.record(
			{ id: idArb, kind: fc.constant('uts'), hostname: fc.constantFrom('a', 'web', '') },
			{ requiredKeys: ['id', 'kind'] }
		),
		fc.record(
			{
				id: idArb,
				kind: fc.constant('net'),
				interfaces: fc.array(ifaceArb, { maxLength: 4 }),
				routes: fc.array(
					fc.record(
						{
							to: fc.constantFrom('default', '10.0.0.0/24', '10.0.0.0/8'),
							via: addrArb,
							dev: fc.constantFrom('eth0', 'v0', 'br0', 'lo')
						},
						{ requiredKeys: ['to', 'dev'] }
					),
					{ maxLength: 3 }
				)
			},
			{ requiredKeys: ['id', 'kind'] }
		),
		fc.record(
			{
				id: idArb,
				kind: fc.constant('user'),
				uidMap: fc.array(
					fc.record({
						inside: fc.nat(10),
						outside: fc.nat(200000),
						count: fc.integer({ min: 0, max: 70000 })
					}),
					{ maxLength: 3 }
				)
			},
			{ requiredKeys: ['id', 'kind'] }
		),
		fc.record(
			{ id: idArb, kind: fc.constant('pid'), parent: idArb },
			{ requiredKeys: ['id', 'kind'] }
		),
		fc.record({ id: idArb, kind: fc.constant('ipc') })
	);
	const procArb = fc.record(
		{
			name: fc.constantFrom('a', 'b', 'c'),
			uid: fc.integer({ min: -1, max: 70000 }),
			root: fc.constantFrom('/', '/srv'),
			ns: fc.record({ mnt: idArb, net: idArb, user: idArb, pid: idArb }, { requiredKeys: [] })
		},
		{ requiredKeys: ['name', 'uid'] }
	);
	const opArb = fc.oneof(
		fc.record(
			{
				op: fc.constant('ask'),
				process: fc.constantFrom('a', 'b', 'c'),
				command: fc.constantFrom(
					'hostname',
					'ls',
					'ls /dev',
					'ip addr',
					'ip route',
					'id',
					'ps',
					'ipcs',
					'write',
					'rm'
				),
				path: fc.constantFrom('/', '/srv', '/a/b', '/etc/passwd', 'rel', '/dev')
			},
			{ requiredKeys: ['op', 'process', 'command'] }
		),
		fc.record({ op: fc.constant('send'), from: fc.constantFrom('a', 'b'), to: addrArb })
	);
	const scenarioArb = fc.record({
		model: fc.constant('namespaces'),
		files: fc.array(
			fc.oneof(
				fc.constantFrom('/srv/x', '/a/b', '/a', '/dev/null', '/'),
				fc.record(
					{
						path: fc.constantFrom('/srv', '/a', '/dev/sda'),
						type: fc.constantFrom('file', 'dir', 'char', 'block'),
						uid: fc.nat(200000),
						mode: fc.constantFrom('644', '600', '9')
					},
					{ requiredKeys: ['path'] }
				)
			),
			{ maxLength: 5 }
		),
		namespaces: fc.array(nsArb, { maxLength: 10 }),
		processes: fc.array(procArb, { maxLength: 3 }),
		ops: fc.array(opArb, { maxLength: 6 })
	});

	test('random scenarios', () => {
		fc.assert(
			fc.property(scenarioArb, (scenario) => {
				const outcome = runModel(namespacesModel, scenario);
				if (outcome.ok) expect(outcome.trace.results).toHaveLength(scenario.ops.length);
				else expect(outcome.errors.length).toBeGreaterThan(0);
			}),
			{ numRuns: 400, seed: 42 }
		);
	});

	test('built-in scenarios with one value replaced anywhere', () => {
		const junk = fc.oneof(
			fc.string({ maxLength: 8 }),
			fc.integer(),
			fc.constant(null),
			fc.constant([]),
			fc.constant({}),
			fc.constant('10.0.0.1/8'),
			fc.constant('/x')
		);
		const paths: (string | number)[][] = [];
		const walk = (value: unknown, path: (string | number)[]) => {
			paths.push(path);
			if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
			else if (value && typeof value === 'object')
				for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
		};
		const base = network;
		walk(base, []);
		fc.assert(
			fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), junk, (path, value) => {
				const copy = structuredClone(base) as unknown as Record<string | number, unknown>;
				let at = copy as Record<string | number, unknown>;
				for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
				at[path[path.length - 1]] = value;
				const outcome = runModel(namespacesModel, copy);
				expect(typeof outcome.ok).toBe('boolean');
			}),
			{ numRuns: 400, seed: 7 }
		);
	});
});

describe('lesson helpers and layout', () => {
	test('edits return new scenarios and are checked', () => {
		const renamed = withHostname(containers, 'web-uts', 'frontend');
		expect(run(renamed, [ask('nginx', 'hostname')]).results[0]).toMatchObject({
			output: ['frontend']
		});
		expect(containers.namespaces.find((n) => n.id === 'web-uts')!.hostname).toBe('web');
		expect(checkScenario(withHostname(containers, 'web-uts', 'no spaces'))).toEqual([
			'namespaces[7].hostname: must use only letters, digits, "-" and "."'
		]);
		const moved = withAddress(network, 'db-net', 'eth0', '172.17.0.9/16');
		expect(run(moved, [{ op: 'send', from: 'nginx', to: '172.17.0.9' }]).results[0]).toMatchObject({
			ns: 'db-net'
		});
		expect(compareDefaults(containers)).toEqual(['systemd', 'nginx', 'postgres']);
		expect(checkScenario('not json {')).not.toBeNull();
	});

	test('spread keeps items apart and inside', () => {
		const xs = spread([100, 100, 100], 50, 0, 400);
		expect(xs[1] - xs[0]).toBeGreaterThanOrEqual(50);
		expect(xs[2] - xs[1]).toBeGreaterThanOrEqual(50);
		const tight = spread([390, 395], 50, 0, 400);
		expect(Math.max(...tight)).toBeLessThanOrEqual(375);
	});

	test('network layout: boxes, veth links, bridge, outside; packet points inside the picture', () => {
		const t = run(network);
		for (const width of [320, 390, 700, 1200]) {
			const layout = layoutNetwork(t.frames[0].namespaces, width);
			expect(layout.boxes.map((b) => b.id).sort()).toEqual([
				'db-net',
				'host-net',
				'solo-net',
				'web-net'
			]);
			expect(layout.links.filter((l) => l.kind === 'veth')).toHaveLength(3);
			expect(layout.bridges).toHaveLength(1);
			expect(layout.outside).not.toBeNull();
			for (const box of layout.ifaces) {
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(layout.width + 0.001);
			}
			// Host-side veth pills do not overlap.
			const pills = layout.ifaces
				.filter((i) => i.ns === 'host-net' && i.type === 'veth')
				.sort((a, b) => a.x - b.x);
			for (let k = 1; k < pills.length; k++)
				expect(pills[k].x).toBeGreaterThanOrEqual(pills[k - 1].x + pills[k - 1].width);
			for (const frame of t.frames) {
				if (!frame.packet) continue;
				const point = hopPoint(layout, frame.packet.hops[frame.packet.hop]);
				expect(point.x).toBeGreaterThanOrEqual(0);
				expect(point.x).toBeLessThanOrEqual(layout.width);
				expect(point.y).toBeLessThanOrEqual(layout.height);
				expect(packetTrail(layout, frame.packet).length).toBeGreaterThan(0);
			}
		}
	});
});

describe('the frames of one question, which the lab lays out ahead', () => {
	const ops = (...list: (number | null)[]) => list.map((op) => ({ op }));

	test('the run of frames around a step that carry its op', () => {
		const frames = ops(null, 0, 0, 0, 1, 1, 2);
		expect(questionSpan(frames, 0, 16)).toEqual({ start: 0, end: 1 });
		for (const at of [1, 2, 3]) expect(questionSpan(frames, at, 16)).toEqual({ start: 1, end: 4 });
		expect(questionSpan(frames, 5, 16)).toEqual({ start: 4, end: 6 });
		expect(questionSpan(frames, 6, 16)).toEqual({ start: 6, end: 7 });
		// A step past the end (a shorter trace) is the last frame's, as the player shows it.
		expect(questionSpan(frames, 40, 16)).toEqual({ start: 6, end: 7 });
		expect(questionSpan([], 0, 16)).toBeNull();
	});

	test('a question longer than the limit is not laid out ahead, from whichever frame', () => {
		const frames = ops(null, ...new Array<number>(5).fill(0), 1);
		for (let at = 1; at <= 5; at++) {
			expect(questionSpan(frames, at, 5)).toEqual({ start: 1, end: 6 });
			expect(questionSpan(frames, at, 4)).toBeNull();
		}
	});

	test('every frame of the lesson’s scenarios: the span holds the frame and its whole question', () => {
		for (const { scenario } of BUILT_IN) {
			const { frames } = run(scenario);
			for (let at = 0; at < frames.length; at++) {
				const span = questionSpan(frames, at, 16)!;
				expect(span.start).toBeLessThanOrEqual(at);
				expect(span.end).toBeGreaterThan(at);
				for (let k = span.start; k < span.end; k++) expect(frames[k].op).toBe(frames[at].op);
				if (span.start > 0) expect(frames[span.start - 1].op).not.toBe(frames[at].op);
				if (span.end < frames.length) expect(frames[span.end].op).not.toBe(frames[at].op);
			}
		}
	});
});

describe('a question’s frames, as NsFrame draws them', () => {
	const questions = BUILT_IN.flatMap(({ key, scenario }) => {
		const { frames } = run(scenario);
		const byOp = new Map<number, Frame<NamespacesState>[]>();
		for (const frame of frames) {
			if (frame.op === null) continue;
			byOp.set(frame.op, [...(byOp.get(frame.op) ?? []), frame]);
		}
		return [...byOp.values()].map((question) => ({ key, question }));
	});

	test('only the table and the terminal change within a question (the rest is not laid out ahead)', () => {
		for (const { question } of questions) {
			const [first] = question;
			for (const frame of question) {
				expect(frame.action).toEqual(first.action);
				expect(frame.processes).toEqual(first.processes);
				expect(frame.namespaces).toEqual(first.namespaces);
				expect(frame.packet !== null).toBe(first.packet !== null);
				expect(commandLine(frame)).toBe(commandLine(first));
			}
			for (const width of [300, 390, 1000])
				expect(new Set(question.map((f) => layoutNetwork(f.namespaces, width).height)).size).toBe(
					1
				);
		}
	});

	test('the table’s place says only what the kernel has done at that step', () => {
		let before = 0;
		for (const { key, question } of questions) {
			for (const frame of question) {
				const notYet = notYetOf(frame);
				const place = `${key}, op ${frame.op}, ${frame.stage}`;
				// Either the table or words in its place, never both, never neither.
				expect(notYet === null, place).toBe(tableOf(frame) !== null);
				if (!notYet) continue;
				if (frame.action?.op === 'send') {
					expect(notYet.title).toBe('Routing table');
					expect(frame.lookup).toBeNull();
					continue;
				}
				// It names the picked namespace only once the kernel has picked it.
				expect(notYet.ns, place).toBe(frame.pick?.ns ?? null);
				if (!frame.pick) {
					before++;
					expect(frame.stage).toBe('ask');
					expect(`${notYet.title}: ${notYet.text}`).toBe(
						'No table yet: the kernel has not picked a namespace.'
					);
				}
			}
		}
		expect(before).toBeGreaterThan(10);
	});

	test('the command line', () => {
		const line = (action: NamespacesState['action']) =>
			commandLine({ action } as Frame<NamespacesState>);
		expect(line({ op: 'ask', process: 'p', command: 'ls', path: '/etc' })).toBe('ls /etc');
		expect(line({ op: 'ask', process: 'p', command: 'write', path: '/f' })).toBe('echo hi > /f');
		expect(line({ op: 'ask', process: 'p', command: 'ls /dev', path: '/dev' })).toBe('ls /dev');
		expect(line({ op: 'ask', process: 'p', command: 'ip addr', path: null })).toBe('ip addr');
		expect(line({ op: 'send', from: 'p', to: '10.0.0.2' })).toBe('ping -c1 10.0.0.2');
		expect(line(null)).toBe('');
	});
});

describe('a long question keeps room for one frame of each look', () => {
	// The host routes 10.0.0.0/8 back into solo-net, whose default route is the host:
	// a packet from agent to 10.0.9.5 goes round until its time to live runs out.
	const loop = structuredClone(network);
	const hostNet = loop.namespaces.find((ns) => ns.id === 'host-net')!;
	hostNet.routes = [hostNet.routes![0], { to: '10.0.0.0/8', via: '10.0.9.2', dev: 'veth-solo' }];
	const { frames } = run(loop, [{ op: 'send', from: 'agent', to: '10.0.9.5' }]);
	const question = frames.filter((f) => f.op === 0);

	test('a routing loop: a hundred frames, a few looks, the first of each in order', () => {
		expect(question.length).toBeGreaterThan(100);
		expect(question.at(-1)!.text).toContain('routing loop');
		const room = questionRoom(question, 16)!;
		expect(room.length).toBeGreaterThan(1);
		expect(room.length).toBeLessThanOrEqual(8);
		// Every frame has the look of one kept frame, and the kept frames' looks all differ.
		const looks = room.map(lowerLook);
		expect(new Set(looks).size).toBe(room.length);
		for (const frame of question) expect(looks).toContain(lowerLook(frame));
		// The first of each, in the question's order.
		const at = room.map((f) => question.indexOf(f));
		expect(at[0]).toBe(0);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		for (const [k, frame] of room.entries())
			expect(question.slice(0, at[k]).map(lowerLook)).not.toContain(lowerLook(frame));
		// The last frame says the packet was lost: a look of its own.
		expect(terminalText(question.at(-1)!)).toEqual({ kind: 'packet', text: 'packet lost' });
		expect(room).toContain(question.at(-1));
	});

	test('more looks than the limit: room for those that draw the most lines, in order', () => {
		const room = questionRoom(question, 16);
		expect(questionRoom(question, room.length)).toEqual(room);
		const lines = room.map(lowerLines);
		// The looks differ in size, or the choice below would prove nothing.
		expect(new Set(lines).size).toBeGreaterThan(1);
		for (let most = 1; most < room.length; most++) {
			const kept = questionRoom(question, most);
			expect(kept).toHaveLength(most);
			// A sub-list of the full room, in its order.
			const at = kept.map((f) => room.indexOf(f));
			expect(at.every((i) => i >= 0)).toBe(true);
			expect([...at].sort((a, b) => a - b)).toEqual(at);
			// No look left out draws more lines than one kept.
			const fewestKept = Math.min(...kept.map(lowerLines));
			for (const frame of room.filter((f) => !kept.includes(f)))
				expect(lowerLines(frame)).toBeLessThanOrEqual(fewestKept);
		}
		// The tallest look is kept even when only one can be.
		expect(lowerLines(questionRoom(question, 1)[0])).toBe(Math.max(...lines));
	});

	test('lines drawn below the picture: a table’s rows and the terminal’s lines', () => {
		const lookup = question.find(
			(f) => tableOf(f)?.table === 'routes' && tableOf(f)?.ns === 'host-net'
		)!;
		// Its routes (the connected ones too), the caption and head, the command and one line of output.
		const routes = lookup.namespaces.find((ns) => ns.id === 'host-net')!.routes!.length;
		expect(routes).toBeGreaterThan(2);
		expect(lowerLines(lookup)).toBe(routes + 2 + 2);
		expect(lowerLines(question[0])).toBeLessThan(lowerLines(lookup));
	});

	test('the route lookup with its matches is a look of its own', () => {
		const lookups = question.filter(
			(f) => f.packet?.hops[f.packet.hop]?.kind === 'route' && tableOf(f)?.table === 'routes'
		);
		expect(lookups.length).toBeGreaterThan(10);
		const others = question.filter((f) => !lookups.includes(f));
		for (const frame of lookups) expect(others.map(lowerLook)).not.toContain(lowerLook(frame));
	});

	test('in the lesson’s scenarios every frame is its own look but for repeats', () => {
		for (const { scenario } of BUILT_IN) {
			const all = run(scenario).frames;
			for (const op of new Set(all.map((f) => f.op))) {
				const one = all.filter((f) => f.op === op);
				const room = questionRoom(one, 16)!;
				expect(room.length).toBe(new Set(one.map(lowerLook)).size);
				expect(room.length).toBeGreaterThanOrEqual(Math.min(one.length, 2));
			}
		}
	});

	test('what the terminal prints', () => {
		const answers = frames.filter((f) => f.stage === 'answer' && f.answer);
		for (const frame of answers)
			expect(terminalText(frame).text).toBe(frame.answer!.output.join('\n'));
		expect(terminalText(question[1])).toEqual({
			kind: 'packet',
			text: `packet ${question[1].packet!.src} → 10.0.9.5 on its way…`
		});
		const delivered = run(network).frames.find(
			(f) =>
				f.packet && f.packet.hop === f.packet.hops.length - 1 && f.packet.outcome === 'delivered'
		)!;
		expect(terminalText(delivered).text).toBe(
			`packet delivered (${delivered.packet!.hops.length} hops)`
		);
		expect(terminalText(frames[0])).toEqual({ kind: 'waiting', text: '(waiting for the kernel…)' });
	});

	test('a question’s narrations: each once; of many, the longest', () => {
		expect(questionNarrations(['a', 'bb', 'a'], 16)).toEqual(['a', 'bb']);
		// The loop says the same few sentences at each round.
		const texts = question.map((f) => f.text);
		expect(questionNarrations(texts, 16)).toEqual([...new Set(texts)]);
		expect(new Set(texts).size).toBeLessThan(10);
		const many = Array.from({ length: 40 }, (_, k) => `hop ${'x'.repeat((k * 7) % 40)} ${k}`);
		const kept = questionNarrations(many, 16);
		expect(kept).toHaveLength(16);
		const shortestKept = Math.min(...kept.map((t) => t.length));
		for (const text of many)
			if (!kept.includes(text)) expect(text.length).toBeLessThanOrEqual(shortestKept);
	});
});

describe('where a namespace’s routing is drawn', () => {
	test('in the middle of its title’s row, or past a long title, never past the box', () => {
		const at = (title: string, width: number) => stackPoint({ x: 10, y: 100, width, title });
		// A short name in a wide box: the middle.
		expect(at('web-net', 600)).toEqual({ x: 310, y: 113 });
		// The machine's long name in a phone's box reaches past the middle: after it.
		const long = at('host-net (the machine’s own)', 330);
		expect(long.x).toBeGreaterThan(10 + 165);
		expect(long.x - 15).toBeGreaterThanOrEqual(10 + 8 + 28 * 7.43);
		expect(long.x + 15).toBeLessThanOrEqual(10 + 330);
		// A name longer than the box: at its right edge, not beyond.
		expect(at('x'.repeat(80), 200).x + 15).toBeLessThanOrEqual(210);
	});

	test('every box of the lesson’s scenarios, at every width: its routing inside it', () => {
		for (const { scenario } of BUILT_IN) {
			const { frames } = run(scenario);
			for (const width of [280, 330, 390, 700, 1000])
				for (const box of layoutNetwork(frames[0].namespaces, width).boxes) {
					expect(box.stack.x - 15).toBeGreaterThanOrEqual(box.x);
					expect(box.stack.x + 15).toBeLessThanOrEqual(box.x + box.width);
					expect(box.stack.x).toBeGreaterThanOrEqual(box.x + box.width / 2);
				}
		}
	});
});
