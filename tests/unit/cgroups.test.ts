import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LIMITS, runModel, validate } from '../../src/lib/sim/core';
import { runScenario } from './all-models';
import {
	CGROUPS_LIMITS,
	cgroupsModel,
	cgroupsSchema,
	parseCpuMax,
	parseSize,
	parseWeight,
	simulateCgroups,
	waterfill,
	withoutLimits,
	checkSetValue,
	writeCpuMax,
	writeIoMax,
	writeMemory,
	writeWeight,
	type CgroupsScenario
} from '../../src/lib/sim/cgroups';

const M = 2 ** 20;

function run(scenario: Omit<CgroupsScenario, 'model'>) {
	return simulateCgroups(validate(cgroupsSchema, { model: 'cgroups', ...scenario }));
}

function errorsOf(input: Record<string, unknown>): string[] {
	const outcome = runModel(cgroupsModel, { model: 'cgroups', ...input });
	if (outcome.ok) throw new Error('expected an invalid scenario');
	return outcome.errors;
}

const group = (frame: { groups: readonly { path: string }[] }, path: string) =>
	frame.groups.find((g) => g.path === path)! as ReturnType<
		typeof simulateCgroups
	>['frames'][number]['groups'][number];
const proc = (frame: ReturnType<typeof simulateCgroups>['frames'][number], name: string) =>
	frame.processes.find((p) => p.name === name)!;

describe('values (cgroup-v2.rst formats)', () => {
	test('cpu.max', () => {
		expect(parseCpuMax('50000 100000')).toEqual({
			ok: true,
			value: { quotaUs: 50000, periodUs: 100000 }
		});
		expect(parseCpuMax('max')).toEqual({ ok: true, value: { quotaUs: null, periodUs: 100000 } });
		expect(parseCpuMax('max 50000')).toEqual({
			ok: true,
			value: { quotaUs: null, periodUs: 50000 }
		});
		expect(parseCpuMax('20000')).toEqual({ ok: true, value: { quotaUs: 20000, periodUs: 100000 } });
		expect(parseCpuMax('500 100000').ok).toBe(false);
		expect(parseCpuMax('50000 2000000').ok).toBe(false);
		expect(parseCpuMax('half')).toMatchObject({ ok: false });
		expect(parseCpuMax('50000 15000', 10000)).toMatchObject({
			ok: false,
			message: expect.stringContaining('whole number of ticks')
		});
	});
	test('sizes use powers of 1024, like memparse()', () => {
		expect(parseSize('64M')).toEqual({ ok: true, value: 64 * M });
		expect(parseSize('1.5k')).toEqual({ ok: true, value: 1536 });
		expect(parseSize(4096)).toEqual({ ok: true, value: 4096 });
		expect(parseSize('max', { allowMax: true })).toEqual({ ok: true, value: null });
		expect(parseSize('max').ok).toBe(false);
		expect(parseSize(-1).ok).toBe(false);
		expect(parseSize('64MB').ok).toBe(false);
	});
	test('cpu.weight and io.max', () => {
		expect(parseWeight('300')).toEqual({ ok: true, value: 300 });
		expect(parseWeight(0).ok).toBe(false);
		expect(parseWeight(10001).ok).toBe(false);
		expect(writeIoMax('8:0 rbps=1048576 wbps=max')).toEqual({
			ok: true,
			value: { rbps: M, wbps: null },
			notes: []
		});
		// A key left out is not "max": the write leaves that limit as it was.
		expect(writeIoMax('8:0 wbps=2097152')).toEqual({ ok: true, value: { wbps: 2 * M }, notes: [] });
		expect(writeIoMax('8:0 riops=100')).toMatchObject({ ok: true, value: { iops: true } });
	});
});

describe('waterfill (weighted max-min sharing)', () => {
	test('splits by weight when everyone wants more, in whole units', () => {
		expect(waterfill(10000, [10000, 10000], [200, 100])).toEqual([6667, 3333]);
	});
	test('a small demand is met and what it leaves goes to the others', () => {
		expect(waterfill(100, [10, 100, 100], [100, 100, 100])).toEqual([10, 45, 45]);
	});
	test('never more than capacity or demand', () => {
		const grants = waterfill(7, [3, 3, 3], [1, 1, 1]);
		expect(grants.reduce((a, b) => a + b)).toBe(7);
		expect(Math.max(...grants)).toBeLessThanOrEqual(3);
	});
});

