import { describe, expect, test } from 'vitest';
import { PLATFORMS, SYSCALLS, simulateSyscall } from '../../src/lib/sim/syscall';
import {
	ARROWHEAD_LENGTH,
	arrowheadBox,
	hopNumberBox,
	inTwoLines,
	layoutSyscall,
	overlapArea
} from '../../src/lib/viz/syscall/layout';

describe('hop numbers in the system-call picture', () => {
	// The numbers sat 9 px above each line's end, on its arrowhead; they sit on
	// the middle of their line instead, clear of every arrowhead down to the
	// 270 px picture of a 320 px phone.
	for (const platform of PLATFORMS)
		for (const call of SYSCALLS)
			test(`${platform}, ${call}: each number is on its own line, clear of every arrowhead`, () => {
				const trace = simulateSyscall({ model: 'syscall', platform, syscalls: [call] });
				const frame = trace.frames.findLast((candidate) => candidate.hop !== null);
				if (!frame) throw new Error('the call makes no hop');
				for (const width of [270, 300, 358, 600, 1200]) {
					const layout = layoutSyscall(frame.bands, frame.callHops, frame.hop, width);
					const past = layout.segments.filter((segment) => !segment.current);
					expect(past.length).toBe(layout.segments.length - 1);
					for (const segment of past) {
						const at = segment.numberAt;
						expect(at.x).toBeCloseTo((segment.from.x + segment.to.x) / 2, 6);
						expect(at.y).toBeCloseTo((segment.from.y + segment.to.y) / 2, 6);
						for (const other of layout.segments) {
							const gap = Math.hypot(at.x - other.to.x, at.y - other.to.y);
							expect(
								gap,
								`${width}px: hop ${segment.hop.index + 1} by the arrow of ${other.id}`
							).toBeGreaterThan(ARROWHEAD_LENGTH);
						}
					}
				}
			});
});

describe('the current hop’s label in the system-call picture', () => {
	// "interrupt" sat on the Host kernel/Disk border over hop 5's number and its
	// arrowhead into Disk (VM, hardware-assisted, write, at a phone's width), and
	// "reflect" on the head of hop 1 (trap and emulate, getpid). Every frame the
	// lesson's pickers can show, and its scenario files, at phone and desktop widths.
	const scenarios = [
		...PLATFORMS.flatMap((platform) => SYSCALLS.map((call) => ({ platform, syscalls: [call] }))),
		...PLATFORMS.map((platform) => ({ platform, syscalls: [...SYSCALLS] }))
	];
	for (const { platform, syscalls } of scenarios)
		test(`${platform}, ${syscalls.join(' ')}: the label covers no past hop's number or arrowhead`, () => {
			const trace = simulateSyscall({ model: 'syscall', platform, syscalls });
			for (const frame of trace.frames) {
				if (!frame.hop) continue;
				// 348 and 366: the picture in a 390 px phone's embed and lesson; 470: each side at 1280.
				for (const width of [270, 300, 348, 366, 470, 600, 958]) {
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
