/**
 * The OverlayFS lookup, the one copy: the model walks it (with narration) and
 * the renderer's merged view and questions use it (without). Checked against
 * the kernel by tests/conformance/unionfs.test.ts through the model.
 */
import type { Entry } from './layers';
import type { ProbeOutcome } from './model';

/** What a name resolves to: the file serving it, or the layers merged into a directory. */
export type Node =
	{ type: 'file'; layer: number; content: string } | { type: 'dir'; stack: number[] };

export interface ProbeEvent {
	layer: number;
	outcome: ProbeOutcome;
	skipped: number;
	text: string;
}

export interface ChildLookup {
	found: Node | null;
	events: ProbeEvent[];
	/** Last layer probed (where a miss is shown). */
	lastLayer: number;
}

/** The layers of a union, numbered top first. */
export interface Layers {
	get(layer: number, path: string): Entry | undefined;
	childNames(layer: number, dir: string): readonly string[];
}

/**
 * Looks `path` up in the layers of its parent's merged directory, top first,
 * as ovl_lookup() does: the first layer holding the name decides what it is;
 * a whiteout hides the name below it; a directory merges with directories of
 * the same name below until an opaque one, a whiteout or a non-directory.
 * `narrate` names a layer in the probe's sentence; null: no sentences.
 */
export function lookupChild(
	layers: Pick<Layers, 'get'>,
	parentStack: readonly number[],
	path: string,
	narrate: ((layer: number) => string) | null
): ChildLookup {
	const events: ProbeEvent[] = [];
	let found: Node | null = null;
	let stack: number[] | null = null;
	let skipped = 0;
	let lastLayer = parentStack[parentStack.length - 1];
	for (let i = 0; i < parentStack.length; i++) {
		const layer = parentStack[i];
		const entry = layers.get(layer, path);
		if (!entry) {
			skipped++;
			continue;
		}
		lastLayer = layer;
		let outcome: ProbeOutcome = 'hit';
		let text = '';
		const where = narrate ? narrate(layer) : '';
		if (entry.type === 'whiteout') {
			outcome = 'whiteout';
			if (narrate) {
				text = stack
					? `${where} has a whiteout for ${path}: the directory merges with nothing below it.`
					: `${where} has a whiteout for ${path}: the name is hidden in every layer below, so it does not exist.`;
			}
		} else if (entry.type === 'file') {
			if (stack) {
				outcome = 'non-directory';
				if (narrate) {
					text = `${where} has a file at ${path}, which stops the merge: nothing below it joins the directory.`;
				}
			} else {
				found = { type: 'file', layer, content: entry.content };
				if (narrate) text = `${where} has ${path}: the lookup stops here and serves it.`;
			}
		} else {
			const first = !stack;
			if (!stack) {
				stack = [layer];
				found = { type: 'dir', stack };
			} else stack.push(layer);
			const more = i < parentStack.length - 1;
			if (entry.opaque) outcome = 'opaque';
			if (narrate) {
				text = entry.opaque
					? `${where} has ${path} as an opaque directory: ${first ? 'it is served and ' : 'it joins the merge and '}no layer below is merged.`
					: first
						? `${where} has the directory ${path}${more ? ': it is served, and the lookup looks below for directories to merge with it.' : ', and serves it.'}`
						: `${where} also has the directory ${path}: it joins the merged directory.`;
			}
		}
		if (narrate) events.push({ layer, outcome, skipped, text });
		skipped = 0;
		// A whiteout, a file and an opaque directory each end the walk down the layers.
		if (outcome !== 'hit' || entry.type === 'file') break;
	}
	return { found, events, lastLayer };
}

/** One layer as a lookup reads it (a LowerLayer, or an UpperLayer at some frame). */
export interface LayerSource {
	get(path: string): Entry | undefined;
	childNames(dir: string): readonly string[];
	/** The same names sorted (a layer that never changes keeps them). */
	sortedChildNames?(dir: string): readonly string[];
}

