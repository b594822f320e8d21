/**
 * Model `cgroups`: a cgroup v2 tree in discrete time (docs/trace-format.md,
 * "model cgroups"; Linux Documentation/admin-guide/cgroup-v2.rst).
 *
 * Every tick, in this order:
 * 1. CPU bandwidth periods that have ended are refilled (cpu.max).
 * 2. CPU time is shared out top-down: at each level, siblings split what their
 *    parent got by `cpu.weight` (water-filling), each group capped by what is
 *    left of its quota in the current period (throttled once it runs out).
 * 3. Memory is charged process by process; a charge that would take a group
 *    above `memory.max` first reclaims page cache, then calls the OOM killer,
 *    which kills the process of that group with the most anonymous memory.
 *    Groups above `memory.high` have their cache reclaimed and their processes
 *    slowed down on the next tick.
 * 4. Reads and writes are shared out under each group's `io.max`.
 * Then one frame records the state after the tick.
 */
import {
	FrameRecorder,
	listing,
	quote,
	type Errno,
	type Model,
	type ResultBudget,
	type SimulateOptions,
	type Trace
} from '../core';
import { ROOT, cgroupsSchema, type CgroupsScenario } from './schema';
import { waterfill } from './share';
import {
	WEIGHT_DEFAULT,
	formatBytes,
	formatNumber,
	formatUs,
	parseCpuMax,
	parseSize,
	parseWeight,
	writeCpuMax,
	writeIoMax,
	writeMemory,
	writeWeight,
	type CpuMaxWrite,
	type SetFile
} from './values';

/** How hard memory.high slows a group down: the share of a tick its processes sleep per unit of overage. */
export const HIGH_PENALTY = 10;
/** A process at nice 0 weighs as much as a group at cpu.weight 100. */
const PROCESS_WEIGHT = WEIGHT_DEFAULT;

// ---------------------------------------------------------------- frame state

/** One group as it is after a frame; `path` is its stable id. Numbers are plain, so a frame stays JSON. */
export interface GroupView {
	path: string;
	parent: string | null;
	depth: number;
	/** cpu.max: quota per period in µs (null: "max") and the period. */
	quotaUs: number | null;
	periodUs: number;
	weight: number;
	/** memory.max and memory.high in bytes (null: "max"). */
	memoryMax: number | null;
	memoryHigh: number | null;
	/** io.max read and write limits in bytes per second (null: "max"). */
	rbpsMax: number | null;
	wbpsMax: number | null;
	/** CPU time the group (with everything below it) wanted and got in this tick, µs. */
	cpuWantUs: number;
	cpuUs: number;
	/** CPU time used so far in the current period (with this tick), and when that period began (µs). */
	periodUsedUs: number;
	periodStartUs: number;
	/** The quota ran out in this tick while the group still wanted CPU. */
	throttled: boolean;
	/** memory.current: bytes charged to the group and everything below it, at the end of the tick. */
	memory: number;
	/** Of which page cache (reclaimable). */
	cache: number;
	/** Page cache reclaimed from the group's processes in this tick (or by this op). */
	reclaimed: number;
	/** The share of the next tick its processes sleep because the group is above memory.high (0–1). */
	highSleep: number;
	/** Bytes read and written in this tick, and what was asked for. */
	readBytes: number;
	writeBytes: number;
	readWant: number;
	writeWant: number;
	/** io.max held its reads or writes back in this tick. */
	ioThrottled: boolean;
	/** cpu.stat: usage_usec, nr_periods, nr_throttled, throttled_usec. */
	usageUs: number;
	nrPeriods: number;
	nrThrottled: number;
	throttledUs: number;
	/** memory.events: high, max, oom, oom_kill. */
	eventsHigh: number;
	eventsMax: number;
	eventsOom: number;
	eventsOomKill: number;
}

/** One process; `name` is its stable id. Dead processes stay listed with `alive: false`. */
export interface ProcessView {
	name: string;
	index: number;
	group: string;
	/** The process that forked it, or null for one listed in `processes`. */
	parent: string | null;
	alive: boolean;
	/** How it ended: killed by the OOM killer, or exited; null while alive. */
	end: 'oom' | 'exit' | null;
	/** CPU time wanted and got in this tick, µs. */
	cpuWantUs: number;
	cpuUs: number;
	/** Anonymous memory and page cache charged to it, bytes. */
	anon: number;
	cache: number;
	readBytes: number;
	writeBytes: number;
}

export type CgroupsEvent =
	| { kind: 'start' }
	| {
			kind: 'tick';
			/** 1-based: the frame shows the world after tick `tick`. */
			tick: number;
			/** Processes the OOM killer killed in this tick, with the group that hit memory.max. */
			killed: { name: string; group: string; anon: number }[];
			/** Groups whose quota ran out in this tick for the first time in their period. */
			throttledNow: string[];
			/** Groups whose new period began at the start of this tick after a throttled one. */
			refilled: string[];
			/** Groups that reached memory.max in this tick (and reclaimed, or killed). */
			atMax: string[];
			/** Groups that went above memory.high in this tick (and were reclaimed, or slowed down). */
			atHigh: string[];
	  }
	| {
			kind: 'fork';
			parent: string;
			name: string;
			group: string | null;
			errno: Errno | null;
			killed: { name: string; group: string; anon: number }[];
	  }
	| {
			kind: 'set';
			group: string;
			file: SetFile;
			value: string;
			/** The kernel refused the write (EINVAL, ERANGE, ENODEV); the limits stay as they were. */
			errno: Errno | null;
			killed: { name: string; group: string; anon: number }[];
	  }
	| { kind: 'exit'; name: string; freed: number; errno: Errno | null };

export interface CgroupsState {
	/** Ticks elapsed, and the time at the end of the last one (µs). */
	tick: number;
	timeUs: number;
	tickUs: number;
	cpus: number;
	/** The root first, then the scenario's groups in order (the same order in every frame). */
	groups: readonly GroupView[];
	/** Every process ever created, in creation order. */
	processes: readonly ProcessView[];
	event: CgroupsEvent;
}

