/**
 * Model `unionfs`: a layered file system with the semantics of Linux OverlayFS
 * (docs/scenarios.md, "model unionfs"; kernel: Documentation/filesystems/overlayfs.rst
 * and fs/overlayfs/{namei,dir,readdir,copy_up}.c). Pure: no I/O, no clock, no randomness.
 *
 * Layers are numbered top first: with an upper layer it is number 0 and the
 * lower layers follow in `lowerdir=` order.
 */
import {
	FrameRecorder,
	byteLength,
	formatNumber,
	listing,
	sentence,
	plural,
	quote,
	type Errno,
	type Model,
	type Result,
	type ResultBudget,
	type SimulateOptions,
	type Trace
} from '../core';
import {
	LowerLayer,
	OPAQUE_DIR,
	PLAIN_DIR,
	UpperLayer,
	WHITEOUT,
	ancestorsOf,
	fileEntry,
	type Entry,
	type EntryJson
} from './layers';
import { lookupChild, type ChildLookup, type Node, type ProbeEvent } from './lookup';
import { unionfsSchema, type OpName, type UnionfsScenario } from './schema';

/** EBUSY (rmdir of the mount root) is what Linux gives; the core's Errno list lacks it. */
export type UnionfsErrno = Errno | 'EBUSY';

/**
 * PATH_MAX: the kernel copies a path in with its final NUL into a buffer of
 * this size, so a path of this many bytes or more fails with ENAMETOOLONG
 * (getname(), fs/namei.c), whatever the file system holds.
 */
export const PATH_MAX = 4096;

export interface LayerView {
	/** Stable id: "upper" or "lower-N" (N = position in `layers`). */
	id: string;
	name: string;
	/** true for the writable upper layer. */
	upper: boolean;
	/** Position in the frame's `layers`, top first. */
	index: number;
}

export type ProbeOutcome = 'hit' | 'miss' | 'whiteout' | 'opaque' | 'non-directory';

export interface Probe {
	/** The path being looked up in this layer. */
	path: string;
	layerId: string;
	/** Index into `layers` (top first). */
	layerIndex: number;
	/**
	 * `hit`: the layer has the name (a file that serves the lookup, or a directory
	 * that joins the merge); `miss`: no layer has it; `whiteout`: a whiteout hides
	 * it below (stop); `opaque`: an opaque directory, nothing below merges (stop);
	 * `non-directory`: a file below a directory stops the merge (stop).
	 */
	outcome: ProbeOutcome;
	/** Layers passed over (a miss each) since the previous probe of this lookup. */
	skipped: number;
}

export type ChangeKind = 'copy-up' | 'write' | 'whiteout' | 'opaque' | 'create' | 'remove';

export interface Change {
	kind: ChangeKind;
	/** The entry changed in the upper layer (for copy-up: the file or directory copied up). */
	path: string;
	/** For copy-up: ancestor directories created in the upper layer with it, top-down. */
	parents: string[];
	/** For copy-up of a file: the id of the lower layer it came from. */
	from: string | null;
}

export type ListType = 'file' | 'dir' | 'whiteout';

export interface ListEntry {
	name: string;
	type: ListType;
}

export interface MergedView {
	path: string;
	/** What the container sees at `path` after this frame. */
	type: 'file' | 'dir' | 'missing';
	/** The layer serving it (for a directory, the topmost one holding it). */
	layerId: string | null;
	content?: string;
	/** For `list`: the merged listing. */
	entries?: readonly ListEntry[];
}

export interface Action {
	op: OpName;
	path: string;
	content?: string;
}

export interface UnionfsState {
	/** Every layer, top first (the upper first when there is one). The same array in every frame. */
	layers: readonly LayerView[];
	/** The upper layer as it is after this frame (persistent, shared between frames), or null. */
	upper: UpperLayer | null;
	/** The operation in flight; null in the opening frame. */
	action: Action | null;
	probe: Probe | null;
	change: Change | null;
	merged: MergedView | null;
	/** The operation's result, on its last frame only. */
	result: Result | null;
}

