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
	/** Where the current hop's label sits. */
	currentLabel: { x: number; y: number; text: string } | null;
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
	const longest = Math.max(
		...bands.map((band) =>
			Math.max((compact ? band.short : band.label).length * 8.2, band.privilege.length * 6.3)
		)
	);
	const labelWidth = Math.min(Math.max(90, longest + 14), width * 0.5);
	const y = scaleBand<Place>()
		.domain(bands.map((band) => band.place))
		.range([0, height]);
	const boxes: BandBox[] = bands.map((band) => ({
		place: band.place,
		label: compact ? band.short : band.label,
		privilege: band.privilege,
		y: y(band.place) ?? 0,
		height: y.bandwidth(),
		cy: (y(band.place) ?? 0) + y.bandwidth() / 2,
		tone: TONES[band.place]
	}));
	const cy = (place: Place) => (y(place) ?? 0) + y.bandwidth() / 2;
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
		// Keep the label inside the picture: near the right edge it goes left of the path.
		currentLabel = { x: Math.min(midX, width - 50), y: midY, text: current.label };
	}
	return { width, height, labelWidth, compact, bands: boxes, segments, token, currentLabel };
}