/** A list of layers, top first, as `Layers`. */
export function layersOf(sources: readonly LayerSource[]): Layers {
	return {
		get: (layer, path) => sources[layer].get(path),
		childNames: (layer, dir) => sources[layer].childNames(dir)
	};
}

/** What the container sees at `path`: the serving file, the merged directory, or null. */
export function resolve(sources: readonly LayerSource[], path: string): Node | null {
	const layers = layersOf(sources);
	let stack = sources.map((_, index) => index);
	if (path === '/') return { type: 'dir', stack };
	let current = '';
	const names = path.slice(1).split('/');
	for (let i = 0; i < names.length; i++) {
		current += `/${names[i]}`;
		const { found } = lookupChild(layers, stack, current, null);
		if (i === names.length - 1) return found;
		if (!found || found.type === 'file') return null;
		stack = found.stack;
	}
	return null;
}

export interface MergedRow {
	path: string;
	name: string;
	depth: number;
	type: 'file' | 'dir';
	/** Index (top first) of the layer serving it; for a directory, the topmost one holding it. */
	layer: number;
	/** For a directory: every layer merged into it. */
	stack?: number[];
	content?: string;
}

/**
 * The distinct names of several sorted lists, in sorted order (a k-way merge on a
 * small heap of list heads): showing the first rows of a directory that 256 layers
 * fill with 200,000 names reads a few hundred of them, not all.
 */
export function* mergeSorted(lists: readonly (readonly string[])[]): Generator<string> {
	// Heap of [list, position], smallest head first.
	const heap: [number, number][] = [];
	const head = (item: [number, number]) => lists[item[0]][item[1]];
	const less = (a: number, b: number) => head(heap[a]) < head(heap[b]);
	const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b], heap[a]]);
	const up = (from: number) => {
		for (let i = from; i > 0;) {
			const parent = (i - 1) >> 1;
			if (!less(i, parent)) return;
			swap(i, parent);
			i = parent;
		}
	};
	const down = (from: number) => {
		for (let i = from; ;) {
			const left = 2 * i + 1;
			let least = i;
			if (left < heap.length && less(left, least)) least = left;
			if (left + 1 < heap.length && less(left + 1, least)) least = left + 1;
			if (least === i) return;
			swap(i, least);
			i = least;
		}
	};
	lists.forEach((list, index) => {
		if (list.length > 0) {
			heap.push([index, 0]);
			up(heap.length - 1);
		}
	});
	let last: string | null = null;
	while (heap.length > 0) {
		const top = heap[0];
		const name = head(top);
		if (name !== last) yield name;
		last = name;
		if (top[1] + 1 < lists[top[0]].length) top[1]++;
		else {
			heap[0] = heap[heap.length - 1];
			heap.pop();
		}
		if (heap.length > 0) down(0);
	}
}

const sortedNames = (source: LayerSource, dir: string): readonly string[] =>
	source.sortedChildNames?.(dir) ?? [...source.childNames(dir)].sort();

/**
 * The merged tree as the container sees it, depth first and sorted by name,
 * whiteouts hidden. Stops after `limit` rows (`more` is then true), so a huge
 * union costs no more than what is shown.
 */
export function mergedTree(
	sources: readonly LayerSource[],
	limit = 60
): { rows: MergedRow[]; more: boolean } {
	const layers = layersOf(sources);
	const rows: MergedRow[] = [];
	let more = false;
	const visit = (dir: string, stack: readonly number[], depth: number): void => {
		for (const name of mergeSorted(stack.map((layer) => sortedNames(sources[layer], dir)))) {
			if (rows.length >= limit) {
				more = true;
				return;
			}
			const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
			const { found } = lookupChild(layers, stack, path, null);
			if (!found) continue;
			if (found.type === 'file') {
				rows.push({ path, name, depth, type: 'file', layer: found.layer, content: found.content });
			} else {
				rows.push({ path, name, depth, type: 'dir', layer: found.stack[0], stack: found.stack });
				visit(path, found.stack, depth + 1);
				if (more) return;
			}
		}
	};
	visit(
		'/',
		sources.map((_, index) => index),
		0
	);
	return { rows, more };
}
