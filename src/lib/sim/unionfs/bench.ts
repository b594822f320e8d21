/**
 * The `unionfs` scenario `npm run bench` times: 256 lower layers of 10,000
 * entries each and 10,000 operations, all at the limits, built deterministically.
 * Most paths live in one or two layers (as in a real image, where each layer
 * adds its own files under shared directories), so every lookup shows a few
 * probes and the trace stays well inside the frame limit.
 */
import { LIMITS } from '../core';
import type { EntriesSpec, UnionfsScenario } from './schema';

/** mulberry32: a small deterministic PRNG (no Math.random in the core). */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DIRS = 100;

/** Contents repeat, as in real images; the interesting part is the paths. */
const CONTENTS = Array.from({ length: 64 }, (_, n) => `file contents #${n}\n`);

/** Layer `i`'s file number `j`: under a directory every layer shares. */
function filePath(layer: number, j: number): string {
	return `/srv/d${j % DIRS}/f${layer}-${j}`;
}

export function largeScenario(
	layerCount: number = LIMITS.layers,
	entriesPerLayer: number = LIMITS.entriesPerLayer,
	opCount: number = LIMITS.ops
): UnionfsScenario {
	const random = mulberry32(0x0fa11);
	const layers = Array.from({ length: layerCount }, (_, layer) => {
		const entries: EntriesSpec = {};
		// A few entries per layer for whiteouts and an opaque directory of its own.
		const special = Math.min(20, entriesPerLayer);
		entries[`/opt/app${layer}`] = { type: 'dir', opaque: true };
		for (let j = 1; j < special; j++) {
			if (j % 2 === 0 && layer + 1 < layerCount) {
				entries[filePath(layer + 1, j)] = { type: 'whiteout' };
			} else entries[`/opt/app${layer}/m${j}`] = `module ${j} of layer ${layer}`;
		}
		for (let j = special; j < entriesPerLayer; j++)
			entries[filePath(layer, j)] = CONTENTS[j % CONTENTS.length];
		return { name: `layer-${layer}`, entries };
	});
	const pick = (n: number) => Math.floor(random() * n);
	const existing = () => {
		const layer = pick(layerCount);
		return filePath(layer, Math.min(20, entriesPerLayer) + pick(Math.max(1, entriesPerLayer - 20)));
	};
	const ops: UnionfsScenario['ops'] = [];
	for (let k = 0; k < opCount; k++) {
		const roll = random();
		if (roll < 0.3) ops.push({ op: 'read', path: existing() });
		else if (roll < 0.45) ops.push({ op: 'stat', path: existing() });
		else if (roll < 0.6) ops.push({ op: 'write', path: existing(), content: `changed ${k}` });
		else if (roll < 0.7) ops.push({ op: 'append', path: existing(), content: `+${k}` });
		else if (roll < 0.8) ops.push({ op: 'delete', path: existing() });
		else if (roll < 0.87) ops.push({ op: 'mkdir', path: `/srv/d${pick(DIRS)}/new${k}` });
		else if (roll < 0.92) ops.push({ op: 'list', path: `/opt/app${pick(layerCount)}` });
		else if (roll < 0.96)
			ops.push({ op: 'read', path: `/srv/d${pick(DIRS)}/f${pick(layerCount)}-${pick(20)}` });
		else ops.push({ op: 'rmdir', path: `/srv/d${pick(DIRS)}/new${pick(k + 1)}` });
	}
	return {
		model: 'unionfs',
		title: 'Bench: 256 layers of 10,000 entries, 10,000 operations',
		layers,
		upper: { name: 'container', entries: {} },
		ops
	};
}
