/**
 * The layers of a union: lower layers indexed once by full path, and the upper
 * layer as a persistent structure that every frame can hold cheaply.
 */
import { PersistentMap } from './pmap';
import type { EntriesSpec, EntrySpec } from './schema';

export interface FileEntry {
	readonly type: 'file';
	readonly content: string;
}
export interface DirEntry {
	readonly type: 'dir';
	readonly opaque: boolean;
}
export interface WhiteoutEntry {
	readonly type: 'whiteout';
}
export type Entry = FileEntry | DirEntry | WhiteoutEntry;

export const PLAIN_DIR: DirEntry = Object.freeze({ type: 'dir', opaque: false });
export const OPAQUE_DIR: DirEntry = Object.freeze({ type: 'dir', opaque: true });
export const WHITEOUT: WhiteoutEntry = Object.freeze({ type: 'whiteout' });

export function fileEntry(content: string): FileEntry {
	return { type: 'file', content };
}

export function entryFromSpec(spec: EntrySpec): Entry {
	if (typeof spec === 'string') return fileEntry(spec);
	if (spec.type === 'file') return fileEntry(spec.content);
	if (spec.type === 'dir') return spec.opaque ? OPAQUE_DIR : PLAIN_DIR;
	return WHITEOUT;
}

/** The entry format of docs/scenarios.md: a file is its content. */
export type EntryJson = string | { type: 'dir'; opaque?: true } | { type: 'whiteout' };

export function entryToJson(entry: Entry): EntryJson {
	if (entry.type === 'file') return entry.content;
	if (entry.type === 'whiteout') return { type: 'whiteout' };
	return entry.opaque ? { type: 'dir', opaque: true } : { type: 'dir' };
}

export function parentOf(path: string): string {
	const cut = path.lastIndexOf('/');
	return cut <= 0 ? '/' : path.slice(0, cut);
}

