/**
 * Seeded random `unionfs` scenarios: a tiny alphabet so names collide across
 * layers and nest, whiteouts and opaque directories in any layer, 1–4 lower
 * layers, with and without an upper layer.
 */
import type { EntriesSpec, OpName, UnionfsScenario } from '../../src/lib/sim/unionfs';

/** mulberry32: a small deterministic PRNG. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const NAMES = ['a', 'b', 'c'];
const OPS: OpName[] = ['read', 'stat', 'list', 'write', 'append', 'delete', 'mkdir', 'rmdir'];

function randomTree(random: () => number, dir: string, depth: number, out: EntriesSpec): void {
	for (const name of NAMES) {
		const path = `${dir}/${name}`;
		const roll = random();
		if (roll < 0.35) continue;
		if (roll < 0.55) out[path] = `${name}${Math.floor(random() * 10)}`;
		else if (roll < 0.67) out[path] = { type: 'whiteout' };
		else if (depth >= 3) out[path] = { type: 'dir' };
		else {
			const kind = random();
			// Sometimes explicit, sometimes implied by children, sometimes opaque.
			if (kind < 0.2) out[path] = { type: 'dir', opaque: true };
			else if (kind < 0.6) out[path] = { type: 'dir' };
			randomTree(random, path, depth + 1, out);
			if (kind >= 0.6 && !Object.keys(out).some((key) => key.startsWith(`${path}/`))) {
				out[path] = { type: 'dir' };
			}
		}
	}
}

function randomPath(random: () => number): string {
	if (random() < 0.04) return '/';
	const depth = 1 + Math.floor(random() * 3);
	let path = '';
	for (let i = 0; i < depth; i++) path += `/${NAMES[Math.floor(random() * NAMES.length)]}`;
	return path;
}

export function randomScenario(seed: number): UnionfsScenario {
	const random = mulberry32(seed);
	const lowerCount = 1 + Math.floor(random() * 4);
	const layers = Array.from({ length: lowerCount }, (_, index) => {
		const entries: EntriesSpec = {};
		randomTree(random, '', 1, entries);
		return { name: `L${index}`, entries };
	});
	const withUpper = random() < 0.75;
	let upper: UnionfsScenario['upper'];
	if (withUpper) {
		const entries: EntriesSpec = {};
		// Upper layers with their own whiteouts and opaque directories, as a used container leaves them.
		const roll = random();
		if (roll < 0.35) randomTree(random, '', 2, entries);
		else if (roll < 0.6) randomTree(random, '', 1, entries);
		upper = { name: 'upper', entries };
	}
	const ops = Array.from({ length: 4 + Math.floor(random() * 10) }, () => {
		const op = OPS[Math.floor(random() * OPS.length)];
		const path = randomPath(random);
		return op === 'write' || op === 'append'
			? { op, path, content: `x${Math.floor(random() * 100)}` }
			: { op, path };
	});
	return { model: 'unionfs', layers, ...(upper ? { upper } : {}), ops };
}
