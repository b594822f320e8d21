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
	/** The bar, across below a row of ports or down beside a column of them. */
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	/** Where its name is written: the text's start, or (anchor 'end') its end. */
	label: Point & { anchor: 'start' | 'end' };
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
/** How far apart the lines run down the channel beside the machine's column of veth ends. */
const COLUMN_TRACK = 7;
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

/** About how wide a character of a bridge's 12px semi-bold name is (7.1 on average; a little more, to be safe). */
const BRIDGE_CHAR_W = 7.6;
/** Half a bridge bar's stroke. */
const BAR_HALF = 3;

const bridgeLabel = (bar: BridgeBar) => `bridge ${bar.name}${bar.addr ? ` ${bar.addr}` : ''}`;

/** Where a bridge's name may be drawn over (by BRIDGE_CHAR_W). */
function bridgePlate(bar: BridgeBar) {
	const width = bridgeLabel(bar).length * BRIDGE_CHAR_W + 4;
	const x = bar.label.anchor === 'end' ? bar.label.x - width + 2 : bar.label.x - 2;
	// From above the capitals to below the descenders, no further: a bar's round end
	// stands just above a name at the foot of a column.
	return { x, y: bar.label.y - 10, width, height: 13 };
}

/**
 * Each bridge port's line, ending at its bar's edge, and whether it crosses another
 * bridge's bar on its way (ports of two bridges mixed in one row or column). Such a
 * line is drawn over that bar, on a gap of the machine's colour: under it, the line
 * looked joined to that bridge too.
 */
export function portLines(layout: Pick<NetLayout, 'links' | 'bridges'>) {
	const inside = (v: number, a: number, b: number) =>
		v > Math.min(a, b) + BAR_HALF && v < Math.max(a, b) - BAR_HALF;
	return layout.links
		.filter((link) => link.kind === 'port')
		.map((link) => {
			const [from, to] = [link.points[0], link.points[link.points.length - 1]];
			const length = Math.hypot(to.x - from.x, to.y - from.y);
			const cut = length > BAR_HALF ? BAR_HALF / length : 0;
			const end = { x: to.x - (to.x - from.x) * cut, y: to.y - (to.y - from.y) * cut };
			// Lines and bars are upright or level: one crosses the other inside both.
			const crosses = layout.bridges.some((bar) =>
				from.x === to.x
					? bar.y1 === bar.y2 && inside(from.x, bar.x1, bar.x2) && inside(bar.y1, from.y, to.y)
					: bar.x1 === bar.x2 && inside(from.y, bar.y1, bar.y2) && inside(bar.x1, from.x, to.x)
			);
			return { key: link.key, from, to: end, crosses };
		});
}

/**
 * Each bridge's name, and the plate of the machine's colour it stands on where a
 * port line passes it (null: none does). Where two bridges' ports are mixed in one
 * row, a lower bridge's lines pass the upper one's name, and went through its letters.
 */
