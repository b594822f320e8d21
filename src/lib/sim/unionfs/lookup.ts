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
 * `names` in the order of Array.prototype.sort, produced lazily from a binary heap:
 * a directory of 200,000 names costs a heapify and one pop per name read, not a
 * whole sort, when only the first rows are shown.
 */
function* inOrder(names: string[]): Generator<string> {
	const heap = names;
	const less = (a: number, b: number) => heap[a] < heap[b];
	const down = (from: number, size: number) => {
		let i = from;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let least = i;
			if (left < size && less(left, least)) least = left;
			if (right < size && less(right, least)) least = right;
			if (least === i) return;
			[heap[i], heap[least]] = [heap[least], heap[i]];
			i = least;
		}
	};
	for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i, heap.length);
	for (let size = heap.length; size > 0; size--) {
		yield heap[0];
		heap[0] = heap[size - 1];
		down(0, size - 1);
	}
}

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
		const names = new Set<string>();
		for (const layer of stack) for (const name of sources[layer].childNames(dir)) names.add(name);
		for (const name of inOrder([...names])) {
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
