/**
 * Pure geometry for the system-call picture: bands top to bottom, and the
 * call's path as points across them. Components only draw what this returns.
 */
import { scaleBand, scalePoint } from '../band-scale';
import type { Band, Hop, Place } from '$lib/sim/syscall';

export interface BandBox {
	place: Place;
	label: string;
	privilege: string;
	/** The privilege line as drawn: one line, or two where one would run into the path. */
	privilegeLines: string[];
	/** Baselines of the label and of the privilege's first line (the second is PRIVILEGE_LINE below). */
	labelY: number;
	privilegeY: number;
	y: number;
	height: number;
	cy: number;
	tone: number;
}

export interface PathPoint {
	x: number;
	y: number;
	place: Place;
}

export interface Segment {
	id: string;
	hop: Hop;
	from: PathPoint;
	to: PathPoint;
	/**
	 * Where the drawn line (and its arrowhead's tip) stops: at `to` for a past hop;
	 * short of the token for the current one, whose head the token would cover.
	 */
	end: { x: number; y: number };
	current: boolean;
	/**
	 * Where a past hop's number sits: on its line, as near its middle as keeps it off
	 * the bands' edges and the arrowheads. Beside the line, steep lines in a narrow
	 * picture put numbers next to their neighbours' lines and out of order.
	 */
	numberAt: { x: number; y: number };
	/** The number's font size: 12 px, 11 on a compact picture (a phone's), where 12 left no room. */
	numberSize: number;
}

export interface SyscallLayout {
	width: number;
	height: number;
	labelWidth: number;
	compact: boolean;
	bands: BandBox[];
	segments: Segment[];
	token: PathPoint;
	/** Where the current hop's label sits, and the box its text and halo take. */
	currentLabel: { x: number; y: number; text: string; box: Box } | null;
}

/** A rectangle, for telling whether two things drawn overlap. */
export interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

const TONES: Record<Place, number> = {
	app: 1,
	'guest-kernel': 2,
	'device-emulator': 5,
	hypervisor: 3,
	'host-kernel': 4,
	device: 6
};

/**
 * Below this width the picture is compact: short labels, lower bands. The
 * renderer's style repeats it in a container query, so that the served
 * picture, drawn before the width is known, is as tall as the running one.
 */
export const COMPACT_BELOW = 460;
export const BAND_HEIGHT = { compact: 50, wide: 56 } as const;

/** A past arrowhead's length: 6 marker units at a stroke of 2 px. */
export const ARROWHEAD_LENGTH = 12;
/** The current hop's arrowhead: 7 marker units at a stroke of 3 px. */
export const CURRENT_ARROWHEAD_LENGTH = 21;
/** The token's radius with its stroke (SyscallPath.svg.svelte: r 10, stroke 2). */
export const TOKEN_RADIUS = 11;
/**
 * How far short of the token the current line stops: the arrowhead's tip sits a
 * tenth of its length past the line's end (refX 9 of 10), and 2 px are left
 * between the tip and the token.
 */
export const TOKEN_GAP = TOKEN_RADIUS + CURRENT_ARROWHEAD_LENGTH / 10 + 2;

/** The current hop's label: 13 px bold, with a 5 px halo (estimated from its characters). */
export function hopLabelBox(text: string, x: number, y: number): Box {
	const halfWidth = (text.length * 13 * 0.62 + 5) / 2;
	return { left: x - halfWidth, right: x + halfWidth, top: y - 9, bottom: y + 9 };
}

/** A past hop's number (`numberSize` px), with a 3 px halo. */
export function hopNumberBox(segment: Pick<Segment, 'hop' | 'numberAt' | 'numberSize'>): Box {
	const size = segment.numberSize;
	const halfWidth = (String(segment.hop.index + 1).length * size * 0.6 + 3) / 2;
	const half = Math.round((size + 3) / 2);
	const { x, y } = segment.numberAt;
	return { left: x - halfWidth, right: x + halfWidth, top: y - half, bottom: y + half };
}

/**
 * A hop's arrowhead: a triangle as long as it is wide, its tip on the line's end
 * (ARROWHEAD_LENGTH for a past hop, CURRENT_ARROWHEAD_LENGTH for the current one).
 */
export function arrowheadBox(
	segment: Pick<Segment, 'from' | 'to'> & { end?: Segment['end'] },
	size = ARROWHEAD_LENGTH
): Box {
	const { from } = segment;
	const to = segment.end ?? segment.to;
	const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
	const ux = (to.x - from.x) / length;
	const uy = (to.y - from.y) / length;
	const baseX = to.x - ux * size;
	const baseY = to.y - uy * size;
	const half = size / 2;
	const xs = [to.x, baseX - uy * half, baseX + uy * half];
	const ys = [to.y, baseY + ux * half, baseY - ux * half];
	return {
		left: Math.min(...xs),
		right: Math.max(...xs),
		top: Math.min(...ys),
		bottom: Math.max(...ys)
	};
}