export type CgroupsResult =
	| { ok: true; ticks: number; oomKilled: string[] }
	| { ok: true; group: string; oomKilled: string[] }
	| { ok: true; oomKilled: string[] }
	| { ok: true; freed: number }
	| { ok: false; errno: Errno };

export interface CgroupsFinal {
	ticks: number;
	/** Each group's memory and its cpu.stat and memory.events counters at the end. */
	groups: Pick<
		GroupView,
		| 'path'
		| 'memory'
		| 'usageUs'
		| 'nrPeriods'
		| 'nrThrottled'
		| 'throttledUs'
		| 'eventsHigh'
		| 'eventsMax'
		| 'eventsOom'
		| 'eventsOomKill'
	>[];
	processes: { name: string; group: string; alive: boolean; end: 'oom' | 'exit' | null }[];
}

/** What the result budget charges (docs/scenarios.md, "Limits"): oomKilled names, final's groups and processes. */
const BUDGET: ResultBudget<CgroupsFinal> = {
	resultLists: ['oomKilled'],
	finalItems: (final) => final.groups.length + final.processes.length,
	words: "oomKilled names and final's groups and processes"
};

// ---------------------------------------------------------------- runtime

/** A group while the model runs: its view's fields, plus links and this tick's caps. */
interface Group extends Pick<
	GroupView,
	| 'path'
	| 'depth'
	| 'quotaUs'
	| 'periodUs'
	| 'weight'
	| 'memoryMax'
	| 'memoryHigh'
	| 'periodStartUs'
	| 'periodUsedUs'
	| 'memory'
	| 'cache'
	| 'highSleep'
	| 'usageUs'
	| 'nrPeriods'
	| 'nrThrottled'
	| 'throttledUs'
	| 'eventsHigh'
	| 'eventsMax'
	| 'eventsOom'
	| 'eventsOomKill'
	| 'cpuWantUs'
	| 'cpuUs'
	| 'throttled'
	| 'readWant'
	| 'writeWant'
	| 'readBytes'
	| 'writeBytes'
	| 'ioThrottled'
> {
	index: number;
	parent: Group | null;
	children: Group[];
	processes: Proc[];
	rbps: number | null;
	wbps: number | null;
	throttledThisPeriod: boolean;
	activeThisPeriod: boolean;
	// this tick
	cpuCapUs: number;
	readCap: number;
	writeCap: number;
}

interface Proc {
	index: number;
	name: string;
	group: Group;
	parent: string | null;
	alive: boolean;
	end: 'oom' | 'exit' | null;
	cpu: number;
	grow: number;
	cacheGrow: number;
	rbps: number;
	wbps: number;
	anon: number;
	cache: number;
	// this tick
	cpuWantUs: number;
	cpuUs: number;
	reclaimed: number;
	readWant: number;
	writeWant: number;
	readBytes: number;
	writeBytes: number;
	view: ProcessView | null;
}

type Kill = { name: string; group: string; anon: number };
type TickOutcome = {
	killed: Kill[];
	throttledNow: string[];
	refilled: string[];
	atMax: string[];
	atHigh: string[];
};

const sizeOf = (input: unknown, fallback: number): number => {
	if (input === undefined) return fallback;
	const parsed = parseSize(input, { allowMax: true });
	return parsed.ok && parsed.value !== null ? parsed.value : fallback;
};
const limitOf = (input: unknown): number | null => {
	if (input === undefined) return null;
	const parsed = parseSize(input, { allowMax: true });
	return parsed.ok ? parsed.value : null;
};

/** What memory.max or memory.high holds after the kernel took `value`. */
const memoryOf = (value: string): number | null => {
	const write = writeMemory(value);
	return write.ok ? write.value : null;
};

function chain(group: Group): Group[] {
	const out: Group[] = [];
	for (let g: Group | null = group; g; g = g.parent) out.push(g);
	return out;
}

function isWithin(group: Group, ancestor: Group): boolean {
	for (let g: Group | null = group; g; g = g.parent) if (g === ancestor) return true;
	return false;
}

/** The cgroup tree and its processes while a scenario runs: what every step reads and changes. */
interface Machine {
	readonly tickUs: number;
	readonly cpus: number;
	readonly root: Group;
	readonly groups: Group[];
	readonly byPath: Map<string, Group>;
	readonly procs: Proc[];
	readonly byName: Map<string, Proc>;
	tick: number;
	nowUs: number;
}

interface Behaviour {
	cpu: number;
	grow: number;
	cacheGrow: number;
	rbps: number;
	wbps: number;
}

function newGroup(path: string, parent: Group | null, index: number): Group {
	return {
		index,
		path,
		parent,
		depth: parent ? parent.depth + 1 : 0,
		children: [],
		processes: [],
		quotaUs: null,
		periodUs: 100_000,
		weight: WEIGHT_DEFAULT,
		memoryMax: null,
		memoryHigh: null,
		rbps: null,
		wbps: null,
		periodStartUs: 0,
		periodUsedUs: 0,
		throttledThisPeriod: false,
		activeThisPeriod: false,
		memory: 0,
		cache: 0,
		highSleep: 0,
		usageUs: 0,
		nrPeriods: 0,
		nrThrottled: 0,
		throttledUs: 0,
		eventsHigh: 0,
		eventsMax: 0,
		eventsOom: 0,
		eventsOomKill: 0,
		cpuWantUs: 0,
		cpuCapUs: 0,
		cpuUs: 0,
		throttled: false,
		readWant: 0,
		writeWant: 0,
		readCap: 0,
		writeCap: 0,
		readBytes: 0,
		writeBytes: 0,
		ioThrottled: false
	};
}

