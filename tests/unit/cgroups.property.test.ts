import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runModel } from '../../src/lib/sim/core';
import {
	cgroupsModel,
	checkSetValue,
	parseCpuMax,
	parseSize,
	writeCpuMax,
	writeWeight,
	type CgroupsState
} from '../../src/lib/sim/cgroups';
import type { Frame } from '../../src/lib/sim/core';

const paths = ['/a', '/b', '/a/x', '/a/y'];
const size = fc.oneof(
	fc.constantFrom('max', '1M', '4M', '16M', '64M', 0, 512, '1.5M', 'x', -1),
	fc.integer({ min: 0, max: 64 * 2 ** 20 })
);
const cpuMax = fc.oneof(
	fc.constantFrom(
		'max',
		'50000 100000',
		'10000 100000',
		'200000 100000',
		'1000 10000',
		'5000 20000',
		'bad',
		'50000 15000',
		'500 100000',
		'20000us',
		'30000',
		'max 20000'
	),
	fc
		.tuple(fc.integer({ min: 1000, max: 300_000 }), fc.integer({ min: 1, max: 20 }))
		.map(([quota, periods]) => `${quota} ${periods * 10_000}`)
);
const groupArb = fc.record(
	{
		path: fc.constantFrom(...paths, '/', 'bad'),
		cpu: fc.record(
			{ max: cpuMax, weight: fc.oneof(fc.integer({ min: 1, max: 10000 }), fc.constant(0)) },
			{ requiredKeys: [] }
		),
		memory: fc.record({ max: size, high: size }, { requiredKeys: [] }),
		io: fc.record({ rbps: size, wbps: size }, { requiredKeys: [] })
	},
	{ requiredKeys: ['path'] }
);
const names = ['p', 'q', 'r', 's', 't', 'u'];
const behaviour = {
	cpu: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5, 2)),
	memory: fc.record({ start: size, grow: size, cache: size }, { requiredKeys: [] }),
	io: fc.record({ rbps: size, wbps: size }, { requiredKeys: [] })
};
const processArb = fc.record(
	{ name: fc.constantFrom(...names), group: fc.constantFrom('/', ...paths, '/zz'), ...behaviour },
	{ requiredKeys: ['name', 'group'] }
);
const opArb = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({ op: fc.constant('run'), ticks: fc.integer({ min: 1, max: 40 }) })
	},
	fc.record({
		op: fc.constant('fork'),
		parent: fc.constantFrom(...names),
		name: fc.constantFrom(...names, 'k1', 'k2', 'k3')
	}),
	fc.record({ op: fc.constant('exit'), name: fc.constantFrom(...names) }),
	{
		weight: 2,
		arbitrary: fc.oneof(
			fc.record({
				op: fc.constant('set'),
				group: fc.constantFrom(...paths),
				file: fc.constant('cpu.max'),
				value: cpuMax
			}),
			fc.record({
				op: fc.constant('set'),
				group: fc.constantFrom(...paths),
				file: fc.constant('cpu.weight'),
				value: fc.constantFrom('1', '100', '10000', '0', '0x64', '010', ' 5', '1.5', '10001')
			}),
			fc.record({
				op: fc.constant('set'),
				group: fc.constantFrom(...paths),
				file: fc.constantFrom('memory.max', 'memory.high'),
				value: fc.constantFrom('max', '1M', '8M', '32M', '0', '1.5M', '5000')
			}),
			fc.record({
				op: fc.constant('set'),
				group: fc.constantFrom(...paths),
				file: fc.constant('io.max'),
				value: fc.constantFrom(
					'8:0 rbps=1048576 wbps=max',
					'8:0 wbps=2M',
					'wbps=2M',
					'8:0 wbps=0',
					'8:0 riops=3'
				)
			})
		)
	}
);
const scenarioArb = fc.record(
	{
		model: fc.constant('cgroups'),
		tickMs: fc.constantFrom(1, 5, 10, 20),
		cpus: fc.integer({ min: 1, max: 4 }),
		groups: fc.array(groupArb, { maxLength: 5 }),
		processes: fc.array(processArb, { maxLength: 6 }),
		ops: fc.array(opArb, { maxLength: 12 })
	},
	{ requiredKeys: ['model', 'processes', 'ops'] }
);