/** How much of `a` and `b` overlap, in square pixels (0 when they are apart). */
export function overlapArea(a: Box, b: Box): number {
	const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
	const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
	return w > 0 && h > 0 ? w * h : 0;
}

/** Half the thickness of a band's edge as an obstacle: the current band's 2.5 px outline, and 1 px more. */
export const EDGE_HALF = 2;

/**
 * The bands' edges as thin boxes: each border between two bands, the picture's top
 * and bottom, and its right side (the current band's outline runs along all of
 * them). A label or number on one reads as struck through or boxed in.
 */
export function bandEdges(layout: Pick<SyscallLayout, 'bands' | 'width' | 'height'>): Box[] {
	const { width, height } = layout;
	const ys = [0, ...layout.bands.map((band) => band.y + band.height)];
	return [
		...ys.map((y) => ({ left: 0, right: width, top: y - EDGE_HALF, bottom: y + EDGE_HALF })),
		{ left: width - EDGE_HALF, right: width + EDGE_HALF, top: 0, bottom: height }
	];
}

/**
 * What a band's edge under the current hop's label weighs, in steps of 3 px along
 * its line (a step across it weighs three): up to 80 px beside its line, a label
 * still reads as the hop's (it alone is drawn in the hop's colour), and better
 * there than struck through by a border.
 */
const EDGE_COST = 40;

/**
 * Where the current hop's label goes: on the middle of its line if that covers
 * nothing; otherwise the nearest place that covers no past hop's number or
 * arrowhead, no arrowhead of its own, nor the token (`hard`) and, where there is
 * room for it, no band's edge (`soft`), inside the picture and right of the bands'
 * names. Nearest counts a move along the line a third of one away from it: on its
 * line, the label still reads as that line's. Where every place covers something,
 * the one that covers least, a hard obstacle weighing far more than an edge.
 */
function placeLabel(
	text: string,
	line: { from: { x: number; y: number }; to: { x: number; y: number } },
	anchor: { x: number; y: number },
	hard: Box[],
	soft: Box[],
	bounds: Box
): { x: number; y: number; box: Box } {
	let best: { x: number; y: number; box: Box; cost: number } | null = null;
	let bestCovered = Infinity;
	const STEP = 3;
	const { from, to } = line;
	const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
	const ux = (to.x - from.x) / length;
	const uy = (to.y - from.y) / length;
	const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
	const away = (x: number, y: number) => {
		const along = (x - mid.x) * ux + (y - mid.y) * uy;
		// Past the line's ends, the distance from its end.
		const over = Math.max(0, Math.abs(along) - length / 2);
		const across = Math.hypot((x - mid.x) * uy - (y - mid.y) * ux, over);
		return Math.hypot(along * 0.5, across * 1.5) / STEP;
	};
	const shift = Math.hypot(anchor.x - mid.x, anchor.y - mid.y);
	for (let ring = 0; ring <= 30; ring++) {
		// No place further out can cost less than the best one with nothing covered.
		if (best && bestCovered === 0 && ((ring * STEP - shift) * 0.5) / STEP > best.cost) break;
		for (let dx = -ring; dx <= ring; dx++) {
			// The ring's cells only, in the order of the whole square's (dx, then dy):
			// ties go to the first one.
			const edge = dx === -ring || dx === ring;
			for (let dy = -ring; dy <= ring; dy = edge || dy === ring ? dy + 1 : ring) {
				const x = anchor.x + dx * STEP;
				const y = anchor.y + dy * STEP;
				const box = hopLabelBox(text, x, y);
				if (
					box.left < bounds.left ||
					box.right > bounds.right ||
					box.top < bounds.top ||
					box.bottom > bounds.bottom
				)
					continue;
				let onHard = 0;
				for (const other of hard) onHard += overlapArea(box, other);
				let onSoft = 0;
				for (const edge of soft) if (overlapArea(box, edge) > 0) onSoft++;
				// A hop's number or arrowhead covered outweighs anything.
				const cost = onHard * 1e6 + onSoft * EDGE_COST + away(x, y);
				if (!best || cost < best.cost) {
					best = { x, y, box, cost };
					bestCovered = onHard + onSoft;
				}
			}
		}
	}
	if (best) return best;
	return { ...anchor, box: hopLabelBox(text, anchor.x, anchor.y) };
}

