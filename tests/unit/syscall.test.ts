import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	COSTS,
	PATHS,
	PLATFORMS,
	PLATFORM_INFO,
	SYSCALLS,
	SYSCALL_LABELS,
	SYSCALL_NOTES,
	caveatsFrom,
	costOf,
	simulateSyscall,
	type Platform,
	type SyscallName
} from '../../src/lib/sim/syscall';

/** The facts of the project's syscall-path notes, written out independently of the model. */
const EXPECTED: Record<
	Platform,
	Record<SyscallName, { path: string; kinds: string; entries: number }>
> = {
	native: {
		getpid: { path: 'app host-kernel app', kinds: 'syscall return', entries: 0 },
		write: {
			path: 'app host-kernel device host-kernel app',
			kinds: 'syscall io interrupt return',
			entries: 0
		},
		mmap: {
			path: 'app host-kernel app host-kernel app',
			kinds: 'syscall return trap return',
			entries: 0
		}
	},
	container: {
		getpid: { path: 'app host-kernel app', kinds: 'syscall return', entries: 0 },
		write: {
			path: 'app host-kernel device host-kernel app',
			kinds: 'syscall io interrupt return',
			entries: 0
		},
		mmap: {
			path: 'app host-kernel app host-kernel app',
			kinds: 'syscall return trap return',
			entries: 0
		}
	},
	'vm-trap-emulate': {
		getpid: {
			path: 'app hypervisor guest-kernel hypervisor app',
			kinds: 'syscall reflect trap return',
			entries: 2
		},
		write: {
			path: 'app hypervisor guest-kernel hypervisor device hypervisor guest-kernel hypervisor app',
			kinds: 'syscall reflect trap io interrupt reflect trap return',
			entries: 4
		},
		mmap: {
			path: 'app hypervisor guest-kernel hypervisor app hypervisor guest-kernel hypervisor guest-kernel hypervisor app',
			kinds: 'syscall reflect trap return trap reflect trap return trap return',
			entries: 5
		}
	},
	'vm-paravirt': {
		getpid: {
			path: 'app hypervisor guest-kernel hypervisor app',
			kinds: 'syscall reflect hypercall return',
			entries: 2
		},
		write: {
			path: 'app hypervisor guest-kernel hypervisor host-kernel device hypervisor host-kernel hypervisor guest-kernel hypervisor app',
			kinds:
				'syscall reflect hypercall reflect io interrupt reflect hypercall reflect hypercall return',
			entries: 5
		},
		mmap: {
			path: 'app hypervisor guest-kernel hypervisor app hypervisor guest-kernel hypervisor guest-kernel hypervisor app',
			kinds: 'syscall reflect hypercall return trap reflect hypercall return hypercall return',
			entries: 5
		}
	},
	'vm-hardware': {
		getpid: { path: 'app guest-kernel app', kinds: 'syscall return', entries: 0 },
		write: {
			path: 'app guest-kernel hypervisor device-emulator host-kernel device host-kernel device-emulator hypervisor guest-kernel app',
			kinds: 'syscall vmexit return syscall io interrupt return syscall vmentry return',
			entries: 2
		},
		mmap: {
			path: 'app guest-kernel app guest-kernel app',
			kinds: 'syscall return trap return',
			entries: 0
		}
	}
};

describe('every platform × call follows the documented path', () => {
	for (const platform of PLATFORMS) {
		for (const call of SYSCALLS) {
			test(`${platform} ${call}`, () => {
				const trace = simulateSyscall({ model: 'syscall', platform, syscalls: [call] });
				const result = trace.results[0];
				const expected = EXPECTED[platform][call];
				expect(result.path.join(' ')).toBe(expected.path);
				expect(result.transitions.join(' ')).toBe(expected.kinds);
				expect(result.hypervisorEntries).toBe(expected.entries);
			});
		}
	}
});

