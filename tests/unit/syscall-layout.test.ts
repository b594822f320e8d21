import { describe, expect, test } from 'vitest';
import { PLATFORMS, SYSCALLS, simulateSyscall } from '../../src/lib/sim/syscall';
import { ARROWHEAD_LENGTH, layoutSyscall } from '../../src/lib/viz/syscall/layout';

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