/** The scenario's groups under the root, with their limits, before any process starts. */
function buildMachine(scenario: CgroupsScenario): Machine {
	const tickUs = (scenario.tickMs ?? 10) * 1000;
	const root = newGroup(ROOT, null, 0);
	const groups: Group[] = [root];
	const byPath = new Map<string, Group>([[ROOT, root]]);
	for (const spec of scenario.groups ?? []) {
		const parentPath = spec.path.slice(0, spec.path.lastIndexOf('/')) || ROOT;
		const parent = byPath.get(parentPath)!;
		const group = newGroup(spec.path, parent, groups.length);
		parent.children.push(group);
		if (spec.cpu?.max !== undefined) {
			const parsed = parseCpuMax(spec.cpu.max, tickUs);
			if (parsed.ok) {
				group.quotaUs = parsed.value.quotaUs;
				group.periodUs = parsed.value.periodUs;
			}
		}
		if (spec.cpu?.weight !== undefined) {
			const parsed = parseWeight(spec.cpu.weight);
			if (parsed.ok) group.weight = parsed.value;
		}
		group.memoryMax = limitOf(spec.memory?.max);
		group.memoryHigh = limitOf(spec.memory?.high);
		group.rbps = limitOf(spec.io?.rbps);
		group.wbps = limitOf(spec.io?.wbps);
		groups.push(group);
		byPath.set(spec.path, group);
	}
	return {
		tickUs,
		cpus: scenario.cpus ?? 1,
		root,
		groups,
		byPath,
		procs: [],
		byName: new Map(),
		tick: 0,
		nowUs: 0
	};
}

function addProcess(
	m: Machine,
	name: string,
	group: Group,
	parent: string | null,
	behaviour: Behaviour
): Proc {
	const proc: Proc = {
		index: m.procs.length,
		name,
		group,
		parent,
		alive: true,
		end: null,
		cpu: behaviour.cpu,
		grow: behaviour.grow,
		cacheGrow: behaviour.cacheGrow,
		rbps: behaviour.rbps,
		wbps: behaviour.wbps,
		anon: 0,
		cache: 0,
		cpuWantUs: 0,
		cpuUs: 0,
		reclaimed: 0,
		readWant: 0,
		writeWant: 0,
		readBytes: 0,
		writeBytes: 0,
		view: null
	};
	m.procs.push(proc);
	group.processes.push(proc);
	m.byName.set(name, proc);
	return proc;
}

// ---------------------------------------------------------------- memory

/** Changes what `proc` holds, and what its group and every ancestor are charged. */
function adjust(proc: Proc, anon: number, cache: number) {
	proc.anon += anon;
	proc.cache += cache;
	for (const g of chain(proc.group)) {
		g.memory += anon + cache;
		g.cache += cache;
	}
}

function liveIn(m: Machine, group: Group): Proc[] {
	return m.procs.filter((p) => p.alive && isWithin(p.group, group));
}

/** Drops page cache of `group`'s processes, oldest process first, up to `need` bytes. */
function reclaim(m: Machine, group: Group, need: number): number {
	let done = 0;
	for (const proc of liveIn(m, group)) {
		if (done >= need) break;
		const take = Math.min(proc.cache, need - done);
		if (take > 0) {
			adjust(proc, 0, -take);
			proc.reclaimed += take;
			done += take;
		}
	}
	return done;
}

function kill(proc: Proc, end: 'oom' | 'exit') {
	adjust(proc, -proc.anon, -proc.cache);
	proc.alive = false;
	proc.end = end;
	proc.cpuWantUs = 0;
	proc.cpuUs = 0;
	proc.readWant = proc.writeWant = proc.readBytes = proc.writeBytes = 0;
}

/**
 * The OOM killer inside `group`: the live process with the most anonymous
 * memory (oom_badness() counts resident pages; the cache is gone by now),
 * counting an allocation in flight as its allocator's. Ties go to the newest
 * process (select_bad_process() keeps the last of equal scores).
 */
function oomKill(
	m: Machine,
	group: Group,
	allocating: Proc | null,
	pending: number,
	killed: Kill[]
): Proc | null {
	let victim: Proc | null = null;
	let best = -1;
	for (const proc of liveIn(m, group)) {
		const score = proc.anon + (proc === allocating ? pending : 0);
		if (score >= best) {
			best = score;
			victim = proc;
		}
	}
	if (!victim) return null;
	killed.push({ name: victim.name, group: group.path, anon: victim.anon });
	group.eventsOom++;
	group.eventsOomKill++;
	kill(victim, 'oom');
	return victim;
}

/** try_charge(): charge `anon` + `cache` bytes to `proc`, reclaiming and OOM-killing as needed. */
function charge(m: Machine, proc: Proc, anon: number, cache: number, killed: Kill[]) {
	const total = anon + cache;
	if (total <= 0) return;
	for (;;) {
		const over = chain(proc.group).find(
			(g) => g.memoryMax !== null && g.memory + total > g.memoryMax
		);
		if (!over) {
			adjust(proc, anon, cache);
			return;
		}
		over.eventsMax++;
		const need = over.memory + total - over.memoryMax!;
		if (reclaim(m, over, need) >= need) continue;
		const victim = oomKill(m, over, proc, total, killed);
		if (!victim || victim === proc) return;
	}
}

/** After memory.max is lowered: reclaim, then kill, until the group fits. */
function shrinkTo(m: Machine, group: Group, killed: Kill[]) {
	if (group.memoryMax === null || group.memory <= group.memoryMax) return;
	group.eventsMax++;
	while (group.memory > group.memoryMax) {
		const need = group.memory - group.memoryMax;
		if (reclaim(m, group, need) >= need) break;
		if (!oomKill(m, group, null, 0, killed)) break;
	}
}

// ---------------------------------------------------------------- one tick

/** How much of the tick `proc` sleeps because a group around it is above memory.high. */
function sleepOf(proc: Proc): number {
	return Math.max(...chain(proc.group).map((g) => g.highSleep));
}

/** 1. New periods (cpu.max): the quota is refilled; there is no carry-over. Returns the refilled groups. */
function refillPeriods(m: Machine, startUs: number): string[] {
	const refilled: string[] = [];
	for (const g of m.groups) {
		if (g.quotaUs === null) continue;
		if (startUs >= g.periodStartUs + g.periodUs) {
			const elapsed = Math.floor((startUs - g.periodStartUs) / g.periodUs);
			g.periodStartUs += elapsed * g.periodUs;
			if (g.throttledThisPeriod) refilled.push(g.path);
			g.periodUsedUs = 0;
			g.throttledThisPeriod = false;
			g.activeThisPeriod = false;
		}
	}
	return refilled;
}

