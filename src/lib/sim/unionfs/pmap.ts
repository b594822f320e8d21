/**
 * A small persistent (immutable) hash map from strings to values: a hash array
 * mapped trie. Setting or removing a key copies only the few nodes on the way
 * to it (about log32 of the size), so every version stays valid and shares
 * almost everything with the next. The model keeps the upper layer in these, so
 * a frame can hold "the upper layer at this moment" at the cost of what changed.
 */

interface Leaf<V> {
	readonly key: string;
	readonly hash: number;
	readonly value: V;
}

/** Keys whose 32-bit hashes are equal. */
interface Bucket<V> {
	readonly hash: number;
	readonly leaves: readonly Leaf<V>[];
}

interface Branch<V> {
	readonly bitmap: number;
	readonly slots: readonly Slot<V>[];
}

type Slot<V> = Leaf<V> | Bucket<V> | Branch<V>;

const BITS = 5;
const MASK = 31;

function isLeaf<V>(slot: Slot<V>): slot is Leaf<V> {
	return 'key' in slot;
}

function isBucket<V>(slot: Slot<V>): slot is Bucket<V> {
	return 'leaves' in slot;
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		hash ^= key.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	x = (x + (x >>> 4)) & 0x0f0f0f0f;
	return Math.imul(x, 0x01010101) >>> 24;
}

function slotHash<V>(slot: Leaf<V> | Bucket<V>): number {
	return slot.hash;
}

/** A branch holding two slots whose hashes differ somewhere at or below `shift`. */
function pair<V>(a: Leaf<V> | Bucket<V>, b: Leaf<V>, shift: number): Branch<V> {
	const fragA = (slotHash(a) >>> shift) & MASK;
	const fragB = (b.hash >>> shift) & MASK;
	if (fragA === fragB) return { bitmap: 1 << fragA, slots: [pair(a, b, shift + BITS)] };
	const slots = fragA < fragB ? [a, b] : [b, a];
	return { bitmap: (1 << fragA) | (1 << fragB), slots };
}

function getIn<V>(branch: Branch<V>, key: string, hash: number): V | undefined {
	let node: Branch<V> = branch;
	let shift = 0;
	for (;;) {
		const bit = 1 << ((hash >>> shift) & MASK);
		if ((node.bitmap & bit) === 0) return undefined;
		const slot = node.slots[popcount(node.bitmap & (bit - 1))];
		if (isLeaf(slot)) return slot.key === key ? slot.value : undefined;
		if (isBucket(slot)) return slot.leaves.find((leaf) => leaf.key === key)?.value;
		node = slot;
		shift += BITS;
	}
}

function replaceSlot<V>(branch: Branch<V>, index: number, slot: Slot<V>): Branch<V> {
	const slots = branch.slots.slice();
	slots[index] = slot;
	return { bitmap: branch.bitmap, slots };
}

/** Returns the new branch and whether the key was new. */
function setIn<V>(branch: Branch<V>, leaf: Leaf<V>, shift: number): [Branch<V>, boolean] {
	const bit = 1 << ((leaf.hash >>> shift) & MASK);
	const index = popcount(branch.bitmap & (bit - 1));
	if ((branch.bitmap & bit) === 0) {
		const slots = branch.slots.slice();
		slots.splice(index, 0, leaf);
		return [{ bitmap: branch.bitmap | bit, slots }, true];
	}
	const slot = branch.slots[index];
	if (isLeaf(slot)) {
		if (slot.key === leaf.key) return [replaceSlot(branch, index, leaf), false];
		if (slot.hash === leaf.hash) {
			return [replaceSlot(branch, index, { hash: leaf.hash, leaves: [slot, leaf] }), true];
		}
		return [replaceSlot(branch, index, pair(slot, leaf, shift + BITS)), true];
	}
	if (isBucket(slot)) {
		if (slot.hash !== leaf.hash) {
			return [replaceSlot(branch, index, pair(slot, leaf, shift + BITS)), true];
		}
		const at = slot.leaves.findIndex((old) => old.key === leaf.key);
		const leaves = slot.leaves.slice();
		if (at >= 0) leaves[at] = leaf;
		else leaves.push(leaf);
		return [replaceSlot(branch, index, { hash: slot.hash, leaves }), at < 0];
	}
	const [child, added] = setIn(slot, leaf, shift + BITS);
	return [replaceSlot(branch, index, child), added];
}