export function nameOf(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** The directories strictly between "/" and `path`, top-down: "/a/b/c" → ["/a", "/a/b"]. */
export function ancestorsOf(path: string): string[] {
	const out: string[] = [];
	for (let cut = path.indexOf('/', 1); cut > 0; cut = path.indexOf('/', cut + 1)) {
		out.push(path.slice(0, cut));
	}
	return out;
}

function compareNames(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A read-only lower layer. Built once; lookups are one Map probe by full path. */
export class LowerLayer {
	readonly entries = new Map<string, Entry>();
	private childIndex: Map<string, string[]> | null = null;

	constructor(
		readonly name: string,
		spec: EntriesSpec
	) {
		// Files with the same content share one entry object: layers are large, contents often repeat.
		const shared = new Map<string, FileEntry>();
		for (const path in spec) {
			if (path.startsWith('x-')) continue;
			const value = spec[path];
			if (typeof value === 'string') {
				let entry = shared.get(value);
				if (!entry) shared.set(value, (entry = fileEntry(value)));
				this.entries.set(path, entry);
			} else this.entries.set(path, entryFromSpec(value));
		}
		// Parent directories are implied (docs/scenarios.md); validation made sure none is a file.
		for (const path of [...this.entries.keys()]) {
			for (let dir = parentOf(path); dir !== '/' && !this.entries.has(dir); dir = parentOf(dir)) {
				this.entries.set(dir, PLAIN_DIR);
			}
		}
	}

	get(path: string): Entry | undefined {
		return this.entries.get(path);
	}

	/** Names directly inside `dir` in this layer. The index is built on the first listing. */
	childNames(dir: string): readonly string[] {
		if (!this.childIndex) {
			const index = new Map<string, string[]>();
			for (const path of this.entries.keys()) {
				const parent = parentOf(path);
				const names = index.get(parent);
				if (names) names.push(nameOf(path));
				else index.set(parent, [nameOf(path)]);
			}
			this.childIndex = index;
		}
		return this.childIndex.get(dir) ?? [];
	}

	private sorted = new Map<string, readonly string[]>();

	/** The names directly inside `dir`, sorted; kept, since a lower layer never changes. */
	sortedChildNames(dir: string): readonly string[] {
		let names = this.sorted.get(dir);
		if (!names) {
			names = [...this.childNames(dir)].sort();
			this.sorted.set(dir, names);
		}
		return names;
	}

	/** Builds the directory index and every sorted listing now (before a big union is drawn). */
	prepareListings(): void {
		this.childNames('/');
		for (const dir of this.childIndex!.keys()) this.sortedChildNames(dir);
	}
}

type NameSet = PersistentMap<true>;

/**
 * The upper layer at one moment. Immutable: `set` and `remove` return a new
 * UpperLayer sharing everything that did not change, so each frame can hold the
 * upper layer as it was then at the cost of what changed. Renderers read it
 * with `get`, `childNames` and `entryList`; JSON.stringify gives `{entries}` in
 * the entry format of docs/scenarios.md.
 */
export class UpperLayer {
	private constructor(
		readonly name: string,
		private readonly byPath: PersistentMap<Entry>,
		private readonly byDir: PersistentMap<NameSet>
	) {}

	static fromSpec(name: string, spec: EntriesSpec): UpperLayer {
		let upper = new UpperLayer(name, PersistentMap.empty(), PersistentMap.empty());
		for (const [path, value] of Object.entries(spec)) {
			if (path.startsWith('x-')) continue;
			for (const dir of ancestorsOf(path)) if (!upper.get(dir)) upper = upper.set(dir, PLAIN_DIR);
			upper = upper.set(path, entryFromSpec(value));
		}
		return upper;
	}

	get size(): number {
		return this.byPath.size;
	}

	get(path: string): Entry | undefined {
		return this.byPath.get(path);
	}

	childNames(dir: string): string[] {
		const names = this.byDir.get(dir);
		return names ? [...names.keys()] : [];
	}

	/** Sets one entry; its parent directory must already be in this layer. */
	set(path: string, entry: Entry): UpperLayer {
		const parent = parentOf(path);
		const siblings = this.byDir.get(parent) ?? PersistentMap.empty<true>();
		return new UpperLayer(
			this.name,
			this.byPath.set(path, entry),
			siblings.has(nameOf(path))
				? this.byDir
				: this.byDir.set(parent, siblings.set(nameOf(path), true))
		);
	}

	/** Removes an entry and everything below it. */
	remove(path: string): UpperLayer {
		if (!this.byPath.has(path)) return this;
		let byPath = this.byPath;
		let byDir = this.byDir;
		const pending = [path];
		while (pending.length) {
			const current = pending.pop() as string;
			byPath = byPath.delete(current);
			const names = byDir.get(current);
			if (names) {
				for (const name of names.keys()) pending.push(`${current}/${name}`);
				byDir = byDir.delete(current);
			}
		}
		const parent = parentOf(path);
		const siblings = byDir.get(parent);
		if (siblings) {
			const rest = siblings.delete(nameOf(path));
			byDir = rest.size ? byDir.set(parent, rest) : byDir.delete(parent);
		}
		return new UpperLayer(this.name, byPath, byDir);
	}

	/**
	 * Gives a structured clone of an UpperLayer (a frame sent by the simulation
	 * worker arrives without classes) its methods back, in place.
	 */
	static revive(clone: unknown, seen: WeakSet<object>): UpperLayer {
		const upper = clone as UpperLayer;
		if (seen.has(upper)) return upper;
		seen.add(upper);
		Object.setPrototypeOf(upper, UpperLayer.prototype);
		PersistentMap.revive(upper.byPath, seen);
		PersistentMap.revive(upper.byDir, seen, (names) => PersistentMap.revive(names, seen));
		return upper;
	}

	/** Every entry, sorted by path. */
	entryList(): [string, Entry][] {
		return [...this.byPath.entries()].sort((a, b) => compareNames(a[0], b[0]));
	}

	toJSON(): { entries: Record<string, EntryJson> } {
		const entries: Record<string, EntryJson> = {};
		for (const [path, entry] of this.entryList()) entries[path] = entryToJson(entry);
		return { entries };
	}
}