describe('cpu.max: quota accounting and throttling', () => {
	const hog = {
		groups: [{ path: '/batch', cpu: { max: '50000 100000' } }],
		processes: [{ name: 'hog', group: '/batch', cpu: 1 }],
		ops: [{ op: 'run' as const, ticks: 30 }]
	};
	test('a hog gets 50 ms per 100 ms period, then is throttled until the period ends', () => {
		const trace = run(hog);
		const used = trace.frames.slice(1, 11).map((f) => group(f, '/batch').cpuUs);
		expect(used).toEqual([10000, 10000, 10000, 10000, 10000, 0, 0, 0, 0, 0]);
		expect(trace.frames.slice(1, 11).map((f) => group(f, '/batch').throttled)).toEqual([
			false,
			false,
			false,
			false,
			false,
			true,
			true,
			true,
			true,
			true
		]);
		expect(group(trace.frames[11], '/batch').cpuUs).toBe(10000);
		expect(group(trace.frames[11], '/batch').periodUsedUs).toBe(10000);
		const last = group(trace.frames[30], '/batch');
		expect(last.usageUs).toBe(150000);
		expect(last.nrThrottled).toBe(3);
		expect(last.nrPeriods).toBe(3);
		expect(last.throttledUs).toBe(150000);
		expect(trace.frames[6].text).toContain('throttled until 100 ms');
	});
	test('a quota that runs out inside a tick is used to the microsecond', () => {
		const trace = run({ ...hog, groups: [{ path: '/batch', cpu: { max: '25000 100000' } }] });
		expect(trace.frames.slice(1, 5).map((f) => group(f, '/batch').cpuUs)).toEqual([
			10000, 10000, 5000, 0
		]);
	});
	test('writing cpu.max starts a fresh period with the new quota', () => {
		const trace = run({
			...hog,
			ops: [
				{ op: 'run', ticks: 3 },
				{ op: 'set', group: '/batch', file: 'cpu.max', value: '20000 100000' },
				{ op: 'run', ticks: 3 }
			]
		});
		expect(group(trace.frames[4], '/batch')).toMatchObject({
			quotaUs: 20000,
			periodStartUs: 30000,
			periodUsedUs: 0
		});
		expect(trace.frames.slice(5).map((f) => group(f, '/batch').cpuUs)).toEqual([10000, 10000, 0]);
	});
	test('a quota above one period uses more than one CPU', () => {
		const trace = run({
			cpus: 4,
			groups: [{ path: '/g', cpu: { max: '200000 100000' } }],
			processes: ['a', 'b', 'c', 'd'].map((name) => ({ name, group: '/g', cpu: 1 })),
			ops: [{ op: 'run', ticks: 10 }]
		});
		expect(trace.frames.slice(1).map((f) => group(f, '/g').cpuUs)).toEqual([
			40000, 40000, 40000, 40000, 40000, 0, 0, 0, 0, 0
		]);
	});
	test('a parent quota limits everything below it', () => {
		const trace = run({
			cpus: 2,
			groups: [{ path: '/p', cpu: { max: '10000 100000' } }, { path: '/p/c' }],
			processes: [{ name: 'x', group: '/p/c', cpu: 1 }],
			ops: [{ op: 'run', ticks: 3 }]
		});
		expect(trace.frames.slice(1).map((f) => proc(f, 'x').cpuUs)).toEqual([10000, 0, 0]);
		expect(group(trace.frames[2], '/p').throttled).toBe(true);
	});
});

