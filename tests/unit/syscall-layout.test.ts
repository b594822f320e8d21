import { describe, expect, test } from 'vitest';
import { PLATFORMS, SYSCALLS, simulateSyscall } from '../../src/lib/sim/syscall';
import {
	ARROWHEAD_LENGTH,
	arrowheadBox,
	hopNumberBox,
	inTwoLines,
	layoutSyscall,
	overlapArea,
	type Box,
	type SyscallLayout
} from '../../src/lib/viz/syscall/layout';

/**
 * The bands' edges as drawn, worked out here from the bands alone: each band's
 * outline (the current band's is 2.5 px wide, at 0.5 px inside its box) and the
 * picture's right side, 2 px thick on each side.
 */
function edgesOf(layout: SyscallLayout): Box[] {
	const ys = [0, ...layout.bands.map((band) => band.y + band.height)];
	return [
		...ys.map((y) => ({ left: 0, right: layout.width, top: y - 2, bottom: y + 2 })),
		{ left: layout.width - 2, right: layout.width + 2, top: 0, bottom: layout.height }
	];
}

/** How far `point` is from the line from `from` to `to`. */
function offLine(
	point: { x: number; y: number },
	from: { x: number; y: number },
	to: { x: number; y: number }
) {
	const length = Math.hypot(to.x - from.x, to.y - from.y);
	return (
		Math.abs((to.x - from.x) * (from.y - point.y) - (from.x - point.x) * (to.y - from.y)) / length
	);
}

const scenarios = [
	...PLATFORMS.flatMap((platform) => SYSCALLS.map((call) => ({ platform, syscalls: [call] }))),
	...PLATFORMS.map((platform) => ({ platform, syscalls: [...SYSCALLS] }))
];

describe('hop numbers in the system-call picture', () => {
	// The numbers sat 9 px above each line's end, on its arrowhead; they sit on
	// their line instead, clear of every arrowhead down to the 270 px picture of a
	// 320 px phone. On the middle of a hop between neighbouring bands they sat on
	// the bands' border: they move along the line off it, and keep their place as
	// the path grows.
	for (const { platform, syscalls } of scenarios)
		test(`${platform}, ${syscalls.join(' ')}: each number is on its own line, clear of every arrowhead and band edge`, () => {
			const trace = simulateSyscall({ model: 'syscall', platform, syscalls });
			const frames = trace.frames.filter((candidate) => candidate.hop !== null);
			const frame = frames[frames.length - 1];
			if (!frame) throw new Error('the call makes no hop');
			for (const width of [270, 300, 348, 358, 366, 470, 600, 958, 1200]) {
				const layout = layoutSyscall(frame.bands, frame.callHops, frame.hop, width);
				const past = layout.segments.filter((segment) => !segment.current);
				expect(past.length).toBe(layout.segments.length - 1);
				for (const segment of past) {
					const at = segment.numberAt;
					const where = `${width}px: hop ${segment.hop.index + 1}`;
					expect(offLine(at, segment.from, segment.to), where).toBeLessThan(1e-6);
					for (const other of layout.segments) {
						const gap = Math.hypot(at.x - other.to.x, at.y - other.to.y);
						expect(gap, `${where} by the arrow of ${other.id}`).toBeGreaterThan(ARROWHEAD_LENGTH);
					}
					for (const edge of edgesOf(layout))
						expect(overlapArea(hopNumberBox(segment), edge), `${where} on a band's edge`).toBe(0);
					for (const other of past)
						if (other !== segment)
							expect(
								overlapArea(hopNumberBox(segment), hopNumberBox(other)),
								`${where} on hop ${other.hop.index + 1}'s number`
							).toBe(0);
				}
				// Where a number is at one step, it is at every later one.
				for (const earlier of frames.filter(
					(one) => JSON.stringify(one.callHops) === JSON.stringify(frame.callHops)
				)) {
					const before = layoutSyscall(earlier.bands, earlier.callHops, earlier.hop, width);
					for (const segment of before.segments.filter((one) => !one.current))
						expect(segment.numberAt, `${width}px, step ${earlier.step}`).toEqual(
							layout.segments[segment.hop.index].numberAt
						);
				}
			}
		});
});

