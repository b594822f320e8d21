/**
 * Pure geometry for the PID-namespace picture: one frame of the `pidns` model
 * in, boxes, nodes, edges and "+N more" rows out. Components only draw this.
 *
 * The picture is an indented process tree. Every process's parent lives in its
 * own namespace, except a namespace's init, whose parent lives in the
 * enclosing one; so the subtree of a namespace's init is exactly that
 * namespace and the ones nested in it, and a depth-first walk of the process
 * tree (d3-hierarchy `stratify` + `eachBefore`) gives every namespace a
 * contiguous run of rows. A namespace's box is drawn around its run, indented
 * under the process that created it: sibling boxes never share a row, and every
 * process sits inside its namespace's box. Everything is O(processes).
 *
 * Only what fits is drawn: at most `cap` processes per namespace, plus every
 * process that must be seen (namespace inits, the frame's focus, the selected
 * and viewing processes, and their ancestors); the rest of a namespace is
 * summed up in one "+N more" row at the end of its box.
 */
import { stratify, type HierarchyNode } from 'd3-hierarchy';
import type { NsView, PidnsFocus, ProcView } from '$lib/sim/pidns';

// ------------------------------------------------------------------ metrics

/** Height of a process node (a 44 px touch target). */
export const NODE_HEIGHT = 44;
/** Vertical distance between two process rows. */
export const ROW = 50;
/** Height of a box's header (its level, init and counter). */
export const HEADER = 34;
/** Height of a header in two lines: its "last PID" counter under its level and init. */
export const HEADER_WRAPPED = 56;
/** Space under the last row of a box. */
export const BOTTOM = 8;
/** Horizontal padding inside a box, and inset of a nested box's right edge. */
export const PAD = 10;
/** Indentation of a child under its parent. */
export const INDENT = 26;
/** In a picture narrower than NARROW (a phone), children are indented less, and boxes inset less. */
export const NARROW_INDENT = 20;
const NARROW_INSET = 6;
export const NARROW = 480;
/** Where the elbow from a parent to its children comes down, from the parent's left. */
const ELBOW = 16;
const NARROW_ELBOW = 12;
/** Deeper than this inside one namespace, children are no longer indented. */
export const MAX_INDENT_DEPTH = 16;
/** Height of a "+N more" row. */
export const MORE_ROW = 30;
/** Processes drawn per namespace before the rest is summed up. */
export const DEFAULT_CAP = 12;
/**
 * Rough total of rows the default cap aims at: with many namespaces each gets
 * fewer rows (at least 3), so 32 nested levels stay light to draw.
 */
export const ROW_BUDGET = 160;
/** Longest name drawn in full (longer names end in "…"; the full name is in the label). */
export const NAME_CHARS = 18;

/** Advance of one character of the node's monospace text, per font size. */
const MONO = 0.6;
export const NAME_FONT = 14;
export const PID_FONT = 13;
export const LEVEL_FONT = 12;
/** Inside a node: left padding, the dot and the gap after it. */
const NODE_LEAD = 10 + 12 + 6;
/** Gap between the name and the first chip, and right padding. */
const NODE_GAP = 10;
const NODE_TAIL = 16;
/** Chip: padding on both sides, gap between the level marker and the PID. */
const CHIP_PAD = 5;
const CHIP_INNER = 3;
/** Width of the " · " between two chips. */
export const SEP = 14;

// ------------------------------------------------------------------- output

export interface Chip {
	level: number;
	/** The PID at this level; null while a fork has not reached this level yet. */
	pid: number | null;
	/** Left edge, relative to the node's chips. */
	x: number;
	width: number;
}

export interface NodeGeom {
	/** Stable key: the process name. */
	key: string;
	name: string;
	/** The name as drawn (long names are shortened). */
	shown: string;
	x: number;
	y: number;
	width: number;
	height: number;
	/** Width of the name part (where the chips start, relative to x). */
	chipsX: number;
	pids: (number | null)[];
	chips: Chip[];
	level: number;
	ns: string;
	parent: string | null;
	alive: boolean;
	/** Being forked in this frame: PIDs are handed out level by level. */
	pending: boolean;
	/** Depth in the process tree, counted from `init`. */
	depth: number;
}

export interface BoxGeom {
	/** Stable key: the namespace id. */
	key: string;
	level: number;
	init: string;
	lastPid: number;
	alive: boolean;
	x: number;
	y: number;
	width: number;
	height: number;
	/** Processes of this namespace left out of the picture. */
	hidden: number;
	/** The header is in two lines (the counter under the title): one did not fit the picture. */
	wrapped: boolean;
}