/** Random scenarios made valid: consistent group paths, unique names, good values. */
const okSize = (x: unknown) => (parseSize(x, { allowMax: true }).ok ? x : 'max');
const okAmount = (x: unknown) => (parseSize(x).ok ? x : 0);
const cleanBehaviour = (p: {
	cpu?: number;
	memory?: Record<string, unknown>;
	io?: Record<string, unknown>;
}) => ({
	...(p.cpu !== undefined ? { cpu: Math.min(1, p.cpu) } : {}),
	...(p.memory
		? { memory: Object.fromEntries(Object.entries(p.memory).map(([k, v]) => [k, okAmount(v)])) }
		: {}),
	...(p.io
		? { io: Object.fromEntries(Object.entries(p.io).map(([k, v]) => [k, okAmount(v)])) }
		: {})
});
const validish = scenarioArb.map((s) => {
	const tickUs = (s.tickMs ?? 10) * 1000;
	const seen = new Set<string>();
	const groups = [...(s.groups ?? [])]
		.sort((a, b) => a.path.length - b.path.length)
		.filter((g) => {
			if (!g.path.startsWith('/') || g.path === '/' || seen.has(g.path)) return false;
			const parent = g.path.slice(0, g.path.lastIndexOf('/'));
			if (parent && !seen.has(parent)) return false;
			seen.add(g.path);
			return true;
		})
		.map((g) => ({
			path: g.path,
			cpu: {
				...(g.cpu?.max !== undefined
					? { max: parseCpuMax(g.cpu.max, tickUs).ok ? g.cpu.max : 'max' }
					: {}),
				...(g.cpu?.weight !== undefined ? { weight: Math.max(1, g.cpu.weight) } : {})
			},
			memory: Object.fromEntries(Object.entries(g.memory ?? {}).map(([k, v]) => [k, okSize(v)])),
			io: Object.fromEntries(Object.entries(g.io ?? {}).map(([k, v]) => [k, okSize(v)]))
		}));
	const inner = new Set(
		groups.map((g) => g.path.slice(0, g.path.lastIndexOf('/'))).filter(Boolean)
	);
	const leaves = ['/', ...groups.map((g) => g.path).filter((p) => !inner.has(p))];
	const processes = s.processes
		.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i)
		.map((p, i) => ({ name: p.name, group: leaves[i % leaves.length], ...cleanBehaviour(p) }));
	const names = new Set(processes.map((p) => p.name));
	const ops = s.ops.filter((op) => {
		switch (op.op) {
			case 'run':
				return true;
			case 'fork':
				if (!names.has(op.parent) || names.has(op.name)) return false;
				names.add(op.name);
				return true;
			case 'exit':
				return names.has(op.name);
			case 'set':
				return seen.has(op.group) && checkSetValue(op.file, op.value, tickUs) === null;
		}
	});
	return { ...s, groups, processes, ops };
});

type F = Frame<CgroupsState>;

function checkInvariants(frames: F[]) {
	for (const frame of frames) {
		for (const g of frame.groups) {
			if (g.quotaUs !== null) expect(g.periodUsedUs).toBeLessThanOrEqual(g.quotaUs);
			if (g.memoryMax !== null) expect(g.memory).toBeLessThanOrEqual(g.memoryMax);
			expect(g.cpuUs).toBeLessThanOrEqual(Math.max(g.cpuWantUs, 0));
			expect(g.cache).toBeLessThanOrEqual(g.memory);
		}
		const root = frame.groups[0];
		expect(root.cpuUs).toBeLessThanOrEqual(frame.cpus * frame.tickUs);
		for (const p of frame.processes) {
			expect(p.cpuUs).toBeLessThanOrEqual(frame.tickUs);
			if (!p.alive) expect(p.anon + p.cache).toBe(0);
		}
		const total = frame.processes.reduce((s, p) => s + p.anon + p.cache, 0);
		expect(root.memory).toBe(total);
	}
	// CPU used in each period (summed per tick) never exceeds the quota.
	const used = new Map<string, { start: number; sum: number; quota: number | null }>();
	for (const frame of frames) {
		if (frame.event.kind !== 'tick') {
			used.clear();
			continue;
		}
		for (const g of frame.groups) {
			const entry = used.get(g.path);
			if (!entry || entry.start !== g.periodStartUs || entry.quota !== g.quotaUs) {
				used.set(g.path, { start: g.periodStartUs, sum: g.cpuUs, quota: g.quotaUs });
			} else entry.sum += g.cpuUs;
			const now = used.get(g.path)!;
			if (now.quota !== null) expect(now.sum).toBeLessThanOrEqual(now.quota);
		}
	}
}

