/**
 * The network picture's lines: a veth pair's line never crosses a box, a pill or a
 * namespace's name that is not its own, however many namespaces a scenario has and
 * however narrow the picture; the packet's trail follows the lines.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runModel, type Frame } from '../../src/lib/sim/core';
import {
	namespacesModel,
	type NamespacesScenarioInput,
	type NamespacesState,
	type NsView
} from '../../src/lib/sim/namespaces';
import {
	assignTracks,
	bridgeNames,
	hopPoint,
	layoutNetwork,
	packetTrail,
	pointAt,
	portLines,
	simplify,
	type NetLayout,
	type Point
} from '../../src/lib/viz/namespaces/layout';

const network: NamespacesScenarioInput = JSON.parse(
	readFileSync('static/scenarios/namespaces/network.json', 'utf8')
);

function frames(scenario: NamespacesScenarioInput): Frame<NamespacesState>[] {
	const outcome = runModel(namespacesModel, scenario);
	if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
	return (outcome.trace as unknown as { frames: Frame<NamespacesState>[] }).frames;
}

interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Whether segment a–b passes through the inside of rect r (touching its edge is not). */
function crosses(a: Point, b: Point, r: Rect): boolean {
	const inset = 0.5;
	const [x1, y1, x2, y2] = [
		r.x + inset,
		r.y + inset,
		r.x + r.width - inset,
		r.y + r.height - inset
	];
	if (x2 <= x1 || y2 <= y1) return false;
	// Liang–Barsky: clip the segment to the rectangle.
	let t0 = 0;
	let t1 = 1;
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	for (const [p, q] of [
		[-dx, a.x - x1],
		[dx, x2 - a.x],
		[-dy, a.y - y1],
		[dy, y2 - a.y]
	]) {
		if (p === 0) {
			if (q <= 0) return false;
		} else {
			const t = q / p;
			if (p < 0) t0 = Math.max(t0, t);
			else t1 = Math.min(t1, t);
		}
	}
	return t0 < t1;
}

/** How far a namespace's bold title reaches (the layout's own estimate, 8 px a character). */
const titleRect = (box: NetLayout['boxes'][number]): Rect => ({
	x: box.x + 8,
	y: box.y + 4,
	width: box.title.length * 8,
	height: 16
});

/** Every place a veth pair's line crosses something that is not its own, in words. */
function crossings(layout: NetLayout): string[] {
	const found: string[] = [];
	for (const link of layout.links) {
		if (link.kind === 'port') continue;
		// An uplink's one end is its physical interface (the other, the outside network).
		const endKeys = link.ends ?? [link.key.slice('uplink:'.length)];
		const ends = layout.ifaces.filter((i) => endKeys.includes(i.key));
		const ownBoxes = new Set(ends.map((i) => i.ns));
		const obstacles: [string, Rect][] = [
			...layout.ifaces
				.filter((i) => !endKeys.includes(i.key))
				.map((i): [string, Rect] => [`pill ${i.key}`, i]),
			...layout.boxes
				.filter((b) => !ownBoxes.has(b.id))
				.map((b): [string, Rect] => [`box ${b.id}`, b]),
			// The machine's title is painted over the lines into its box, with a halo of the
			// box's colour: a line into the pills below it cannot avoid crossing its row.
			...layout.boxes
				.filter((b) => !b.initial)
				.map((b): [string, Rect] => [`title of ${b.id}`, titleRect(b)])
		];
		for (let i = 1; i < link.points.length; i++)
			for (const [what, rect] of obstacles)
				if (crosses(link.points[i - 1], link.points[i], rect))
					found.push(`${link.key} crosses ${what}`);
	}
	return found;
}