// kernel/sched/core.c: cpu_max_write() reads "%20s %llu" (cpu_period_quota_parse()),
// then tg_set_bandwidth() refuses a quota or period under 1 ms, a period over
// 1 s, a quota over 2^44 − 1 µs, all with EINVAL. A refused write changes nothing.
describe('cpu.max written as the kernel reads it', () => {
	const limited = {
		groups: [{ path: '/g', cpu: { max: '50000 200000' } }],
		processes: [{ name: 'p', group: '/g', cpu: 1 }]
	};
	test('a value the kernel refuses fails with EINVAL and keeps the quota, the period and the period under way', () => {
		const cases = [
			'500 100000', // quota under 1 ms
			'50000 999', // period under 1 ms
			'50000 2000000', // period over 1 s
			'max 2000000', // "max" takes a period, but only a good one
			'17592186044416 100000', // quota over max_bw_runtime_us
			'0x64 100000', // read as a quota of 0
			'18446744073709551616 100000', // 2^64 wraps around to 0
			'-1',
			'half',
			'maxx',
			''
		];
		const trace = run({
			...limited,
			ops: [
				{ op: 'run', ticks: 3 },
				...cases.map((value) => ({
					op: 'set' as const,
					group: '/g',
					file: 'cpu.max' as const,
					value
				}))
			]
		});
		expect(trace.results.slice(1)).toEqual(cases.map(() => ({ ok: false, errno: 'EINVAL' })));
		cases.forEach((value, i) => {
			const frame = trace.frames[4 + i];
			expect(frame.event, value).toMatchObject({ kind: 'set', file: 'cpu.max', errno: 'EINVAL' });
			expect(group(frame, '/g'), value).toMatchObject({
				quotaUs: 50000,
				periodUs: 200000,
				periodStartUs: 0,
				periodUsedUs: 30000
			});
			expect(frame.text, value).toMatch(
				/^Writing “.*” to \/g\/cpu\.max fails with EINVAL: .+\. The group’s limits stay as they were\.$/
			);
		});
		expect(trace.frames[4].text).toContain(
			'the quota, 500 µs, is less than the kernel’s minimum of 1,000 µs (1 ms)'
		);
		expect(trace.frames[6].text).toContain(
			'the period, 2,000,000 µs, is more than the kernel’s maximum of 1,000,000 µs (1 s)'
		);
		expect(trace.frames[8].text).toContain(
			'more than the kernel’s maximum of 17,592,186,044,415 µs'
		);
		expect(trace.frames[9].text).toContain('the quota “0x64”, read as 0 µs,');
		expect(trace.frames[14].text).toContain('there is no quota');
	});
	test('cpu.max never answers ERANGE', () => {
		for (const value of ['0 0', '0', '99999999999999999999 99999999999999999999', 'max 0', '1 1']) {
			expect(writeCpuMax(value), value).toMatchObject({ ok: false, errno: 'EINVAL' });
		}
	});
	test('one number sets the quota and keeps the group’s period; "max" with a period changes the period too', () => {
		const trace = run({
			...limited,
			ops: [
				{ op: 'set', group: '/g', file: 'cpu.max', value: '30000' },
				{ op: 'set', group: '/g', file: 'cpu.max', value: 'max 50000' },
				{ op: 'set', group: '/g', file: 'cpu.max', value: 'max' },
				{ op: 'set', group: '/g', file: 'cpu.max', value: '  20000\t 100000  ' }
			]
		});
		expect(trace.results).toEqual([0, 1, 2, 3].map(() => ({ ok: true, oomKilled: [] })));
		const limits = trace.frames
			.slice(1)
			.map((f) => [group(f, '/g').quotaUs, group(f, '/g').periodUs]);
		expect(limits).toEqual([
			[30000, 200000],
			[null, 50000],
			[null, 50000],
			[20000, 100000]
		]);
		expect(trace.frames[1].text).toContain('run 30 ms in every 200 ms period');
		expect(
			trace.frames
				.slice(1)
				.map((f) => f.text)
				.join(' ')
		).not.toContain('The kernel');
	});
	test('what follows the numbers is ignored, and the narration says so', () => {
		const cases: [string, number | null, number, string][] = [
			['20000us', 20000, 200000, 'reads the quota “20000us” as 20,000 µs'],
			['30000 100000abc', 30000, 100000, 'ignores “abc” after the period'],
			['40000 100000 5', 40000, 100000, 'ignores “5” after the period'],
			['30000 abc', 30000, 100000, 'finds no number where the period goes (“abc”)'],
			['20000 -5', 20000, 100000, 'finds no number where the period goes (“-5”)'],
			['18446744073709551615 100000', null, 100000, 'reads 18446744073709551615 as “max”']
		];
		const trace = run({
			...limited,
			ops: cases.map(([value]) => ({
				op: 'set' as const,
				group: '/g',
				file: 'cpu.max' as const,
				value
			}))
		});
		cases.forEach(([value, quotaUs, periodUs, note], i) => {
			const frame = trace.frames[1 + i];
			expect(trace.results[i], value).toEqual({ ok: true, oomKilled: [] });
			expect([group(frame, '/g').quotaUs, group(frame, '/g').periodUs], value).toEqual([
				quotaUs,
				periodUs
			]);
			expect(frame.text, value).toContain(note);
		});
	});
	test('the model’s own limits stay validation problems, and say so; what the kernel refuses does not', () => {
		expect(checkSetValue('cpu.max', '65000000 1000000', 10000)).toBe(
			'the quota must be at most 64000000 µs in this model (the kernel takes up to 17592186044415)'
		);
		expect(checkSetValue('cpu.max', '50000 15000', 10000)).toBe(
			'the period (15000 µs) must be a whole number of ticks (10000 µs each) in this model'
		);
		expect(checkSetValue('cpu.max', 'max 25000', 5000)).toBeNull();
		expect(checkSetValue('cpu.max', '30000', 7000)).toBeNull();
		for (const value of ['500 100000', '50000 2000000', 'half', '']) {
			expect(checkSetValue('cpu.max', value, 10000), value).toBeNull();
		}
		for (const value of ['0', '10001', 'abc', '', 1.5]) {
			expect(checkSetValue('cpu.weight', value, 10000), String(value)).toBeNull();
		}
	});
});