export interface UnionfsFinal {
	upper: { entries: Record<string, EntryJson> } | null;
}

/** What the result budget charges (docs/scenarios.md, "Limits"): `list` entries, final's upper entries. */
const BUDGET: ResultBudget<UnionfsFinal> = {
	resultLists: ['entries'],
	finalItems: (final) => (final.upper ? Object.keys(final.upper.entries).length : 0),
	words: "list entries and final's entries"
};

type Walk =
	| {
			ok: true;
			parentStack: number[] | null;
			node: Node | null;
			events: ProbeEvent[];
			lastLayer: number;
	  }
	| {
			ok: false;
			errno: 'ENOENT' | 'ENOTDIR';
			failedAt: string;
			events: ProbeEvent[];
			lastLayer: number;
	  };

const OP_VERBS: Record<OpName, string> = {
	read: 'reads',
	stat: 'stats',
	list: 'lists',
	write: 'writes',
	append: 'appends to',
	delete: 'deletes',
	mkdir: 'makes the directory',
	rmdir: 'removes the directory'
};

function byName(a: ListEntry, b: ListEntry): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

class Union {
	upper: UpperLayer | null;
	readonly lowers: LowerLayer[];
	readonly views: readonly LayerView[];
	/** Index of the first lower layer in `views` (1 with an upper layer, else 0). */
	readonly firstLower: number;
	private readonly everyLayer: number[];

	constructor(scenario: UnionfsScenario) {
		this.upper = scenario.upper
			? UpperLayer.fromSpec(scenario.upper.name, scenario.upper.entries)
			: null;
		this.lowers = scenario.layers.map((layer) => new LowerLayer(layer.name, layer.entries));
		this.firstLower = this.upper ? 1 : 0;
		const views: LayerView[] = [];
		if (scenario.upper)
			views.push({ id: 'upper', name: scenario.upper.name, upper: true, index: 0 });
		scenario.layers.forEach((layer, n) =>
			views.push({ id: `lower-${n}`, name: layer.name, upper: false, index: views.length })
		);
		this.views = Object.freeze(views.map((view) => Object.freeze(view)));
		this.everyLayer = views.map((_, index) => index);
	}

	get(layer: number, path: string): Entry | undefined {
		if (layer < this.firstLower) return this.upper?.get(path);
		return this.lowers[layer - this.firstLower].get(path);
	}

	childNames(layer: number, dir: string): readonly string[] {
		if (layer < this.firstLower) return this.upper?.childNames(dir) ?? [];
		return this.lowers[layer - this.firstLower].childNames(dir);
	}

	label(layer: number): string {
		const view = this.views[layer];
		return view.upper ? `the upper layer ${quote(view.name)}` : `layer ${quote(view.name)}`;
	}

	/** Looks `path` up in the layers of its parent's merged directory (see ./lookup). */
	lookupChild(parentStack: readonly number[], path: string, narrate = true): ChildLookup {
		return lookupChild(this, parentStack, path, narrate ? (layer) => this.label(layer) : null);
	}

	/** Resolves every component of `path` from the root. */
	walk(path: string): Walk {
		if (path === '/') {
			return {
				ok: true,
				parentStack: null,
				node: { type: 'dir', stack: this.everyLayer },
				events: [],
				lastLayer: 0
			};
		}
		let stack = this.everyLayer;
		let current = '';
		const names = path.slice(1).split('/');
		for (let i = 0; i < names.length; i++) {
			current += `/${names[i]}`;
			const last = i === names.length - 1;
			// Only the last component, or the one that fails, is narrated and shown probe by probe.
			let child = this.lookupChild(stack, current, last);
			if (!last && (!child.found || child.found.type === 'file')) {
				child = this.lookupChild(stack, current, true);
			}
			if (last) {
				return {
					ok: true,
					parentStack: stack,
					node: child.found,
					events: child.events,
					lastLayer: child.lastLayer
				};
			}
			if (!child.found || child.found.type === 'file') {
				return {
					ok: false,
					errno: child.found ? 'ENOTDIR' : 'ENOENT',
					failedAt: current,
					events: child.events,
					lastLayer: child.lastLayer
				};
			}
			stack = child.found.stack;
		}
		throw new Error('unreachable');
	}