/**
 * Where a hop's number sits on its line: the middle if it clears the bands'
 * edges, the path's arrowheads and the numbers already placed; else the nearest
 * point along the line that does, towards its start first (its own arrowhead is at
 * the other end); else the middle. A hop between neighbouring bands has its
 * middle on their border.
 */
function placeNumber(
	segment: Pick<Segment, 'hop' | 'from' | 'to' | 'numberSize'>,
	edges: Box[],
	arrowheads: Box[],
	tips: { x: number; y: number }[],
	placed: Box[]
): { x: number; y: number } {
	const { from, to } = segment;
	const at = (t: number) => ({ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t });
	const clear = (point: { x: number; y: number }) => {
		const box = hopNumberBox({ ...segment, numberAt: point });
		return (
			[...edges, ...arrowheads, ...placed].every((other) => overlapArea(box, other) === 0) &&
			tips.every((tip) => Math.hypot(point.x - tip.x, point.y - tip.y) > ARROWHEAD_LENGTH)
		);
	};
	for (let k = 0; k <= 15; k++)
		for (const t of k ? [0.5 - k * 0.02, 0.5 + k * 0.02] : [0.5]) if (clear(at(t))) return at(t);
	return at(0.5);
}

/** The gap between a privilege's two lines, in px. */
export const PRIVILEGE_LINE = 13;

/**
 * A privilege line in two: before its bracket ("problem state" / "(deprivileged)"),
 * else at the space nearest its middle.
 */
export function inTwoLines(text: string): string[] {
	const bracket = text.indexOf(' (');
	if (bracket > 0) return [text.slice(0, bracket), text.slice(bracket + 1)];
	let at = -1;
	for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1))
		if (at < 0 || Math.abs(i - text.length / 2) < Math.abs(at - text.length / 2)) at = i;
	return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * What one call's path looks like at one width, whichever hop it is at: the bands,
 * the hops' points and where each hop's number sits. Every frame of a call has
 * the same `bands` and `callHops` (the model gives them one array each), so a
 * step along the call reuses it: numbers are placed once, not at every step.
 */
interface CallGeometry {
	bands: readonly Band[];
	width: number;
	compact: boolean;
	height: number;
	labelWidth: number;
	boxes: BandBox[];
	edges: Box[];
	/** Each hop's ends, in the order of `callHops`. */
	points: { from: PathPoint; to: PathPoint }[];
	start: PathPoint;
	numbers: { x: number; y: number }[];
	numberSize: number;
	/** The current hop's label where each hop has been the current one: its search is the dearest part. */
	labels: Map<number, NonNullable<SyscallLayout['currentLabel']>>;
}

/** The last geometry of each call's hops (a comparison draws two calls at once). */
const geometries = new WeakMap<readonly Hop[], CallGeometry>();

function callGeometry(
	bands: readonly Band[],
	callHops: readonly Hop[],
	width: number
): CallGeometry {
	const known = geometries.get(callHops);
	if (known && known.bands === bands && known.width === width) return known;
	const geometry = layoutCall(bands, callHops, width);
	geometries.set(callHops, geometry);
	return geometry;
}