// cgroup_file_write() (kernel/cgroup/cgroup.c) reads cpu.weight with
// kstrtoull(buf, 0): base 0, an optional "+", one newline at most, no white
// space; cpu_weight_write_u64() refuses 0 and 10001 with ERANGE.
describe('cpu.weight written as the kernel reads it', () => {
	const weighted = {
		groups: [{ path: '/a', cpu: { weight: 300 } }, { path: '/b' }],
		processes: [
			{ name: 'a', group: '/a', cpu: 1 },
			{ name: 'b', group: '/b', cpu: 1 }
		]
	};
	test('a weight the kernel refuses fails with ERANGE or EINVAL and keeps the weight', () => {
		const cases: [string | number, string][] = [
			['0', 'ERANGE'],
			[0, 'ERANGE'],
			['10001', 'ERANGE'],
			['0x3000', 'ERANGE'],
			['99999999999999999999', 'ERANGE'],
			['abc', 'EINVAL'],
			['1.5', 'EINVAL'],
			[1.5, 'EINVAL'],
			[' 100', 'EINVAL'],
			['100 ', 'EINVAL'],
			['100\n', 'EINVAL'],
			['-1', 'EINVAL'],
			['08', 'EINVAL'],
			['', 'EINVAL']
		];
		const trace = run({
			...weighted,
			ops: cases.map(([value]) => ({
				op: 'set' as const,
				group: '/a',
				file: 'cpu.weight' as const,
				value
			}))
		});
		expect(trace.results).toEqual(cases.map(([, errno]) => ({ ok: false, errno })));
		cases.forEach(([value, errno], i) => {
			const frame = trace.frames[1 + i];
			expect(group(frame, '/a').weight, String(value)).toBe(300);
			expect(frame.text, String(value)).toContain(`/a/cpu.weight fails with ${errno}: `);
		});
		expect(trace.frames[1].text).toContain('cpu.weight must be from 1 to 10,000');
		expect(trace.frames[4].text).toContain(
			'reads “0x3000” as 12,288 (a leading 0x makes kstrtoull() read hexadecimal)'
		);
		expect(trace.frames[7].text).toContain('reads “1” and finds “.5” left over');
		expect(trace.frames[13].text).toContain('a leading 0 means octal');
	});
	test('base 0: "0x64" is 100 and "010" is 8, and the narration says how the kernel read them', () => {
		expect(writeWeight('0x64')).toEqual({
			ok: true,
			value: 100,
			notes: ['The kernel reads “0x64” as 100: a leading 0x makes kstrtoull() read hexadecimal.']
		});
		expect(writeWeight('+200')).toEqual({ ok: true, value: 200, notes: [] });
		expect(writeWeight('007')).toEqual({ ok: true, value: 7, notes: [] });
		const trace = run({
			...weighted,
			ops: [
				{ op: 'set', group: '/a', file: 'cpu.weight', value: '010' },
				{ op: 'run', ticks: 1 },
				{ op: 'set', group: '/a', file: 'cpu.weight', value: '0x64' },
				{ op: 'set', group: '/a', file: 'cpu.weight', value: 100 }
			]
		});
		expect(group(trace.frames[1], '/a').weight).toBe(8);
		expect(trace.frames[1].text).toBe(
			'Writing “010” to /a/cpu.weight changes its share of contended CPU against its sibling groups. The kernel reads “010” as 8: a leading 0 makes kstrtoull() read octal.'
		);
		expect(group(trace.frames[2], '/a').cpuUs).toBe(741); // 10 ms × 8 / 108
		expect(group(trace.frames[3], '/a').weight).toBe(100);
		expect(trace.frames[3].text).toContain(
			'The kernel reads “0x64” as 100: a leading 0x makes kstrtoull() read hexadecimal.'
		);
		expect(trace.frames[4].text).toBe(
			'Writing 100 to /a/cpu.weight leaves its share of contended CPU as it was.'
		);
	});
});

describe('cpu.weight', () => {
	test('siblings share contended CPU in proportion to their weights', () => {
		const trace = run({
			groups: [
				{ path: '/a', cpu: { weight: 300 } },
				{ path: '/b', cpu: { weight: 100 } }
			],
			processes: [
				{ name: 'a', group: '/a', cpu: 1 },
				{ name: 'b', group: '/b', cpu: 1 }
			],
			ops: [{ op: 'run', ticks: 1 }]
		});
		expect(group(trace.frames[1], '/a').cpuUs).toBe(7500);
		expect(group(trace.frames[1], '/b').cpuUs).toBe(2500);
	});
	test('the narration names three of the groups sharing the CPU and counts the rest', () => {
		const paths = ['/a', '/b', '/c', '/d', '/e'];
		const trace = run({
			groups: paths.map((path) => ({ path })),
			processes: paths.map((path) => ({ name: path.slice(1), group: path, cpu: 1 })),
			ops: [{ op: 'run', ticks: 1 }]
		});
		const text = trace.frames[1].text;
		expect(text).toContain('share it by cpu.weight');
		expect(text).toContain('/c 2 ms (weight 100)');
		expect(text).not.toContain('/d ');
		expect(text).toMatch(/and 2 more groups\.$/);
	});
	test('weights do not matter when there is enough CPU', () => {
		const trace = run({
			cpus: 2,
			groups: [
				{ path: '/a', cpu: { weight: 10000 } },
				{ path: '/b', cpu: { weight: 1 } }
			],
			processes: [
				{ name: 'a', group: '/a', cpu: 1 },
				{ name: 'b', group: '/b', cpu: 0.5 }
			],
			ops: [{ op: 'run', ticks: 1 }]
		});
		expect(group(trace.frames[1], '/b').cpuUs).toBe(5000);
	});
});