	/**
	 * The directory as readdir() shows it. A merged directory lists each name
	 * from the topmost layer holding it and hides whiteouts. A directory that is
	 * not merged (held by one layer only, and not the root) is read straight from
	 * that layer, whiteouts included: the kernel marks only merged directories as
	 * possibly holding whiteouts (OVL_WHITEOUTS in ovl_get_inode(), fs/overlayfs/inode.c).
	 */
	list(
		path: string,
		stack: readonly number[],
		hideWhiteouts = path === '/' || stack.length > 1
	): readonly ListEntry[] {
		// The lower layers never change and the upper layer is persistent, so a
		// listing stays right while `upper` is the same object: repeated lists of
		// a big directory cost one merge, not one each.
		const key = `${hideWhiteouts ? 'h' : 's'}${path}`;
		const cached = this.listings.get(key);
		if (cached && cached.upper === this.upper) return cached.entries;
		const entries = Object.freeze(
			this.merge(path, stack, hideWhiteouts).map((entry) => Object.freeze(entry))
		);
		this.listings.set(key, { upper: this.upper, entries });
		return entries;
	}

	private readonly listings = new Map<
		string,
		{ upper: UpperLayer | null; entries: readonly ListEntry[] }
	>();

	private merge(path: string, stack: readonly number[], hideWhiteouts: boolean): ListEntry[] {
		const seen = new Map<string, ListEntry>();
		for (const layer of stack) {
			const dir = path;
			for (const name of this.childNames(layer, dir)) {
				if (seen.has(name)) continue;
				const entry = this.get(layer, dir === '/' ? `/${name}` : `${dir}/${name}`) as Entry;
				seen.set(name, { name, type: entry.type });
			}
		}
		const entries: ListEntry[] = [];
		for (const entry of seen.values()) {
			if (entry.type === 'whiteout' && hideWhiteouts) continue;
			entries.push(entry);
		}
		return entries.sort(byName);
	}

	view(path: string, walk: Walk = this.walk(path)): MergedView {
		if (!walk.ok || !walk.node) return { path, type: 'missing', layerId: null };
		if (walk.node.type === 'file') {
			return {
				path,
				type: 'file',
				layerId: this.views[walk.node.layer].id,
				content: walk.node.content
			};
		}
		return { path, type: 'dir', layerId: this.views[walk.node.stack[0]].id };
	}

	/**
	 * Whether removing a name must leave a whiteout: ovl_lower_positive()
	 * (fs/overlayfs/namei.c). A name served from a lower layer needs one; a name
	 * in the upper layer needs one when the first lower layer of the parent's
	 * merge holding the name holds a non-whiteout.
	 */
	whiteoutNeeded(parentStack: readonly number[], path: string, node: Node): boolean {
		const top = node.type === 'file' ? node.layer : node.stack[0];
		if (top >= this.firstLower) return true;
		for (const layer of parentStack) {
			if (layer < this.firstLower) continue;
			const entry = this.get(layer, path);
			if (entry) return entry.type !== 'whiteout';
		}
		return false;
	}

	/** Creates in the upper layer the directories above `path` it lacks (copy-up of ancestors). */
	copyUpParents(path: string): string[] {
		const created: string[] = [];
		for (const dir of ancestorsOf(path)) {
			if (this.upper!.get(dir)) continue;
			// A copied-up directory is never opaque (ovl_copy_up_one(), fs/overlayfs/copy_up.c).
			this.upper = this.upper!.set(dir, PLAIN_DIR);
			created.push(dir);
		}
		return created;
	}
}