/** Bottom-up: what each group asks of its parent, capped by its quota left. */
function cpuDemand(g: Group): number {
	let want = 0;
	for (const proc of g.processes) want += proc.cpuWantUs;
	for (const child of g.children) want += cpuDemand(child);
	g.cpuWantUs = want;
	g.throttled = false;
	g.cpuCapUs = want;
	if (g.quotaUs !== null) {
		const left = Math.max(0, g.quotaUs - g.periodUsedUs);
		if (want > left) {
			g.cpuCapUs = left;
			g.throttled = true;
		}
	}
	return g.cpuCapUs;
}

/** Top-down: siblings share what their parent got, by weight. */
function distributeCpu(g: Group, amount: number) {
	const entities = [...g.children, ...g.processes.filter((p) => p.alive)];
	const grants = waterfill(
		amount,
		entities.map((e) => ('children' in e ? e.cpuCapUs : e.cpuWantUs)),
		entities.map((e) => ('children' in e ? e.weight : PROCESS_WEIGHT))
	);
	g.cpuUs = grants.reduce((sum, x) => sum + x, 0);
	entities.forEach((e, i) => {
		if ('children' in e) distributeCpu(e, grants[i]);
		else e.cpuUs = grants[i];
	});
}

/** 2. CPU, shared by weight under each quota. Returns the groups throttled for the first time this period. */
function shareCpu(m: Machine): string[] {
	const throttledNow: string[] = [];
	// What each process wants (less while memory.high makes it sleep).
	for (const proc of m.procs) {
		proc.cpuUs = 0;
		proc.cpuWantUs = proc.alive ? Math.round(proc.cpu * m.tickUs * (1 - sleepOf(proc))) : 0;
	}
	cpuDemand(m.root);
	distributeCpu(m.root, m.cpus * m.tickUs);
	for (const g of m.groups) {
		g.usageUs += g.cpuUs;
		if (g.quotaUs === null) continue;
		g.periodUsedUs += g.cpuUs;
		if (g.cpuWantUs > 0 && !g.activeThisPeriod) {
			g.activeThisPeriod = true;
			g.nrPeriods++;
		}
		if (g.throttled) {
			g.throttledUs += Math.round((m.tickUs * (g.cpuWantUs - g.cpuCapUs)) / g.cpuWantUs);
			if (!g.throttledThisPeriod) {
				g.throttledThisPeriod = true;
				g.nrThrottled++;
				throttledNow.push(g.path);
			}
		}
	}
	return throttledNow;
}

/** 3a. Allocations, process by process in creation order. Returns the groups that hit memory.max. */
function chargeTick(m: Machine, killed: Kill[]): string[] {
	const maxBefore = m.groups.map((g) => g.eventsMax);
	for (const proc of m.procs) {
		if (!proc.alive) continue;
		const slow = 1 - sleepOf(proc);
		charge(m, proc, Math.round(proc.grow * slow), Math.round(proc.cacheGrow * slow), killed);
	}
	return m.groups.filter((g, i) => g.eventsMax > maxBefore[i]).map((g) => g.path);
}

/** 3b. memory.high: reclaim down to it; what stays above slows the group down next tick. */
function throttleHigh(m: Machine): string[] {
	const atHigh: string[] = [];
	for (const g of m.groups) {
		g.highSleep = 0;
		if (g.memoryHigh === null || g.memory <= g.memoryHigh) continue;
		g.eventsHigh++;
		atHigh.push(g.path);
		reclaim(m, g, g.memory - g.memoryHigh);
		if (g.memory > g.memoryHigh) {
			const overage = g.memoryHigh === 0 ? 1 : (g.memory - g.memoryHigh) / g.memoryHigh;
			g.highSleep = Math.min(1, Math.round(overage * HIGH_PENALTY * 1000) / 1000);
		}
	}
	return atHigh;
}

/** 4. I/O under io.max, shared equally among a group's processes. */
function shareIo(m: Machine) {
	const toBytes = (rate: number) => Math.round((rate * m.tickUs) / 1_000_000);
	for (const proc of m.procs) {
		const slow = proc.alive ? 1 - sleepOf(proc) : 0;
		proc.readWant = Math.round(toBytes(proc.rbps) * slow);
		proc.writeWant = Math.round(toBytes(proc.wbps) * slow);
		proc.readBytes = proc.writeBytes = 0;
	}
	const ioDemand = (g: Group) => {
		g.readWant = g.processes.reduce((s, p) => s + p.readWant, 0);
		g.writeWant = g.processes.reduce((s, p) => s + p.writeWant, 0);
		for (const child of g.children) {
			ioDemand(child);
			g.readWant += child.readCap;
			g.writeWant += child.writeCap;
		}
		g.readCap = g.rbps === null ? g.readWant : Math.min(g.readWant, toBytes(g.rbps));
		g.writeCap = g.wbps === null ? g.writeWant : Math.min(g.writeWant, toBytes(g.wbps));
		g.ioThrottled = g.readCap < g.readWant || g.writeCap < g.writeWant;
	};
	ioDemand(m.root);
	const ioShare = (g: Group, read: number, write: number) => {
		g.readBytes = read;
		g.writeBytes = write;
		const entities = [...g.children, ...g.processes.filter((p) => p.alive)];
		const ones = entities.map(() => 1);
		const reads = waterfill(
			read,
			entities.map((e) => ('children' in e ? e.readCap : e.readWant)),
			ones
		);
		const writes = waterfill(
			write,
			entities.map((e) => ('children' in e ? e.writeCap : e.writeWant)),
			ones
		);
		entities.forEach((e, i) => {
			if ('children' in e) ioShare(e, reads[i], writes[i]);
			else {
				e.readBytes = reads[i];
				e.writeBytes = writes[i];
			}
		});
	};
	ioShare(m.root, m.root.readCap, m.root.writeCap);
}

