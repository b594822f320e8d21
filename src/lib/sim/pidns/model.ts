/**
 * Model `pidns`: PID allocation across nested PID namespaces, exits,
 * re-parenting and the collapse of a namespace whose init dies
 * (docs/scenarios.md, "model pidns"; pid_namespaces(7)).
 *
 * Where the kernel decides something, the comment names the function:
 * kernel/pid.c alloc_pid(), kernel/pid_namespace.c create_pid_namespace() and
 * zap_pid_ns_processes(), kernel/exit.c find_child_reaper() and
 * forget_original_parent(). tests/conformance/pidns.test.ts runs the same
 * scenarios on real nested namespaces and compares.
 */
import {
	FrameRecorder,
	listing,
	plural,
	quote,
	type Errno,
	type Model,
	type Result,
	type ResultBudget,
	type SimulateOptions,
	type Trace
} from '../core';
import { EMPTY_PAGES, NS_PAGE_SIZE, pagedAppend, pagedReplace, type Pages } from './pages';
import { ROOT_INIT, pidnsSchema, type PidnsOp, type PidnsScenario } from './schema';

/**
 * `kernel.pid_max` of the machine's initial namespace, which the model's root
 * stands for (include/linux/threads.h PID_MAX_DEFAULT; pid_idr_init() raises
 * it to 1,024 per possible CPU where that is more, and systemd often sets
 * 4,194,304). PidnsSimulateOptions.pidMax sets another value for the root.
 */
export const PID_MAX_DEFAULT = 32_768;
/**
 * The deepest a PID namespace may nest: MAX_PID_NS_LEVEL in
 * include/linux/pid_namespace.h. create_pid_namespace() refuses a namespace
 * whose level would pass it.
 */
export const MAX_PID_NS_LEVEL = 32;
/**
 * `kernel.pid_max` of every namespace created by clone(CLONE_NEWPID): since
 * Linux 6.14 each PID namespace has its own pid_max, and
 * create_pid_namespace() sets a new one to PID_MAX_LIMIT (4,194,304 on 64-bit
 * kernels), not to its parent's value (commit d385c8bceb14, "pid: Do not set
 * pid_max in new pid namespaces"). alloc_pid() checks each level against that
 * level's own pid_max, so a nested namespace's numbers can pass its parent's
 * limit; the parent's limit still caps how many processes fit, since each of
 * them also needs a number there. Before 6.14 one global pid_max applied to
 * every namespace. A scenario has at most 10,000 ops, so no counter can pass
 * 10,001 and no scenario reaches a wrap at either value; the wrap is here so
 * the allocator is the kernel's, and unit-tested with a small pid_max.
 */
export const PID_MAX_LIMIT = 4_194_304;
/** After a wrap the kernel restarts at RESERVED_PIDS, not 1 (kernel/pid.c). */
export const RESERVED_PIDS = 300;
/** The smallest pid_max the kernel accepts (kernel/pid.c pid_max_min, on up to 37 possible CPUs). */
export const PID_MAX_MIN = RESERVED_PIDS + 1;

/**
 * The PID a namespace hands out next, as alloc_pid() does with
 * idr_alloc_cyclic(): the first free number after the last one handed out,
 * wrapping below pid_max to RESERVED_PIDS (to 1 while the cursor has not yet
 * passed RESERVED_PIDS). null when every number is in use (fork gives EAGAIN).
 */
export function nextPid(
	lastPid: number,
	isInUse: (pid: number) => boolean,
	pidMax: number = PID_MAX_DEFAULT
): number | null {
	const pidMin = lastPid + 1 > RESERVED_PIDS ? RESERVED_PIDS : 1;
	const start = Math.max(lastPid + 1, pidMin);
	for (let pid = start; pid < pidMax; pid++) if (!isInUse(pid)) return pid;
	for (let pid = pidMin; pid < Math.min(start, pidMax); pid++) if (!isInUse(pid)) return pid;
	return null;
}