describe('memory', () => {
	const leak = {
		groups: [{ path: '/app', memory: { max: '64M' } }, { path: '/other' }],
		processes: [
			{ name: 'small', group: '/app', memory: { start: '4M', cache: '1M' } },
			{ name: 'leak', group: '/app', memory: { start: '16M', grow: '4M' } },
			{ name: 'bystander', group: '/other', memory: { start: '100M' } }
		],
		ops: [{ op: 'run' as const, ticks: 20 }]
	};
	test('reclaim comes first, then the OOM killer takes the largest process of the group that hit memory.max', () => {
		const trace = run(leak);
		const killFrame = trace.frames.find((f) => f.event.kind === 'tick' && f.event.killed.length)!;
		expect(killFrame.event).toMatchObject({ killed: [{ name: 'leak', group: '/app' }] });
		expect(proc(killFrame, 'leak')).toMatchObject({ alive: false, end: 'oom', anon: 0 });
		expect(proc(killFrame, 'small').alive).toBe(true);
		expect(proc(killFrame, 'bystander').alive).toBe(true);
		const before = trace.frames[killFrame.step - 1];
		expect(group(before, '/app').reclaimed).toBeGreaterThan(0);
		expect(group(killFrame, '/app')).toMatchObject({ eventsOom: 1, eventsOomKill: 1 });
		expect(trace.results[0]).toEqual({ ok: true, ticks: 20, oomKilled: ['leak'] });
		expect(killFrame.text).toContain('OOM killer kills “leak”');
	});
	test('memory never ends a tick above memory.max', () => {
		for (const frame of run(leak).frames)
			expect(group(frame, '/app').memory).toBeLessThanOrEqual(64 * M);
	});
	test('lowering memory.max below usage reclaims, then kills', () => {
		const trace = run({
			...leak,
			ops: [
				{ op: 'run', ticks: 2 },
				{ op: 'set', group: '/app', file: 'memory.max', value: '10M' }
			]
		});
		expect(trace.results[1]).toEqual({ ok: true, oomKilled: ['leak'] });
		expect(group(trace.frames[3], '/app').memory).toBeLessThanOrEqual(10 * M);
	});
	test('memory.high slows the group down and never kills', () => {
		const trace = run({
			groups: [{ path: '/g', memory: { high: '32M' } }],
			processes: [{ name: 'p', group: '/g', cpu: 1, memory: { start: '16M', grow: '2M' } }],
			ops: [{ op: 'run', ticks: 40 }]
		});
		const last = trace.frames[trace.frames.length - 1];
		expect(proc(last, 'p').alive).toBe(true);
		expect(group(last, '/g').memory).toBeLessThan(32 * M * 1.11);
		expect(group(last, '/g').eventsHigh).toBeGreaterThan(0);
		expect(proc(last, 'p').cpuUs).toBeLessThan(10000);
	});
	test('a memory.max on the parent covers its children', () => {
		const trace = run({
			groups: [{ path: '/p', memory: { max: '20M' } }, { path: '/p/a' }, { path: '/p/b' }],
			processes: [
				{ name: 'a', group: '/p/a', memory: { start: '8M', grow: '1M' } },
				{ name: 'b', group: '/p/b', memory: { start: '4M' } }
			],
			ops: [{ op: 'run', ticks: 20 }]
		});
		expect(trace.results[0]).toMatchObject({ oomKilled: ['a'] });
	});
});

describe('processes and their children stay in their cgroup', () => {
	test('a forked child starts in its parent’s group and inherits its behaviour', () => {
		const trace = run({
			groups: [{ path: '/a', cpu: { max: '10000 100000' } }],
			processes: [{ name: 'p', group: '/a', cpu: 1 }],
			ops: [
				{ op: 'fork', parent: 'p', name: 'c' },
				{ op: 'run', ticks: 2 }
			]
		});
		expect(trace.results[0]).toEqual({ ok: true, group: '/a', oomKilled: [] });
		expect(proc(trace.frames[1], 'c')).toMatchObject({ group: '/a', parent: 'p' });
		// The child shares the parent's quota: together they get 10 ms.
		expect(proc(trace.frames[2], 'c').cpuUs + proc(trace.frames[2], 'p').cpuUs).toBe(10000);
		expect(trace.frames[1].text).toContain('stays in its parent’s cgroup');
	});
	test('forking from, or exiting, a dead process gives ESRCH', () => {
		const trace = run({
			processes: [{ name: 'p', group: '/' }],
			ops: [
				{ op: 'exit', name: 'p' },
				{ op: 'exit', name: 'p' },
				{ op: 'fork', parent: 'p', name: 'c' }
			]
		});
		expect(trace.results).toEqual([
			{ ok: true, freed: 0 },
			{ ok: false, errno: 'ESRCH' },
			{ ok: false, errno: 'ESRCH' }
		]);
	});
});

describe('io.max', () => {
	test('writes are held to wbps; another group is not', () => {
		const trace = run({
			groups: [{ path: '/b', io: { wbps: '10M' } }, { path: '/d' }],
			processes: [
				{ name: 'b', group: '/b', io: { wbps: '40M' } },
				{ name: 'd', group: '/d', io: { wbps: '40M' } }
			],
			ops: [{ op: 'run', ticks: 1 }]
		});
		expect(group(trace.frames[1], '/b')).toMatchObject({
			writeBytes: Math.round((10 * M) / 100),
			ioThrottled: true
		});
		expect(group(trace.frames[1], '/d').writeBytes).toBe(Math.round((40 * M) / 100));
	});
});