/** One tick, in the order the file's header gives. */
function runTick(m: Machine): TickOutcome {
	m.tick++;
	const startUs = m.nowUs;
	m.nowUs += m.tickUs;
	const killed: Kill[] = [];
	for (const proc of m.procs) proc.reclaimed = 0;
	const refilled = refillPeriods(m, startUs);
	const throttledNow = shareCpu(m);
	const atMax = chargeTick(m, killed);
	const atHigh = throttleHigh(m);
	shareIo(m);
	return { killed, throttledNow, refilled, atMax, atHigh };
}

// ---------------------------------------------------------------- frames

/** Records frames of the machine's state; unchanged process views are shared between frames. */
function frameRecorder(
	m: Machine,
	options: SimulateOptions
): {
	recorder: FrameRecorder<CgroupsState, CgroupsResult, CgroupsFinal>;
	record: (event: CgroupsEvent, text: string) => void;
} {
	const recorder = new FrameRecorder<CgroupsState, CgroupsResult, CgroupsFinal>({
		...options,
		budget: BUDGET
	});

	const groupViews = (): GroupView[] => {
		const reclaimedIn = (g: Group) =>
			m.procs.reduce((sum, p) => sum + (isWithin(p.group, g) ? p.reclaimed : 0), 0);
		return m.groups.map((g) => ({
			path: g.path,
			parent: g.parent?.path ?? null,
			depth: g.depth,
			quotaUs: g.quotaUs,
			periodUs: g.periodUs,
			weight: g.weight,
			memoryMax: g.memoryMax,
			memoryHigh: g.memoryHigh,
			rbpsMax: g.rbps,
			wbpsMax: g.wbps,
			cpuWantUs: g.cpuWantUs,
			cpuUs: g.cpuUs,
			periodUsedUs: g.periodUsedUs,
			periodStartUs: g.periodStartUs,
			throttled: g.throttled,
			memory: g.memory,
			cache: g.cache,
			reclaimed: reclaimedIn(g),
			highSleep: g.highSleep,
			readBytes: g.readBytes,
			writeBytes: g.writeBytes,
			readWant: g.readWant,
			writeWant: g.writeWant,
			ioThrottled: g.ioThrottled,
			usageUs: g.usageUs,
			nrPeriods: g.nrPeriods,
			nrThrottled: g.nrThrottled,
			throttledUs: g.throttledUs,
			eventsHigh: g.eventsHigh,
			eventsMax: g.eventsMax,
			eventsOom: g.eventsOom,
			eventsOomKill: g.eventsOomKill
		}));
	};

	let lastProcesses: readonly ProcessView[] = [];
	const processViews = (): readonly ProcessView[] => {
		let changed = lastProcesses.length !== m.procs.length;
		const views = m.procs.map((p) => {
			const next: ProcessView = {
				name: p.name,
				index: p.index,
				group: p.group.path,
				parent: p.parent,
				alive: p.alive,
				end: p.end,
				cpuWantUs: p.cpuWantUs,
				cpuUs: p.cpuUs,
				anon: p.anon,
				cache: p.cache,
				readBytes: p.readBytes,
				writeBytes: p.writeBytes
			};
			const prev = p.view;
			if (prev && (Object.keys(next) as (keyof ProcessView)[]).every((k) => prev[k] === next[k])) {
				return prev;
			}
			changed = true;
			p.view = next;
			return next;
		});
		// Frames share structure: an unchanged list is the very same array.
		if (changed) lastProcesses = views;
		return lastProcesses;
	};

	const record = (event: CgroupsEvent, text: string) => {
		if (options.recordFrames === false) {
			recorder.record({} as CgroupsState, text);
			return;
		}
		recorder.record(
			{
				tick: m.tick,
				timeUs: m.nowUs,
				tickUs: m.tickUs,
				cpus: m.cpus,
				groups: groupViews(),
				processes: processViews(),
				event
			},
			text
		);
	};
	return { recorder, record };
}

type RecordFrame = (event: CgroupsEvent, text: string) => void;
type Op = CgroupsScenario['ops'][number];

// ---------------------------------------------------------------- operations

function runOp(m: Machine, op: Op, record: RecordFrame): CgroupsResult {
	const oomKilled: string[] = [];
	for (let i = 0; i < op.ticks!; i++) {
		const outcome = runTick(m);
		oomKilled.push(...outcome.killed.map((k) => k.name));
		record(
			{ kind: 'tick', tick: m.tick, ...outcome },
			narrateTick(m.tick, m.tickUs, m.cpus, m.groups, m.procs, outcome)
		);
	}
	return { ok: true, ticks: op.ticks!, oomKilled };
}

function forkOp(m: Machine, op: Op, record: RecordFrame): CgroupsResult {
	const parent = m.byName.get(op.parent!);
	const killed: Kill[] = [];
	if (!parent || !parent.alive) {
		record(
			{
				kind: 'fork',
				parent: op.parent!,
				name: op.name!,
				group: null,
				errno: 'ESRCH',
				killed
			},
			`${quote(op.parent!)} cannot fork ${quote(op.name!)}: it is no longer running (ESRCH).`
		);
		// The name is still taken, so later ops that name it get ESRCH too.
		return { ok: false, errno: 'ESRCH' };
	}
	const start = sizeOf(op.memory?.start, 0);
	const child = addProcess(m, op.name!, parent.group, parent.name, {
		cpu: op.cpu ?? parent.cpu,
		grow: sizeOf(op.memory?.grow, parent.grow),
		cacheGrow: sizeOf(op.memory?.cache, parent.cacheGrow),
		rbps: sizeOf(op.io?.rbps, parent.rbps),
		wbps: sizeOf(op.io?.wbps, parent.wbps)
	});
	charge(m, child, start, 0, killed);
	const g = parent.group.path;
	record(
		{ kind: 'fork', parent: parent.name, name: child.name, group: g, errno: null, killed },
		killed.length
			? `${quote(parent.name)} forks ${quote(child.name)} into ${g}, and charging its memory there takes ${g} past memory.max, so the OOM killer kills ${listing(killed.map((k) => quote(k.name)))}.`
			: `${quote(parent.name)} forks ${quote(child.name)}, which starts in ${g} like its parent: a child stays in its parent’s cgroup.`
	);
	return { ok: true, group: g, oomKilled: killed.map((k) => k.name) };
}