// ---------------------------------------------------------------- frame state

/** A namespace as a renderer draws it: a box nested in its parent's box. */
export interface NsView {
	/** Stable id: `ns:` + the name of the process that was its PID 1. */
	id: string;
	/** Creation order (0 is the root namespace). */
	index: number;
	/** Id of the namespace it is nested in; null for the root. */
	parent: string | null;
	/** Depth: the root is 0, a namespace nested in it 1, … up to 32. */
	level: number;
	/** The last PID this namespace handed out (its allocation counter). */
	lastPid: number;
	/** Name of its init (the process that is PID 1 in it). */
	init: string;
	/** false once its init has died: nothing can enter it any more. */
	alive: boolean;
}

/** A process; its `name` is its stable id. */
export interface ProcView {
	name: string;
	/** Creation order (0 is `init`). */
	index: number;
	/** Name of its parent now (after any re-parenting); null for the root init. */
	parent: string | null;
	/** Its PID in every namespace it is visible in, outermost (root) first: `NSpid:`. */
	pids: readonly number[];
	/** Level of its own namespace: pids.length - 1. */
	level: number;
	/** Id of its own (innermost) namespace. */
	ns: string;
	/** false once it has exited or been killed (it stays listed, so ids stay stable). */
	alive: boolean;
}

export type PidnsFocus =
	| {
			/** One namespace hands the forked process one PID (alloc_pid, innermost level first). */
			kind: 'alloc';
			process: string;
			parent: string;
			ns: string;
			level: number;
			pid: number;
			lastPidBefore: number;
			lastPidAfter: number;
			/** This frame also creates the namespace (clone with CLONE_NEWPID). */
			createdNs: boolean;
	  }
	| {
			kind: 'fork';
			process: string;
			parent: string;
			newns: boolean;
			/** The new process's PIDs, outermost first; null when the fork failed. */
			pids: readonly number[] | null;
			errno: Errno | null;
	  }
	| {
			/** The named process exits (`exit`) or receives SIGKILL (`kill`). */
			kind: 'exit';
			process: string;
			signal: 'exit' | 'SIGKILL';
			/** The namespace it was init of, which now collapses; null if it was not an init. */
			collapses: string | null;
			errno: Errno | null;
	  }
	| {
			/** An orphan gets the init of the exiting process's namespace as parent. */
			kind: 'reparent';
			process: string;
			from: string;
			to: string;
	  }
	| {
			/** zap_pid_ns_processes(): the kernel kills a process of a collapsing namespace. */
			kind: 'kill';
			process: string;
			/** The namespace whose init died. */
			ns: string;
			/** That namespace's init. */
			init: string;
	  }
	| { kind: 'ps'; from: string; ns: string | null; errno: Errno | null };

export interface PsView {
	from: string;
	/** The namespace the listing is from. */
	ns: string;
	processes: readonly { pid: number; name: string }[];
}

export interface PidnsState {
	/** Every namespace ever created, in creation order, in pages of 8 (see ./pages). */
	namespacePages: Pages<NsView>;
	/** Every process ever created, in creation order, in pages of 64 (see ./pages). */
	processPages: Pages<ProcView>;
	/** What this frame's step did; null in the opening frame. */
	focus: PidnsFocus | null;
	/** The listing of a `ps` frame; null in every other frame. */
	ps: PsView | null;
}

export interface PidnsFinal {
	processes: { name: string; parent: string | null; pids: number[]; level: number }[];
}

/**
 * What the result budget charges (docs/scenarios.md, "Limits"): `ps`'s
 * processes, `exit`/`kill`'s exited and reparented names, and final's
 * processes. A fork's `pids` (at most 33) are not charged.
 */
const BUDGET: ResultBudget<PidnsFinal> = {
	resultLists: ['processes', 'exited', 'reparented'],
	finalItems: (final) => final.processes.length,
	words: "ps processes, exited and reparented names, and final's processes"
};