/** A chain of `count` network namespaces, c0 … c(count-1), each joined to the next. */
function chain(count: number, toHost: (i: number) => boolean = () => false) {
	const scenario = structuredClone(network);
	const host = scenario.namespaces.find((ns) => ns.id === 'host-net')!;
	for (let i = 0; i < count; i++) {
		const interfaces: NonNullable<(typeof scenario.namespaces)[number]['interfaces']> = [];
		if (i > 0)
			interfaces.push({
				name: 'eth0',
				addr: `10.1.${i}.2/30`,
				peer: { ns: `c${i - 1}`, name: 'next' }
			});
		if (i < count - 1)
			interfaces.push({
				name: 'next',
				addr: `10.1.${i + 1}.1/30`,
				peer: { ns: `c${i + 1}`, name: 'eth0' }
			});
		if (toHost(i)) {
			interfaces.push({
				name: 'up',
				addr: `10.2.${i}.2/30`,
				peer: { ns: 'host-net', name: `h${i}` }
			});
			host.interfaces!.push({
				name: `h${i}`,
				addr: `10.2.${i}.1/30`,
				peer: { ns: `c${i}`, name: 'up' }
			});
		}
		scenario.namespaces.push({
			id: `c${i}`,
			kind: 'net',
			interfaces,
			// Each routes the chain's addresses on to the next.
			routes: i < count - 1 ? [{ to: '10.1.0.0/16', via: `10.1.${i + 1}.2`, dev: 'next' }] : []
		});
	}
	scenario.processes.push({ name: 'edge', uid: 0, ns: { net: 'c0' } });
	scenario.ops = [{ op: 'send', from: 'edge', to: `10.1.${count - 1}.2` }];
	return scenario;
}

const WIDTHS = [320, 390, 700, 1000, 1280];

type Packet = NonNullable<NamespacesState['packet']>;

/** The packet, at its last step, has left the machine along `line`: its trail takes each of the line's corners and ends inside the outside network. */
function leavesAlong(layout: NetLayout, line: NetLayout['links'][number], last: Packet) {
	expect(last.hops[last.hop].kind).toBe('leave');
	const trail = packetTrail(layout, last);
	for (const corner of line.points) expect(trail).toContainEqual(corner);
	const end = trail[trail.length - 1];
	const box = layout.outside!;
	expect(end.x > box.x && end.x < box.x + box.width).toBe(true);
	expect(end.y > box.y && end.y < box.y + box.height).toBe(true);
}

/** `count` containers on the machine's bridge docker0, as Docker joins them; app1 pings the last. */
function bridged(count: number): NamespacesScenarioInput {
	const scenario = structuredClone(network);
	scenario.namespaces = scenario.namespaces.filter((ns) => ns.kind !== 'net');
	const host: NonNullable<(typeof scenario.namespaces)[number]['interfaces']> = [
		{ name: 'eth0', addr: '192.168.1.10/24' },
		{ name: 'docker0', type: 'bridge', addr: '172.17.0.1/16' }
	];
	scenario.namespaces.push({
		id: 'host-net',
		kind: 'net',
		interfaces: host,
		routes: [{ to: 'default', via: '192.168.1.1', dev: 'eth0' }]
	});
	for (let i = 1; i <= count; i++) {
		host.push({ name: `veth${i}`, peer: { ns: `app${i}`, name: 'eth0' }, master: 'docker0' });
		scenario.namespaces.push({
			id: `app${i}`,
			kind: 'net',
			interfaces: [
				{ name: 'eth0', addr: `172.17.0.${i + 1}/16`, peer: { ns: 'host-net', name: `veth${i}` } }
			],
			routes: [{ to: 'default', via: '172.17.0.1', dev: 'eth0' }]
		});
	}
	scenario.processes = [
		{ name: 'bash', uid: 0 },
		{ name: 'app', uid: 0, ns: { net: 'app1' } }
	];
	scenario.ops = [{ op: 'send', from: 'app', to: `172.17.0.${count + 1}` }];
	return scenario;
}