export interface EdgeGeom {
	/** Stable key: the child's name. */
	key: string;
	parent: string;
	child: string;
	/** The parent is not drawn: the edge comes from the nearest drawn ancestor. */
	gap: boolean;
	/** The elbow: down from (x, y1), then right to (x2, y2). */
	x: number;
	y1: number;
	x2: number;
	y2: number;
}

export interface MoreGeom {
	key: string;
	ns: string;
	count: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface PidnsLayout {
	width: number;
	height: number;
	boxes: BoxGeom[];
	nodes: NodeGeom[];
	edges: EdgeGeom[];
	more: MoreGeom[];
	/** Processes in the frame (live, plus the dying and the being-forked) and how many are drawn. */
	present: number;
	drawn: number;
}

export interface LayoutInput {
	namespaces: readonly NsView[];
	processes: readonly ProcView[];
	focus: PidnsFocus | null;
}

export interface LayoutOptions {
	/** Processes drawn per namespace before "+N more" (default 12). */
	cap?: number;
	/** Processes that must be drawn (the selected one, the one viewed as). */
	keep?: readonly (string | null | undefined)[];
	/** Narrowest picture. */
	minWidth?: number;
}

// ------------------------------------------------------------------ helpers

export function pidLabel(pids: readonly (number | null)[]): string {
	return pids.map((pid) => (pid === null ? '?' : String(pid))).join(' · ');
}

export function shortName(name: string): string {
	const chars = [...name];
	return chars.length > NAME_CHARS ? `${chars.slice(0, NAME_CHARS - 1).join('')}…` : name;
}

export function chipWidth(level: number, pid: number | null): number {
	const pidChars = pid === null ? 1 : String(pid).length;
	return (
		CHIP_PAD * 2 +
		String(level).length * LEVEL_FONT * MONO +
		CHIP_INNER +
		pidChars * PID_FONT * MONO
	);
}

/** The chips of a PID label, outermost level first, and their total width. */
export function chipsOf(pids: readonly (number | null)[]): { chips: Chip[]; width: number } {
	const chips: Chip[] = [];
	let x = 0;
	pids.forEach((pid, level) => {
		if (level > 0) x += SEP;
		const width = chipWidth(level, pid);
		chips.push({ level, pid, x, width });
		x += width;
	});
	return { chips, width: x };
}

/** Slack so a font slightly wider than 0.6 em still fits. */
const NAME_SLACK = 6;

export function nameWidth(shown: string): number {
	return NODE_LEAD + Math.ceil([...shown].length * NAME_FONT * MONO) + NAME_SLACK + NODE_GAP;
}

/** Header text of a namespace box, after its level marker (also used for its width). */
export function boxTitle(box: { level: number; init: string; alive: boolean }): string {
	const where = box.level === 0 ? 'root namespace' : `namespace of “${shortName(box.init)}”`;
	return `${where}${box.alive ? '' : ' · init died'}`;
}

/**
 * Generous width of the header: level marker, title (13 px sans, bold), then
 * "last PID a → b", with the gaps between them.
 */
export function headerWidth(box: { level: number; init: string; alive: boolean; lastPid: number }) {
	const { title, counter } = headerParts(box);
	return title + counter + 8;
}

/**
 * Generous widths of a header's two parts: its level marker and title (with the
 * header's left padding), and its "last PID a → b" counter (with the right padding).
 */
export function headerParts(box: { level: number; init: string; alive: boolean; lastPid: number }) {
	const mark = 16 + String(box.level).length * 7.2;
	const title = boxTitle(box).length * 7.8;
	const counter = (13 + 2 * String(box.lastPid).length) * 7.4;
	return { title: 16 + mark + 8 + title, counter: counter + 8 };
}

function moreText(count: number): string {
	return `+${count} more ${count === 1 ? 'process' : 'processes'} in this namespace`;
}

function moreWidth(count: number): number {
	return moreText(count).length * 7.2 + 2 * PAD;
}

export { moreText };

/** The namespace ids from the root to `nsId`, root first. */
export function namespaceChain(byId: ReadonlyMap<string, NsView>, nsId: string): string[] {
	const chain: string[] = [];
	let at: NsView | undefined = byId.get(nsId);
	while (at) {
		chain.push(at.id);
		at = at.parent === null ? undefined : byId.get(at.parent);
	}
	return chain.reverse();
}

interface Item {
	name: string;
	index: number;
	parent: string | null;
	pids: (number | null)[];
	level: number;
	ns: string;
	alive: boolean;
	pending: boolean;
}

/**
 * The processes of a frame worth drawing: the live ones, the one dying in
 * this frame, dead ones that still hold live children (during a collapse),
 * and, in an `alloc` frame, the process being forked with the PIDs it has so
 * far (each level's counter is the PID it just handed out).
 */
export function presentProcesses(input: LayoutInput): Item[] {
	const { processes, namespaces, focus } = input;
	// Only a process dying in this frame is drawn dead (not one an op failed on).
	const focusName =
		focus && ((focus.kind === 'exit' && focus.errno === null) || focus.kind === 'kill')
			? focus.process
			: null;
	const keepDead = new Set<string>();
	// A parent is always created before its children (re-parenting goes to a
	// namespace's init, older than everything in it), so one backward pass
	// finds every dead process that still has a present descendant.
	const byName = new Map<string, ProcView>();
	for (const proc of processes) byName.set(proc.name, proc);
	for (let i = processes.length - 1; i >= 0; i--) {
		const proc = processes[i];
		const present = proc.alive || proc.name === focusName || keepDead.has(proc.name);
		if (present && proc.parent !== null) {
			const parent = byName.get(proc.parent);
			if (parent && !parent.alive) keepDead.add(parent.name);
		}
	}
	const items: Item[] = [];
	for (const proc of processes) {
		if (proc.alive || proc.name === focusName || keepDead.has(proc.name)) {
			items.push({
				name: proc.name,
				index: proc.index,
				parent: proc.parent,
				pids: proc.pids.slice(),
				level: proc.level,
				ns: proc.ns,
				alive: proc.alive,
				pending: false
			});
		}
	}
	if (focus && focus.kind === 'alloc' && !byName.has(focus.process)) {
		const parent = byName.get(focus.parent);
		const nsById = new Map<string, NsView>();
		for (const ns of namespaces) nsById.set(ns.id, ns);
		if (parent) {
			const chain = namespaceChain(nsById, parent.ns);
			const own = nsById.get(`ns:${focus.process}`);
			if (own && own.init === focus.process && own.parent === parent.ns) chain.push(own.id);
			const pids = chain.map((id, level) =>
				level >= focus.level ? (nsById.get(id)?.lastPid ?? null) : null
			);
			items.push({
				name: focus.process,
				index: processes.length,
				parent: parent.name,
				pids,
				level: chain.length - 1,
				ns: chain[chain.length - 1],
				alive: true,
				pending: true
			});
		}
	}
	return items;
}

/** The process names the frame is about (kept in the picture whatever the cap). */
export function focusNames(focus: PidnsFocus | null): string[] {
	if (!focus) return [];
	switch (focus.kind) {
		case 'alloc':
		case 'fork':
			return [focus.process, focus.parent];
		case 'exit':
			return [focus.process];
		case 'reparent':
			return [focus.process, focus.from, focus.to];
		case 'kill':
			return [focus.process, focus.init];
		case 'ps':
			return [focus.from];
	}
}

// ------------------------------------------------------------------- layout

export function layoutPidns(input: LayoutInput, options: LayoutOptions = {}): PidnsLayout {
	const items = presentProcesses(input);
	let liveNamespaces = 0;
	for (const ns of input.namespaces) if (ns.alive) liveNamespaces++;
	const cap = Math.max(
		1,
		options.cap ??
			Math.min(DEFAULT_CAP, Math.max(3, Math.floor(ROW_BUDGET / Math.max(1, liveNamespaces))))
	);
	const nsById = new Map<string, NsView>();
	for (const ns of input.namespaces) nsById.set(ns.id, ns);
	const empty: PidnsLayout = {
		width: options.minWidth ?? 0,
		height: 0,
		boxes: [],
		nodes: [],
		edges: [],
		more: [],
		present: 0,
		drawn: 0
	};
	if (items.length === 0) return empty;

	const itemByName = new Map<string, Item>();
	for (const item of items) itemByName.set(item.name, item);
	// A process whose parent is not drawn (it should not happen) hangs under the root.
	const rootName = items[0].name;
	const root: HierarchyNode<Item> = stratify<Item>()
		.id((d) => d.name)
		.parentId((d) =>
			d.name === rootName
				? null
				: d.parent !== null && itemByName.has(d.parent)
					? d.parent
					: rootName
		)(items);

	// Subtree sizes (for "+N more") and the processes that must be drawn.
	const size = new Map<string, number>();
	root.eachAfter((node) => {
		let total = 1;
		for (const child of node.children ?? []) total += size.get(child.data.name) ?? 1;
		size.set(node.data.name, total);
	});
	const nodeByName = new Map<string, HierarchyNode<Item>>();
	root.each((node) => nodeByName.set(node.data.name, node));
	const must = new Set<string>();
	const mark = (name: string | null | undefined) => {
		let node = name ? nodeByName.get(name) : undefined;
		while (node && !must.has(node.data.name)) {
			must.add(node.data.name);
			node = node.parent ?? undefined;
		}
	};
	// Important processes are always drawn; their ancestors are needed to
	// reach them, but a long chain of ancestors is cut short once the
	// namespace has twice its cap drawn (the kept ones hang from the nearest
	// drawn ancestor by a dashed "gap" edge).
	const important = new Set<string>();
	const markImportant = (name: string | null | undefined) => {
		if (!name || !nodeByName.has(name)) return;
		important.add(name);
		mark(name);
	};
	for (const item of items) {
		if (item.pending) markImportant(item.name);
		const ns = nsById.get(item.ns);
		if (ns && ns.init === item.name) markImportant(item.name);
	}
	for (const name of focusNames(input.focus)) markImportant(name);
	for (const name of options.keep ?? []) markImportant(name);

	const boxes: BoxGeom[] = [];
	const nodes: NodeGeom[] = [];
	const edges: EdgeGeom[] = [];
	const more: MoreGeom[] = [];
	const boxOf = new Map<string, BoxGeom>();
	const shownIn = new Map<string, number>();
	const hiddenIn = new Map<string, number>();
	/** Depth inside its own namespace, per drawn process. */
	const localDepth = new Map<string, number>();
	let y = 0;
	let right = options.minWidth ?? 0;
	// On a phone, children are indented less, so that deep trees need less sideways scrolling.
	const narrow = options.minWidth !== undefined && options.minWidth < NARROW;
	const indent = narrow ? NARROW_INDENT : INDENT;
	const elbow = narrow ? NARROW_ELBOW : ELBOW;
	/** How far a nested box's right edge is inside its parent's, and a row's end inside its box. */
	const inset = narrow ? NARROW_INSET : PAD;
	const hide = (ns: string, count: number) => hiddenIn.set(ns, (hiddenIn.get(ns) ?? 0) + count);

	const openBox = (ns: NsView | undefined, item: Item, x: number) => {
		const box: BoxGeom = {
			key: item.ns,
			level: item.level,
			init: ns?.init ?? item.name,
			lastPid: ns?.lastPid ?? 0,
			alive: ns?.alive ?? true,
			x,
			y,
			width: 0,
			height: 0,
			hidden: 0,
			wrapped: false
		};
		boxes.push(box);
		boxOf.set(item.ns, box);
		// A header wider than the picture puts its counter on a second line, so that
		// the counter is on screen without scrolling sideways (the title is shortened).
		const boxInset = box.level * inset;
		const oneLine = x + headerWidth(box) + boxInset;
		box.wrapped = options.minWidth !== undefined && oneLine > options.minWidth;
		if (box.wrapped) {
			const { title, counter } = headerParts(box);
			right = Math.max(right, Math.min(x + title + 8 + boxInset, options.minWidth ?? 0));
			right = Math.max(right, x + counter + 8 + boxInset);
		} else right = Math.max(right, oneLine);
		y += box.wrapped ? HEADER_WRAPPED : HEADER;
		return box;
	};
	const closeBox = (box: BoxGeom) => {
		const hidden = hiddenIn.get(box.key) ?? 0;
		box.hidden = hidden;
		if (hidden > 0) {
			const x = box.x + PAD;
			const width = moreWidth(hidden);
			more.push({ key: `more:${box.key}`, ns: box.key, count: hidden, x, y, width, height: 26 });
			right = Math.max(right, x + width + (box.level + 1) * inset);
			y += MORE_ROW;
		}
		y += BOTTOM;
		box.height = y - box.y;
	};

	// Pre-order walk with an explicit stack: a chain of thousands of forks
	// must not overflow the call stack. `anchor` is the nearest drawn ancestor.
	type Task = { node: HierarchyNode<Item>; anchor: NodeGeom | undefined } | { close: BoxGeom };
	const stack: Task[] = [{ node: root, anchor: undefined }];
	while (stack.length > 0) {
		const task = stack.pop()!;
		if ('close' in task) {
			closeBox(task.close);
			continue;
		}
		const item = task.node.data;
		const anchor = task.anchor;
		const ns = nsById.get(item.ns);
		const opensBox = !boxOf.has(item.ns) || (ns !== undefined && ns.init === item.name);
		const count = shownIn.get(item.ns) ?? 0;
		const children = task.node.children ?? [];
		if (!opensBox && !important.has(item.name) && count >= cap) {
			if (!must.has(item.name)) {
				// Nothing below needs drawing: the whole subtree is summed up.
				hide(item.ns, size.get(item.name) ?? 1);
				continue;
			}
			if (count >= 2 * cap) {
				// Passed through: not drawn, but the important ones below are.
				hide(item.ns, 1);
				for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], anchor });
				continue;
			}
		}
		shownIn.set(item.ns, count + 1);
		let x: number;
		let box: BoxGeom | null = null;
		if (opensBox) {
			const boxX = anchor ? anchor.x + indent : 0;
			box = openBox(ns, item, boxX);
			x = boxX + PAD;
			localDepth.set(item.name, 0);
		} else {
			const depth = anchor ? (localDepth.get(anchor.key) ?? 0) + 1 : 1;
			localDepth.set(item.name, depth);
			x = anchor
				? depth > MAX_INDENT_DEPTH
					? anchor.x
					: anchor.x + indent
				: (boxOf.get(item.ns)?.x ?? 0) + PAD;
		}
		const shown = shortName(item.name);
		const chipsX = nameWidth(shown);
		const { chips, width: chipsWidth } = chipsOf(item.pids);
		const geom: NodeGeom = {
			key: item.name,
			name: item.name,
			shown,
			x,
			y,
			width: chipsX + chipsWidth + NODE_TAIL,
			height: NODE_HEIGHT,
			chipsX,
			pids: item.pids,
			chips,
			level: item.level,
			ns: item.ns,
			parent: item.parent,
			alive: item.alive,
			pending: item.pending,
			depth: task.node.depth
		};
		nodes.push(geom);
		right = Math.max(right, geom.x + geom.width + (item.level + 1) * inset);
		if (anchor) {
			const ex = anchor.x + elbow;
			edges.push({
				key: item.name,
				parent: anchor.key,
				child: item.name,
				gap: anchor.key !== item.parent,
				x: ex,
				y1: anchor.y + NODE_HEIGHT,
				x2: Math.max(ex, x),
				y2: y + NODE_HEIGHT / 2
			});
		}
		y += ROW;
		if (box) stack.push({ close: box });
		for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], anchor: geom });
	}

	const width = Math.ceil(right);
	for (const box of boxes) box.width = width - box.level * inset - box.x;
	return {
		width,
		height: y,
		boxes,
		nodes,
		edges,
		more,
		present: items.length,
		drawn: nodes.length
	};
}

