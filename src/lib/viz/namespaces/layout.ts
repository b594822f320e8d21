/**
 * Pure geometry for the namespaces lesson. The network picture: every network
 * namespace as a box (the machine's own at the bottom, the others in rows
 * above), its interfaces as pills, veth pairs as lines between the two ends,
 * bridge ports joined to their bridge bar, physical interfaces to the outside
 * network; and where a packet is at each hop. Components only draw what this
 * returns.
 */
import type { IfaceView, NsView, Packet, PacketHop } from '$lib/sim/namespaces';

export interface Point {
	x: number;
	y: number;
}

export interface IfaceBox {
	key: string;
	/** The name as drawn (shortened with … when the pill is narrow). */
	label: string;
	/** Whether the pill has room for the interface type after the name. */
	showType: boolean;
	ns: string;
	name: string;
	type: IfaceView['type'];
	addr: string | null;
	x: number;
	y: number;
	width: number;
	height: number;
	/** Where links attach. */
	anchor: Point;
}

export interface NsBox {
	id: string;
	initial: boolean;
	/** What the box's title says. */
	title: string;
	x: number;
	y: number;
	width: number;
	height: number;
	/** Where the namespace's IP stack (its routing) is drawn. */
	stack: Point;
}

export interface BridgeBar {
	key: string;
	ns: string;
	name: string;
	addr: string | null;
	x1: number;
	x2: number;
	y: number;
}

export interface Link {
	key: string;
	kind: 'veth' | 'port' | 'uplink';
	from: Point;
	to: Point;
}

export interface NetLayout {
	width: number;
	height: number;
	boxes: NsBox[];
	ifaces: IfaceBox[];
	bridges: BridgeBar[];
	links: Link[];
	/** The outside network, or null when no physical interface leads there. */
	outside: { x: number; y: number; width: number; height: number } | null;
}

const PAD = 10;
const TITLE = 24;
const PILL_H = 34;
const GAP = 6;
const MIN_BOX = 150;
const ROW_GAP = 46;

export const ifaceKey = (ns: string, name: string) => `${ns}/${name}`;

/** About how wide a character of a namespace's bold 12.5px title is (7.4 on average; a little more, to be safe). */
const TITLE_CHAR_W = 8;
/** Half the packet marker's width, its stroke included. */
const MARKER_HALF = 15;

/**
 * Where a namespace's IP stack (its routing) is drawn: on its title's row, in the
 * middle of the box, or past the end of the title where the title reaches the
 * middle (a long name in a narrow box), so that the packet's marker there does not
 * cover the name; at most as far as the box's right edge.
 */
export function stackPoint(box: { x: number; y: number; width: number; title: string }): Point {
	const middle = box.x + box.width / 2;
	const pastTitle = box.x + 8 + box.title.length * TITLE_CHAR_W + 4 + MARKER_HALF;
	const last = box.x + box.width - 6 - MARKER_HALF;
	return { x: Math.max(middle, Math.min(pastTitle, last)), y: box.y + 13 };
}

/** Places `count` items of width `w` near `wanted` centres, without overlap, inside [lo, hi]. */
export function spread(wanted: readonly number[], w: number, lo: number, hi: number): number[] {
	const order = wanted.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
	const out = new Array<number>(wanted.length);
	let next = lo + w / 2;
	for (const item of order) {
		const x = Math.max(item.x, next);
		out[item.i] = x;
		next = x + w + GAP;
	}
	// Pull back from the right edge if needed.
	let limit = hi - w / 2;
	for (let k = order.length - 1; k >= 0; k--) {
		const i = order[k].i;
		if (out[i] > limit) out[i] = limit;
		limit = out[i] - w - GAP;
	}
	return out;
}