describe('frames', () => {
	test('one frame per tick and per other op, sharing unchanged process lists', () => {
		const trace = run({
			processes: [{ name: 'p', group: '/', cpu: 0.5 }],
			ops: [
				{ op: 'run', ticks: 5 },
				{ op: 'exit', name: 'p' }
			]
		});
		expect(trace.frames.length).toBe(1 + 5 + 1);
		expect(trace.frames.map((f) => f.op)).toEqual([null, 0, 0, 0, 0, 0, 1]);
		expect(trace.frames[3].processes).toBe(trace.frames[2].processes);
		for (const frame of trace.frames) expect(frame.text).toMatch(/^[^\n<]+[.]$/);
	});
	test('the same scenario gives the same trace, byte for byte', () => {
		const scenario = JSON.stringify({
			model: 'cgroups',
			cpus: 3,
			groups: [
				{ path: '/a', cpu: { max: '30000 50000', weight: 50 }, memory: { max: '8M' } },
				{ path: '/b' }
			],
			processes: [
				{ name: 'x', group: '/a', cpu: 0.7, memory: { grow: '1M', cache: '512K' } },
				{ name: 'y', group: '/b', cpu: 1, io: { rbps: '3M' } }
			],
			ops: [{ op: 'run', ticks: 50 }]
		});
		expect(JSON.stringify(runScenario(scenario))).toBe(JSON.stringify(runScenario(scenario)));
	});
	test('without limits: the same frames, no throttling, no kill', () => {
		const scenario = validate(cgroupsSchema, {
			model: 'cgroups',
			groups: [{ path: '/a', cpu: { max: '10000 100000' }, memory: { max: '4M' } }],
			processes: [{ name: 'x', group: '/a', cpu: 1, memory: { grow: '1M' } }],
			ops: [
				{ op: 'run', ticks: 10 },
				{ op: 'set', group: '/a', file: 'memory.max', value: '1M' }
			]
		});
		const limited = simulateCgroups(scenario);
		const free = simulateCgroups(validate(cgroupsSchema, withoutLimits(scenario)));
		expect(free.frames.length).toBe(limited.frames.length);
		expect(free.frames.some((f) => f.groups.some((g) => g.throttled))).toBe(false);
		expect(free.final.processes[0].alive).toBe(true);
		expect(limited.final.processes[0].alive).toBe(false);
	});
});