describe('veth lines go around boxes', () => {
	test('the lesson’s network, at every width: no line crosses a box, a pill or a name', () => {
		const namespaces = frames(network)[0].namespaces;
		for (const width of WIDTHS) expect(crossings(layoutNetwork(namespaces, width))).toEqual([]);
	});

	test('on a phone, the first container’s line goes around the box below it', () => {
		const layout = layoutNetwork(frames(network)[0].namespaces, 390);
		const web = layout.boxes.find((b) => b.id === 'web-net')!;
		const solo = layout.boxes.find((b) => b.id === 'solo-net')!;
		// Two columns: solo-net stands below web-net.
		expect(solo.y).toBeGreaterThan(web.y + web.height);
		expect(Math.abs(solo.x - web.x)).toBeLessThan(1);
		const line = layout.links.find((l) => l.key === 'veth:host-net/veth-web|web-net/eth0')!;
		expect(line.points.length).toBeGreaterThan(2);
		// Its stretch down runs in the gap left of both boxes.
		expect(Math.min(...line.points.map((p) => p.x))).toBeLessThan(web.x);
	});

	test('every pill of the lesson’s network holds its address, at every width', () => {
		// The address is 11.5 px monospace, about 6.9 px a character, from 6 px in.
		const namespaces = frames(network)[0].namespaces;
		for (const width of WIDTHS)
			for (const pill of layoutNetwork(namespaces, width).ifaces.filter((i) => i.type !== 'bridge'))
				expect(
					(pill.addr ?? 'no address').length * 6.9 + 12,
					`${pill.key} at ${width} px`
				).toBeLessThanOrEqual(pill.width);
	});

	test('a wide picture of a few containers keeps its straight lines', () => {
		const layout = layoutNetwork(frames(network)[0].namespaces, 1280);
		for (const link of layout.links) expect(link.points).toHaveLength(2);
	});

	test('a chain of 21 namespaces and many rows: no crossings, and lines do not overlap', () => {
		const namespaces = frames(chain(21))[0].namespaces;
		for (const width of WIDTHS) {
			const layout = layoutNetwork(namespaces, width);
			expect(crossings(layout)).toEqual([]);
			expect(overlaps(layout)).toEqual([]);
		}
	});

	test('namespaces joined to each other and to the machine, any number, any width', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 14 }),
				fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
				fc.integer({ min: 280, max: 1400 }),
				(count, joined, width) => {
					const namespaces = frames(chain(count, (i) => joined[i]))[0].namespaces;
					const layout = layoutNetwork(namespaces, width);
					expect(crossings(layout)).toEqual([]);
					expect(overlaps(layout)).toEqual([]);
					expect(pillsOnPills(layout)).toEqual([]);
					expect(outOfPlace(layout)).toEqual([]);
				}
			),
			{ numRuns: 150, seed: 17 }
		);
	});

	test('any veth pairs between any namespaces, the machine’s included, in any order', () => {
		const pairs = fc.array(fc.tuple(fc.nat(12), fc.nat(12)), { minLength: 1, maxLength: 16 });
		// Namespaces that also hold a physical card (a line out of the machine).
		const cards = fc.array(fc.nat(12), { maxLength: 3 });
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 12 }),
				pairs,
				cards,
				// Physical cards in the machine's namespace besides eth0.
				fc.nat(4),
				fc.integer({ min: 280, max: 1400 }),
				(count, ends, withCard, machineCards, width) => {
					const scenario = structuredClone(network);
					const ids = ['host-net', ...Array.from({ length: count }, (_, i) => `n${i}`)];
					const interfaces = new Map<
						string,
						{ name: string; peer?: { ns: string; name: string } }[]
					>(ids.map((id) => [id, []]));
					// A card of its own (no peer: a physical interface) in some of the others.
					for (const n of new Set(withCard.map((n) => n % count)))
						interfaces.get(`n${n}`)!.push({ name: 'card' });
					ends.forEach(([a, b], k) => {
						const [from, to] = [ids[a % ids.length], ids[b % ids.length]];
						interfaces.get(from)!.push({ name: `a${k}`, peer: { ns: to, name: `b${k}` } });
						interfaces.get(to)!.push({ name: `b${k}`, peer: { ns: from, name: `a${k}` } });
					});
					const host = scenario.namespaces.find((ns) => ns.id === 'host-net')!;
					host.interfaces!.push(...interfaces.get('host-net')!);
					for (let i = 0; i < machineCards; i++)
						host.interfaces!.push({ name: `wan${i}`, addr: `198.51.${i}.10/24` });
					for (const id of ids.slice(1))
						scenario.namespaces.push({ id, kind: 'net', interfaces: interfaces.get(id)! });
					const layout = layoutNetwork(frames(scenario)[0].namespaces, width);
					expect(crossings(layout)).toEqual([]);
					expect(overlaps(layout)).toEqual([]);
					expect(pillsOnPills(layout)).toEqual([]);
					expect(outOfPlace(layout)).toEqual([]);
					// Gaps widened for their lines (and the cards' lanes) leave boxes 140 px
					// wide at least, or one column.
					const above = layout.boxes.filter((box) => !box.initial);
					if (new Set(above.map((box) => box.x)).size > 1)
						for (const box of above) expect(box.width).toBeGreaterThanOrEqual(140 - 0.5);
				}
			),
			{ numRuns: 150, seed: 23 }
		);
	});

	test('a physical card in a container: its line goes out past the machine’s box', () => {
		// The chain's middle namespace has a card of its own, and sends through it.
		const scenario = chain(9);
		const middle = scenario.namespaces.find((ns) => ns.id === 'c4')!;
		middle.interfaces!.push({ name: 'card', addr: '198.51.100.2/24' });
		middle.routes = [{ to: 'default', via: '198.51.100.1', dev: 'card' }];
		scenario.processes.push({ name: 'probe', uid: 0, ns: { net: 'c4' } });
		scenario.ops = [{ op: 'send', from: 'probe', to: '203.0.113.9' }];
		const all = frames(scenario);
		for (const width of WIDTHS) {
			const layout = layoutNetwork(all[0].namespaces, width);
			expect(crossings(layout)).toEqual([]);
			const line = layout.links.find((l) => l.key === 'uplink:c4/card')!;
			const host = layout.boxes.find((b) => b.initial)!;
			const out = line.points[line.points.length - 1];
			// It ends on the outside network's edge, below the machine's box…
			expect(out.y).toBeGreaterThan(host.y + host.height);
			expect([layout.outside!.x, layout.outside!.x + layout.outside!.width]).toContain(out.x);
			// …and the packet leaves along it, into the outside network.
			leavesAlong(layout, line, all[all.length - 1].packet!);
		}
	});

	test('veth pairs with both ends in the machine’s namespace run below its lane', () => {
		const scenario = structuredClone(network);
		const host = scenario.namespaces.find((ns) => ns.id === 'host-net')!;
		// Two pairs, the second's ends on either side of the first's.
		host.interfaces!.push(
			{ name: 'pa', peer: { ns: 'host-net', name: 'pb' } },
			{ name: 'qa', peer: { ns: 'host-net', name: 'qb' } },
			{ name: 'qb', peer: { ns: 'host-net', name: 'qa' } },
			{ name: 'pb', peer: { ns: 'host-net', name: 'pa' } }
		);
		for (const width of [700, 1280]) {
			const layout = layoutNetwork(frames(scenario)[0].namespaces, width);
			expect(crossings(layout)).toEqual([]);
			expect(overlaps(layout)).toEqual([]);
			const box = layout.boxes.find((b) => b.initial)!;
			for (const key of ['veth:host-net/pa|host-net/pb', 'veth:host-net/qa|host-net/qb']) {
				const line = layout.links.find((l) => l.key === key)!;
				const pills = layout.ifaces.filter((i) => line.ends!.includes(i.key));
				const below = Math.max(...pills.map((p) => p.y + p.height));
				// Down from each pill and across below them, inside the machine's box.
				for (const point of line.points) {
					expect(point.y).toBeGreaterThanOrEqual(below);
					expect(point.y).toBeLessThan(box.y + box.height);
				}
			}
		}
	});

	test('more veth ends than the machine’s lane holds in one row: two staggered rows', () => {
		// Three containers more, each joined to the machine by a veth pair of its own, on a
		// phone: six ends.
		const layout = layoutNetwork(frames(chain(3, () => true))[0].namespaces, 390);
		const rows = new Set(
			layout.ifaces.filter((i) => i.ns === 'host-net' && i.type === 'veth').map((i) => i.y)
		);
		expect(rows.size).toBe(2);
		expect(pillsOnPills(layout)).toEqual([]);
		expect(outOfPlace(layout)).toEqual([]);
		expect(crossings(layout)).toEqual([]);
		expect(overlaps(layout)).toEqual([]);
	});

	test('more than two rows hold: one column, each line into its pill’s side', () => {
		// Six containers more: nine ends, which two rows of 72 px pills do not hold at 390 px.
		const layout = layoutNetwork(frames(chain(6, () => true))[0].namespaces, 390);
		const ends = layout.ifaces.filter((i) => i.ns === 'host-net' && i.type === 'veth');
		expect(ends).toHaveLength(9);
		expect(new Set(ends.map((i) => i.x)).size).toBe(1);
		expect(new Set(ends.map((i) => i.y)).size).toBe(9);
		for (const end of ends) {
			const line = layout.links.find((l) => l.ends?.includes(end.key))!;
			const last = line.points[line.points.length - 1];
			expect(last).toEqual({ x: end.x, y: end.y + end.height / 2 });
		}
		expect(pillsOnPills(layout)).toEqual([]);
		expect(outOfPlace(layout)).toEqual([]);
		expect(crossings(layout)).toEqual([]);
		expect(overlaps(layout)).toEqual([]);
	});

	test('a bridge with many containers, at any width; the packet runs along its bar', () => {
		for (const count of [2, 5, 8, 16])
			for (const width of [...WIDTHS, 280]) {
				const layout = layoutNetwork(frames(bridged(count))[0].namespaces, width);
				const where = `${count} containers at ${width} px`;
				expect(pillsOnPills(layout), where).toEqual([]);
				expect(outOfPlace(layout), where).toEqual([]);
				expect(crossings(layout), where).toEqual([]);
				expect(overlaps(layout), where).toEqual([]);
			}
		// Sixteen on a phone: a column, and a bar down its right.
		const all = frames(bridged(16));
		const layout = layoutNetwork(all[0].namespaces, 390);
		const [bar] = layout.bridges;
		expect(bar.x1).toBe(bar.x2);
		const ports = layout.ifaces.filter((i) => i.ns === 'host-net' && i.type === 'veth');
		for (const port of ports) expect(port.x + port.width).toBeLessThan(bar.x1);
		// The name below the bar's foot, inside the machine's box.
		const host = layout.boxes.find((b) => b.initial)!;
		expect(bar.label.y).toBeGreaterThan(Math.max(bar.y1, bar.y2));
		expect(bar.label.y).toBeLessThan(host.y + host.height);
		// From the first container to the last: in by one port, along the bar, out by another.
		const last = all[all.length - 1].packet!;
		const trail = packetTrail(layout, last);
		const portLine = (n: number) => layout.links.find((l) => l.key === `port:host-net/veth${n}`)!;
		const [into, out] = [portLine(1), portLine(16)];
		expect(trail).toContainEqual(into.points[1]);
		expect(trail).toContainEqual(out.points[1]);
		expect(trail.indexOf(out.points[1]) - trail.indexOf(into.points[1])).toBe(1);
	});

	test('the packet resting on an interface leaves its name readable, where the pill has room', () => {
		// At the pill's middle it covered “veth-web” just when the narration named it.
		let checked = 0;
		for (const width of WIDTHS) {
			for (const frame of frames(network)) {
				const packet = frame.packet;
				if (!packet) continue;
				const hop = packet.hops[packet.hop];
				const layout = layoutNetwork(frame.namespaces, width);
				const at = hopPoint(layout, hop);
				const pill = layout.ifaces.find(
					(i) => at.x > i.x && at.x < i.x + i.width && at.y > i.y && at.y < i.y + i.height
				);
				if (!pill) continue;
				// The name's extent, as the diagram draws it (12 px bold, from x + 6).
				const nameEnd = pill.x + 6 + pill.label.length * 7.4;
				const roomy = pill.width >= 6 + pill.label.length * 7.4 + 4 + 30 + 4;
				if (!roomy) continue;
				checked++;
				expect(at.x - 13, `${hop.kind} at ${pill.key}, ${width} px`).toBeGreaterThanOrEqual(
					nameEnd
				);
				expect(at.x + 13).toBeLessThanOrEqual(pill.x + pill.width);
			}
		}
		expect(checked).toBeGreaterThan(10);
	});

	test('a port line that crosses another bridge’s bar is marked, to be drawn over it; one bridge has none', () => {
		/** Each port line's mark, against whether it runs through a bar (6 px thick) at all. */
		const marks = (layout: NetLayout) =>
			portLines(layout).map(({ key, from, to, crosses: marked }) => ({
				key,
				marked,
				through: layout.bridges.some((bar) =>
					crosses(from, to, {
						x: Math.min(bar.x1, bar.x2) - 3,
						y: Math.min(bar.y1, bar.y2) - 3,
						width: Math.abs(bar.x2 - bar.x1) + 6,
						height: Math.abs(bar.y2 - bar.y1) + 6
					})
				)
			}));
		for (const width of [280, ...WIDTHS]) {
			const one = layoutNetwork(frames(bridged(8))[0].namespaces, width);
			expect(marks(one).filter((line) => line.marked || line.through)).toEqual([]);
			expect(bridgeNames(one.bridges, portLines(one)).map((name) => name.plate)).toEqual([null]);
			// A second bridge, br1, with four containers of its own.
			const scenario = bridged(5);
			const host = scenario.namespaces.find((ns) => ns.id === 'host-net')!;
			host.interfaces!.push({ name: 'br1', type: 'bridge', addr: '172.18.0.1/16' });
			for (let i = 1; i <= 4; i++) {
				host.interfaces!.push({
					name: `vb${i}`,
					peer: { ns: `b${i}`, name: 'eth0' },
					master: 'br1'
				});
				scenario.namespaces.push({
					id: `b${i}`,
					kind: 'net',
					interfaces: [
						{ name: 'eth0', addr: `172.18.0.${i + 1}/16`, peer: { ns: 'host-net', name: `vb${i}` } }
					]
				});
			}
			const two = marks(layoutNetwork(frames(scenario)[0].namespaces, width));
			expect(
				two.filter((line) => line.marked !== line.through),
				`${width} px`
			).toEqual([]);
			expect(
				two.some((line) => line.marked),
				`${width} px`
			).toBe(true);
		}
	});

	test('the machine’s other interfaces in rows, its cards’ lines down lanes beside them', () => {
		// Three cards more, and two veth pairs within the machine: more than a phone's row.
		const scenario = structuredClone(network);
		const host = scenario.namespaces.find((ns) => ns.id === 'host-net')!;
		host.interfaces!.push(
			{ name: 'pa', peer: { ns: 'host-net', name: 'pb' } },
			{ name: 'wlan1', addr: '192.168.2.10/24' },
			{ name: 'qa', peer: { ns: 'host-net', name: 'qb' } },
			{ name: 'wlan2', addr: '192.168.3.10/24' },
			{ name: 'pb', peer: { ns: 'host-net', name: 'pa' } },
			{ name: 'qb', peer: { ns: 'host-net', name: 'qa' } },
			{ name: 'wlan3', addr: '192.168.4.10/24' }
		);
		host.routes!.push({ to: '203.0.113.0/24', via: '192.168.2.1', dev: 'wlan1' });
		scenario.ops = [{ op: 'send', from: 'bash', to: '203.0.113.9' }];
		const all = frames(scenario);
		for (const width of [280, 340, 390]) {
			const layout = layoutNetwork(all[0].namespaces, width);
			expect(pillsOnPills(layout)).toEqual([]);
			expect(outOfPlace(layout)).toEqual([]);
			expect(crossings(layout)).toEqual([]);
			expect(overlaps(layout)).toEqual([]);
			const pill = (name: string) => layout.ifaces.find((i) => i.key === `host-net/${name}`)!;
			// More than one row, each pair side by side in one.
			expect(new Set(['lo', 'eth0', 'pa', 'wlan3'].map((n) => pill(n).y)).size).toBeGreaterThan(1);
			expect(pill('pa').y).toBe(pill('pb').y);
			expect(pill('qa').y).toBe(pill('qb').y);
			// Every address fits its pill.
			for (const i of layout.ifaces.filter((i) => i.ns === 'host-net' && i.type !== 'bridge'))
				expect((i.addr ?? 'no address').length * 6.9 + 12, i.key).toBeLessThanOrEqual(i.width);
		}
		// The packet leaves by wlan1, along its line, into the outside network.
		const layout = layoutNetwork(all[0].namespaces, 390);
		const line = layout.links.find((l) => l.key === 'uplink:host-net/wlan1')!;
		leavesAlong(layout, line, all[all.length - 1].packet!);
	});

	test('the packet’s trail follows the line it takes, corner by corner', () => {
		const scenario = chain(21);
		const all = frames(scenario);
		const layout = layoutNetwork(all[0].namespaces as NsView[], 390);
		const last = all[all.length - 1];
		const trail = packetTrail(layout, last.packet!);
		// Every corner of every line the packet went through is on its trail.
		const taken = layout.links.filter(
			(l) => l.kind === 'veth' && l.points.length > 2 && l.ends!.every((end) => end.startsWith('c'))
		);
		expect(taken.length).toBeGreaterThan(5);
		for (const link of taken)
			for (const corner of link.points.slice(1, -1)) expect(trail).toContainEqual(corner);
		// And the trail itself never runs across a namespace it does not enter.
		for (let i = 1; i < trail.length; i++) {
			const [a, b] = [trail[i - 1], trail[i]];
			const inside = layout.boxes.filter((box) => crosses(a, b, box));
			expect(inside.length).toBeLessThanOrEqual(1);
		}
	});
});

