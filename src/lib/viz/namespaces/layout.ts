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
	/**
	 * The line's corners, from one end to the other: two points for a straight line;
	 * more where a veth pair is routed around boxes (through the gaps between them).
	 */
	points: Point[];
	/** veth: the keys of the interfaces at the first point and at the last. */
	ends?: [string, string];
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
/** How far apart the lines below the machine's lane of other interfaces run. */
const U_TRACK = 7;
/** How far a card's lane at the picture's edge is from the edge, twice over. */
const LANE_EDGE = 6;
/** The gap between two pills of the machine's upper row of veth ends, where a line passes. */
const BRICK_GAP = 14;
const BRICK_ROW_GAP = 10;
/** How narrow boxes may become to widen the gaps between them for the lines there. */
const MIN_ROUTED_BOX = 140;
const ROW_GAP = 46;

export const ifaceKey = (ns: string, name: string) => `${ns}/${name}`;

/** About how wide a character of a namespace's bold 12.5px title is (7.4 on average; a little more, to be safe). */
const TITLE_CHAR_W = 8;

/**
 * Where a namespace's title is drawn, at most (by TITLE_CHAR_W), kept inside its box:
 * the machine's title stands on a plate of the box's colour, as the lines into its
 * pills pass below it.
 */
export function titlePlate(box: { x: number; y: number; width: number; title: string }) {
	return {
		x: box.x + 6,
		y: box.y + 3,
		width: Math.min(box.title.length * TITLE_CHAR_W + 4, box.width - 12),
		height: 17
	};
}
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

/** How far apart lines run side by side in a gap between columns, and in a gap between rows. */
const GUTTER_TRACK = 5;
const CHANNEL_TRACK = 6;
/** How far above (or below) a pill's middle a line leaves it by its side. */
const STUB_SHIFT = 4;
/** Lines nearer than this along a gap take separate tracks. */
const TRACK_MARGIN = 8;

/**
 * Tracks for intervals (along one gap) so that no two that overlap, or come within
 * TRACK_MARGIN, share one: each interval's track, and how many there are.
 */
export function assignTracks(
	intervals: readonly (readonly [number, number])[],
	/** Place the shortest first (onto the first tracks), not the leftmost. */
	shortestFirst = false
): {
	track: number[];
	count: number;
} {
	const length = (i: number) => intervals[i][1] - intervals[i][0];
	const order = intervals
		.map((_, i) => i)
		.sort((a, b) =>
			shortestFirst ? length(a) - length(b) || a - b : intervals[a][0] - intervals[b][0] || a - b
		);
	const tracks: (readonly [number, number])[][] = [];
	const track = new Array<number>(intervals.length);
	for (const i of order) {
		const [lo, hi] = intervals[i];
		let t = tracks.findIndex((on) =>
			on.every(([a, b]) => hi + TRACK_MARGIN <= a || b + TRACK_MARGIN <= lo)
		);
		if (t < 0) t = tracks.push([]) - 1;
		tracks[t].push(intervals[i]);
		track[i] = t;
	}
	return { track, count: tracks.length };
}

/** Offset of track `t` of `count`, centred on the gap, at most `room` wide in all. */
function trackOffset(t: number, count: number, step: number, room: number): number {
	if (count <= 1) return 0;
	const spacing = Math.min(step, room / (count - 1));
	return (t - (count - 1) / 2) * spacing;
}

export function layoutNetwork(namespaces: readonly NsView[], width: number): NetLayout {
	const W = Math.max(280, Math.round(width));
	const nets = namespaces.filter((ns) => ns.kind === 'net');
	// The gaps between columns widen to what the lines routed through them need, taken
	// from the boxes' width, as long as the boxes stay MIN_ROUTED_BOX wide (a phone keeps
	// its two columns); where they cannot, one column fewer.
	let placed = placeNetwork(nets, W, PAD, null);
	while (placed.gutterNeeded > PAD) {
		const cols = placed.cols;
		const room = Math.floor((W - placed.lanes - MIN_ROUTED_BOX * cols) / (cols + 1));
		if (placed.gutterNeeded <= room || cols === 1) {
			placed = placeNetwork(nets, W, Math.max(PAD, Math.min(placed.gutterNeeded, room)), cols);
			break;
		}
		placed = placeNetwork(nets, W, PAD, cols - 1);
	}
	for (const box of placed.layout.ifaces) fitLabel(box);
	return placed.layout;
}