export interface PidnsSimulateOptions extends SimulateOptions {
	/**
	 * Levels that may be nested below the model's root namespace. The kernel
	 * counts MAX_PID_NS_LEVEL (32) from the machine's initial namespace, and the
	 * model's root is that namespace, so the default is 32. The conformance
	 * suite, whose root stands for a namespace already R levels deep, passes
	 * 32 - R. Not part of a scenario.
	 */
	depthLimit?: number;
	/**
	 * `kernel.pid_max` of the model's root namespace (default
	 * PID_MAX_DEFAULT), from PID_MAX_MIN to PID_MAX_LIMIT as the sysctl
	 * accepts. Namespaces created below it always get PID_MAX_LIMIT, as on
	 * Linux 6.14 and later. Tests pass a small value to reach a wrap (the
	 * conformance suite writes the same value into its root namespace). Not
	 * part of a scenario.
	 */
	pidMax?: number;
}

export type PidnsResult =
	| { ok: true; pids: number[] }
	| { ok: true; exited: string[]; reparented: { name: string; to: string }[] }
	| { ok: true; processes: readonly { pid: number; name: string }[] }
	| { ok: false; errno: Errno };

// ------------------------------------------------------------ internal state

interface Proc {
	index: number;
	name: string;
	parent: Proc | null;
	pids: number[];
	/** Its namespace at each level, root first (nsChain[level] is its own). */
	nsChain: Ns[];
	alive: boolean;
	/** Children (born or adopted), in the order they became children. */
	children: Proc[];
}

interface Ns {
	index: number;
	id: string;
	parent: Ns | null;
	level: number;
	lastPid: number;
	/** This namespace's own kernel.pid_max: its PIDs stay below it. */
	pidMax: number;
	init: Proc;
	alive: boolean;
	pidsInUse: Set<number>;
	/** How narration names it, worked out once: "the level-2 namespace of “web”". */
	label: string;
	/** The same, starting a sentence. */
	sentenceLabel: string;
}

const nsIdOf = (initName: string) => `ns:${initName}`;
const pidText = (pids: readonly number[]) => pids.join(' · ');

/** Fills in how narration names a new namespace (its level and init never change). */
function withLabels(ns: Omit<Ns, 'label' | 'sentenceLabel'>): Ns {
	const label =
		ns.level === 0
			? 'the root namespace'
			: `the level-${ns.level} namespace of ${quote(ns.init.name)}`;
	return { ...ns, label, sentenceLabel: capitalize(label) };
}

const nsLabel = (ns: Ns): string => ns.label;

/** At most this many entries are spoken in a ps narration. */
const PS_SPOKEN = 8;

class PidnsSimulation {
	readonly recorder: FrameRecorder<PidnsState, Result, PidnsFinal>;
	private readonly keepFrames: boolean;
	private readonly depthLimit: number;
	private readonly procs: Proc[] = [];
	private readonly namespaces: Ns[] = [];
	private readonly byName = new Map<string, Proc>();
	private readonly failedForks = new Set<string>();
	private processPages: Pages<ProcView> = EMPTY_PAGES;
	private namespacePages: Pages<NsView> = EMPTY_PAGES;