describe('the rules the lesson teaches', () => {
	test('a container and native take the same path for every call', () => {
		for (const call of SYSCALLS) {
			expect(PATHS.container[call].map((h) => [h.to, h.kind])).toEqual(
				PATHS.native[call].map((h) => [h.to, h.kind])
			);
		}
	});

	test('hardware-assisted getpid never enters the hypervisor', () => {
		const trace = simulateSyscall({
			model: 'syscall',
			platform: 'vm-hardware',
			syscalls: ['getpid']
		});
		expect(trace.frames.every((f) => f.at !== 'hypervisor')).toBe(true);
	});

	test('every path starts and ends at the app and only visits bands of its platform', () => {
		for (const platform of PLATFORMS) {
			const places = new Set(PLATFORM_INFO[platform].bands.map((b) => b.place));
			for (const call of SYSCALLS) {
				const trace = simulateSyscall({ model: 'syscall', platform, syscalls: [call] });
				const path = trace.results[0].path;
				expect(path[0]).toBe('app');
				expect(path.at(-1)).toBe('app');
				for (const place of path) expect(places.has(place as never)).toBe(true);
			}
		}
	});

	test('a VM’s getpid costs more than a container’s, hardware-assisted is native', () => {
		const cycles = (platform: Platform) =>
			simulateSyscall({ model: 'syscall', platform, syscalls: ['getpid'] }).results[0].cycles;
		expect(cycles('vm-trap-emulate')).toBeGreaterThan(cycles('container') * 10);
		expect(cycles('vm-hardware')).toBe(cycles('native'));
	});
});

describe('frames', () => {
	test('an opening frame, then per call one frame at rest and one per hop', () => {
		const trace = simulateSyscall({
			model: 'syscall',
			platform: 'vm-trap-emulate',
			syscalls: ['getpid', 'write']
		});
		expect(trace.frames).toHaveLength(1 + (1 + 4) + (1 + 8));
		expect(trace.frames[0]).toMatchObject({ step: 0, op: null, hop: null, at: 'app' });
		expect(trace.frames[1]).toMatchObject({ op: 0, call: 'getpid', hop: null });
		expect(trace.frames[2]).toMatchObject({ op: 0, at: 'hypervisor', hop: { kind: 'syscall' } });
		trace.frames.forEach((frame, index) => expect(frame.step).toBe(index));
	});

	test('counters run over the whole scenario and match the results', () => {
		const trace = simulateSyscall({
			model: 'syscall',
			platform: 'vm-paravirt',
			syscalls: ['getpid', 'mmap', 'write']
		});
		const last = trace.frames.at(-1)!;
		const results = trace.results;
		expect(last.counters.hypervisorEntries).toBe(
			results.reduce((s, r) => s + r.hypervisorEntries, 0)
		);
		expect(last.counters.cycles).toBe(results.reduce((s, r) => s + r.cycles, 0));
		expect(last.counters.hops).toBe(results.reduce((s, r) => s + r.path.length - 1, 0));
		expect(trace.final.counters).toEqual(last.counters);
	});

	test('narration is one plain sentence per frame', () => {
		for (const platform of PLATFORMS) {
			const trace = simulateSyscall({ model: 'syscall', platform, syscalls: [...SYSCALLS] });
			for (const frame of trace.frames) {
				expect(frame.text).toMatch(/^[A-Za-z0-9].*[.]$/);
				expect(frame.text).not.toMatch(/[<>]/);
			}
		}
	});
});

describe('what the narration claims', () => {
	test('the trap-and-emulate return traps as on the classic machine, and IRET is never said to trap', () => {
		for (const call of SYSCALLS) {
			const texts = PATHS['vm-trap-emulate'][call].map((hop) => hop.text);
			expect(texts.some((text) => /LPSW/.test(text))).toBe(true);
			for (const text of texts) expect(text).not.toMatch(/IRET[^.;]*(is privileged|traps)/);
		}
		const privileges = PLATFORM_INFO['vm-trap-emulate'].bands.map((band) => band.privilege);
		expect(privileges.join(' ')).not.toMatch(/ring/);
	});

	test('the animated write is called synchronous wherever it is named', () => {
		expect(SYSCALL_LABELS.write).toMatch(/synchronous/);
		expect(SYSCALL_NOTES.write).toMatch(/O_SYNC/);
		expect(SYSCALL_NOTES.write).toMatch(/page cache/);
		for (const platform of PLATFORMS) expect(PATHS[platform].write[0].text).toMatch(/synchronous/i);
	});
});