/**
 * A veth pair's line (or a physical card's, out of the machine), before the tracks in
 * the gaps are known. `ends[0]` is the upper end (the left one, in one row); each end
 * leaves its pill by its side into gap `gaps[i]` between columns, or (null) straight
 * down from its bottom. With `hostEnd`, the second end is the machine's, whose pill is
 * placed once the gaps' tracks are known.
 */
interface Route {
	key: string;
	ends: [IfaceBox, IfaceBox | null];
	hostEnd: string | null;
	/** A physical card's line out of the machine: the x of its lane at the picture's edge. */
	lane?: number;
	gaps: [number | null, number | null];
	/** The row whose gap below it the route runs along, or null if it needs none. */
	channel: number | null;
}

function placeNetwork(
	nets: readonly NsView[],
	W: number,
	G: number,
	columns: number | null
): { layout: NetLayout; cols: number; gutterNeeded: number; lanes: number } {
	const host = nets.find((ns) => ns.initial) ?? nets[0];
	const others = nets.filter((ns) => ns !== host);
	const boxes: NsBox[] = [];
	const ifaces: IfaceBox[] = [];
	const bridges: BridgeBar[] = [];
	const links: Link[] = [];
	const pos = new Map<string, IfaceBox>();
	/** Row and column of each namespace above the machine's, and its pills. */
	const cells = new Map<string, { row: number; col: number; pills: IfaceBox[] }>();
	const rows: { top: number; bottom: number }[] = [];

	// A physical card in a namespace above the machine's leads out of the machine: its
	// line goes down a lane of its own at the picture's edge, past the machine's box,
	// to the outside network. Cards in the left half of the columns take the left edge.
	const cards = others.flatMap((ns, i) =>
		(ns.interfaces ?? []).filter((iface) => iface.type === 'ethernet').map(() => i)
	);
	const lanesGuess = cards.length ? cards.length * GUTTER_TRACK + LANE_EDGE : 0;

	// Rows of the other namespaces.
	const cols =
		columns ??
		Math.max(1, Math.min(others.length, Math.floor((W - G - lanesGuess) / (MIN_BOX + G))));
	const leftLanes = cards.filter((i) => i % cols < cols / 2).length;
	const rightLanes = cards.length - leftLanes;
	const margin = (lanes: number) => (lanes ? LANE_EDGE + lanes * GUTTER_TRACK : 0);
	const [ML, MR] = [margin(leftLanes), margin(rightLanes)];
	const boxW = others.length ? (W - ML - MR - G * (cols + 1)) / cols : 0;
	/** The middle of gap `k` between columns (0: left of the first column). */
	const gapX = (k: number) => ML + k * (boxW + G) + G / 2;
	let y = PAD;
	for (let start = 0; start < others.length; start += cols) {
		const row = others.slice(start, start + cols);
		const rowH = Math.max(
			...row.map((ns) => TITLE + (ns.interfaces?.length ?? 0) * (PILL_H + GAP) + PAD)
		);
		row.forEach((ns, k) => {
			const x = ML + G + k * (boxW + G);
			const place = { x, y, width: boxW, title: ns.id };
			boxes.push({
				id: ns.id,
				initial: false,
				...place,
				height: rowH,
				stack: stackPoint(place)
			});
			const pills: IfaceBox[] = [];
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
				pills.push(box);
				pos.set(box.key, box);
			});
			cells.set(ns.id, { row: rows.length, col: k, pills });
		});
		rows.push({ top: y, bottom: y + rowH });
		y += rowH + ROW_GAP;
	}

	// How each veth pair runs (in the order the pairs are listed). A line goes straight
	// down from a pill's bottom only to the machine's namespace, from the box's last pill,
	// with no box below it; any other leaves its pill by the side facing the other end,
	// into the gap between columns, and runs along the gaps, never across a box.
	const routes: Route[] = [];
	/**
	 * The gap a line to the machine's namespace goes down from a box in column `col`: the
	 * one on the side nearer the picture's edge; from the middle column (or the only
	 * one), the side fewer lines have taken so far.
	 */
	const taken = new Array<number>(cols + 1).fill(0);
	const sideGap = (col: number): number => {
		const middle = (cols - 1) / 2;
		const gap =
			col < middle ? col : col > middle ? col + 1 : taken[col] <= taken[col + 1] ? col : col + 1;
		taken[gap]++;
		return gap;
	};
	// A physical card's line leaves by the side nearer its edge of the picture, down
	// that gap to the gap below its row, and across it to its lane.
	const lanes = { left: 0, right: 0 };
	for (const cell of cells.values())
		for (const pill of cell.pills) {
			if (pill.type !== 'ethernet') continue;
			const left = cell.col < cols / 2;
			const lane = left ? lanes.left++ : lanes.right++;
			routes.push({
				key: `uplink:${pill.key}`,
				ends: [pill, null],
				hostEnd: null,
				lane: left ? LANE_EDGE / 2 + lane * GUTTER_TRACK : W - LANE_EDGE / 2 - lane * GUTTER_TRACK,
				gaps: [left ? cell.col : cell.col + 1, null],
				channel: cell.row
			});
		}
	/** veth pairs with both ends in the machine's namespace: a straight line, drawn later. */
	const pairs: (Route | [string, string])[] = [];
	const drawn = new Set<string>();
	for (const ns of nets) {
		for (const iface of ns.interfaces ?? []) {
			if (!iface.peer) continue;
			const a = ifaceKey(ns.id, iface.name);
			const b = ifaceKey(iface.peer.ns, iface.peer.name);
			if (drawn.has(b) || drawn.has(a)) continue;
			drawn.add(a);
			drawn.add(b);
			const key = `veth:${[a, b].sort().join('|')}`;
			const [ca, cb] = [cells.get(ns.id), cells.get(iface.peer.ns)];
			const [pa, pb] = [pos.get(a), pos.get(b)];
			if (!ca || !cb || !pa || !pb) {
				// One end (or both) in the machine's namespace.
				const [far, cell, hostEnd] = ca && pa ? [pa, ca, b] : [pb, cb, a];
				if (!far || !cell) {
					pairs.push([a, b]);
					continue;
				}
				const clearBelow = ![...cells.values()].some((c) => c.col === cell.col && c.row > cell.row);
				const last = cell.pills[cell.pills.length - 1] === far;
				const gap = last && clearBelow ? null : sideGap(cell.col);
				const route: Route = {
					key,
					ends: [far, null],
					hostEnd,
					gaps: [gap, null],
					channel: rows.length - 1
				};
				routes.push(route);
				pairs.push(route);
				continue;
			}
			// The upper end first (the left one, in one row).
			const [up, low, cu, cl] =
				ca.row < cb.row || (ca.row === cb.row && ca.col <= cb.col)
					? [pa, pb, ca, cb]
					: [pb, pa, cb, ca];
			const gaps: [number, number] =
				cl.col > cu.col
					? [cu.col + 1, cl.col]
					: cl.col < cu.col
						? [cu.col, cl.col + 1]
						: [cu.col + 1, cl.col + 1];
			const route: Route = {
				key,
				ends: [up, low],
				hostEnd: null,
				gaps,
				channel: gaps[0] === gaps[1] ? null : cu.row
			};
			routes.push(route);
			pairs.push(route);
		}
	}

	// Tracks in the gaps between columns: lines whose stretches along one gap come near
	// each other run side by side.
	const mid = (p: IfaceBox) => p.y + p.height / 2;
	const below = (row: number): [number, number] => [rows[row].bottom, rows[row].bottom + ROW_GAP];
	const verticals: { route: Route; end: 0 | 1; gap: number; span: [number, number] }[] = [];
	for (const route of routes) {
		const [up, low] = route.ends;
		const [g0, g1] = route.gaps;
		const reach = (y: number): [number, number] => {
			const [top, bottom] = below(route.channel!);
			return [Math.min(y, top), Math.max(y, bottom)];
		};
		if (!low) {
			if (g0 !== null) verticals.push({ route, end: 0, gap: g0, span: reach(mid(up)) });
		} else if (g0 === g1) {
			const ys = [mid(up), mid(low)].sort((p, q) => p - q) as [number, number];
			verticals.push({ route, end: 0, gap: g0!, span: ys });
		} else {
			verticals.push({ route, end: 0, gap: g0!, span: reach(mid(up)) });
			verticals.push({ route, end: 1, gap: g1!, span: reach(mid(low)) });
		}
	}
	let gutterNeeded = PAD;
	const alongGap = new Map<Route, [number, number]>();
	for (let k = 0; k <= cols; k++) {
		const here = verticals.filter((v) => v.gap === k);
		const { track, count } = assignTracks(here.map((v) => v.span));
		gutterNeeded = Math.max(gutterNeeded, PAD + (count - 1) * GUTTER_TRACK);
		here.forEach((v, i) => {
			const x = gapX(k) + trackOffset(track[i], count, GUTTER_TRACK, G - PAD);
			const xs = alongGap.get(v.route) ?? [x, x];
			xs[v.end] = x;
			if (v.route.gaps[0] === v.route.gaps[1]) xs[1] = x;
			alongGap.set(v.route, xs);
		});
	}
	/** Where a route leaves its upper end downwards: its gap's track, or the pill's middle. */
	const downX = (route: Route) => alongGap.get(route)?.[0] ?? route.ends[0].anchor.x;

	// The machine's own namespace.
	const hostTop = others.length ? y - ROW_GAP + ROW_GAP : PAD;
	const hostIfaces = host?.interfaces ?? [];
	/** Where lines come down into the gap above the machine (on their way to its pills or not). */
	const comingDown = routes.flatMap((route) => {
		if (route.channel !== rows.length - 1) return [];
		if (route.hostEnd) return [{ route, x: downX(route) }];
		return (alongGap.get(route) ?? []).map((x) => ({ route, x }));
	});
	/** The lower row's pills, whose lines come down between two upper ones: at their middle. */
	const between = new Set<string>();
	const toHost = new Map(routes.filter((r) => r.hostEnd).map((r) => [r.hostEnd!, r]));
	const peered = hostIfaces.filter((i) => toHost.has(ifaceKey(host.id, i.name)));
	const bridged = hostIfaces.filter((i) => i.type === 'bridge');
	const rest = hostIfaces.filter((i) => !peered.includes(i) && !bridged.includes(i));
	const perLane = Math.max(1, peered.length, rest.length);
	const pillW = Math.min(130, Math.max(88, (W - 2 * PAD - 16) / perLane - GAP));
	// The lane of the machine's other interfaces, as wide as its own count allows: on a
	// phone, eth0's address (192.168.1.10/24) no longer runs past its pill.
	const restW = Math.min(130, Math.max(88, (W - 2 * PAD - 16) / Math.max(1, rest.length) - GAP));
	// The machine's box, which leaves the cards' lanes free beside it.
	const hostX = Math.max(PAD, ML + 2);
	const hostW = W - hostX - Math.max(PAD, MR + 2);
	const lo = hostX + 8;
	const hi = hostX + hostW - 8;
	// More veth ends than one lane holds: two rows, staggered like bricks, so that each
	// line into the lower row comes down between two pills of the upper one (and each
	// upper pill's line to the bridge goes down between two lower ones).
	const bricks = peered.length * (pillW + GAP) - GAP > hi - lo;
	const perRow = Math.ceil(peered.length / 2);
	const portW = bricks
		? Math.max(72, Math.min(pillW, (hi - lo - (perRow - 0.5) * BRICK_GAP) / (perRow + 0.5)))
		: pillW;
	const lanePorts = hostTop + TITLE;
	const portsH = bricks ? 2 * PILL_H + BRICK_ROW_GAP : PILL_H;
	const laneBridge = lanePorts + (peered.length ? portsH + 26 : 0);
	const laneRest = laneBridge + (bridged.length ? bridged.length * 40 + 8 : 0);
	// veth pairs with both ends in the machine's lane of other interfaces run below it,
	// one track each (see below): room for them under the lane.
	const inLane = pairs.filter((pair) => Array.isArray(pair)).length;
	const hostH =
		laneRest - hostTop + (rest.length ? PILL_H + PAD : 0) + 4 + Math.max(0, inLane - 1) * U_TRACK;
	if (host) {
		const place = {
			x: hostX,
			y: hostTop,
			width: hostW,
			title: `${host.id} (the machine’s own)`
		};
		boxes.push({
			id: host.id,
			initial: true,
			...place,
			height: hostH,
			stack: stackPoint(place)
		});
		const wanted = peered.map((i) => downX(toHost.get(ifaceKey(host.id, i.name))!));
		const xs = bricks ? [] : spread(wanted, pillW, lo, hi);
		const lower = new Set<number>();
		if (bricks) {
			// Left to right as the lines come down, upper and lower row in turn. A lower
			// pill's line comes down at its middle, between two upper pills: the rows start
			// where no such line would run on another one coming down there (if any does).
			const step = portW + BRICK_GAP;
			const order = wanted
				.map((x, i) => ({ x, i }))
				.sort((a, b) => a.x - b.x || a.i - b.i)
				.map((item) => item.i);
			const width = (perRow + 0.5) * portW + (perRow - 0.5) * BRICK_GAP;
			const place = (shift: number) =>
				order.map((i, rank) => ({
					i,
					x: lo + shift + portW / 2 + Math.floor(rank / 2) * step + (rank % 2 ? step / 2 : 0),
					lower: rank % 2 === 1
				}));
			const clear = (shift: number) =>
				place(shift).every(
					(p) =>
						!p.lower ||
						comingDown.every(
							(c) =>
								c.route === toHost.get(ifaceKey(host.id, peered[p.i].name)) ||
								Math.abs(c.x - p.x) >= TRACK_MARGIN
						)
				);
			const slack = Math.max(0, Math.floor(hi - lo - width));
			let shift = 0;
			while (shift < slack && !clear(shift)) shift++;
			for (const p of place(clear(shift) ? shift : 0)) {
				xs[p.i] = p.x;
				if (p.lower) lower.add(p.i);
			}
		}
		peered.forEach((iface, k) => {
			const top = lower.has(k) ? lanePorts + PILL_H + BRICK_ROW_GAP : lanePorts;
			const box: IfaceBox = {
				key: ifaceKey(host.id, iface.name),
				label: iface.name,
				showType: true,
				ns: host.id,
				name: iface.name,
				type: iface.type,
				addr: iface.addr,
				x: xs[k] - portW / 2,
				y: top,
				width: portW,
				height: PILL_H,
				anchor: { x: xs[k], y: top }
			};
			ifaces.push(box);
			pos.set(box.key, box);
			toHost.get(box.key)!.ends[1] = box;
			if (lower.has(k)) between.add(box.key);
		});
		const restXs = spread(
			rest.map((_, k) => lo + restW / 2 + k * (restW + GAP)),
			restW,
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
				x: restXs[k] - restW / 2,
				y: laneRest,
				width: restW,
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
			const x1 = Math.max(lo, Math.min(lo + 40, ...ports.map((p) => p.x)));
			const x2 = Math.min(hi, Math.max(x1 + 120, ...ports.map((p) => p.x + p.width)));
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
					points: [
						{ x: port.anchor.x, y: port.y + PILL_H },
						{ x: port.anchor.x, y: barY }
					]
				});
			}
		});
	}

	// Where each line enters its pill in the machine's namespace: its middle, unless
	// another line comes down there into the gap above the machine, where the two would
	// run on each other; then the nearest place along the pill clear of them.
	const entryX = (route: Route): number => {
		const pill = route.ends[1]!;
		const clear = (x: number) =>
			comingDown.every((c) => c.route === route || Math.abs(c.x - x) >= TRACK_MARGIN);
		if (between.has(pill.key) || clear(pill.anchor.x)) return pill.anchor.x;
		for (let d = 1; d < pill.width / 2 - 10; d++)
			for (const x of [pill.anchor.x - d, pill.anchor.x + d]) if (clear(x)) return x;
		return pill.anchor.x;
	};
	const entries = new Map(routes.filter((r) => r.hostEnd && r.ends[1]).map((r) => [r, entryX(r)]));

	// Tracks in the gaps between rows, for the stretches that run across.
	const across: { route: Route; span: [number, number] }[] = [];
	for (const route of routes) {
		const low = route.ends[1];
		if ((!low && route.lane === undefined) || route.channel === null) continue;
		const from = downX(route);
		const to = route.lane ?? (route.hostEnd ? entries.get(route)! : alongGap.get(route)![1]);
		if (Math.abs(from - to) < 0.5) continue;
		across.push({ route, span: [Math.min(from, to), Math.max(from, to)] });
	}
	const acrossY = new Map<Route, number>();
	for (let row = 0; row < rows.length; row++) {
		const here = across.filter((a) => a.route.channel === row);
		const { track, count } = assignTracks(here.map((a) => a.span));
		const [top, bottom] = below(row);
		here.forEach((a, i) =>
			acrossY.set(
				a.route,
				(top + bottom) / 2 + trackOffset(track[i], count, CHANNEL_TRACK, ROW_GAP - 16)
			)
		);
	}

	/**
	 * Where a line leaves pill `p` by its side into gap `gap`, and runs to x. A pill
	 * left of the gap is left a little above its middle, one right of it a little
	 * below: two pills facing each other across a gap never share a stretch.
	 */
	const side = (p: IfaceBox, gap: number, x: number): Point[] => {
		const leftOfGap = gap !== cells.get(p.ns)!.col;
		const at = mid(p) + (leftOfGap ? -STUB_SHIFT : STUB_SHIFT);
		return [
			{ x: leftOfGap ? p.x + p.width : p.x, y: at },
			{ x, y: at }
		];
	};

	// Tracks below the machine's lane, for its pairs whose stretches across overlap.
	const lanePairs = pairs.filter((pair): pair is [string, string] => Array.isArray(pair));
	const spans = lanePairs.map((pair) => {
		const xs = pair.map((key) => pos.get(key)?.anchor.x ?? 0).sort((a, b) => a - b);
		return [xs[0], xs[1]] as [number, number];
	});
	// The shorter first, nearer the lane: a pair between another's ends runs inside it
	// instead of crossing it.
	const { track: laneTrack } = assignTracks(spans, true);
	const underLane = new Map(lanePairs.map((pair, i) => [pair, laneTrack[i]]));

	// The veth pairs' lines, in the order the pairs are listed.
	for (const pair of pairs) {
		if (Array.isArray(pair)) {
			const [pa, pb] = [pos.get(pair[0]), pos.get(pair[1])];
			if (!pa || !pb) continue;
			const [left, right] = pa.x <= pb.x ? [pa, pb] : [pb, pa];
			// Two pills side by side in one lane: down from each, joined below the lane.
			const y = left.y + left.height + 6 + (underLane.get(pair) ?? 0) * U_TRACK;
			links.push({
				key: `veth:${[...pair].sort().join('|')}`,
				kind: 'veth',
				points: [
					{ x: left.anchor.x, y: left.y + left.height },
					{ x: left.anchor.x, y },
					{ x: right.anchor.x, y },
					{ x: right.anchor.x, y: right.y + right.height }
				],
				ends: [left.key, right.key]
			});
			continue;
		}
		const [up, low] = pair.ends;
		if (!low) continue;
		const points: Point[] = [];
		const xs = alongGap.get(pair);
		if (pair.gaps[0] === null) points.push({ x: up.anchor.x, y: up.y + up.height });
		else points.push(...side(up, pair.gaps[0], xs![0]));
		const acrossAt = acrossY.get(pair);
		const x0 = downX(pair);
		if (pair.hostEnd) {
			const x1 = entries.get(pair)!;
			if (acrossAt !== undefined) points.push({ x: x0, y: acrossAt }, { x: x1, y: acrossAt });
			points.push({ x: x1, y: low.y });
		} else if (pair.channel === null) {
			points.push(...side(low, pair.gaps[1]!, xs![1]).reverse());
		} else {
			const y = acrossAt ?? below(pair.channel)[0] + ROW_GAP / 2;
			points.push({ x: x0, y }, { x: xs![1], y });
			points.push(...side(low, pair.gaps[1]!, xs![1]).reverse());
		}
		links.push({ key: pair.key, kind: 'veth', points: simplify(points), ends: [up.key, low.key] });
	}

	// The outside network, below the machine, joined to its physical interfaces.
	let height = (host ? hostTop + hostH : y) + PAD;
	let outside: NetLayout['outside'] = null;
	const physical = ifaces.filter((i) => i.type === 'ethernet');
	if (physical.length) {
		outside = { x: hostX, y: height + 22, width: hostW, height: 30 };
		const middle = outside.y + outside.height / 2;
		for (const route of routes) {
			if (route.lane === undefined) continue;
			const [pill] = route.ends;
			const x0 = alongGap.get(route)![0];
			const points = side(pill, route.gaps[0]!, x0);
			const acrossAt = acrossY.get(route)!;
			points.push({ x: x0, y: acrossAt }, { x: route.lane, y: acrossAt });
			points.push({ x: route.lane, y: middle });
			points.push({ x: route.lane < W / 2 ? outside.x : outside.x + outside.width, y: middle });
			links.push({ key: route.key, kind: 'uplink', points: simplify(points) });
		}
		for (const p of physical) {
			if (cells.has(p.ns)) continue;
			links.push({
				key: `uplink:${p.key}`,
				kind: 'uplink',
				points: [
					{ x: p.anchor.x, y: p.y + p.height },
					{ x: p.anchor.x, y: outside.y }
				]
			});
		}
		height = outside.y + outside.height + PAD;
	}
	return {
		layout: { width: W, height, boxes, ifaces, bridges, links, outside },
		cols,
		gutterNeeded,
		/** The width the cards' lanes take at the picture's edges. */
		lanes: ML + MR
	};
}