function errnoReason(errno: UnionfsErrno, path: string, detail: string): string {
	switch (errno) {
		case 'ENOENT':
			return `${detail || `${path} does not exist`}`;
		case 'ENOTDIR':
			return detail || `${path} is not a directory`;
		case 'EISDIR':
			return `${path} is a directory`;
		case 'EEXIST':
			return `${path} already exists`;
		case 'EROFS':
			return 'the union has no upper layer, so it is read-only';
		case 'EBUSY':
			return '/ is the mount point itself';
		case 'ENAMETOOLONG':
			return `the path is ${formatNumber(byteLength(path))} bytes long, and Linux takes at most ${formatNumber(PATH_MAX - 1)} (PATH_MAX, ${formatNumber(PATH_MAX)}, counts the final NUL)`;
		default:
			return detail || errno;
	}
}

function describe(action: Action): string {
	if (action.op === 'write' || action.op === 'append') {
		return `The container ${OP_VERBS[action.op]} ${action.op === 'write' ? `${plural(action.content!.length, 'character')} to ` : ''}${action.path}.`;
	}
	return `The container ${OP_VERBS[action.op]} ${action.path}.`;
}

type ScenarioOp = UnionfsScenario['ops'][number];
type FrameParts = {
	probe?: Probe | null;
	change?: Change | null;
	merged?: MergedView | null;
	result?: Result | null;
};

/**
 * One run of a scenario: the union, the recorder, and the frames every
 * operation is told with. The operations themselves are the functions below
 * (`readOp`, `listOp`, `writeOp`…), one per kind.
 */
class UnionfsRun {
	readonly union: Union;
	readonly recorder: FrameRecorder<UnionfsState, Result, UnionfsFinal>;

	constructor(scenario: UnionfsScenario, options: SimulateOptions) {
		this.union = new Union(scenario);
		this.recorder = new FrameRecorder<UnionfsState, Result, UnionfsFinal>({
			...options,
			budget: BUDGET
		});
	}

	frame(action: Action | null, parts: FrameParts, text: string): void {
		this.recorder.record(
			{
				layers: this.union.views,
				upper: this.union.upper,
				action,
				probe: parts.probe ?? null,
				change: parts.change ?? null,
				merged: parts.merged ?? null,
				result: parts.result ?? null
			},
			sentence(text)
		);
	}

	opening(): void {
		const { union } = this;
		const lowerCount = plural(union.lowers.length, 'lower layer');
		this.frame(
			null,
			{},
			union.upper
				? `A union of ${lowerCount} under the upper layer ${quote(union.upper.name)}, which takes every change.`
				: `A read-only union of ${lowerCount}, with no upper layer.`
		);
	}

	final(): UnionfsFinal {
		const upper = this.union.upper;
		return this.recorder.final({ upper: upper ? upper.toJSON() : null });
	}
}

/** One operation in flight: its frames share the action, the path and the merged view. */
class OpStep {
	readonly action: Action;
	readonly path: string;
	readonly walk: Walk;
	merged: MergedView;

	constructor(
		readonly run: UnionfsRun,
		readonly op: ScenarioOp
	) {
		this.action =
			op.content === undefined
				? { op: op.op, path: op.path }
				: { op: op.op, path: op.path, content: op.content };
		this.path = op.path;
		this.walk = run.union.walk(op.path);
		this.merged = run.union.view(op.path, this.walk);
		run.frame(this.action, { merged: this.merged }, describe(this.action));
	}

	get union(): Union {
		return this.run.union;
	}

	probeFrames(events: ProbeEvent[], missPath: string, lastLayer: number, missText: string): void {
		const layers = this.union.views;
		if (events.length === 0) {
			const probe: Probe = {
				path: missPath,
				layerId: layers[lastLayer].id,
				layerIndex: lastLayer,
				outcome: 'miss',
				skipped: 0
			};
			this.run.frame(this.action, { probe, merged: this.merged }, missText);
			return;
		}
		for (const event of events) {
			const probe: Probe = {
				path: missPath,
				layerId: layers[event.layer].id,
				layerIndex: event.layer,
				outcome: event.outcome,
				skipped: event.skipped
			};
			this.run.frame(this.action, { probe, merged: this.merged }, event.text);
		}
	}