export function layoutNetwork(namespaces: readonly NsView[], width: number): NetLayout {
	const W = Math.max(280, Math.round(width));
	const nets = namespaces.filter((ns) => ns.kind === 'net');
	const host = nets.find((ns) => ns.initial) ?? nets[0];
	const others = nets.filter((ns) => ns !== host);
	const boxes: NsBox[] = [];
	const ifaces: IfaceBox[] = [];
	const bridges: BridgeBar[] = [];
	const links: Link[] = [];
	const pos = new Map<string, IfaceBox>();

	// Rows of the other namespaces.
	const cols = Math.max(1, Math.min(others.length, Math.floor((W - PAD) / (MIN_BOX + PAD))));
	const boxW = others.length ? (W - PAD * (cols + 1)) / cols : 0;
	let y = PAD;
	for (let start = 0; start < others.length; start += cols) {
		const row = others.slice(start, start + cols);
		const rowH = Math.max(
			...row.map((ns) => TITLE + (ns.interfaces?.length ?? 0) * (PILL_H + GAP) + PAD)
		);
		row.forEach((ns, k) => {
			const x = PAD + k * (boxW + PAD);
			const place = { x, y, width: boxW, title: ns.id };
			boxes.push({
				id: ns.id,
				initial: false,
				...place,
				height: rowH,
				stack: stackPoint(place)
			});
			(ns.interfaces ?? []).forEach((iface, j) => {
				const box: IfaceBox = {
					key: ifaceKey(ns.id, iface.name),
					label: iface.name,
					showType: true,
					ns: ns.id,
					name: iface.name,
					type: iface.type,
					addr: iface.addr,
					x: x + 8,
					y: y + TITLE + j * (PILL_H + GAP),
					width: boxW - 16,
					height: PILL_H,
					anchor: { x: x + boxW / 2, y: y + TITLE + j * (PILL_H + GAP) + PILL_H }
				};
				ifaces.push(box);
				pos.set(box.key, box);
			});
		});
		y += rowH + ROW_GAP;
	}

	// The machine's own namespace.
	const hostTop = others.length ? y - ROW_GAP + ROW_GAP : PAD;
	const hostIfaces = host?.interfaces ?? [];
	const peered = hostIfaces.filter((i) => i.peer && pos.has(ifaceKey(i.peer.ns, i.peer.name)));
	const bridged = hostIfaces.filter((i) => i.type === 'bridge');
	const rest = hostIfaces.filter((i) => !peered.includes(i) && !bridged.includes(i));
	const perLane = Math.max(1, peered.length, rest.length);
	const pillW = Math.min(130, Math.max(88, (W - 2 * PAD - 16) / perLane - GAP));
	const lanePorts = hostTop + TITLE;
	const laneBridge = lanePorts + (peered.length ? PILL_H + 26 : 0);
	const laneRest = laneBridge + (bridged.length ? bridged.length * 40 + 8 : 0);
	const hostH = laneRest - hostTop + (rest.length ? PILL_H + PAD : 0) + 4;
	if (host) {
		const place = {
			x: PAD,
			y: hostTop,
			width: W - 2 * PAD,
			title: `${host.id} (the machine’s own)`
		};
		boxes.push({
			id: host.id,
			initial: true,
			...place,
			height: hostH,
			stack: stackPoint(place)
		});
		const lo = PAD + 8;
		const hi = W - PAD - 8;
		const wanted = peered.map((i) => pos.get(ifaceKey(i.peer!.ns, i.peer!.name))!.anchor.x);
		const xs = spread(wanted, pillW, lo, hi);
		peered.forEach((iface, k) => {
			const box: IfaceBox = {
				key: ifaceKey(host.id, iface.name),
				label: iface.name,
				showType: true,
				ns: host.id,
				name: iface.name,
				type: iface.type,
				addr: iface.addr,
				x: xs[k] - pillW / 2,
				y: lanePorts,
				width: pillW,
				height: PILL_H,
				anchor: { x: xs[k], y: lanePorts }
			};
			ifaces.push(box);
			pos.set(box.key, box);
		});
		const restXs = spread(
			rest.map((_, k) => lo + pillW / 2 + k * (pillW + GAP)),
			pillW,
			lo,
			hi
		);
		rest.forEach((iface, k) => {
			const box: IfaceBox = {
				key: ifaceKey(host.id, iface.name),
				label: iface.name,
				showType: true,
				ns: host.id,
				name: iface.name,
				type: iface.type,
				addr: iface.addr,
				x: restXs[k] - pillW / 2,
				y: laneRest,
				width: pillW,
				height: PILL_H,
				anchor: { x: restXs[k], y: laneRest + PILL_H }
			};
			ifaces.push(box);
			pos.set(box.key, box);
		});
		bridged.forEach((bridge, k) => {
			const ports = hostIfaces
				.filter((i) => i.master === bridge.name)
				.map((i) => pos.get(ifaceKey(host.id, i.name)))
				.filter((b): b is IfaceBox => !!b);
			const xsPorts = ports.map((p) => p.anchor.x);
			const x1 = Math.max(lo, Math.min(lo + 40, ...xsPorts.map((x) => x - pillW / 2)));
			const x2 = Math.min(hi, Math.max(x1 + 120, ...xsPorts.map((x) => x + pillW / 2)));
			const barY = laneBridge + k * 40 + 20;
			const bar: BridgeBar = {
				key: ifaceKey(host.id, bridge.name),
				ns: host.id,
				name: bridge.name,
				addr: bridge.addr,
				x1,
				x2,
				y: barY
			};
			bridges.push(bar);
			// A bridge also has an interface box of its own (its address), for the packet to stop at.
			const box: IfaceBox = {
				key: bar.key,
				label: bridge.name,
				showType: true,
				ns: host.id,
				name: bridge.name,
				type: 'bridge',
				addr: bridge.addr,
				x: x1,
				y: barY - 6,
				width: x2 - x1,
				height: 12,
				anchor: { x: (x1 + x2) / 2, y: barY }
			};
			ifaces.push(box);
			pos.set(box.key, box);
			for (const port of ports) {
				links.push({
					key: `port:${port.key}`,
					kind: 'port',
					from: { x: port.anchor.x, y: port.y + PILL_H },
					to: { x: port.anchor.x, y: barY }
				});
			}
		});
	}

	// veth pairs (drawn once, from the end listed first).
	const drawn = new Set<string>();
	for (const ns of nets) {
		for (const iface of ns.interfaces ?? []) {
			if (!iface.peer) continue;
			const a = ifaceKey(ns.id, iface.name);
			const b = ifaceKey(iface.peer.ns, iface.peer.name);
			if (drawn.has(b) || drawn.has(a)) continue;
			drawn.add(a);
			drawn.add(b);
			const pa = pos.get(a);
			const pb = pos.get(b);
			if (!pa || !pb) continue;
			const [top, bottom] = pa.y <= pb.y ? [pa, pb] : [pb, pa];
			links.push({
				key: `veth:${[a, b].sort().join('|')}`,
				kind: 'veth',
				from: { x: top.anchor.x, y: top.y + top.height },
				to: { x: bottom.anchor.x, y: bottom.y }
			});
		}
	}

	// The outside network, below the machine, joined to its physical interfaces.
	let height = (host ? hostTop + hostH : y) + PAD;
	let outside: NetLayout['outside'] = null;
	const physical = ifaces.filter((i) => i.type === 'ethernet');
	if (physical.length) {
		outside = { x: PAD, y: height + 22, width: W - 2 * PAD, height: 30 };
		for (const p of physical) {
			links.push({
				key: `uplink:${p.key}`,
				kind: 'uplink',
				from: { x: p.anchor.x, y: p.y + p.height },
				to: { x: p.anchor.x, y: outside.y }
			});
		}
		height = outside.y + outside.height + PAD;
	}
	for (const box of ifaces) fitLabel(box);
	return { width: W, height, boxes, ifaces, bridges, links, outside };
}