/** Frames whose label has no place near its line clear of edges and other hops (platform, calls, width, step). */
const CROWDED = new Set([
	'vm-hardware write 270 6',
	'vm-hardware write 300 6',
	'vm-hardware getpid write mmap 270 9',
	'vm-hardware getpid write mmap 300 9',
	'vm-paravirt write 270 6',
	'vm-paravirt getpid write mmap 270 11'
]);

describe('the current hop’s label in the system-call picture', () => {
	// "interrupt" sat on the Host kernel/Disk border over hop 5's number and its
	// arrowhead into Disk (VM, hardware-assisted, write, at a phone's width), and
	// "reflect" on the head of hop 1 (trap and emulate, getpid). Every frame the
	// lesson's pickers can show, and its scenario files, at phone and desktop widths.
	for (const { platform, syscalls } of scenarios)
		test(`${platform}, ${syscalls.join(' ')}: the label covers no past hop's number or arrowhead, nor a band's edge`, () => {
			const trace = simulateSyscall({ model: 'syscall', platform, syscalls });
			for (const frame of trace.frames) {
				if (!frame.hop) continue;
				// 340 and 348: the picture in a 390 px phone's lesson and embed; 470: each side at 1280.
				for (const width of [270, 300, 340, 348, 366, 470, 600, 958]) {
					const layout = layoutSyscall(frame.bands, frame.callHops, frame.hop, width);
					const label = layout.currentLabel;
					if (!label) throw new Error('a hop without its label');
					const where = `${width}px, step ${frame.step}, “${label.text}”`;
					expect(label.box.left, where).toBeGreaterThanOrEqual(0);
					expect(label.box.right, where).toBeLessThanOrEqual(width);
					expect(label.box.top, where).toBeGreaterThanOrEqual(0);
					expect(label.box.bottom, where).toBeLessThanOrEqual(layout.height);
					for (const segment of layout.segments.filter((one) => !one.current)) {
						const hop = `hop ${segment.hop.index + 1}`;
						expect(
							overlapArea(label.box, hopNumberBox(segment)),
							`${where} on ${hop}'s number`
						).toBe(0);
						expect(
							overlapArea(label.box, arrowheadBox(segment)),
							`${where} on ${hop}'s arrowhead`
						).toBe(0);
					}
					// "syscall" and "return" sat on the App/Host kernel border, "device I/O"
					// on the current Disk band's outline (most of these labels were on an edge).
					// Now none is, but where no place is clear of the other hops: "device I/O"
					// into Disk on a 320 px phone, where the token and the arrowhead fill the band.
					const known = `${platform} ${syscalls.join(' ')} ${width} ${frame.step}`;
					if (!CROWDED.has(known))
						for (const edge of edgesOf(layout))
							expect(overlapArea(label.box, edge), `${where} on a band's edge`).toBe(0);
					// Nor on its own arrowhead (drawn 21 px long at 3 px), nor on the token.
					const own = layout.segments.find((one) => one.current)!;
					expect(overlapArea(label.box, arrowheadBox(own, 21)), `${where} on its arrowhead`).toBe(
						0
					);
					const token = layout.token;
					expect(
						overlapArea(label.box, {
							left: token.x - 11,
							right: token.x + 11,
							top: token.y - 11,
							bottom: token.y + 11
						}),
						`${where} on the token`
					).toBe(0);
				}
			}
		});

	// The current line ran to the token's centre: the token (r 10, 2 px stroke,
	// drawn over the picture) covered most of its arrowhead (21 px, its tip a tenth
	// of it past the line's end), as at the end of "device I/O" into Disk.
	for (const { platform, syscalls } of scenarios)
		test(`${platform}, ${syscalls.join(' ')}: the current arrowhead stops short of the token`, () => {
			const trace = simulateSyscall({ model: 'syscall', platform, syscalls });
			for (const frame of trace.frames) {
				if (!frame.hop) continue;
				for (const width of [270, 366, 958]) {
					const layout = layoutSyscall(frame.bands, frame.callHops, frame.hop, width);
					const segment = layout.segments.find((one) => one.current)!;
					const { from, end, to } = segment;
					const length = Math.hypot(to.x - from.x, to.y - from.y);
					const tip = {
						x: end.x + ((to.x - from.x) / length) * 2.1,
						y: end.y + ((to.y - from.y) / length) * 2.1
					};
					const where = `${width}px, step ${frame.step}`;
					expect(offLine(end, from, to), where).toBeLessThan(1e-6);
					expect(Math.hypot(tip.x - to.x, tip.y - to.y), where).toBeGreaterThanOrEqual(
						11 + 2 - 1e-9
					);
					// And still an arrow: most of its line is left.
					expect(Math.hypot(end.x - from.x, end.y - from.y), where).toBeGreaterThan(
						length / 2 - 1e-9
					);
					// The past hops run to their ends: the next hop starts there.
					for (const past of layout.segments.filter((one) => !one.current))
						expect(past.end, where).toEqual({ x: past.to.x, y: past.to.y });
				}
			}
		});
});