type Written = { text: string; errno: Errno | null };

/** Writes `value` to the group's interface file; returns the narration, and the errno if the kernel refuses it. */
function writeFile(
	m: Machine,
	group: Group,
	file: SetFile,
	value: string,
	killed: Kill[]
): Written {
	const write =
		file === 'cpu.max'
			? writeCpuMax(value)
			: file === 'cpu.weight'
				? writeWeight(value)
				: file === 'io.max'
					? writeIoMax(value)
					: writeMemory(value);
	if (!write.ok) {
		return {
			text: `Writing “${value}” to ${group.path}/${file} fails with ${write.errno}: ${write.reason}. The group’s limits stay as they were.`,
			errno: write.errno
		};
	}
	const notes = write.notes.length ? ` ${write.notes.join(' ')}` : '';
	const text =
		file === 'cpu.max'
			? writeQuota(m, group, value, write.value as CpuMaxWrite)
			: file === 'cpu.weight'
				? writeShare(group, value, write.value as number)
				: writeLimit(m, group, file, value, killed);
	return { text: text + notes, errno: null };
}

/** cpu.max, for a value the kernel takes: a period it leaves out stays as it was. */
function writeQuota(m: Machine, group: Group, value: string, write: CpuMaxWrite): string {
	const wasLimited = group.quotaUs !== null;
	group.quotaUs = write.quotaUs;
	if (write.periodUs !== null) group.periodUs = write.periodUs;
	// tg_set_cfs_bandwidth(): the runtime is refilled and a new period starts now.
	group.periodStartUs = m.nowUs;
	group.periodUsedUs = 0;
	group.throttledThisPeriod = false;
	group.activeThisPeriod = false;
	group.throttled = false;
	return group.quotaUs === null
		? wasLimited
			? `Writing “${value}” to ${group.path}/cpu.max removes its CPU limit.`
			: `Writing “${value}” to ${group.path}/cpu.max leaves it without a CPU limit, as it already was.`
		: `Writing “${value}” to ${group.path}/cpu.max lets ${group.path} run ${formatUs(group.quotaUs)} in every ${formatUs(group.periodUs)} period, starting with a fresh period now.`;
}

/** cpu.weight, for a value the kernel takes. */
function writeShare(group: Group, value: string, weight: number): string {
	const before = group.weight;
	group.weight = weight;
	const written = value === String(weight) ? value : `“${value}”`;
	return weight === before
		? `Writing ${written} to ${group.path}/cpu.weight leaves its share of contended CPU as it was.`
		: `Writing ${written} to ${group.path}/cpu.weight changes its share of contended CPU against its sibling groups.`;
}

/** memory.max, memory.high and io.max, for a value the kernel takes. */
function writeLimit(
	m: Machine,
	group: Group,
	file: SetFile,
	value: string,
	killed: Kill[]
): string {
	switch (file) {
		case 'memory.max': {
			const wasLimited = group.memoryMax !== null;
			group.memoryMax = memoryOf(value);
			shrinkTo(m, group, killed);
			return group.memoryMax === null
				? wasLimited
					? `Writing “max” to ${group.path}/memory.max removes its memory limit.`
					: `Writing “max” to ${group.path}/memory.max leaves it without a memory limit, as it already was.`
				: killed.length
					? `Writing “${value}” to ${group.path}/memory.max puts its limit below what it uses, and reclaim is not enough, so the OOM killer kills ${listing(killed.map((k) => quote(k.name)))}.`
					: `Writing “${value}” to ${group.path}/memory.max limits ${group.path} and everything in it to ${formatBytes(group.memoryMax)}.`;
		}
		case 'memory.high': {
			const hadThreshold = group.memoryHigh !== null;
			group.memoryHigh = memoryOf(value);
			if (group.memoryHigh !== null && group.memory > group.memoryHigh) {
				reclaim(m, group, group.memory - group.memoryHigh);
			}
			return group.memoryHigh === null
				? hadThreshold
					? `Writing “max” to ${group.path}/memory.high removes its throttling threshold.`
					: `Writing “max” to ${group.path}/memory.high leaves it without a throttling threshold, as it already was.`
				: `Writing “${value}” to ${group.path}/memory.high: above ${formatBytes(group.memoryHigh)} the kernel reclaims its memory and slows it down, but never kills.`;
		}
		case 'io.max': {
			const wasLimited = group.rbps !== null || group.wbps !== null;
			const parsed = writeIoMax(value);
			if (parsed.ok) {
				if (parsed.value.rbps !== undefined) group.rbps = parsed.value.rbps;
				if (parsed.value.wbps !== undefined) group.wbps = parsed.value.wbps;
			}
			const { rbps, wbps } = group;
			const written = `Writing “${value}” to ${group.path}/io.max`;
			if (rbps === null && wbps === null)
				return wasLimited
					? `${written} removes its limits on reads and writes.`
					: `${written} leaves its reads and writes without a limit, as they already were.`;
			if (rbps !== null && wbps !== null)
				return `${written} limits its reads to ${formatBytes(rbps)}/s and its writes to ${formatBytes(wbps)}/s.`;
			return rbps !== null
				? `${written} limits its reads to ${formatBytes(rbps)}/s; its writes have no limit.`
				: `${written} limits its writes to ${formatBytes(wbps!)}/s; its reads have no limit.`;
		}
	}
	return '';
}