/** About how wide a character of the pill's bold 12px name is. */
const CHAR_W = 7.4;

/** Shortens a pill's label to its width; shows the type only when it fits too. */
export function fitLabel(box: IfaceBox): void {
	const room = Math.max(1, Math.floor((box.width - 12) / CHAR_W));
	box.label = box.name.length <= room ? box.name : `${box.name.slice(0, Math.max(1, room - 1))}…`;
	const type = box.type === 'ethernet' ? 'eth' : box.type;
	box.showType = box.name.length + 1 + type.length <= room;
}

/** Where the packet is drawn after hop `hop` (the point its marker sits on). */
export function hopPoint(layout: NetLayout, hop: PacketHop): Point {
	const iface = (ns: string | null, name: string | null) =>
		ns && name ? layout.ifaces.find((i) => i.key === ifaceKey(ns, name)) : undefined;
	const box = layout.boxes.find((b) => b.id === hop.ns);
	const stack = box?.stack ?? { x: layout.width / 2, y: 20 };
	const center = (i: IfaceBox | undefined) =>
		i ? { x: i.x + i.width / 2, y: i.y + i.height / 2 } : stack;
	switch (hop.kind) {
		case 'start':
		case 'route':
			return stack;
		case 'veth':
		case 'bridge':
			return center(iface(hop.toNs, hop.toIface));
		case 'up':
		case 'deliver':
		case 'drop':
			return hop.iface ? center(iface(hop.ns, hop.iface)) : stack;
		case 'leave':
			return layout.outside
				? { x: center(iface(hop.ns, hop.iface)).x, y: layout.outside.y + layout.outside.height / 2 }
				: center(iface(hop.ns, hop.iface));
	}
}

/** The packet's path up to and including the current hop, as points. */
export function packetTrail(layout: NetLayout, packet: Packet): Point[] {
	const points: Point[] = [];
	for (const hop of packet.hops.slice(0, packet.hop + 1)) {
		// Leaving an interface: pass through it first.
		if (hop.kind === 'veth' || hop.kind === 'leave') {
			const from = layout.ifaces.find((i) => i.key === ifaceKey(hop.ns, hop.iface ?? ''));
			if (from) points.push({ x: from.x + from.width / 2, y: from.y + from.height / 2 });
		}
		const point = hopPoint(layout, hop);
		const last = points[points.length - 1];
		if (!last || last.x !== point.x || last.y !== point.y) points.push(point);
	}
	return points;
}

/** Which interface keys a frame's hop touches (to highlight). */
export function hopIfaces(hop: PacketHop | null): string[] {
	if (!hop) return [];
	const keys: string[] = [];
	if (hop.iface) keys.push(ifaceKey(hop.ns, hop.iface));
	if (hop.toNs && hop.toIface) keys.push(ifaceKey(hop.toNs, hop.toIface));
	return keys;
}
