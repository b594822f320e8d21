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
	current: boolean;
	/**
	 * Where a past hop's number sits: on the middle of its line, clear of the
	 * arrowheads. Beside the line, steep lines in a narrow picture put numbers
	 * next to their neighbours' lines and out of order.
	 */
	numberAt: { x: number; y: number };
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

/** The current hop's label: 13 px bold, with a 5 px halo (estimated from its characters). */
export function hopLabelBox(text: string, x: number, y: number): Box {
	const halfWidth = (text.length * 13 * 0.62 + 5) / 2;
	return { left: x - halfWidth, right: x + halfWidth, top: y - 9, bottom: y + 9 };
}

/** A past hop's number: 11 px, with a 3 px halo. */
export function hopNumberBox(segment: Segment): Box {
	const halfWidth = (String(segment.hop.index + 1).length * 11 * 0.6 + 3) / 2;
	const { x, y } = segment.numberAt;
	return { left: x - halfWidth, right: x + halfWidth, top: y - 7, bottom: y + 7 };
}

/** A past hop's arrowhead: a triangle ARROWHEAD_LENGTH long and as wide, its tip on the line's end. */
export function arrowheadBox(segment: Segment): Box {
	const { from, to } = segment;
	const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
	const ux = (to.x - from.x) / length;
	const uy = (to.y - from.y) / length;
	const baseX = to.x - ux * ARROWHEAD_LENGTH;
	const baseY = to.y - uy * ARROWHEAD_LENGTH;
	const half = ARROWHEAD_LENGTH / 2;
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

/**
 * Where the current hop's label goes: on the middle of its line if that covers no
 * past hop's number or arrowhead (nor the token); otherwise the nearest place that
 * covers none, inside the picture and right of the bands' names. Where every place
 * covers something, the one that covers least.
 */
function placeLabel(
	text: string,
	anchor: { x: number; y: number },
	obstacles: Box[],
	bounds: Box
): { x: number; y: number; box: Box } {
	let best: { x: number; y: number; box: Box; cost: number } | null = null;
	let bestCovered = Infinity;
	const STEP = 3;
	for (let ring = 0; ring <= 30; ring++) {
		for (let dx = -ring; dx <= ring; dx++)
			for (let dy = -ring; dy <= ring; dy++) {
				if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
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
				const covered = obstacles.reduce((sum, other) => sum + overlapArea(box, other), 0);
				// Nearer places first: a small distance breaks ties between equal overlaps.
				const cost = covered * 1000 + Math.hypot(dx, dy * 1.5);
				if (!best || cost < best.cost) {
					best = { x, y, box, cost };
					bestCovered = covered;
				}
			}
		if (bestCovered === 0) break;
	}
	if (best) return best;
	return { ...anchor, box: hopLabelBox(text, anchor.x, anchor.y) };
}

/** The gap between a privilege's two lines, in px. */
export const PRIVILEGE_LINE = 12;

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

/** The middle of a line: its number sits on it, its halo cutting the dashes. */
function middle(from: { x: number; y: number }, to: { x: number; y: number }) {
	return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
}

export function layoutSyscall(
	bands: readonly Band[],
	callHops: readonly Hop[],
	current: Hop | null,
	width: number
): SyscallLayout {
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
								...privileges[k].map((line) => line.length * 6.3)
							)
						)
					)
			),
			width * 0.5
		);
	let labelWidth = columnWidth(bands.map((band) => [band.privilege]));
	// On a narrow picture a long privilege line ("problem state (deprivileged)") would
	// run under the path and its labels: it takes two lines (11.5 px text is about
	// 5.9 px a character), and the column is as wide as the longer of them.
	const privilegeLines = bands.map((band) =>
		10 + band.privilege.length * 6 > labelWidth + 22 - 6
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
		labelY: cy(band.place) - (privilegeLines[k].length > 1 ? 9 : 3),
		privilegeY: cy(band.place) + (privilegeLines[k].length > 1 ? 4.5 : 13),
		y: y(band.place) ?? 0,
		height: y.bandwidth(),
		cy: cy(band.place),
		tone: TONES[band.place]
	}));
	const x = scalePoint<number>()
		.domain(Array.from({ length: Math.max(callHops.length, 1) + 1 }, (_, i) => i))
		.range([labelWidth + 22, width - 16]);
	const shown = current ? callHops.slice(0, current.index + 1) : [];
	const segments: Segment[] = shown.map((hop) => ({
		id: `hop-${hop.index}`,
		hop,
		from: { x: x(hop.index) ?? 0, y: cy(hop.from), place: hop.from },
		to: { x: x(hop.index + 1) ?? 0, y: cy(hop.to), place: hop.to },
		current: current !== null && hop.index === current.index,
		numberAt: { x: 0, y: 0 }
	}));
	for (const segment of segments) segment.numberAt = middle(segment.from, segment.to);
	const token = segments.length
		? segments[segments.length - 1].to
		: { x: x(0) ?? 0, y: cy('app'), place: 'app' as Place };
	let currentLabel: SyscallLayout['currentLabel'] = null;
	if (current && segments.length) {
		const segment = segments[segments.length - 1];
		const midX = (segment.from.x + segment.to.x) / 2;
		const midY = (segment.from.y + segment.to.y) / 2;
		const past = segments.filter((one) => !one.current);
		const token = segment.to;
		// With 2 px to spare, so that the label's halo does not touch them either.
		const obstacles = [
			...past.map(hopNumberBox),
			...past.map(arrowheadBox),
			{ left: token.x - 10, right: token.x + 10, top: token.y - 10, bottom: token.y + 10 }
		].map((box) => ({
			left: box.left - 2,
			right: box.right + 2,
			top: box.top - 2,
			bottom: box.bottom + 2
		}));
		// Near the right edge it starts left of the path.
		const placed = placeLabel(
			current.label,
			{ x: Math.min(midX, width - 50), y: midY },
			obstacles,
			{
				left: labelWidth,
				right: width - 1,
				top: 1,
				bottom: height - 1
			}
		);
		currentLabel = { ...placed, text: current.label };
	}
	return { width, height, labelWidth, compact, bands: boxes, segments, token, currentLabel };
}