	changeFrame(change: Omit<Change, 'parents' | 'from'> & Partial<Change>, text: string): void {
		this.merged = this.union.view(this.path);
		this.run.frame(
			this.action,
			{ change: { parents: [], from: null, ...change }, merged: this.merged },
			text
		);
	}

	copyUpParentsFrame(): void {
		const created = this.union.copyUpParents(this.path);
		if (created.length === 0) return;
		const deepest = created[created.length - 1];
		this.changeFrame(
			{ kind: 'copy-up', path: deepest, parents: created.slice(0, -1) },
			`Copy-up: ${listing(created)} ${created.length === 1 ? 'is' : 'are'} created in the upper layer so the change has a directory to go in.`
		);
	}

	finish(result: Result, text: string): void {
		this.run.frame(this.action, { merged: this.merged, result }, text);
		this.run.recorder.result(result);
	}

	fail(errno: UnionfsErrno, detail = ''): void {
		this.finish(
			{ ok: false, errno: errno as Errno },
			`${this.op.op} fails with ${errno}: ${errnoReason(errno, this.path, detail)}.`
		);
	}
}

/** What the lookup found, once the path's parent resolved. */
type Found = { node: Node | null; parentStack: number[] | null };

/**
 * Resolves the path and shows the probes: the part every operation shares.
 * Returns null when the operation already ended (the mount root, a path that
 * does not resolve, a change to a read-only union).
 */
function lookUp(step: OpStep): Found | null {
	const { op, path, union, walk } = step;
	// The kernel refuses the path as it copies it in, before any lookup or permission check.
	if (byteLength(path) >= PATH_MAX) {
		step.fail('ENAMETOOLONG');
		return null;
	}
	// The root is the mount point: unlink gives EISDIR, mkdir EEXIST, rmdir EBUSY (fs/namei.c, LAST_ROOT).
	if (path === '/' && (op.op === 'write' || op.op === 'append' || op.op === 'delete')) {
		step.fail('EISDIR');
		return null;
	}
	if (path === '/' && op.op === 'mkdir') {
		step.fail('EEXIST');
		return null;
	}
	if (path === '/' && op.op === 'rmdir') {
		step.fail('EBUSY');
		return null;
	}
	if (!walk.ok) {
		const failedAt = walk.failedAt;
		const blocker = walk.events[walk.events.length - 1];
		if (walk.errno === 'ENOTDIR' && blocker) {
			blocker.text = `${union.label(blocker.layer)} has ${failedAt} as a file, not a directory, so ${path} cannot be reached.`;
		}
		step.probeFrames(walk.events, failedAt, walk.lastLayer, `No layer has ${failedAt}.`);
		step.fail(
			walk.errno,
			walk.errno === 'ENOENT'
				? `${failedAt} does not exist`
				: `${failedAt} is a file, not a directory`
		);
		return null;
	}
	// Without an upper layer, unlink and rmdir ask for write access before looking the name up (do_unlinkat, do_rmdir).
	if (!union.upper && (op.op === 'delete' || op.op === 'rmdir')) {
		step.fail('EROFS');
		return null;
	}
	if (walk.parentStack) {
		step.probeFrames(walk.events, path, walk.lastLayer, `No layer has ${path}.`);
	}
	return { node: walk.node, parentStack: walk.parentStack };
}

function readOp(step: OpStep, { node }: Found): void {
	if (!node) return step.fail('ENOENT');
	if (node.type === 'dir') return step.fail('EISDIR');
	step.finish(
		{ ok: true, content: node.content, layer: step.union.views[node.layer].name },
		`read returns ${plural(node.content.length, 'character')} from ${step.union.label(node.layer)}.`
	);
}