describe('writes to interface files', () => {
	test('io.max keeps the limit of a key the write leaves out, as blk-throttle does', () => {
		const trace = run({
			groups: [{ path: '/a' }],
			processes: [{ name: 'x', group: '/a', cpu: 0.1, io: { rbps: '8M', wbps: '8M' } }],
			ops: [
				{ op: 'set', group: '/a', file: 'io.max', value: '8:0 rbps=1048576 wbps=1048576' },
				{ op: 'set', group: '/a', file: 'io.max', value: '8:0 wbps=2097152' },
				{ op: 'set', group: '/a', file: 'io.max', value: '8:0 rbps=max' }
			]
		});
		const [, first, second, third] = trace.frames;
		expect([group(first, '/a').rbpsMax, group(first, '/a').wbpsMax]).toEqual([M, M]);
		expect([group(second, '/a').rbpsMax, group(second, '/a').wbpsMax]).toEqual([M, 2 * M]);
		expect(second.text).toContain('limits its reads to 1 MiB/s and its writes to 2 MiB/s');
		expect([group(third, '/a').rbpsMax, group(third, '/a').wbpsMax]).toEqual([null, 2 * M]);
		expect(third.text).toContain('limits its writes to 2 MiB/s; its reads have no limit');
	});

	// block/blk-throttle.c, tg_set_limit(): "MAJ:MIN" first, then KEY=VALUE with
	// VALUE read by sscanf("%llu") unless it is "max"; 0 is ERANGE; anything
	// else wrong is EINVAL, and a refused write changes nothing.
	test('io.max reads "wbps=20M" as 20 bytes per second: the kernel ignores the suffix', () => {
		expect(writeIoMax('8:0 wbps=20M')).toMatchObject({ ok: true, value: { wbps: 20 } });
		const trace = run({
			groups: [{ path: '/a' }],
			processes: [{ name: 'x', group: '/a', cpu: 0.1, io: { wbps: '8M' } }],
			ops: [
				{ op: 'set', group: '/a', file: 'io.max', value: '8:0 wbps=20M' },
				{ op: 'run', ticks: 1 }
			]
		});
		expect(trace.results[0]).toEqual({ ok: true, oomKilled: [] });
		expect(group(trace.frames[1], '/a').wbpsMax).toBe(20);
		expect(trace.frames[1].text).toContain('limits its writes to 20 B/s');
		expect(trace.frames[1].text).toContain('reads “20M” as 20');
		expect(group(trace.frames[2], '/a').writeBytes).toBeLessThan(1);
	});
	test('io.max refuses a write without the disk number, a 0, an unknown key or a bad value', () => {
		const cases: [string, string][] = [
			['wbps=20M', 'EINVAL'],
			['8:0wbps=5', 'EINVAL'],
			['8:0 wbps=0', 'ERANGE'],
			['8:0 rbps=0 wbps=5', 'ERANGE'],
			['8:0 bps=5', 'EINVAL'],
			['8:0 wbps', 'EINVAL'],
			['8:0 wbps=', 'EINVAL'],
			['8:0 wbps=-5', 'EINVAL'],
			['8:0 wbps=5 rbps=fast', 'EINVAL'],
			['9:0 wbps=5', 'ENODEV']
		];
		const trace = run({
			groups: [{ path: '/a', io: { rbps: '1M', wbps: '2M' } }],
			processes: [{ name: 'x', group: '/a' }],
			ops: cases.map(([value]) => ({ op: 'set', group: '/a', file: 'io.max', value }))
		});
		expect(trace.results).toEqual(cases.map(([, errno]) => ({ ok: false, errno })));
		cases.forEach(([value, errno], i) => {
			const frame = trace.frames[i + 1];
			expect(frame.event).toMatchObject({ kind: 'set', errno });
			expect([group(frame, '/a').rbpsMax, group(frame, '/a').wbpsMax], value).toEqual([M, 2 * M]);
			expect(frame.text).toContain(`fails with ${errno}`);
		});
	});
	// mm/page_counter.c, page_counter_memparse(): "max", or memparse() with
	// nothing left over (else EINVAL), counted in whole pages.
	test('memory.max and memory.high refuse "1.5G" with EINVAL and keep their limits', () => {
		expect(writeMemory('1.5G')).toMatchObject({ ok: false, errno: 'EINVAL' });
		expect(writeMemory('64MB')).toMatchObject({ ok: false, errno: 'EINVAL' });
		expect(writeMemory('-1')).toMatchObject({ ok: false, errno: 'EINVAL' });
		expect(writeMemory('2g')).toEqual({ ok: true, value: 2 ** 31, notes: [] });
		expect(writeMemory('0x100000')).toEqual({ ok: true, value: M, notes: [] });
		const trace = run({
			groups: [{ path: '/a', memory: { max: '64M', high: '32M' } }],
			processes: [{ name: 'x', group: '/a' }],
			ops: [
				{ op: 'set', group: '/a', file: 'memory.max', value: '1.5G' },
				{ op: 'set', group: '/a', file: 'memory.high', value: '1.5G' },
				{ op: 'set', group: '/a', file: 'memory.max', value: '1E6' }
			]
		});
		expect(trace.results).toEqual([
			{ ok: false, errno: 'EINVAL' },
			{ ok: false, errno: 'EINVAL' },
			{ ok: false, errno: 'EINVAL' }
		]);
		for (const frame of trace.frames.slice(1)) {
			expect(group(frame, '/a')).toMatchObject({ memoryMax: 64 * M, memoryHigh: 32 * M });
			expect(frame.text).toMatch(/fails with EINVAL: memparse\(\) reads “1.?” and finds/);
		}
	});
	test('memory.max is counted in whole 4 KiB pages, so 5000 bytes become 4 KiB', () => {
		const trace = run({
			groups: [{ path: '/a' }],
			processes: [],
			ops: [{ op: 'set', group: '/a', file: 'memory.max', value: '5000' }]
		});
		expect(group(trace.frames[1], '/a').memoryMax).toBe(4096);
		expect(trace.frames[1].text).toContain('rounds 5,000 bytes down to 4 KiB');
	});
	test('sizes in the scenario’s own fields still take suffixes; only what the model cannot show is refused in a set', () => {
		expect(
			run({ groups: [{ path: '/a', io: { wbps: '1.5M' } }], processes: [], ops: [] }).frames[0]
				.groups[1].wbpsMax
		).toBe(1.5 * M);
		expect(
			errorsOf({
				groups: [{ path: '/a' }],
				processes: [],
				ops: [
					{ op: 'set', group: '/a', file: 'io.max', value: '8:0 riops=100' },
					{ op: 'set', group: '/a', file: 'memory.max', value: '2E' },
					{ op: 'set', group: '/a', file: 'io.max', value: 'wbps=20M' }
				]
			})
		).toEqual([
			'ops[0].value: io.max: riops and wiops are not modelled here (only rbps and wbps)',
			'ops[1].value: memory.max: must be at most 1 PiB in this model'
		]);
	});

	test('the twin without limits never says it removes a limit it did not have', () => {
		const dir = 'static/scenarios/cgroups';
		for (const name of readdirSync(dir)) {
			const scenario = validate(
				cgroupsSchema,
				JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'))
			) as CgroupsScenario;
			const free = simulateCgroups(validate(cgroupsSchema, withoutLimits(scenario)));
			for (const frame of free.frames) {
				expect(frame.text, name).not.toMatch(/removes its|changes its share/);
			}
		}
		const weights = run({
			groups: [{ path: '/a' }, { path: '/b', cpu: { weight: 100 } }],
			processes: [{ name: 'x', group: '/a', cpu: 1 }],
			ops: [
				{ op: 'set', group: '/b', file: 'cpu.weight', value: '100' },
				{ op: 'set', group: '/b', file: 'cpu.max', value: 'max' },
				{ op: 'set', group: '/b', file: 'memory.max', value: 'max' }
			]
		});
		expect(weights.frames.slice(1).map((frame) => frame.text)).toEqual([
			'Writing 100 to /b/cpu.weight leaves its share of contended CPU as it was.',
			'Writing “max” to /b/cpu.max leaves it without a CPU limit, as it already was.',
			'Writing “max” to /b/memory.max leaves it without a memory limit, as it already was.'
		]);
	});
});