/** Pills that stand out of their namespace's box, and bridge bars or port lines across a pill. */
function outOfPlace(layout: NetLayout): string[] {
	const found: string[] = [];
	for (const pill of layout.ifaces.filter((i) => i.type !== 'bridge')) {
		const box = layout.boxes.find((b) => b.id === pill.ns)!;
		const inside =
			pill.x >= box.x &&
			pill.y >= box.y &&
			pill.x + pill.width <= box.x + box.width &&
			pill.y + pill.height <= box.y + box.height;
		if (!inside) found.push(`${pill.key} out of its box`);
	}
	const pills = layout.ifaces.filter((i) => i.type !== 'bridge');
	for (const bar of layout.bridges)
		for (const pill of pills)
			if (crosses({ x: bar.x1, y: bar.y1 }, { x: bar.x2, y: bar.y2 }, pill))
				found.push(`bridge ${bar.key} crosses pill ${pill.key}`);
	for (const link of layout.links.filter((l) => l.kind === 'port'))
		for (const pill of pills)
			if (
				link.key !== `port:${pill.key}` &&
				crosses(link.points[0], link.points[link.points.length - 1], pill)
			)
				found.push(`${link.key} crosses pill ${pill.key}`);
	return found;
}

/** Pills drawn on each other. */
function pillsOnPills(layout: NetLayout): string[] {
	const pills = layout.ifaces.filter((i) => i.type !== 'bridge');
	const found: string[] = [];
	for (let i = 0; i < pills.length; i++)
		for (let j = i + 1; j < pills.length; j++) {
			const [a, b] = [pills[i], pills[j]];
			const apart =
				a.x + a.width <= b.x ||
				b.x + b.width <= a.x ||
				a.y + a.height <= b.y ||
				b.y + b.height <= a.y;
			if (!apart) found.push(`${a.key} on ${b.key}`);
		}
	return found;
}