function statOp(step: OpStep, { node }: Found): void {
	if (!node) return step.fail('ENOENT');
	const top = node.type === 'file' ? node.layer : node.stack[0];
	step.finish(
		{ ok: true, type: node.type, layer: step.union.views[top].name },
		`stat finds a ${node.type === 'dir' ? 'directory' : 'file'} held by ${step.union.label(top)}.`
	);
}

function listOp(step: OpStep, { node }: Found): void {
	const { path, union } = step;
	if (!node) return step.fail('ENOENT');
	if (node.type === 'file') return step.fail('ENOTDIR', `${path} is a file`);
	// The listing is frozen and shared by the frame, the result and later
	// lists of the same directory: a list costs no copy of a big directory.
	const entries = union.list(path, node.stack);
	step.merged = { ...step.merged, entries };
	const shown = entries.slice(0, 5).map((entry) => entry.name);
	const whiteouts = entries.some((entry) => entry.type === 'whiteout');
	const what = node.stack.length > 1 || path === '/' ? 'The merged directory' : 'The directory';
	step.finish(
		{ ok: true, entries },
		entries.length === 0
			? `${what} ${path} is empty.`
			: whiteouts
				? `${what} ${path} shows ${plural(entries.length, 'name')}, whiteouts included: only ${union.label(node.stack[0])} holds it, so it is read as it is there: the whiteouts’ names are listed, typed as character devices, though they cannot be opened.`
				: `${what} ${path} shows ${plural(entries.length, 'name')}: ${listing(shown)}${entries.length > 5 ? ' and more' : ''}.`
	);
}

function writeOp(step: OpStep, { node }: Found): void {
	const { op, path, union } = step;
	if (node?.type === 'dir') return step.fail('EISDIR');
	if (!union.upper) return step.fail('EROFS');
	const extra = op.content as string;
	let copiedUp = false;
	if (node && node.layer >= union.firstLower) {
		// Copy-up: the ancestors, then the whole file (ovl_copy_up(), Documentation/filesystems/overlayfs.rst "Non-directories").
		const created = union.copyUpParents(path);
		union.upper = union.upper.set(path, fileEntry(node.content));
		copiedUp = true;
		step.changeFrame(
			{ kind: 'copy-up', path, parents: created, from: union.views[node.layer].id },
			`Copy-up: ${path} is copied whole from ${union.label(node.layer)} into the upper layer${created.length ? `, with ${listing(created)} first` : ''}.`
		);
	}
	if (node) {
		const before = union.upper.get(path);
		const content = op.op === 'append' && before?.type === 'file' ? before.content + extra : extra;
		union.upper = union.upper.set(path, fileEntry(content));
		step.changeFrame(
			{ kind: 'write', path },
			op.op === 'append'
				? `${path} gets ${plural(extra.length, 'more character')} at its end in the upper layer.`
				: `${path} is truncated and rewritten in the upper layer.`
		);
	} else {
		step.copyUpParentsFrame();
		const overWhiteout = union.upper.get(path)?.type === 'whiteout';
		union.upper = union.upper.set(path, fileEntry(extra));
		step.changeFrame(
			{ kind: 'create', path },
			`${path} is created in the upper layer${overWhiteout ? ', replacing its whiteout' : ''}.`
		);
	}
	step.finish(
		{ ok: true, copiedUp },
		copiedUp
			? `${op.op} succeeds on the upper layer's copy; the lower file is untouched.`
			: `${op.op} succeeds.`
	);
}