describe('validation messages', () => {
	test('name the place and what is wrong', () => {
		expect(
			errorsOf({
				groups: [{ path: '/a/b' }, { path: 'x' }, { path: '/c', cpu: { max: 'lots', weight: 0 } }],
				processes: [{ name: 'p', group: '/nope' }],
				ops: [{ op: 'run' }]
			})
		).toEqual([
			'groups[1].path: must be an absolute path (starting with "/")',
			'groups[2].cpu.weight: must be a whole number from 1 to 10000 (the default is 100)',
			'groups[0].path: its parent "/a" must be listed before it',
			'groups[2].cpu.max: the quota must be a whole number of microseconds or "max"',
			'processes[0].group: no group "/nope" is listed in groups',
			'ops[0].ticks: is required'
		]);
	});
	test('the no-internal-process rule, unique names, references and op keys', () => {
		expect(
			errorsOf({
				groups: [{ path: '/p' }, { path: '/p/c' }],
				processes: [
					{ name: 'a', group: '/p' },
					{ name: 'a', group: '/' }
				],
				ops: [
					{ op: 'fork', parent: 'ghost', name: 'k' },
					{ op: 'set', group: '/', file: 'cpu.max', value: 'max' },
					{ op: 'set', group: '/p', file: 'cpu.max', value: '50000 15000' },
					{ op: 'exit', name: 'a', ticks: 3 }
				]
			})
		).toEqual([
			'processes[0].group: "/p" has child groups; in cgroup v2 processes live only in the root or in a leaf group (the no-internal-process rule)',
			'processes[1].name: "a" is already the name of processes[0] (process names are unique)',
			'ops[0].parent: no process "ghost" is listed or forked before this op',
			'ops[1].group: the root group has no cpu.max (cgroup v2 puts limits on the groups below it)',
			'ops[2].value: cpu.max: the period (15000 µs) must be a whole number of ticks (10000 µs each) in this model',
			'ops[3].ticks: is not a key of a "exit" op (it takes op, name)'
		]);
	});
	test('a file the model does not know', () => {
		expect(
			errorsOf({ processes: [], ops: [{ op: 'set', group: '/p', file: 'swap.max', value: '1' }] })
		).toEqual(['ops[0].file: must be one of cpu.max, cpu.weight, memory.max, memory.high, io.max']);
	});
	test('unknown keys are refused, x- keys kept out of the way', () => {
		expect(errorsOf({ processes: [], ops: [], colour: 1 })).toEqual([
			'colour: unknown key (only keys starting with "x-" may be added)'
		]);
		expect(
			runModel(cgroupsModel, { model: 'cgroups', processes: [], ops: [], 'x-note': 1 }).ok
		).toBe(true);
	});
	test('limits: ticks, groups, processes, ops', () => {
		expect(
			errorsOf({
				processes: [],
				ops: [
					{ op: 'run', ticks: 6000 },
					{ op: 'run', ticks: 6000 }
				]
			})
		).toEqual([
			`ops: the run ops add up to 12000 ticks, more than the limit of ${CGROUPS_LIMITS.ticks}`
		]);
		expect(
			errorsOf({
				groups: Array.from({ length: 17 }, (_, i) => ({ path: `/g${i}` })),
				processes: [],
				ops: []
			})
		).toEqual(['groups: has more than 16 groups (the limit)']);
		const many = Array.from({ length: 32 }, (_, i) => ({ name: `p${i}`, group: '/' }));
		expect(
			errorsOf({ processes: many, ops: [{ op: 'fork', parent: 'p0', name: 'one-more' }] })
		).toEqual(['ops: 32 processes and 1 forks make more than 32 processes (the limit)']);
		expect(
			errorsOf({
				processes: [],
				ops: Array.from({ length: LIMITS.ops + 1 }, () => ({ op: 'run', ticks: 1 }))
			})
		).toContain(`ops: has more than ${LIMITS.ops} ops (the limit)`);
	});
	test('the largest scenario stays under the frame limit', () => {
		const ops = [
			{ op: 'run' as const, ticks: CGROUPS_LIMITS.ticks },
			...Array.from({ length: LIMITS.ops - 1 }, () => ({
				op: 'set' as const,
				group: '/a',
				file: 'cpu.weight' as const,
				value: '5'
			}))
		];
		const trace = run({
			groups: [{ path: '/a' }],
			processes: [{ name: 'p', group: '/a', cpu: 1 }],
			ops
		});
		expect(trace.frames.length).toBe(1 + CGROUPS_LIMITS.ticks + LIMITS.ops - 1);
		expect(trace.frames.length).toBeLessThanOrEqual(LIMITS.frames);
	});
	test('a text field with markup is kept as plain text', () => {
		const outcome = runModel(cgroupsModel, {
			model: 'cgroups',
			title: '<img src=x onerror=alert(1)>',
			processes: [{ name: '<b>x</b>', group: '/' }],
			ops: [{ op: 'exit', name: '<b>x</b>' }]
		});
		expect(outcome.ok && outcome.trace.frames[1].text).toContain('“<b>x</b>” exits');
	});
});