// ------------------------------------------------------------------ in view

/**
 * Where the tree's scroll box, showing `height` layout px from `seenTop`, should
 * scroll to (its top, in layout px) so that what the frame is about is in view:
 * `seenTop` when it already is. That is the node of the frame's process (the one
 * `ps` runs in), shown a third of the way down. A step that hands out a PID
 * (`alloc`) is about a namespace's last PID too ("its last PID goes from 5 to 6"),
 * which its box's header shows: the header is kept in view with the node when both
 * fit, and is what is shown when they do not, as the narration's subject.
 */
export function focusScrollTop(
	layout: PidnsLayout,
	focus: PidnsFocus | null,
	seenTop: number,
	height: number
): number {
	if (!focus) return seenTop;
	const key = focus.kind === 'ps' ? focus.from : focus.process;
	const node = layout.nodes.find((n) => n.key === key);
	if (!node) return seenTop;
	const box = focus.kind === 'alloc' ? layout.boxes.find((b) => b.key === focus.ns) : undefined;
	const headerBottom = box ? box.y + (box.wrapped ? HEADER_WRAPPED : HEADER) : 0;
	let top = Math.min(box?.y ?? node.y, node.y);
	let bottom = Math.max(headerBottom, node.y + node.height);
	// Both do not fit: the header alone.
	if (box && bottom - top > height) [top, bottom] = [box.y, headerBottom];
	if (top >= seenTop && bottom <= seenTop + height) return seenTop;
	// As near the node's usual place as shows the whole of what is kept in view.
	return Math.max(0, Math.min(top, Math.max(bottom - height, node.y - height / 3)));
}