	constructor(options: PidnsSimulateOptions) {
		this.recorder = new FrameRecorder<PidnsState, Result, PidnsFinal>({
			...options,
			budget: BUDGET
		});
		this.depthLimit = options.depthLimit ?? MAX_PID_NS_LEVEL;
		const rootPidMax = options.pidMax ?? PID_MAX_DEFAULT;
		if (!Number.isInteger(rootPidMax) || rootPidMax < PID_MAX_MIN || rootPidMax > PID_MAX_LIMIT) {
			throw new RangeError(
				`pidns: pidMax must be an integer from ${PID_MAX_MIN} to ${PID_MAX_LIMIT}, not ${rootPidMax}`
			);
		}
		this.keepFrames = options.recordFrames !== false;
		const rootInit: Proc = {
			index: 0,
			name: ROOT_INIT,
			parent: null,
			pids: [1],
			nsChain: [],
			alive: true,
			children: []
		};
		const root = withLabels({
			index: 0,
			id: nsIdOf(ROOT_INIT),
			parent: null,
			level: 0,
			lastPid: 1,
			pidMax: rootPidMax,
			init: rootInit,
			alive: true,
			pidsInUse: new Set([1])
		});
		rootInit.nsChain.push(root);
		this.namespaces.push(root);
		this.procs.push(rootInit);
		this.byName.set(ROOT_INIT, rootInit);
		this.showNamespace(root);
		this.showProcess(rootInit);
		this.frame(
			null,
			`The root namespace (level 0) holds one process, ${quote(ROOT_INIT)}, with PID 1.`
		);
	}

	// ---- views (only kept when frames are recorded)

	private showNamespace(ns: Ns): void {
		if (!this.keepFrames) return;
		const view: NsView = {
			id: ns.id,
			index: ns.index,
			parent: ns.parent ? ns.parent.id : null,
			level: ns.level,
			lastPid: ns.lastPid,
			init: ns.init.name,
			alive: ns.alive
		};
		this.namespacePages =
			ns.index < this.namespaceCount
				? pagedReplace(this.namespacePages, ns.index, view, NS_PAGE_SIZE)
				: pagedAppend(this.namespacePages, view, NS_PAGE_SIZE);
		this.namespaceCount = Math.max(this.namespaceCount, ns.index + 1);
	}
	private namespaceCount = 0;
	private processCount = 0;

	private showProcess(proc: Proc): void {
		if (!this.keepFrames) return;
		const view: ProcView = {
			name: proc.name,
			index: proc.index,
			parent: proc.parent ? proc.parent.name : null,
			pids: proc.pids.slice(),
			level: proc.nsChain.length - 1,
			ns: proc.nsChain[proc.nsChain.length - 1].id,
			alive: proc.alive
		};
		this.processPages =
			proc.index < this.processCount
				? pagedReplace(this.processPages, proc.index, view)
				: pagedAppend(this.processPages, view);
		this.processCount = Math.max(this.processCount, proc.index + 1);
	}

	private static readonly NO_STATE: PidnsState = Object.freeze({
		namespacePages: EMPTY_PAGES,
		processPages: EMPTY_PAGES,
		focus: null,
		ps: null
	});

	private frame(focus: PidnsFocus | null, text: string, ps: PsView | null = null): void {
		if (!this.keepFrames) return this.recorder.record(PidnsSimulation.NO_STATE, text);
		this.recorder.recordFrame({
			step: this.recorder.nextStep,
			op: this.recorder.op,
			text,
			namespacePages: this.namespacePages,
			processPages: this.processPages,
			focus,
			ps
		});
	}

	// ---- lookups

	/** Why `name` names no live process (for ESRCH narration), or null if it is alive. */
	private whyNotAlive(name: string): string | null {
		const proc = this.byName.get(name);
		if (proc) return proc.alive ? null : 'has already exited';
		if (this.failedForks.has(name)) return 'does not exist: its fork failed';
		return 'does not exist yet: no fork has created it so far';
	}

	private ownNs(proc: Proc): Ns {
		return proc.nsChain[proc.nsChain.length - 1];
	}

	// ---- fork