export function bridgeNames(bridges: BridgeBar[], ports: ReturnType<typeof portLines>) {
	return bridges.map((bar) => {
		const plate = bridgePlate(bar);
		const crossed = ports.some(
			({ from, to }) =>
				Math.max(from.x, to.x) >= plate.x &&
				Math.min(from.x, to.x) <= plate.x + plate.width &&
				Math.max(from.y, to.y) >= plate.y &&
				Math.min(from.y, to.y) <= plate.y + plate.height
		);
		return { key: bar.key, text: bridgeLabel(bar), ...bar.label, plate: crossed ? plate : null };
	});
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

/** The pill of interface `iface` of namespace `ns`, its line attached at `anchor`. */
function pillOf(
	ns: string,
	iface: IfaceView,
	x: number,
	y: number,
	width: number,
	anchor: Point
): IfaceBox {
	const { name, type, addr } = iface;
	return {
		key: ifaceKey(ns, name),
		label: name,
		showType: true,
		ns,
		name,
		type,
		addr,
		x,
		y,
		width,
		height: PILL_H,
		anchor
	};
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
				const top = y + TITLE + j * (PILL_H + GAP);
				const box = pillOf(ns.id, iface, x + 8, top, boxW - 16, {
					x: x + boxW / 2,
					y: top + PILL_H
				});
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
	// The gap above the machine's box widens for the lines that run across it, one track
	// each (many containers joined to the machine); every other gap between rows is ROW_GAP.
	const acrossLast = routes.filter((route) => route.channel === rows.length - 1).length;
	const lastGap = Math.max(ROW_GAP, acrossLast * CHANNEL_TRACK + 16);
	const gapBelow = (row: number) => (row === rows.length - 1 ? lastGap : ROW_GAP);
	const below = (row: number): [number, number] => [
		rows[row].bottom,
		rows[row].bottom + gapBelow(row)
	];
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
	const hostTop = rows.length ? below(rows.length - 1)[1] : PAD;
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
	// The machine's other interfaces (lo, a card, veth pairs with both ends here) in the
	// order listed, but each pair's second end beside its first (the pair's line below
	// them stays short, and a pair is never split between two rows), and the physical
	// cards last: their lines go straight down to the outside network, past no other row.
	const restListed = pairsSideBySide(
		hostIfaces.filter((i) => !peered.includes(i) && !bridged.includes(i)),
		host?.id ?? ''
	);
	const rest = [
		...restListed.filter((i) => i.type !== 'ethernet'),
		...restListed.filter((i) => i.type === 'ethernet')
	];
	// The machine's box, which leaves the cards' lanes free beside it.
	const hostX = Math.max(PAD, ML + 2);
	const hostW = W - hostX - Math.max(PAD, MR + 2);
	const lo = hostX + 8;
	const hi = hostX + hostW - 8;
	// The other interfaces in rows of as many as fit (one row, as long as they fit), at
	// least 88 px wide and as wide as their addresses need.
	const restNeed = Math.min(hi - lo, Math.max(88, ...rest.map(addressWidth)));
	const restRowsIn = (room: number) => {
		const perRow = Math.max(1, Math.min(rest.length, Math.floor(room / (restNeed + GAP))));
		const rows: IfaceView[][] = [];
		let secondEnd = false;
		rest.forEach((iface, k) => {
			const row = rows[rows.length - 1];
			const next = rest[k + 1];
			const pairStart = iface.peer?.ns === host?.id && next?.name === iface.peer?.name;
			if (secondEnd) row.push(iface);
			else if (!row || row.length + (pairStart ? 2 : 1) > perRow) rows.push([iface]);
			else row.push(iface);
			secondEnd = pairStart;
		});
		// The lane of the machine's other interfaces, as wide as its own count allows: on a
		// phone, eth0's address (192.168.1.10/24) no longer runs past its pill. (A pair where
		// a row holds one pill shares it.)
		const width = Math.min(room, Math.max(130, restNeed), Math.max(restNeed, room / perRow - GAP));
		const widths = rows.map((row) =>
			row.length > perRow ? (room - (row.length - 1) * GAP) / row.length : width
		);
		return { perRow, rows, widths };
	};
	const cardsAbove = (rows: IfaceView[][]) =>
		rows.slice(0, -1).flatMap((row) => row.filter((i) => i.type === 'ethernet'));
	let restLayout = restRowsIn(hi - lo);
	// A physical card above the last row (more of them than a row holds): its line goes down
	// a lane of its own right of the rows, where they leave room for the lanes.
	const cardCount = rest.filter((i) => i.type === 'ethernet').length;
	if (cardsAbove(restLayout.rows).length)
		restLayout = restRowsIn(hi - lo - cardCount * GUTTER_TRACK - 6);
	const { perRow: restPerRow, rows: restRows, widths: restWs } = restLayout;
	const upperCards = cardsAbove(restRows);
	const perLane = Math.max(1, peered.length, restPerRow);
	const pillW = Math.min(130, Math.max(88, (W - 2 * PAD - 16) / perLane - GAP));
	// More veth ends than one lane holds: two rows, staggered like bricks, so that each
	// line into the lower row comes down between two pills of the upper one (and each
	// upper pill's line to the bridge goes down between two lower ones).
	const perRow = Math.ceil(peered.length / 2);
	const oneRow = peered.length * (pillW + GAP) - GAP <= hi - lo;
	const brickFits = (perRow + 0.5) * 72 + (perRow - 0.5) * BRICK_GAP <= hi - lo;
	const wanted = peered.map((i) => downX(toHost.get(ifaceKey(host.id, i.name))!));
	/**
	 * Left to right as the lines come down, upper and lower row in turn. A lower pill's
	 * line comes down at its middle, between two upper pills: the rows start where no such
	 * line would run on another one coming down there; null if nowhere.
	 */
	const placeBricks = () => {
		const portW = Math.max(
			72,
			Math.min(pillW, (hi - lo - (perRow - 0.5) * BRICK_GAP) / (perRow + 0.5))
		);
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
		for (let shift = 0; shift <= slack; shift++)
			if (clear(shift)) return { portW, places: place(shift) };
		return null;
	};
	const brickLayout = !oneRow && brickFits ? placeBricks() : null;
	const brickPlaces = brickLayout?.places ?? null;
	const bricks = brickLayout !== null;
	// More than two rows hold (every line into a lower row must pass between the pills of
	// the rows above, so more rows do not make room), or two rows where a line into the
	// lower one would run on another: one column of ends, each line down a channel on its
	// left and into its pill's side; each bridge a bar on its right.
	const column = !oneRow && !bricks;
	const portW = brickLayout?.portW ?? pillW;
	/** The column's rows: the line coming down furthest right takes the top row (see below). */
	const columnRow = new Map<string, number>();
	const columnBridges = column
		? bridged.filter((bridge) => peered.some((i) => i.master === bridge.name))
		: [];
	const channelStep = Math.min(COLUMN_TRACK, (hi - lo) / 3 / Math.max(1, peered.length));
	/** The x of the channel's track down to row `row`: the lower the row, the further left. */
	const channelX = (row: number) => lo + 8 + (peered.length - 1 - row) * channelStep;
	const columnX = channelX(0) + 10;
	const columnW = Math.min(
		160,
		hi - columnX - (columnBridges.length ? 22 + (columnBridges.length - 1) * 14 : 0)
	);
	if (column) {
		// Ordered by where their lines come down, from the right: no line then crosses
		// another, either in the gap above the machine or in the channel (each turns into
		// its pill below the rows whose lines are still to its right).
		peered
			.map((iface, i) => ({
				key: ifaceKey(host.id, iface.name),
				x: downX(toHost.get(ifaceKey(host.id, iface.name))!),
				i
			}))
			.sort((a, b) => b.x - a.x || a.i - b.i)
			.forEach((end, row) => columnRow.set(end.key, row));
	}
	const lanePorts = hostTop + TITLE;
	const portsH = column
		? peered.length * (PILL_H + GAP) - GAP
		: bricks
			? 2 * PILL_H + BRICK_ROW_GAP
			: PILL_H;
	/** Below the column, one line for each bar's name. */
	const barNamesH = columnBridges.length ? 8 + columnBridges.length * 18 : 0;
	const flatBridges = bridged.filter((bridge) => !columnBridges.includes(bridge));
	const laneBridge = lanePorts + (peered.length ? portsH + (column ? barNamesH + 8 : 26) : 0);
	const laneRest = laneBridge + (flatBridges.length ? flatBridges.length * 40 + 8 : 0);
	/** Lines of the machine's cards above its last row, as far as their lanes. */
	const cardRoutes = new Map<string, Point[]>();
	const restX = (k: number, w: number) => lo + w / 2 + k * (w + GAP);
	const restTracks = restRows.map(
		(row, r) =>
			assignTracks(
				row.flatMap((iface, k) => {
					const j = row.findIndex(
						(other) => iface.peer?.ns === host?.id && other.name === iface.peer.name
					);
					return j > k ? [[restX(k, restWs[r]), restX(j, restWs[r])] as const] : [];
				}),
				true
			).count
	);
	// A row with veth pairs has room below it for their lines (one track, as each pair's
	// ends stand side by side; more if a pair's peer is missing from the lane), and a row
	// with cards above the last row for theirs, on their way to their lanes.
	const cardsIn = (row: IfaceView[]) => row.filter((i) => upperCards.includes(i)).length;
	const restTops: number[] = [];
	let restBottom = laneRest;
	restRows.forEach((row, r) => {
		const above = restRows[r - 1];
		const gap = above
			? Math.max(restTracks[r - 1] ? 14 : GAP, cardsIn(above) * GUTTER_TRACK + 8)
			: 0;
		const top = above ? restBottom + gap : laneRest;
		restTops.push(top);
		restBottom = top + PILL_H + Math.max(0, restTracks[r] - 1) * U_TRACK;
	});
	const hostH = restBottom - hostTop + (rest.length ? PAD : 0) + 4;
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
		const xs = bricks || column ? [] : spread(wanted, pillW, lo, hi);
		const lower = new Set<number>();
		if (brickPlaces)
			for (const p of brickPlaces) {
				xs[p.i] = p.x;
				if (p.lower) lower.add(p.i);
			}
		peered.forEach((iface, k) => {
			const key = ifaceKey(host.id, iface.name);
			const row = columnRow.get(key);
			const top =
				row !== undefined
					? lanePorts + row * (PILL_H + GAP)
					: lower.has(k)
						? lanePorts + PILL_H + BRICK_ROW_GAP
						: lanePorts;
			const [x, width] = row !== undefined ? [columnX, columnW] : [xs[k] - portW / 2, portW];
			// In the column, its line comes in by its left side.
			const box = pillOf(
				host.id,
				iface,
				x,
				top,
				width,
				row !== undefined ? { x, y: top + PILL_H / 2 } : { x: xs[k], y: top }
			);
			ifaces.push(box);
			pos.set(box.key, box);
			toHost.get(box.key)!.ends[1] = box;
			if (lower.has(k)) between.add(box.key);
		});
		restRows.forEach((row, r) => {
			const restW = restWs[r];
			const xs = spread(
				row.map((_, k) => restX(k, restW)),
				restW,
				lo,
				hi
			);
			row.forEach((iface, k) => {
				const box = pillOf(host.id, iface, xs[k] - restW / 2, restTops[r], restW, {
					x: xs[k],
					y: restTops[r] + PILL_H
				});
				ifaces.push(box);
				pos.set(box.key, box);
			});
		});
		// The cards above the last row: down into the gap below their row, right to their
		// lanes (the lower row's cards, and in a row the left one, further left; the left
		// one also lower in the gap), down past the rows below them.
		const cardLanes = restRows
			.map((row) => row.filter((i) => upperCards.includes(i)))
			.reverse()
			.flat();
		restRows.forEach((row) => {
			const cards = row.filter((i) => upperCards.includes(i));
			cards.forEach((card, i) => {
				const pill = pos.get(ifaceKey(host.id, card.name))!;
				const y = pill.y + PILL_H + 4 + (cards.length - 1 - i) * GUTTER_TRACK;
				const x = hi - 2 - (cardLanes.length - 1 - cardLanes.indexOf(card)) * GUTTER_TRACK;
				cardRoutes.set(pill.key, [
					{ x: pill.anchor.x, y: pill.y + PILL_H },
					{ x: pill.anchor.x, y },
					{ x, y }
				]);
			});
		});
		const portsOf = (bridge: IfaceView) =>
			hostIfaces
				.filter((i) => i.master === bridge.name)
				.map((i) => pos.get(ifaceKey(host.id, i.name)))
				.filter((b): b is IfaceBox => !!b);
		const addBridge = (bridge: IfaceView, bar: Omit<BridgeBar, 'key' | 'ns' | 'name' | 'addr'>) => {
			const key = ifaceKey(host.id, bridge.name);
			bridges.push({ key, ns: host.id, name: bridge.name, addr: bridge.addr, ...bar });
			// A bridge also has an interface box of its own (its address), for the packet to stop at.
			const box: IfaceBox = {
				key,
				label: bridge.name,
				showType: true,
				ns: host.id,
				name: bridge.name,
				type: 'bridge',
				addr: bridge.addr,
				x: Math.min(bar.x1, bar.x2) - (bar.x1 === bar.x2 ? 6 : 0),
				y: Math.min(bar.y1, bar.y2) - (bar.y1 === bar.y2 ? 6 : 0),
				width: Math.abs(bar.x2 - bar.x1) || 12,
				height: Math.abs(bar.y2 - bar.y1) || 12,
				anchor: { x: (bar.x1 + bar.x2) / 2, y: (bar.y1 + bar.y2) / 2 }
			};
			ifaces.push(box);
			pos.set(box.key, box);
		};
		// Beside the column: a bar down the right of each bridge's ports, its name below
		// the column, at the bar's foot.
		columnBridges.forEach((bridge, k) => {
			const ports = portsOf(bridge);
			const x = columnX + columnW + 18 + k * 14;
			const nameY = lanePorts + portsH + 8 + 14 + k * 18;
			addBridge(bridge, {
				x1: x,
				y1: Math.min(...ports.map((p) => mid(p))) - 10,
				x2: x,
				y2: nameY - 14,
				label: { x: x + 3, y: nameY, anchor: 'end' }
			});
			for (const port of ports)
				links.push({
					key: `port:${port.key}`,
					kind: 'port',
					points: [
						{ x: port.x + port.width, y: mid(port) },
						{ x, y: mid(port) }
					]
				});
		});
		flatBridges.forEach((bridge, k) => {
			const ports = portsOf(bridge);
			const x1 = Math.max(lo, Math.min(lo + 40, ...ports.map((p) => p.x)));
			const x2 = Math.min(hi, Math.max(x1 + 120, ...ports.map((p) => p.x + p.width)));
			const barY = laneBridge + k * 40 + 20;
			addBridge(bridge, {
				x1,
				y1: barY,
				x2,
				y2: barY,
				label: { x: x1, y: barY + 17, anchor: 'start' }
			});
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
		const row = columnRow.get(pill.key);
		if (row !== undefined) return channelX(row);
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
	/**
	 * Tracks across the gap above the machine when its ends stand in a column: the other
	 * lines' first (higher), then the lines into the column. Of those coming from the
	 * right of the channel, the one to the top row runs lowest; of those from its left,
	 * the one to the highest of their rows runs highest. So none runs across another's
	 * way down.
	 */
	const columnTracks = (here: typeof across): { track: number[]; count: number } => {
		const isHost = (a: (typeof across)[number]) => columnRow.has(a.route.ends[1]?.key ?? '');
		const others = here.filter((a) => !isHost(a));
		const { track: first, count: firstCount } = assignTracks(others.map((a) => a.span));
		const rowOf = (a: (typeof across)[number]) => columnRow.get(a.route.ends[1]!.key)!;
		const fromRight = here
			.filter((a) => isHost(a) && downX(a.route) > entries.get(a.route)!)
			.sort((a, b) => rowOf(a) - rowOf(b));
		const fromLeft = here
			.filter((a) => isHost(a) && downX(a.route) <= entries.get(a.route)!)
			.sort((a, b) => rowOf(a) - rowOf(b));
		const track = here.map((a) => {
			if (!isHost(a)) return first[others.indexOf(a)];
			const right = fromRight.indexOf(a);
			return firstCount + (right >= 0 ? fromRight.length - 1 - right : fromLeft.indexOf(a));
		});
		return { track, count: firstCount + Math.max(fromRight.length, fromLeft.length) };
	};
	for (let row = 0; row < rows.length; row++) {
		const here = across.filter((a) => a.route.channel === row);
		let { track, count } = assignTracks(here.map((a) => a.span));
		if (column && row === rows.length - 1) ({ track, count } = columnTracks(here));
		const [top, bottom] = below(row);
		here.forEach((a, i) =>
			acrossY.set(
				a.route,
				(top + bottom) / 2 + trackOffset(track[i], count, CHANNEL_TRACK, bottom - top - 16)
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

	// Tracks below each row of the machine's other interfaces, for its pairs whose
	// stretches across overlap (the shorter first, nearer the row: a pair between
	// another's ends runs inside it instead of crossing it).
	const lanePairs = pairs.filter((pair): pair is [string, string] => Array.isArray(pair));
	const underLane = new Map<[string, string], number>();
	for (const top of new Set(lanePairs.map((pair) => pos.get(pair[0])?.y))) {
		const inRow = lanePairs.filter((pair) => pos.get(pair[0])?.y === top);
		const spans = inRow.map((pair) => {
			const xs = pair.map((key) => pos.get(key)?.anchor.x ?? 0).sort((a, b) => a - b);
			return [xs[0], xs[1]] as [number, number];
		});
		const { track } = assignTracks(spans, true);
		inRow.forEach((pair, i) => underLane.set(pair, track[i]));
	}

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
			// Into a pill of the column by its side; into any other from above.
			if (columnRow.has(low.key)) points.push({ x: x1, y: mid(low) }, { x: low.x, y: mid(low) });
			else points.push({ x: x1, y: low.y });
		} else if (pair.channel === null) {
			points.push(...side(low, pair.gaps[1]!, xs![1]).reverse());
		} else {
			const y = acrossAt ?? (below(pair.channel)[0] + below(pair.channel)[1]) / 2;
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
			// Into the outside network's side, each lane at a height of its own: the outer
			// lane lowest, below the ends of the lanes inside it.
			const left = route.lane < W / 2;
			const count = left ? lanes.left : lanes.right;
			const outer = Math.round(
				Math.abs((left ? route.lane : W - route.lane) - LANE_EDGE / 2) / GUTTER_TRACK
			);
			const y = middle + trackOffset(count - 1 - outer, count, 6, outside.height - 10);
			points.push({ x: route.lane, y });
			points.push({ x: left ? outside.x : outside.x + outside.width, y });
			links.push({ key: route.key, kind: 'uplink', points: simplify(points) });
		}
		for (const p of physical) {
			if (cells.has(p.ns)) continue;
			const around = cardRoutes.get(p.key);
			if (around) {
				const lane = around[around.length - 1].x;
				links.push({
					key: `uplink:${p.key}`,
					kind: 'uplink',
					points: [...around, { x: lane, y: outside.y }]
				});
				continue;
			}
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

/**
 * A namespace's interfaces in the order listed, but each veth pair with both ends in it
 * (`ns`) with its second end moved beside its first.
 */
export function pairsSideBySide(list: readonly IfaceView[], ns: string): IfaceView[] {
	const out: IfaceView[] = [];
	const placed = new Set<IfaceView>();
	for (const iface of list) {
		if (placed.has(iface)) continue;
		out.push(iface);
		placed.add(iface);
		const peer =
			iface.peer?.ns === ns ? list.find((other) => other.name === iface.peer!.name) : undefined;
		if (peer && !placed.has(peer)) {
			out.push(peer);
			placed.add(peer);
		}
	}
	return out;
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

/** About how wide a pill must be for its address (12 px monospace, about 7.2 px a character, from 6 px in). */
export const addressWidth = (iface: { addr: string | null }) =>
	(iface.addr ?? 'no address').length * 7.2 + 12;

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
/** Width of a character of an address (12 px monospace) and of an interface's type. */
const ADDR_CHAR_W = 7.3;
const TYPE_CHAR_W = 6.8;

/**
 * Where the packet rests on an interface's pill: past its name and address, as far as
 * the pill has room. At the pill's middle it covered the name ("veth-w✉") just when
 * the narration named it. The trail passes under the pill, so it may end anywhere in it.
 */
export function pillRest(pill: IfaceBox): Point {
	const type = pill.showType ? (pill.type === 'ethernet' ? 'eth' : pill.type) : '';
	const text = Math.max(
		pill.label.length * CHAR_W + (type ? 5 + type.length * TYPE_CHAR_W : 0),
		(pill.addr ?? 'no address').length * ADDR_CHAR_W
	);
	const middle = pill.x + pill.width / 2;
	const pastText = pill.x + 6 + text + 4 + MARKER_HALF;
	const last = pill.x + pill.width - 4 - MARKER_HALF;
	return { x: Math.max(middle, Math.min(pastText, last)), y: pill.y + pill.height / 2 };
}

export function hopPoint(layout: NetLayout, hop: PacketHop): Point {
	const iface = (ns: string | null, name: string | null) =>
		ns && name ? layout.ifaces.find((i) => i.key === ifaceKey(ns, name)) : undefined;
	const box = layout.boxes.find((b) => b.id === hop.ns);
	const stack = box?.stack ?? { x: layout.width / 2, y: 20 };
	const onPill = (i: IfaceBox | undefined) => (i ? pillRest(i) : stack);
	switch (hop.kind) {
		case 'start':
		case 'route':
			return stack;
		case 'veth':
		case 'bridge':
			return onPill(iface(hop.toNs, hop.toIface));
		case 'up':
		case 'deliver':
		case 'drop':
			return hop.iface ? onPill(iface(hop.ns, hop.iface)) : stack;
		case 'leave': {
			if (!layout.outside) return onPill(iface(hop.ns, hop.iface));
			const y = layout.outside.y + layout.outside.height / 2;
			// Where its line comes into the outside network: from above, or (from a namespace
			// above the machine's, along the outermost gap) from the side.
			const line = layout.links.find(
				(l) => l.key === `uplink:${ifaceKey(hop.ns, hop.iface ?? '')}`
			);
			const end = line && line.points.length > 2 ? line.points[line.points.length - 1] : null;
			if (end) {
				const { x, width } = layout.outside;
				if (end.x <= x) return { x: end.x + 20, y: end.y };
				if (end.x >= x + width) return { x: end.x - 20, y: end.y };
				return { x: end.x, y };
			}
			// Straight below the pill, where its line goes down to the outside network.
			const from = iface(hop.ns, hop.iface);
			return { x: from ? from.x + from.width / 2 : stack.x, y };
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
			if (from) points.push(pillRest(from));
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