function setOp(m: Machine, op: Op, record: RecordFrame): CgroupsResult {
	const group = m.byPath.get(op.group!)!;
	const file = op.file as SetFile;
	const value = String(op.value);
	const killed: Kill[] = [];
	for (const proc of m.procs) proc.reclaimed = 0;
	const { text, errno } = writeFile(m, group, file, value, killed);
	record({ kind: 'set', group: group.path, file, value, errno, killed }, text);
	return errno ? { ok: false, errno } : { ok: true, oomKilled: killed.map((k) => k.name) };
}

function exitOp(m: Machine, op: Op, record: RecordFrame): CgroupsResult {
	const proc = m.byName.get(op.name!);
	if (!proc || !proc.alive) {
		record(
			{ kind: 'exit', name: op.name!, freed: 0, errno: 'ESRCH' },
			`${quote(op.name!)} cannot exit: it is not running (ESRCH).`
		);
		return { ok: false, errno: 'ESRCH' };
	}
	const freed = proc.anon + proc.cache;
	// The model keeps page cache per process, so it leaves with the process; the
	// narration says where Linux differs (the lesson lists it among the simplifications).
	const cacheNote =
		proc.cache > 0
			? ` Its ${formatBytes(proc.cache)} of page cache go with it here; in Linux they would stay charged to the group until reclaimed.`
			: '';
	kill(proc, 'exit');
	record(
		{ kind: 'exit', name: proc.name, freed, errno: null },
		`${quote(proc.name)} exits, and the ${formatBytes(freed)} charged to it are freed from ${proc.group.path}.${cacheNote}`
	);
	return { ok: true, freed };
}

const OPS: Record<Op['op'], (m: Machine, op: Op, record: RecordFrame) => CgroupsResult> = {
	run: runOp,
	fork: forkOp,
	set: setOp,
	exit: exitOp
};

export function simulateCgroups(
	scenario: CgroupsScenario,
	options: SimulateOptions = {}
): Trace<CgroupsState, CgroupsFinal, CgroupsResult> {
	const m = buildMachine(scenario);
	const { recorder, record } = frameRecorder(m, options);

	for (const spec of scenario.processes) {
		const proc = addProcess(m, spec.name, m.byPath.get(spec.group)!, null, {
			cpu: spec.cpu ?? 0,
			grow: sizeOf(spec.memory?.grow, 0),
			cacheGrow: sizeOf(spec.memory?.cache, 0),
			rbps: sizeOf(spec.io?.rbps, 0),
			wbps: sizeOf(spec.io?.wbps, 0)
		});
		charge(m, proc, sizeOf(spec.memory?.start, 0), 0, []);
	}
	record({ kind: 'start' }, openingText(scenario, m.groups.length - 1, m.tickUs, m.cpus));

	scenario.ops.forEach((op, opIndex) => {
		recorder.beginOp(opIndex);
		recorder.result(OPS[op.op](m, op, record));
	});

	const final = recorder.final({
		ticks: m.tick,
		groups: m.groups.map((g) => ({
			path: g.path,
			memory: g.memory,
			usageUs: g.usageUs,
			nrPeriods: g.nrPeriods,
			nrThrottled: g.nrThrottled,
			throttledUs: g.throttledUs,
			eventsHigh: g.eventsHigh,
			eventsMax: g.eventsMax,
			eventsOom: g.eventsOom,
			eventsOomKill: g.eventsOomKill
		})),
		processes: m.procs.map((p) => ({
			name: p.name,
			group: p.group.path,
			alive: p.alive,
			end: p.end
		}))
	});
	return {
		model: 'cgroups',
		frames: recorder.frames,
		results: recorder.results,
		final
	};
}

// ---------------------------------------------------------------- narration

function openingText(
	scenario: CgroupsScenario,
	groupCount: number,
	tickUs: number,
	cpus: number
): string {
	const procs = scenario.processes.length;
	return `${procs === 1 ? 'One process' : `${procs} processes`} in ${groupCount === 0 ? 'the root group' : groupCount === 1 ? 'one group' : `${groupCount} groups`} on ${cpus === 1 ? 'one CPU' : `${cpus} CPUs`}, stepped ${formatUs(tickUs)} at a time.`;
}

function span(tick: number, tickUs: number): string {
	const from = ((tick - 1) * tickUs) / 1000;
	const to = (tick * tickUs) / 1000;
	return `Tick ${tick} (${formatNumber(from)}–${formatNumber(to)} ms)`;
}

function names(paths: string[]): string {
	return paths.length > 3 ? `${listing(paths.slice(0, 3))} and others` : listing(paths);
}