describe('cost model', () => {
	test('every figure has a source, hardware and a number', () => {
		for (const figure of COSTS.figures) {
			expect(figure.cycles).toBeGreaterThan(0);
			expect(figure.source.length).toBeGreaterThan(3);
			expect(figure.hardware.length).toBeGreaterThan(3);
			expect(typeof figure.upperBound).toBe('boolean');
		}
	});

	test('every cost a path charges exists in the data file', () => {
		const ids = new Set(COSTS.figures.map((f) => f.id));
		for (const platform of PLATFORMS)
			for (const call of SYSCALLS)
				for (const hop of PATHS[platform][call]) {
					for (const id of hop.costs ?? []) expect(ids.has(id)).toBe(true);
					if (hop.optionalCost) expect(ids.has(hop.optionalCost)).toBe(true);
				}
	});

	test('a hop counted in another figure has none of its own, and points to an earlier priced hop', () => {
		for (const platform of PLATFORMS)
			for (const call of SYSCALLS)
				PATHS[platform][call].forEach((hop, index) => {
					if (hop.countedIn === undefined) return;
					expect(hop.costs ?? []).toEqual([]);
					expect(hop.countedIn).toBeLessThan(index);
					expect(PATHS[platform][call][hop.countedIn].costs?.length).toBeGreaterThan(0);
				});
	});

	test('the QEMU exit’s figure spans the return to QEMU and the way back into the guest', () => {
		// costs.json: "exit, return to QEMU, and entry again". QEMU's host system call
		// that asks KVM to inject the completion is the same kind of hop as its write to
		// the disk image, which is priced; it is inside the exit's figure, not free.
		const write = PATHS['vm-hardware'].write;
		const exit = write.findIndex((hop) => hop.costs?.includes('exit-to-userspace'));
		const covered = write.flatMap((hop, index) => (hop.countedIn === exit ? [index] : []));
		expect(covered.map((index) => `${write[index].kind}→${write[index].to}`)).toEqual([
			'return→device-emulator',
			'syscall→hypervisor',
			'vmentry→guest-kernel'
		]);
		expect(COSTS.figures.find((f) => f.id === 'exit-to-userspace')?.what).toMatch(
			/return to QEMU, and entry again/
		);
	});

	test('the QEMU exit figure is marked as an upper bound', () => {
		expect(COSTS.figures.find((f) => f.id === 'exit-to-userspace')?.upperBound).toBe(true);
	});

	test('figures measured on a VT-x hypervisor are marked as proxies where trap-and-emulate uses them', () => {
		const charged = new Set(
			SYSCALLS.flatMap((call) => PATHS['vm-trap-emulate'][call].flatMap((hop) => hop.costs ?? []))
		);
		for (const figure of COSTS.figures) {
			if (!charged.has(figure.id)) continue;
			if (/VT-x|Skylake/.test(`${figure.what} ${figure.hardware}`)) expect(figure.proxy).toBe(true);
		}
		for (const id of ['page-fault-shadow', 'pte-write-shadow', 'io-emulated', 'hypervisor-trap'])
			expect(charged.has(id as never)).toBe(true);
	});
});

describe('caveats on the running total', () => {
	/** Whether the frames up to `step` count a proxy or an upper bound, frame by frame. */
	const scanned = (frames: ReturnType<typeof simulateSyscall>['frames'], step: number) => {
		const ids = frames.slice(0, step + 1).flatMap((frame) => frame.hop?.costs ?? []);
		return {
			proxy: ids.some((id) => costOf(id).proxy),
			upperBound: ids.some((id) => costOf(id).upperBound)
		};
	};

	test('where each caveat starts agrees with scanning the frames, at every step', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...PLATFORMS),
				fc.array(fc.constantFrom(...SYSCALLS), { maxLength: 6 }),
				(platform, syscalls) => {
					const { frames } = simulateSyscall({ model: 'syscall', platform, syscalls });
					const from = caveatsFrom(frames);
					for (let step = 0; step < frames.length; step++) {
						expect({ proxy: from.proxy <= step, upperBound: from.upperBound <= step }).toEqual(
							scanned(frames, step)
						);
					}
				}
			)
		);
	});

	test('each caveat starts at the first frame that needs it', () => {
		// Hardware-assisted virtualization charges QEMU's exit (an upper bound) on write.
		const { frames } = simulateSyscall({
			model: 'syscall',
			platform: 'vm-hardware',
			syscalls: ['getpid', 'write', 'mmap']
		});
		const from = caveatsFrom(frames);
		expect(from.proxy).toBeLessThan(Infinity);
		expect(from.upperBound).toBeLessThan(Infinity);
		expect(caveatsFrom(frames.slice(0, from.proxy)).proxy).toBe(Infinity);
		expect(caveatsFrom(frames.slice(0, from.upperBound + 1)).upperBound).toBe(from.upperBound);
		expect(caveatsFrom(frames.slice(0, from.upperBound)).upperBound).toBe(Infinity);
		expect(caveatsFrom([])).toEqual({ proxy: Infinity, upperBound: Infinity });
	});
});