/** Drops corners that are not corners (a point on the line between its neighbours, or a repeat). */
export function simplify(points: readonly Point[]): Point[] {
	const out: Point[] = [];
	for (const p of points) {
		const last = out[out.length - 1];
		if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
		const before = out[out.length - 2];
		if (
			before &&
			((Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) ||
				(Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))
		)
			out.pop();
		out.push(p);
	}
	return out;
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
		case 'leave': {
			if (!layout.outside) return center(iface(hop.ns, hop.iface));
			const y = layout.outside.y + layout.outside.height / 2;
			// Where its line comes into the outside network: from above, or (from a namespace
			// above the machine's, along the outermost gap) from the side.
			const line = layout.links.find(
				(l) => l.key === `uplink:${ifaceKey(hop.ns, hop.iface ?? '')}`
			);
			const end = line && line.points.length > 2 ? line.points[line.points.length - 1] : null;
			if (end) return { x: end.x + (end.x <= layout.outside.x ? 20 : -20), y };
			return { x: center(iface(hop.ns, hop.iface)).x, y };
		}
	}
}

/** The packet's path up to and including the current hop, as points. */
export function packetTrail(layout: NetLayout, packet: Packet): Point[] {
	const points: Point[] = [];
	for (const hop of packet.hops.slice(0, packet.hop + 1)) {
		// Leaving an interface: pass through it first.
		if (hop.kind === 'veth' || hop.kind === 'leave') {
			const fromKey = ifaceKey(hop.ns, hop.iface ?? '');
			const from = layout.ifaces.find((i) => i.key === fromKey);
			if (from) points.push({ x: from.x + from.width / 2, y: from.y + from.height / 2 });
			// Along the pair's line (around boxes, where it runs so), from this end.
			const link = layout.links.find((l) => l.ends?.includes(fromKey));
			if (hop.kind === 'veth' && link)
				points.push(...(link.ends![0] === fromKey ? link.points : [...link.points].reverse()));
			// Out of the machine along a line that goes around boxes.
			const uplink = layout.links.find((l) => l.key === `uplink:${fromKey}`);
			if (hop.kind === 'leave' && uplink && uplink.points.length > 2) points.push(...uplink.points);
		}
		// Through a bridge: down the port's line to the bar, along it, up to the next port.
		if (hop.kind === 'bridge') {
			const portLine = (name: string | null) =>
				layout.links.find((l) => l.key === `port:${ifaceKey(hop.ns, name ?? '')}`);
			const [into, out] = [portLine(hop.iface), portLine(hop.toIface)];
			if (out) {
				if (into) points.push(into.points[1]);
				points.push(out.points[1]);
			}
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

/** Points as an SVG `points` attribute. */
export function pointList(points: readonly Point[]): string {
	return points.map((p) => `${p.x},${p.y}`).join(' ');
}

/** The point a fraction `t` (0 to 1) of the way along a line of corners, by length. */
export function pointAt(points: readonly Point[], t: number): Point {
	if (points.length === 0) return { x: 0, y: 0 };
	const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y));
	let left = Math.max(0, Math.min(1, t)) * lengths.reduce((sum, l) => sum + l, 0);
	for (let i = 0; i < lengths.length; i++) {
		if (left <= lengths[i] && lengths[i] > 0) {
			const f = left / lengths[i];
			return {
				x: points[i].x + (points[i + 1].x - points[i].x) * f,
				y: points[i].y + (points[i + 1].y - points[i].y) * f
			};
		}
		left -= lengths[i];
	}
	return points[points.length - 1];
}