/** Stretches of two different lines that lie on each other (same gap, same track). */
function overlaps(layout: NetLayout): string[] {
	const segments = layout.links
		.filter((l) => l.kind !== 'port')
		.flatMap((l) => l.points.slice(1).map((p, i) => ({ key: l.key, a: l.points[i], b: p })));
	const found: string[] = [];
	for (let i = 0; i < segments.length; i++)
		for (let j = i + 1; j < segments.length; j++) {
			const [s, t] = [segments[i], segments[j]];
			if (s.key === t.key) continue;
			const vertical = (u: typeof s) => Math.abs(u.a.x - u.b.x) < 0.01;
			const horizontal = (u: typeof s) => Math.abs(u.a.y - u.b.y) < 0.01;
			const near = (p: number, q: number) => Math.abs(p - q) < 2;
			const meet = (p1: number, p2: number, q1: number, q2: number) =>
				Math.min(Math.max(p1, p2), Math.max(q1, q2)) -
					Math.max(Math.min(p1, p2), Math.min(q1, q2)) >
				0;
			if (vertical(s) && vertical(t) && near(s.a.x, t.a.x) && meet(s.a.y, s.b.y, t.a.y, t.b.y))
				found.push(`${s.key} and ${t.key} run on each other at x=${s.a.x}`);
			if (horizontal(s) && horizontal(t) && near(s.a.y, t.a.y) && meet(s.a.x, s.b.x, t.a.x, t.b.x))
				found.push(`${s.key} and ${t.key} run on each other at y=${s.a.y}`);
		}
	return found;
}