	fork(op: Extract<PidnsOp, { op: 'fork' }>): PidnsResult {
		const { name, newns } = op;
		const parent = this.byName.get(op.parent);
		const fail = (errno: Errno, why: string): PidnsResult => {
			this.failedForks.add(name);
			this.frame({ kind: 'fork', process: name, parent: op.parent, newns, pids: null, errno }, why);
			return { ok: false, errno };
		};
		const missing = this.whyNotAlive(op.parent);
		if (missing !== null || !parent) {
			return fail(
				'ESRCH',
				`${quote(op.parent)} cannot fork ${quote(name)}: ${quote(op.parent)} ${missing} (ESRCH).`
			);
		}
		const parentNs = this.ownNs(parent);
		// create_pid_namespace(): `if (level > MAX_PID_NS_LEVEL) goto out` with
		// -ENOSPC, before any PID is allocated, so a failed fork uses up no PID.
		if (newns && parentNs.level + 1 > this.depthLimit) {
			return fail(
				'ENOSPC',
				`${quote(parent.name)} cannot fork ${quote(name)} into a new namespace: it would be level ${parentNs.level + 1}, past the limit of ${this.depthLimit} levels below the root (ENOSPC).`
			);
		}
		const proc: Proc = {
			index: this.procs.length,
			name,
			parent,
			pids: [],
			nsChain: parent.nsChain.slice(),
			alive: true,
			children: []
		};
		if (newns) {
			const ns = withLabels({
				index: this.namespaces.length,
				id: nsIdOf(name),
				parent: parentNs,
				level: parentNs.level + 1,
				lastPid: 0,
				// create_pid_namespace(): `ns->pid_max = PID_MAX_LIMIT`, whatever the parent's.
				pidMax: PID_MAX_LIMIT,
				init: proc,
				alive: true,
				pidsInUse: new Set()
			});
			this.namespaces.push(ns);
			proc.nsChain.push(ns);
		}
		// alloc_pid(): one number per level, from the process's own namespace
		// outwards (`for (i = ns->level; i >= 0; i--)`), each below that
		// level's own pid_max (`READ_ONCE(tmp->pid_max)`).
		const pids = new Array<number>(proc.nsChain.length);
		const quotedName = quote(name);
		for (let level = proc.nsChain.length - 1; level >= 0; level--) {
			const ns = proc.nsChain[level];
			const pid = this.allocatePid(ns);
			pids[level] = pid;
			const before = ns.lastPid;
			ns.lastPid = pid;
			ns.pidsInUse.add(pid);
			const createdNs = newns && level === proc.nsChain.length - 1;
			this.showNamespace(ns);
			this.frame(
				{
					kind: 'alloc',
					process: name,
					parent: parent.name,
					ns: ns.id,
					level,
					pid,
					lastPidBefore: before,
					lastPidAfter: pid,
					createdNs
				},
				createdNs
					? `clone(CLONE_NEWPID) creates a level-${level} namespace for ${quote(name)}, which hands it PID ${pid}: ${quote(name)} is its init.`
					: `${ns.sentenceLabel} hands ${quotedName} PID ${pid} (its last PID goes from ${before} to ${pid}).`
			);
		}
		proc.pids = pids;
		this.procs.push(proc);
		this.byName.set(name, proc);
		parent.children.push(proc);
		this.showProcess(proc);
		this.frame(
			{ kind: 'fork', process: name, parent: parent.name, newns, pids, errno: null },
			`${quote(name)} is born as a child of ${quote(parent.name)}, with ${pids.length === 1 ? `PID ${pids[0]}` : `PIDs ${pidText(pids)} (outermost first)`}.`
		);
		return { ok: true, pids: pids.slice() };
	}

	private allocatePid(ns: Ns): number {
		const pid = nextPid(ns.lastPid, (candidate) => ns.pidsInUse.has(candidate), ns.pidMax);
		// A full namespace: the kernel's fork fails with EAGAIN. No scenario gets
		// here (10,000 ops cannot fill the 32,767 numbers of the default root, nor
		// a nested namespace's 4,194,303); only a small PidnsSimulateOptions.pidMax
		// can, and EAGAIN is not one of the model's errnos.
		if (pid === null) throw new Error(`pidns: ${ns.id} ran out of PIDs (pid_max ${ns.pidMax})`);
		return pid;
	}

	// ---- exit and kill