/** Returns the new branch (null when it became empty), or the same branch when the key was absent. */
function removeIn<V>(
	branch: Branch<V>,
	key: string,
	hash: number,
	shift: number
): Branch<V> | null {
	const bit = 1 << ((hash >>> shift) & MASK);
	if ((branch.bitmap & bit) === 0) return branch;
	const index = popcount(branch.bitmap & (bit - 1));
	const slot = branch.slots[index];
	let replacement: Slot<V> | null;
	if (isLeaf(slot)) {
		if (slot.key !== key) return branch;
		replacement = null;
	} else if (isBucket(slot)) {
		const leaves = slot.leaves.filter((leaf) => leaf.key !== key);
		if (leaves.length === slot.leaves.length) return branch;
		replacement = leaves.length === 1 ? leaves[0] : { hash: slot.hash, leaves };
	} else {
		const child = removeIn(slot, key, hash, shift + BITS);
		if (child === slot) return branch;
		replacement = child;
		// A branch left with a single leaf collapses into that leaf.
		if (child && child.slots.length === 1 && !('bitmap' in child.slots[0])) {
			replacement = child.slots[0];
		}
	}
	if (replacement) return replaceSlot(branch, index, replacement);
	if (branch.slots.length === 1) return null;
	const slots = branch.slots.slice();
	slots.splice(index, 1);
	return { bitmap: branch.bitmap & ~bit, slots };
}

function* leavesOf<V>(branch: Branch<V>): Generator<Leaf<V>> {
	for (const slot of branch.slots) {
		if (isLeaf(slot)) yield slot;
		else if (isBucket(slot)) yield* slot.leaves;
		else yield* leavesOf(slot);
	}
}

const EMPTY_BRANCH: Branch<never> = Object.freeze({ bitmap: 0, slots: Object.freeze([]) });

export class PersistentMap<V> {
	private constructor(
		private readonly root: Branch<V>,
		readonly size: number
	) {}

	static empty<V>(): PersistentMap<V> {
		return new PersistentMap<V>(EMPTY_BRANCH, 0);
	}

	get(key: string): V | undefined {
		return getIn(this.root, key, hashOf(key));
	}

	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	set(key: string, value: V): PersistentMap<V> {
		const [root, added] = setIn(this.root, { key, hash: hashOf(key), value }, 0);
		return new PersistentMap(root, added ? this.size + 1 : this.size);
	}

	delete(key: string): PersistentMap<V> {
		const root = removeIn(this.root, key, hashOf(key), 0);
		if (root === this.root) return this;
		return new PersistentMap(root ?? EMPTY_BRANCH, this.size - 1);
	}

	/** Every key, in no particular order. */
	*keys(): Generator<string> {
		for (const leaf of leavesOf(this.root)) yield leaf.key;
	}

	*entries(): Generator<[string, V]> {
		for (const leaf of leavesOf(this.root)) yield [leaf.key, leaf.value];
	}

	/**
	 * Gives a structured clone of a PersistentMap (which arrives as a plain
	 * object, e.g. from a worker) its methods back, in place. `revive` is applied
	 * to every value; `seen` skips what an earlier frame already revived.
	 */
	static revive<V>(
		clone: unknown,
		seen: WeakSet<object>,
		revive?: (value: unknown) => void
	): PersistentMap<V> {
		const map = clone as PersistentMap<V>;
		if (seen.has(map)) return map;
		seen.add(map);
		Object.setPrototypeOf(map, PersistentMap.prototype);
		if (revive) for (const leaf of leavesOf(map.root)) revive(leaf.value);
		return map;
	}
}