describe('band privileges in a narrow picture', () => {
	test('a privilege line in two: before its bracket, else at the space nearest its middle', () => {
		expect(inTwoLines('problem state (deprivileged)')).toEqual(['problem state', '(deprivileged)']);
		expect(inTwoLines('VMX root, ring 3 (host user)')).toEqual(['VMX root, ring 3', '(host user)']);
		expect(inTwoLines('ring 3, inside namespaces')).toEqual(['ring 3, inside', 'namespaces']);
		expect(inTwoLines('hardware')).toEqual(['hardware']);
	});

	for (const platform of PLATFORMS)
		test(`${platform}: each privilege line ends before the path begins, in one line where it fits`, () => {
			const trace = simulateSyscall({ model: 'syscall', platform, syscalls: ['write'] });
			const frame = trace.frames.findLast((candidate) => candidate.hop !== null)!;
			for (const width of [270, 300, 340, 600, 1200]) {
				const layout = layoutSyscall(frame.bands, frame.callHops, frame.hop, width);
				const pathStart = Math.min(...layout.segments.map((segment) => segment.from.x));
				for (const band of layout.bands) {
					expect(band.privilegeLines.join(' ')).toBe(band.privilege);
					// About 5.9 px a character at 11.5 px, from x = 10.
					for (const line of band.privilegeLines)
						expect(10 + line.length * 5.9).toBeLessThan(pathStart);
					// Wide pictures, and the 340 px one of a 390 px phone, keep one line.
					if (width >= 340) expect(band.privilegeLines).toEqual([band.privilege]);
				}
			}
		});
});

describe('a call laid out once per width', () => {
	test('steps back and forth, at two widths, give the layouts a fresh one gives', () => {
		const trace = simulateSyscall({
			model: 'syscall',
			platform: 'vm-paravirt',
			syscalls: ['write', 'getpid']
		});
		// Copies of the arrays miss what was kept for the trace's own: laid out afresh.
		const fresh = (frame: (typeof trace.frames)[number], width: number) =>
			layoutSyscall([...frame.bands], [...frame.callHops], frame.hop, width);
		const order = [...trace.frames.keys(), ...[...trace.frames.keys()].reverse(), 3, 0, 5];
		for (const width of [900, 420, 900])
			for (const at of order) {
				const frame = trace.frames[at];
				expect(layoutSyscall(frame.bands, frame.callHops, frame.hop, width)).toEqual(
					fresh(frame, width)
				);
			}
	});

	test('frames of one call share their hops, which is what the layout is kept by', () => {
		const trace = simulateSyscall({ model: 'syscall', platform: 'container', syscalls: ['write'] });
		const ofCall = trace.frames.filter((frame) => frame.call === 'write');
		expect(ofCall.length).toBeGreaterThan(2);
		for (const frame of ofCall) expect(frame.callHops).toBe(ofCall[0].callHops);
	});
});