function removeOp(step: OpStep, { node, parentStack }: Found): void {
	const { op, path, union } = step;
	if (!node) return step.fail('ENOENT');
	if (op.op === 'delete' && node.type === 'dir') return step.fail('EISDIR');
	if (op.op === 'rmdir' && node.type === 'file') return step.fail('ENOTDIR');
	const whiteout = union.whiteoutNeeded(parentStack!, path, node);
	if (node.type === 'dir') {
		// A directory only in the upper layer, with nothing below to hide, is removed by a
		// plain rmdir of the upper directory, which refuses while it holds anything, whiteouts
		// included (ovl_pure_upper() in ovl_do_remove(), fs/overlayfs/dir.c). Otherwise
		// ovl_check_empty_dir() decides, and whiteouts never count.
		const pureUpper = node.stack.length === 1 && node.stack[0] < union.firstLower;
		const left =
			pureUpper && !whiteout
				? union.list(path, node.stack, false)
				: union.list(path, node.stack, true);
		if (left.length) {
			const names = left.map((entry) => entry.name);
			const hidden = left.every((entry) => entry.type === 'whiteout');
			return step.fail(
				'ENOTEMPTY',
				`${path} still ${hidden ? 'holds the whiteouts' : 'shows'} ${listing(names.slice(0, 3))}${names.length > 3 ? ' and more' : ''}`
			);
		}
	}
	step.copyUpParentsFrame();
	const inUpper = union.upper!.get(path) !== undefined;
	union.upper = union.upper!.remove(path);
	if (whiteout) {
		union.upper = union.upper.set(path, WHITEOUT);
		step.changeFrame(
			{ kind: 'whiteout', path },
			`A whiteout for ${path} goes into the upper layer${inUpper ? ' in place of its copy there' : ''}, hiding the name in the layers below.`
		);
	} else {
		step.changeFrame(
			{ kind: 'remove', path },
			`${path} is removed from the upper layer; no lower layer shows the name, so no whiteout is needed.`
		);
	}
	step.finish(
		{ ok: true, whiteout },
		`${op.op} succeeds${whiteout ? ', leaving a whiteout' : ''}.`
	);
}

function mkdirOp(step: OpStep, { node }: Found): void {
	const { path, union } = step;
	if (node) return step.fail('EEXIST');
	if (!union.upper) return step.fail('EROFS');
	step.copyUpParentsFrame();
	// Only a whiteout in the upper layer makes the new directory opaque (ovl_create_over_whiteout(), fs/overlayfs/dir.c).
	const opaque = union.upper.get(path)?.type === 'whiteout';
	union.upper = union.upper.set(path, opaque ? OPAQUE_DIR : PLAIN_DIR);
	step.changeFrame(
		{ kind: opaque ? 'opaque' : 'create', path },
		opaque
			? `${path} is made in the upper layer where its whiteout stood, marked opaque so nothing below shows through.`
			: `${path} is made in the upper layer.`
	);
	step.finish(
		{ ok: true, opaque },
		`mkdir succeeds${opaque ? '; the new directory is opaque' : ''}.`
	);
}

const OPS: Record<OpName, (step: OpStep, found: Found) => void> = {
	read: readOp,
	stat: statOp,
	list: listOp,
	write: writeOp,
	append: writeOp,
	delete: removeOp,
	rmdir: removeOp,
	mkdir: mkdirOp
};

export function simulateUnionfs(
	scenario: UnionfsScenario,
	options: SimulateOptions = {}
): Trace<UnionfsState, UnionfsFinal> {
	const run = new UnionfsRun(scenario, options);
	run.opening();
	scenario.ops.forEach((op, index) => {
		run.recorder.beginOp(index);
		const step = new OpStep(run, op);
		const found = lookUp(step);
		if (found) OPS[op.op](step, found);
	});
	const final = run.final();
	return {
		model: 'unionfs',
		frames: run.recorder.frames,
		results: run.recorder.results,
		final
	};
}

export const unionfsModel: Model<UnionfsScenario, UnionfsState, UnionfsFinal> = {
	name: 'unionfs',
	schema: unionfsSchema,
	opsKey: 'ops',
	budget: BUDGET,
	shape: { itemLists: [], entryHolders: ['layers', 'upper'] },
	simulate: simulateUnionfs,
	reviveFrame(frame, seen) {
		if (frame.upper) frame.upper = UpperLayer.revive(frame.upper, seen);
	}
};