	exit(name: string, signal: 'exit' | 'SIGKILL'): PidnsResult {
		const proc = this.byName.get(name);
		const verb = signal === 'exit' ? 'exit' : 'be killed';
		const missing = this.whyNotAlive(name);
		if (missing !== null || !proc) {
			this.frame(
				{ kind: 'exit', process: name, signal, collapses: null, errno: 'ESRCH' },
				`${quote(name)} cannot ${verb}: it ${missing} (ESRCH).`
			);
			return { ok: false, errno: 'ESRCH' };
		}
		const ns = this.ownNs(proc);
		const isInit = ns.init === proc;
		this.markDead(proc);
		if (isInit) {
			ns.alive = false;
			this.showNamespace(ns);
		}
		this.frame(
			{ kind: 'exit', process: name, signal, collapses: isInit ? ns.id : null, errno: null },
			isInit && ns.level === 0
				? rootInitDeath(name, signal)
				: isInit
					? `${quote(name)}, init of a level-${ns.level} namespace, ${signal === 'exit' ? 'exits' : 'is killed with SIGKILL'}, so the kernel kills every process in that namespace and in the namespaces nested in it.`
					: `${quote(name)} ${signal === 'exit' ? 'exits' : 'is killed with SIGKILL'} and is reaped at once.`
		);
		if (isInit) {
			const killed = this.collapseNamespace(ns);
			return { ok: true, exited: [name, ...killed], reparented: [] };
		}
		const reparented = this.reparentOrphans(proc, ns.init);
		return { ok: true, exited: [name], reparented };
	}

	private markDead(proc: Proc): void {
		proc.alive = false;
		proc.nsChain.forEach((ns, level) => ns.pidsInUse.delete(proc.pids[level]));
		this.showProcess(proc);
	}

	/**
	 * forget_original_parent(): the children of an exiting process go to the
	 * child reaper of the exiting process's own namespace, its init
	 * (find_child_reaper()). Child subreapers (PR_SET_CHILD_SUBREAPER) are not
	 * modelled: no process of a scenario sets one.
	 */
	private reparentOrphans(exited: Proc, reaper: Proc): { name: string; to: string }[] {
		const orphans = exited.children.filter((child) => child.alive && child.parent === exited);
		orphans.sort((a, b) => a.index - b.index);
		exited.children = [];
		const reparented: { name: string; to: string }[] = [];
		for (const orphan of orphans) {
			orphan.parent = reaper;
			reaper.children.push(orphan);
			this.showProcess(orphan);
			reparented.push({ name: orphan.name, to: reaper.name });
			this.frame(
				{ kind: 'reparent', process: orphan.name, from: exited.name, to: reaper.name },
				`${quote(orphan.name)} is orphaned and re-parented to ${quote(reaper.name)}, the init of ${quote(exited.name)}’s namespace.`
			);
		}
		return reparented;
	}

	/**
	 * zap_pid_ns_processes(): when a namespace's init dies, SIGKILL goes to
	 * every process with a PID in that namespace, which includes every process
	 * of the namespaces nested in it. Killed in order of root PID (docs/scenarios.md).
	 */
	private collapseNamespace(ns: Ns): string[] {
		const victims = this.procs.filter(
			(proc) => proc.alive && proc.nsChain.length > ns.level && proc.nsChain[ns.level] === ns
		);
		victims.sort((a, b) => a.pids[0] - b.pids[0]);
		for (const victim of victims) {
			this.markDead(victim);
			const own = this.ownNs(victim);
			const wasInit = own.init === victim;
			if (wasInit) {
				own.alive = false;
				this.showNamespace(own);
			}
			this.frame(
				{ kind: 'kill', process: victim.name, ns: ns.id, init: ns.init.name },
				`The kernel kills ${quote(victim.name)}${wasInit ? `, itself init of a level-${own.level} namespace,` : ''} with SIGKILL: ${quote(ns.init.name)}, the init of ${own === ns || (wasInit && own.parent === ns) ? 'its' : 'an enclosing'} level-${ns.level} namespace, died.`
			);
		}
		return victims.map((victim) => victim.name);
	}