function layoutCall(bands: readonly Band[], callHops: readonly Hop[], width: number): CallGeometry {
	const compact = width < COMPACT_BELOW;
	const bandHeight = compact ? BAND_HEIGHT.compact : BAND_HEIGHT.wide;
	const height = bands.length * bandHeight;
	// Wide enough for the longest label and privilege line (estimated from character
	// counts at the fonts the renderer uses), but never more than half the picture.
	const columnWidth = (privileges: readonly string[][]) =>
		Math.min(
			Math.max(
				90,
				14 +
					Math.max(
						...bands.map((band, k) =>
							Math.max(
								(compact ? band.short : band.label).length * 8.2,
								...privileges[k].map((line) => line.length * 6.5)
							)
						)
					)
			),
			width * 0.5
		);
	let labelWidth = columnWidth(bands.map((band) => [band.privilege]));
	// On a narrow picture a long privilege line ("problem state (deprivileged)") would
	// run under the path and its labels: it takes two lines (12 px text is about
	// 6.2 px a character), and the column is as wide as the longer of them.
	const privilegeLines = bands.map((band) =>
		10 + band.privilege.length * 6.2 > labelWidth + 22 - 6
			? inTwoLines(band.privilege)
			: [band.privilege]
	);
	if (privilegeLines.some((lines) => lines.length > 1)) labelWidth = columnWidth(privilegeLines);
	const y = scaleBand<Place>()
		.domain(bands.map((band) => band.place))
		.range([0, height]);
	const cy = (place: Place) => (y(place) ?? 0) + y.bandwidth() / 2;
	const boxes: BandBox[] = bands.map((band, k) => ({
		place: band.place,
		label: compact ? band.short : band.label,
		privilege: band.privilege,
		privilegeLines: privilegeLines[k],
		// Two privilege lines: the three lines are centred on the band as one line was.
		labelY: cy(band.place) - (privilegeLines[k].length > 1 ? 9.5 : 3),
		privilegeY: cy(band.place) + (privilegeLines[k].length > 1 ? 4 : 13),
		y: y(band.place) ?? 0,
		height: y.bandwidth(),
		cy: cy(band.place),
		tone: TONES[band.place]
	}));
	const x = scalePoint<number>()
		.domain(Array.from({ length: Math.max(callHops.length, 1) + 1 }, (_, i) => i))
		.range([labelWidth + 22, width - 16]);
	const point = (hop: Hop) => ({
		from: { x: x(hop.index) ?? 0, y: cy(hop.from), place: hop.from },
		to: { x: x(hop.index + 1) ?? 0, y: cy(hop.to), place: hop.to }
	});
	// Numbers are placed on the whole call's path, so that each keeps its place
	// from one step to the next as the path grows.
	const numberSize = compact ? 11 : 12;
	const whole = callHops.map((hop) => ({ hop, ...point(hop), numberSize }));
	const edges = bandEdges({ bands: boxes, width, height });
	const wholeArrowheads = whole.map((one) => arrowheadBox(one));
	const numbers: { x: number; y: number }[] = [];
	const numberBoxes: Box[] = [];
	for (const one of whole) {
		const at = placeNumber(
			one,
			edges,
			// Not its own arrowhead, which the number's distance from its tip keeps clear.
			wholeArrowheads.filter((_, k) => k !== one.hop.index),
			whole.map((other) => other.to),
			numberBoxes
		);
		numbers.push(at);
		numberBoxes.push(hopNumberBox({ ...one, numberAt: at }));
	}
	const points = callHops.map(point);
	const start = { x: x(0) ?? 0, y: cy('app'), place: 'app' as Place };
	return {
		bands,
		width,
		compact,
		height,
		labelWidth,
		boxes,
		edges,
		points,
		start,
		numbers,
		numberSize,
		labels: new Map()
	};
}

export function layoutSyscall(
	bands: readonly Band[],
	callHops: readonly Hop[],
	current: Hop | null,
	width: number
): SyscallLayout {
	const { compact, height, labelWidth, boxes, edges, points, start, numbers, numberSize, labels } =
		callGeometry(bands, callHops, width);
	const pad = (box: Box, by: number): Box => ({
		left: box.left - by,
		right: box.right + by,
		top: box.top - by,
		bottom: box.bottom + by
	});
	const shown = current ? callHops.slice(0, current.index + 1) : [];
	const segments: Segment[] = shown.map((hop) => {
		const { from, to } = points[hop.index];
		const isCurrent = current !== null && hop.index === current.index;
		const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
		const back = isCurrent ? Math.min(TOKEN_GAP, length / 2) / length : 0;
		return {
			id: `hop-${hop.index}`,
			hop,
			from,
			to,
			end: { x: to.x - (to.x - from.x) * back, y: to.y - (to.y - from.y) * back },
			current: isCurrent,
			numberAt: numbers[hop.index] ?? { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 },
			numberSize
		};
	});
	const token = segments.length ? segments[segments.length - 1].to : start;
	let currentLabel: SyscallLayout['currentLabel'] =
		current && segments.length ? (labels.get(current.index) ?? null) : null;
	if (current && segments.length && !currentLabel) {
		const segment = segments[segments.length - 1];
		const midX = (segment.from.x + segment.to.x) / 2;
		const midY = (segment.from.y + segment.to.y) / 2;
		const past = segments.filter((one) => !one.current);
		const token = segment.to;
		// With 2 px to spare, so that the label's halo does not touch them either.
		const hard = [
			...past.map(hopNumberBox),
			...past.map((one) => arrowheadBox(one)),
			arrowheadBox(segment, CURRENT_ARROWHEAD_LENGTH),
			{
				left: token.x - TOKEN_RADIUS,
				right: token.x + TOKEN_RADIUS,
				top: token.y - TOKEN_RADIUS,
				bottom: token.y + TOKEN_RADIUS
			}
		].map((box) => pad(box, 2));
		// Near the right edge it starts left of the path.
		const placed = placeLabel(
			current.label,
			segment,
			{ x: Math.min(midX, width - 50), y: midY },
			hard,
			edges,
			{
				left: labelWidth,
				right: width - 1,
				top: 1,
				bottom: height - 1
			}
		);
		currentLabel = { ...placed, text: current.label };
		labels.set(current.index, currentLabel);
	}
	return { width, height, labelWidth, compact, bands: boxes, segments, token, currentLabel };
}