/** One sentence for a tick: the most telling thing that happened in it. */
export function narrateTick(
	tick: number,
	tickUs: number,
	cpus: number,
	groups: readonly Group[],
	procs: readonly Proc[],
	outcome: TickOutcome
): string {
	const at = span(tick, tickUs);
	const byPath = new Map(groups.map((g) => [g.path, g]));
	if (outcome.killed.length) {
		const first = outcome.killed[0];
		const g = byPath.get(first.group)!;
		const victims = listing(outcome.killed.map((k) => quote(k.name)));
		return `${at}: ${g.path} hits memory.max (${formatBytes(g.memoryMax ?? 0)}) with no page cache left to reclaim, so the OOM killer kills ${victims}, the process with the most memory there (${formatBytes(first.anon)}).`;
	}
	if (outcome.throttledNow.length) {
		const g = byPath.get(outcome.throttledNow[0])!;
		const end = (g.periodStartUs + g.periodUs) / 1000;
		return `${at}: ${names(outcome.throttledNow)} ${outcome.throttledNow.length > 1 ? 'have' : 'has'} used the whole quota of ${formatUs(g.quotaUs ?? 0)} for this ${formatUs(g.periodUs)} period, so ${outcome.throttledNow.length > 1 ? 'they are' : 'it is'} throttled until ${formatNumber(end)} ms.`;
	}
	const reclaimedAtMax = outcome.atMax.map((path) => byPath.get(path)!);
	const overHigh = groups.filter((g) => g.highSleep > 0);
	if (overHigh.length) {
		const g = overHigh[0];
		return `${at}: ${g.path} is above memory.high (${formatBytes(g.memoryHigh ?? 0)}), so the kernel reclaims what it can and makes its processes sleep for ${Math.round(g.highSleep * 100)}% of the next tick instead of killing anything.`;
	}
	if (outcome.atHigh.length) {
		const g = byPath.get(outcome.atHigh[0])!;
		const amount = procs.reduce((s, p) => s + (isWithin(p.group, g) ? p.reclaimed : 0), 0);
		return `${at}: ${g.path} went above memory.high (${formatBytes(g.memoryHigh ?? 0)}), so the kernel reclaimed ${formatBytes(amount)} of its page cache to bring it back down.`;
	}
	if (reclaimedAtMax.length) {
		const g = reclaimedAtMax[0];
		const amount = procs.reduce((s, p) => s + (isWithin(p.group, g) ? p.reclaimed : 0), 0);
		return `${at}: ${g.path} is at memory.max (${formatBytes(g.memoryMax ?? 0)}), so the kernel reclaims ${formatBytes(amount)} of page cache to make room instead of killing anything.`;
	}
	const exhausted = groups.filter(
		(g) => g.quotaUs !== null && !g.throttled && g.cpuUs > 0 && g.periodUsedUs >= g.quotaUs
	);
	if (exhausted.length) {
		const g = exhausted[0];
		const end = (g.periodStartUs + g.periodUs) / 1000;
		return `${at}: ${g.path} has now used all ${formatUs(g.quotaUs ?? 0)} of its quota, so if it wants more before ${formatNumber(end)} ms it will be throttled.`;
	}
	const stillThrottled = groups.filter((g) => g.throttled);
	if (stillThrottled.length) {
		const g = stillThrottled[0];
		const end = (g.periodStartUs + g.periodUs) / 1000;
		return `${at}: ${names(stillThrottled.map((x) => x.path))} ${stillThrottled.length > 1 ? 'stay' : 'stays'} throttled: no quota is left until the next period starts at ${formatNumber(end)} ms.`;
	}
	if (outcome.refilled.length) {
		const g = byPath.get(outcome.refilled[0])!;
		return `${at}: a new period begins, so ${g.path} has its ${formatUs(g.quotaUs ?? 0)} quota again and its processes run.`;
	}
	const ioHeld = groups.filter((g) => g.ioThrottled && g.parent);
	if (ioHeld.length) {
		const g = ioHeld[0];
		const tickS = tickUs / 1_000_000;
		const writes = g.writeBytes < g.writeWant;
		const rate = (writes ? g.writeBytes : g.readBytes) / tickS;
		const want = (writes ? g.writeWant : g.readWant) / tickS;
		return `${at}: io.max holds ${g.path} to ${formatBytes(rate)}/s of ${writes ? 'writes' : 'reads'}, though its processes would ${writes ? 'write' : 'read'} ${formatBytes(want)}/s.`;
	}
	const root = groups[0];
	const counting = groups.filter((g) => g.quotaUs !== null && g.cpuUs > 0);
	if (counting.length) {
		const g = counting[0];
		return `${at}: ${g.path} runs ${formatUs(g.cpuUs)} and has used ${formatUs(g.periodUsedUs)} of its ${formatUs(g.quotaUs ?? 0)} quota for this period.`;
	}
	const capacity = cpus * tickUs;
	const busy = groups.filter((g) => g.parent === root && g.cpuUs > 0);
	if (root.cpuWantUs > capacity && busy.length >= 2) {
		// A group that wants less than its weight's share gets all it wants, and the others
		// the rest: saying only "by cpu.weight" left an 8 : 2 split at equal weights unexplained.
		const content = busy.filter((g) => g.cpuUs >= g.cpuWantUs);
		const wanting = busy.filter((g) => g.cpuUs < g.cpuWantUs);
		if (content.length && wanting.length) {
			const got = listing(
				content.slice(0, 2).map((g) => `${g.path} wants only ${formatUs(g.cpuWantUs)} and gets it`)
			);
			const rest =
				wanting.length === 1
					? `${wanting[0].path} gets the other ${formatUs(wanting[0].cpuUs)}`
					: `the others share the rest by cpu.weight: ${listing(
							wanting.slice(0, 3).map((g) => `${g.path} ${formatUs(g.cpuUs)} (weight ${g.weight})`)
						)}`;
			return `${at}: the CPU is contended, but ${got}, so ${rest}.`;
		}
		const parts = busy
			.slice(0, 3)
			.map((g) => `${g.path} ${formatUs(g.cpuUs)} (weight ${g.weight})`);
		// Three are named; the rest are counted, so the list does not read as complete.
		const rest = busy.length - parts.length;
		if (rest > 0) parts.push(`${rest} more group${rest === 1 ? '' : 's'}`);
		return `${at}: the CPU is contended, so the groups share it by cpu.weight: ${listing(parts)}.`;
	}
	const growing = groups.find(
		(g) => g.memoryMax !== null && g.memory > 0 && g.memory <= g.memoryMax
	);
	if (growing) {
		return `${at}: ${growing.path} holds ${formatBytes(growing.memory)} of its ${formatBytes(growing.memoryMax ?? 0)} memory.max.`;
	}
	const memory = root.memory;
	const anyLimit = groups.some(
		(g) =>
			g.quotaUs !== null ||
			g.memoryMax !== null ||
			g.memoryHigh !== null ||
			g.rbps !== null ||
			g.wbps !== null
	);
	return `${at}: ${anyLimit ? 'no limit is reached' : 'no limits are set'}; the processes use ${formatUs(root.cpuUs)} of CPU time${memory > 0 ? ` and hold ${formatBytes(memory)} of memory` : ''}.`;
}

export const cgroupsModel: Model<CgroupsScenario, CgroupsState, CgroupsFinal, CgroupsResult> = {
	name: 'cgroups',
	schema: cgroupsSchema,
	opsKey: 'ops',
	budget: BUDGET,
	// A `run` over few processes is long work too: it weighs its ticks.
	shape: { itemLists: ['groups', 'processes'], opWeightKey: 'ticks' },
	simulate: simulateCgroups
};