	// ---- ps

	ps(from: string): PidnsResult {
		const proc = this.byName.get(from);
		const missing = this.whyNotAlive(from);
		if (missing !== null || !proc) {
			this.frame(
				{ kind: 'ps', from, ns: null, errno: 'ESRCH' },
				`ps cannot run in ${quote(from)}: it ${missing} (ESRCH).`
			);
			return { ok: false, errno: 'ESRCH' };
		}
		const ns = this.ownNs(proc);
		// Frozen, and shared by the frame and the result: at the result budget a
		// trace holds a million of these, so they are made once.
		const processes = Object.freeze(
			this.procs
				.filter((p) => p.alive && p.nsChain.length > ns.level && p.nsChain[ns.level] === ns)
				.map((p) => Object.freeze({ pid: p.pids[ns.level], name: p.name }))
				.sort((a, b) => a.pid - b.pid)
		);
		const spoken = processes.slice(0, PS_SPOKEN).map((p) => `${p.pid} ${quote(p.name)}`);
		if (processes.length > PS_SPOKEN) spoken.push(`${processes.length - PS_SPOKEN} more`);
		this.frame(
			{ kind: 'ps', from, ns: ns.id, errno: null },
			`ps in ${quote(from)} sees ${nsLabel(ns)} and the ones nested in it: ${plural(processes.length, 'process', 'processes')} (${listing(spoken)}).`,
			{ from, ns: ns.id, processes }
		);
		return { ok: true, processes };
	}

	final(): PidnsFinal {
		return {
			processes: this.procs
				.filter((proc) => proc.alive)
				.map((proc) => ({
					name: proc.name,
					parent: proc.parent ? proc.parent.name : null,
					pids: proc.pids.slice(),
					level: proc.nsChain.length - 1
				}))
		};
	}
}

/**
 * The scenario's root namespace stands for the machine's initial one (the
 * depth limit counts from it), except when its init dies: the contract
 * (docs/scenarios.md) collapses it as it does any namespace whose init dies
 * (zap_pid_ns_processes()), where the machine's very first init dying would
 * panic the kernel (kernel/exit.c: "Attempted to kill init!") and no SIGKILL
 * reaches that init (kill(2)). The narration says which is which.
 */
function rootInitDeath(name: string, signal: 'exit' | 'SIGKILL'): string {
	return `${quote(name)}, PID 1 of the root namespace, ${signal === 'exit' ? 'exits' : 'is killed with SIGKILL'}. The lab treats it like the init of any PID namespace (a container’s, or that of unshare --pid --fork), so the kernel kills every process in it and in every nested namespace. On a real machine, whose own namespace the root stands for, it would be different: its first init cannot be killed with SIGKILL, and if it exited the kernel would panic with "Attempted to kill init!".`;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function simulatePidns(
	scenario: PidnsScenario,
	options: PidnsSimulateOptions = {}
): Trace<PidnsState, PidnsFinal> {
	const sim = new PidnsSimulation(options);
	scenario.ops.forEach((op, index) => {
		sim.recorder.beginOp(index);
		let result: PidnsResult;
		switch (op.op) {
			case 'fork':
				result = sim.fork(op);
				break;
			case 'exit':
				result = sim.exit(op.name, 'exit');
				break;
			case 'kill':
				result = sim.exit(op.name, 'SIGKILL');
				break;
			case 'ps':
				result = sim.ps(op.from);
				break;
		}
		sim.recorder.result(result);
	});
	const final = sim.recorder.final(sim.final());
	return {
		model: 'pidns',
		frames: sim.recorder.frames,
		results: sim.recorder.results,
		final
	};
}

export const pidnsModel: Model<PidnsScenario, PidnsState, PidnsFinal> = {
	name: 'pidns',
	schema: pidnsSchema,
	opsKey: 'ops',
	budget: BUDGET,
	shape: { itemLists: [] },
	simulate: simulatePidns
};