describe('cgroups properties', () => {
	test('random scenarios never crash: a trace or validation messages', () => {
		fc.assert(
			fc.property(scenarioArb, (scenario) => {
				const outcome = runModel(cgroupsModel, scenario);
				if (outcome.ok) {
					expect(outcome.trace.frames.length).toBeGreaterThan(0);
					checkInvariants(outcome.trace.frames as F[]);
				} else {
					expect(outcome.errors.length).toBeGreaterThan(0);
					for (const line of outcome.errors) expect(line).toMatch(/^[^\n]+: [^\n]+$/);
				}
			}),
			{ numRuns: 300 }
		);
	});

	test('valid random scenarios keep quota and memory.max at the end of every tick', () => {
		let valid = 0;
		fc.assert(
			fc.property(validish, (scenario) => {
				const outcome = runModel(cgroupsModel, scenario);
				if (!outcome.ok) return;
				valid++;
				checkInvariants(outcome.trace.frames as F[]);
				// Determinism.
				expect(JSON.stringify(runModel(cgroupsModel, scenario))).toBe(JSON.stringify(outcome));
			}),
			{ numRuns: 300 }
		);
		expect(valid).toBeGreaterThan(30);
	});

	test('a cpu.max or cpu.weight write the kernel refuses changes nothing; one it takes sets what it read', () => {
		// Text close to what the kernel reads, and any text at all.
		const kernelish = fc.string({
			unit: fc.constantFrom(...'0123456789 +-xXmax.\t\n'),
			maxLength: 24
		});
		const text = fc.oneof(kernelish, fc.string({ unit: 'binary', maxLength: 24 }));
		fc.assert(
			fc.property(fc.constantFrom('cpu.max', 'cpu.weight'), text, (file, value) => {
				const scenario = {
					model: 'cgroups',
					groups: [{ path: '/g', cpu: { max: '50000 200000', weight: 300 } }],
					processes: [{ name: 'p', group: '/g', cpu: 1 }],
					ops: [
						{ op: 'run', ticks: 3 },
						{ op: 'set', group: '/g', file, value }
					]
				};
				const outcome = runModel(cgroupsModel, scenario);
				if (!outcome.ok) {
					// Only the model's own limits on cpu.max make a write invalid.
					expect(file).toBe('cpu.max');
					expect(outcome.errors.join('\n')).toMatch(/in this model/);
					return;
				}
				const frames = outcome.trace.frames as F[];
				const before = frames[3].groups[1];
				const after = frames[4].groups[1];
				const result = outcome.trace.results[1];
				const write = file === 'cpu.max' ? writeCpuMax(value) : writeWeight(value);
				expect(result.ok).toBe(write.ok);
				if (!write.ok) {
					expect(['EINVAL', 'ERANGE']).toContain(write.errno);
					expect(result).toEqual({ ok: false, errno: write.errno });
					expect(after).toEqual(before);
				} else if (file === 'cpu.weight') {
					expect(after.weight).toBe(write.value);
				} else {
					const read = write.value as { quotaUs: number | null; periodUs: number | null };
					expect(after.quotaUs).toBe(read.quotaUs);
					expect(after.periodUs).toBe(read.periodUs ?? 200000);
					expect(after.periodStartUs).toBe(30000);
				}
			}),
			{ numRuns: 400 }
		);
	});

	test('parsers never throw', () => {
		fc.assert(
			fc.property(fc.anything(), (value) => {
				parseSize(value, { allowMax: true });
				parseCpuMax(value, 10_000);
			})
		);
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (value) => {
				writeCpuMax(value);
				writeWeight(value);
			})
		);
	});
});