describe('route helpers', () => {
	test('tracks: overlapping stretches apart, distant ones share', () => {
		expect(assignTracks([])).toEqual({ track: [], count: 0 });
		expect(assignTracks([[0, 10]])).toEqual({ track: [0], count: 1 });
		// The second overlaps the first; the third starts well after both end.
		expect(
			assignTracks([
				[0, 10],
				[5, 20],
				[40, 50]
			])
		).toEqual({ track: [0, 1, 0], count: 2 });
		// Shortest first: the one inside another takes the first track.
		expect(
			assignTracks(
				[
					[0, 100],
					[30, 60]
				],
				true
			)
		).toEqual({ track: [1, 0], count: 2 });
		// Two stretches that only touch end to end are kept apart too.
		expect(
			assignTracks([
				[0, 10],
				[10, 20]
			]).count
		).toBe(2);
	});

	test('simplify drops repeated points and corners that are not corners', () => {
		expect(
			simplify([
				{ x: 0, y: 0 },
				{ x: 0, y: 0 },
				{ x: 0, y: 5 },
				{ x: 0, y: 10 },
				{ x: 4, y: 10 }
			])
		).toEqual([
			{ x: 0, y: 0 },
			{ x: 0, y: 10 },
			{ x: 4, y: 10 }
		]);
	});

	test('pointAt walks a line of corners by length', () => {
		const line = [
			{ x: 0, y: 0 },
			{ x: 0, y: 10 },
			{ x: 30, y: 10 }
		];
		expect(pointAt(line, 0)).toEqual({ x: 0, y: 0 });
		expect(pointAt(line, 0.25)).toEqual({ x: 0, y: 10 });
		expect(pointAt(line, 0.5)).toEqual({ x: 10, y: 10 });
		expect(pointAt(line, 1)).toEqual({ x: 30, y: 10 });
		expect(pointAt([{ x: 3, y: 4 }], 0.5)).toEqual({ x: 3, y: 4 });
	});
});
