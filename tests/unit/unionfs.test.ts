import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LIMITS, runModel, type Result } from '../../src/lib/sim/core';
import {
	PersistentMap,
	simulateUnionfs,
	unionfsModel,
	type UnionfsScenario
} from '../../src/lib/sim/unionfs';
import { mergeSorted } from '../../src/lib/sim/unionfs/lookup';
import { CASES } from '../conformance/unionfs-cases';
import { randomScenario } from '../conformance/unionfs-generator';

type Layers = UnionfsScenario['layers'];
type Ops = UnionfsScenario['ops'];

function run(input: unknown) {
	const outcome = runModel(unionfsModel, input);
	if (!outcome.ok) throw new Error(`invalid scenario:\n${outcome.errors.join('\n')}`);
	return outcome.trace;
}

function errorsOf(input: unknown): string[] {
	const outcome = runModel(unionfsModel, input);
	if (outcome.ok) throw new Error('expected an invalid scenario');
	return outcome.errors;
}

function scenario(
	layers: Layers,
	ops: Ops,
	upper: UnionfsScenario['upper'] = { name: 'upper', entries: {} }
) {
	return { model: 'unionfs', layers, ...(upper ? { upper } : {}), ops };
}

const errnos = (results: Result[]) => results.map((r) => (r.ok ? 'ok' : r.errno));
const caseNamed = (name: string) => CASES.find((c) => c.name === name)!.scenario;

describe('unionfs operations', () => {
	test('the contract example', () => {
		const trace = run(caseNamed('contract example'));
		expect(trace.results).toEqual([
			{ ok: true, content: 'root:x:0:0', layer: 'base' },
			{ ok: true, copiedUp: true },
			{ ok: false, errno: 'ENOENT' },
			{ ok: true, entries: [{ name: 'passwd', type: 'file' }] }
		]);
		expect(trace.final.upper).toEqual({
			entries: { '/etc': { type: 'dir' }, '/etc/passwd': 'root:x:0:0\nme:x:1000' }
		});
	});

	test('every op and every errno of the table, with an upper layer', () => {
		const trace = run(caseNamed('every op and error with an upper layer'));
		expect(errnos(trace.results)).toEqual([
			'ok', 'EISDIR', 'ENOENT', 'ENOTDIR', 'ENOENT', // read
			'ok', 'ok', 'ENOENT', 'ENOTDIR', // stat
			'ok', 'ok', 'ENOTDIR', 'ENOENT', // list
			'ENOENT', 'EISDIR', 'ENOTDIR', 'ok', // write
			'ok', 'ok', 'EISDIR', // append
			'EISDIR', 'ENOENT', 'ENOTDIR', 'ok', 'ok', // delete
			'EEXIST', 'ENOENT', 'ENOTDIR', 'ok', // mkdir
			'ENOTEMPTY', 'ENOTDIR', 'ENOENT', 'ENOTDIR', 'ok', 'ok', // rmdir
			'ok'
		]); // prettier-ignore
		expect(trace.results[0]).toEqual({ ok: true, content: 'top f', layer: 'top' });
		expect(trace.results[5]).toEqual({ ok: true, type: 'dir', layer: 'top' });
		expect(trace.results[6]).toEqual({ ok: true, type: 'file', layer: 'bottom' });
		expect(trace.results[10]).toEqual({
			ok: true,
			entries: [
				{ name: 'f', type: 'file' },
				{ name: 'g', type: 'file' }
			]
		});
		// An empty write of a lower file is still a copy-up; appending to a new file is not.
		expect(trace.results[16]).toEqual({ ok: true, copiedUp: true });
		expect(trace.results[17]).toEqual({ ok: true, copiedUp: true });
		expect(trace.results[18]).toEqual({ ok: true, copiedUp: false });
		expect(trace.results[23]).toEqual({ ok: true, whiteout: false });
		expect(trace.results[24]).toEqual({ ok: true, whiteout: true });
		// mkdir where delete just left an upper whiteout: opaque.
		expect(trace.results[28]).toEqual({ ok: true, opaque: true });
		expect(trace.results[33]).toEqual({ ok: true, whiteout: true });
		expect(trace.results[35]).toEqual({ ok: true, entries: [{ name: 'f', type: 'file' }] });
		expect(trace.final.upper).toEqual({
			entries: {
				'/d': { type: 'dir' },
				'/d/f': 'top f+1',
				'/d/g': { type: 'whiteout' },
				'/empty': { type: 'whiteout' }
			}
		});
	});

	test('read-only union: EROFS, but ENOENT/ENOTDIR for the parent, EISDIR for writing a directory, EEXIST first for mkdir', () => {
		const trace = run(caseNamed('read-only union: error precedence'));
		expect(errnos(trace.results)).toEqual([
			'EROFS', 'EROFS', 'EISDIR', 'EISDIR', 'ENOENT', 'ENOTDIR', // write, append
			'EROFS', 'EROFS', 'EROFS', 'ENOENT', 'ENOTDIR', // delete
			'EROFS', 'EROFS', 'EROFS', 'ENOENT', // rmdir
			'EEXIST', 'EEXIST', 'EROFS', 'EROFS', 'ENOENT', 'ENOTDIR', // mkdir
			'ok', 'ENOENT'
		]); // prettier-ignore
		expect(trace.final.upper).toBeNull();
	});

	test('the mount root: EISDIR to write or unlink, EEXIST to mkdir, EBUSY to rmdir', () => {
		const trace = run(caseNamed('the mount root'));
		expect(errnos(trace.results)).toEqual([
			'EISDIR',
			'ok',
			'ok',
			'EISDIR',
			'EISDIR',
			'EISDIR',
			'EEXIST',
			'EBUSY'
		]);
		expect(trace.results[1]).toEqual({ ok: true, type: 'dir', layer: 'u' });
	});
});

describe('unionfs rules', () => {
	test('copy-up copies the file and its ancestors only; a copied-up directory is not opaque', () => {
		const trace = run(
			scenario(
				[
					{
						name: 'low',
						entries: {
							'/a': { type: 'dir', opaque: true },
							'/a/b/file': 'content',
							'/a/b/sibling': 's',
							'/a/other/x': 'x'
						}
					}
				],
				[{ op: 'append', path: '/a/b/file', content: '!' }]
			)
		);
		expect(trace.results).toEqual([{ ok: true, copiedUp: true }]);
		expect(trace.final.upper).toEqual({
			entries: { '/a': { type: 'dir' }, '/a/b': { type: 'dir' }, '/a/b/file': 'content!' }
		});
		const copyUp = trace.frames.find((frame) => frame.change?.kind === 'copy-up');
		expect(copyUp?.change).toEqual({
			kind: 'copy-up',
			path: '/a/b/file',
			parents: ['/a', '/a/b'],
			from: 'lower-0'
		});
	});

	test('a whiteout hides the name in every layer below', () => {
		const trace = run(
			scenario(
				[
					{ name: 'top', entries: { '/x': { type: 'whiteout' } } },
					{ name: 'mid', entries: { '/x': 'mid' } },
					{ name: 'bot', entries: { '/x/y': 'y' } }
				],
				[
					{ op: 'read', path: '/x' },
					{ op: 'stat', path: '/x/y' },
					{ op: 'list', path: '/' }
				]
			)
		);
		expect(errnos(trace.results)).toEqual(['ENOENT', 'ENOENT', 'ok']);
		expect(trace.results[2]).toEqual({ ok: true, entries: [] });
	});

	test('removal leaves a whiteout exactly when a lower layer of the parent merge still shows the name', () => {
		const trace = run(caseNamed('whiteouts: which removals leave one'));
		expect(trace.results).toEqual([
			{ ok: true, whiteout: false }, // only in the upper layer
			{ ok: true, whiteout: false }, // upper file on a lower whiteout
			{ ok: true, whiteout: false }, // inside an opaque upper directory
			{ ok: true, copiedUp: false },
			{ ok: true, whiteout: false }, // below an opaque lower directory
			{ ok: true, whiteout: true }, // lower file
			{ ok: true, copiedUp: true },
			{ ok: true, whiteout: true } // copied-up file still shown below
		]);
	});

	test('mkdir over an upper whiteout is opaque; over a lower whiteout it is not', () => {
		const trace = run(
			caseNamed('mkdir over an upper whiteout is opaque, over a lower whiteout is not')
		);
		expect(trace.results).toEqual([
			{ ok: true, opaque: true },
			{ ok: true, entries: [] },
			{ ok: true, opaque: false },
			{ ok: true, entries: [] },
			{ ok: true, whiteout: false },
			{ ok: true, whiteout: true }
		]);
		const kinds = trace.frames.map((frame) => frame.change?.kind).filter(Boolean);
		expect(kinds).toEqual(['opaque', 'create', 'remove', 'whiteout']);
	});

	test('rmdir of a directory whose lower entries are all whited out succeeds, and its whiteouts go with it', () => {
		const trace = run(caseNamed('rmdir of a directory whose lower children are all whited out'));
		expect(trace.results).toEqual([
			{ ok: true, entries: [] },
			{ ok: true, whiteout: true },
			{ ok: false, errno: 'ENOENT' },
			{ ok: true, opaque: true },
			{ ok: true, entries: [] }
		]);
		expect(trace.final.upper).toEqual({ entries: { '/d': { type: 'dir', opaque: true } } });
	});

	test('a non-directory between two directories stops the merge', () => {
		const trace = run(caseNamed('a non-directory stops the merge; opaque directories hide below'));
		expect(trace.results.slice(0, 4)).toEqual([
			{ ok: true, entries: [{ name: 'one', type: 'file' }] },
			{ ok: false, errno: 'ENOENT' },
			// The opaque directory in layer "d" still joins the merge; only layers below it do not.
			{
				ok: true,
				entries: [
					{ name: 'x', type: 'file' },
					{ name: 'y', type: 'file' },
					{ name: 'z', type: 'file' }
				]
			},
			{ ok: false, errno: 'ENOTEMPTY' }
		]);
		const outcomes = trace.frames.filter((f) => f.op === 0 && f.probe).map((f) => f.probe!.outcome);
		expect(outcomes).toEqual(['hit', 'non-directory']);
	});

	test('whiteouts never show in a merged directory, but a directory held by one layer lists them (kernel)', () => {
		const trace = run(caseNamed('a directory held by one layer lists its whiteouts'));
		expect(trace.results).toEqual([
			{
				ok: true,
				entries: [
					{ name: 'f', type: 'file' },
					{ name: 'w', type: 'whiteout' }
				]
			},
			{ ok: false, errno: 'ENOENT' },
			{ ok: true, entries: [{ name: 'g', type: 'file' }] },
			{ ok: true, entries: [{ name: 'w', type: 'whiteout' }] },
			{ ok: true, copiedUp: true },
			{ ok: true, entries: [{ name: 'f', type: 'file' }] },
			{ ok: true, copiedUp: false },
			{ ok: false, errno: 'ENOTEMPTY' }
		]);
	});

	test('rmdir ignores whiteouts, except in a directory only the upper layer holds (kernel)', () => {
		const trace = run(caseNamed('rmdir of a directory held by one layer, holding only whiteouts'));
		expect(trace.results).toEqual([
			{
				ok: true,
				entries: [
					{ name: 'v', type: 'whiteout' },
					{ name: 'w', type: 'whiteout' }
				]
			},
			{ ok: true, whiteout: true },
			// A directory only in the upper layer is removed by a plain rmdir, which sees the whiteout.
			{ ok: false, errno: 'ENOTEMPTY' },
			{
				ok: true,
				entries: [
					{ name: 'fresh', type: 'dir' },
					{ name: 'x', type: 'file' }
				]
			}
		]);
		expect(trace.final.upper).toEqual({
			entries: {
				'/fresh': { type: 'dir' },
				'/fresh/w': { type: 'whiteout' },
				'/solo': { type: 'whiteout' }
			}
		});
	});

	test('final.upper lists every entry, directories included, and is null without an upper layer', () => {
		const withUpper = run(
			scenario([{ name: 'l', entries: { '/f': 'f' } }], [{ op: 'mkdir', path: '/d' }], {
				name: 'u',
				entries: { '/x/y/z': 'z' }
			})
		);
		expect(withUpper.final.upper).toEqual({
			entries: {
				'/d': { type: 'dir' },
				'/x': { type: 'dir' },
				'/x/y': { type: 'dir' },
				'/x/y/z': 'z'
			}
		});
		const readOnly = run(scenario([{ name: 'l', entries: {} }], [], null));
		expect(readOnly.final).toEqual({ upper: null });
	});
});

describe('unionfs frames', () => {
	const trace = run(caseNamed('every op and error with an upper layer'));

	test('steps, ops and one sentence of plain text per frame', () => {
		trace.frames.forEach((frame, i) => {
			expect(frame.step).toBe(i);
			expect(frame.text).toMatch(/^[A-Z0-9“/].*[.!?]$/);
			expect(frame.text).not.toMatch(/[<>]{2}|undefined|null|NaN/);
		});
		expect(trace.frames[0].op).toBeNull();
		const ops = trace.frames.map((f) => f.op).filter((op) => op !== null);
		expect(ops).toEqual([...ops].sort((a, b) => a! - b!));
		expect(new Set(ops).size).toBe(trace.results.length);
	});

	test('the last frame of each op carries its result; frames share structure', () => {
		for (let k = 0; k < trace.results.length; k++) {
			const frames = trace.frames.filter((f) => f.op === k);
			expect(frames[frames.length - 1].result).toEqual(trace.results[k]);
			for (const frame of frames.slice(0, -1)) expect(frame.result).toBeNull();
		}
		for (const frame of trace.frames) expect(frame.layers).toBe(trace.frames[0].layers);
		// Frames without a change hold the very same upper layer object as the frame before.
		for (let i = 1; i < trace.frames.length; i++) {
			if (!trace.frames[i].change) expect(trace.frames[i].upper).toBe(trace.frames[i - 1].upper);
		}
	});

	test('layers are top first with stable ids, the upper flagged', () => {
		expect(trace.frames[0].layers).toEqual([
			{ id: 'upper', name: 'upper', upper: true, index: 0 },
			{ id: 'lower-0', name: 'top', upper: false, index: 1 },
			{ id: 'lower-1', name: 'bottom', upper: false, index: 2 }
		]);
	});

	test('probes name the layer and the outcome; a miss is shown once', () => {
		const probes = trace.frames.filter((f) => f.op === 2 && f.probe).map((f) => f.probe);
		expect(probes).toEqual([
			{ path: '/nope', layerId: 'lower-1', layerIndex: 2, outcome: 'miss', skipped: 0 }
		]);
		const whiteout = trace.frames.find((f) => f.op === 4 && f.probe)!;
		expect(whiteout.probe).toMatchObject({
			path: '/d/w',
			layerId: 'lower-0',
			outcome: 'whiteout',
			skipped: 0
		});
		expect(whiteout.text).toBe(
			'Layer “top” has a whiteout for /d/w: the name is hidden in every layer below, so it does not exist.'
		);
	});

	test('merged shows what the container sees at the path after each frame', () => {
		const write = trace.frames.filter((f) => f.op === 16);
		expect(write[0].merged).toEqual({
			path: '/d/g',
			type: 'file',
			layerId: 'lower-1',
			content: 'g'
		});
		expect(write[write.length - 1].merged).toEqual({
			path: '/d/g',
			type: 'file',
			layerId: 'upper',
			content: ''
		});
		const list = trace.frames.filter((f) => f.op === 10);
		expect(list[list.length - 1].merged?.entries).toEqual([
			{ name: 'f', type: 'file' },
			{ name: 'g', type: 'file' }
		]);
	});

	test('the upper layer in a frame serializes to the final entry format', () => {
		const last = trace.frames[trace.frames.length - 1];
		expect(JSON.parse(JSON.stringify(last.upper))).toEqual(trace.final.upper);
	});

	test('the same scenario gives the same trace, byte for byte', () => {
		for (const { scenario: s } of CASES)
			expect(JSON.stringify(run(s))).toBe(JSON.stringify(run(s)));
	});
});

describe('unionfs validation', () => {
	const ok = { model: 'unionfs', layers: [{ name: 'l', entries: {} }], ops: [] };

	test('messages name the place', () => {
		expect(
			errorsOf({
				...ok,
				layers: [
					{ name: 'a', entries: {} },
					{ name: 'b', entries: { '/a': 5 } }
				]
			})
		).toEqual(['layers[1].entries["/a"]: must be a string or an entry object']);
		expect(
			errorsOf({
				...ok,
				ops: [
					{ op: 'read', path: '/' },
					{ op: 'read', path: '/' },
					{ op: 'read', path: '/' },
					{ op: 'read', path: 'a' }
				]
			})
		).toEqual(['ops[3].path: must be an absolute path (starting with "/")']);
		expect(errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/': 'x' } }] })).toEqual([
			'layers[0].entries["/"]: must name something below "/"'
		]);
		expect(
			errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/a/../b': 'x', '/c/': 'y' } }] })
		).toEqual([
			'layers[0].entries["/a/../b"]: must not contain "." or ".." components',
			'layers[0].entries["/c/"]: must not end with "/"'
		]);
		expect(
			errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/a': { type: 'link' } } }] })
		).toEqual(['layers[0].entries["/a"].type: must be one of file, dir, whiteout']);
		expect(
			errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/a': { type: 'file' } } }] })
		).toEqual(['layers[0].entries["/a"].content: is required']);
		expect(
			errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/a': { type: 'dir', mode: 1 } } }] })
		).toEqual([
			'layers[0].entries["/a"].mode: unknown key (only keys starting with "x-" may be added)'
		]);
		expect(
			errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/a': 'file', '/a/b': 'x' } }] })
		).toEqual([
			'layers[0].entries["/a/b"]: is inside "/a", which this layer has as a file (parent directories are implied)'
		]);
		expect(
			errorsOf({
				...ok,
				upper: { name: 'u', entries: { '/a': { type: 'whiteout' }, '/a/b/c': 'x' } }
			})
		).toEqual([
			'upper.entries["/a/b/c"]: is inside "/a", which this layer has as a whiteout (parent directories are implied)'
		]);
		expect(errorsOf({ ...ok, ops: [{ op: 'write', path: '/a' }] })).toEqual([
			'ops[0].content: is required for write'
		]);
		expect(errorsOf({ ...ok, ops: [{ op: 'read', path: '/a', content: 'x' }] })).toEqual([
			'ops[0].content: only write and append take content (this op is read)'
		]);
		expect(errorsOf({ ...ok, ops: [{ op: 'rename', path: '/a' }] })).toEqual([
			'ops[0].op: must be one of read, stat, list, write, append, delete, mkdir, rmdir'
		]);
		expect(errorsOf({ ...ok, layers: [] })).toEqual(['layers: must have at least one lower layer']);
		expect(errorsOf({ ...ok, extra: 1 })).toEqual([
			'extra: unknown key (only keys starting with "x-" may be added)'
		]);
	});

	test('layer names are unique (the upper too) and 1–64 characters', () => {
		expect(
			errorsOf({
				...ok,
				layers: [
					{ name: 'a', entries: {} },
					{ name: 'a', entries: {} }
				]
			})
		).toEqual([
			'layers[1].name: duplicate layer name "a" (also layers[0].name); layer names must be unique'
		]);
		expect(errorsOf({ ...ok, upper: { name: 'l', entries: {} } })).toEqual([
			'upper.name: duplicate layer name "l" (also layers[0].name); layer names must be unique'
		]);
		expect(errorsOf({ ...ok, layers: [{ name: '', entries: {} }] })).toEqual([
			'layers[0].name: must be 1 to 64 characters'
		]);
		expect(errorsOf({ ...ok, layers: [{ name: 'x'.repeat(65), entries: {} }] })).toEqual([
			'layers[0].name: must be 1 to 64 characters'
		]);
		// Characters, not UTF-16 code units: an emoji is one character, two units.
		expect(
			runModel(unionfsModel, { ...ok, layers: [{ name: '😀'.repeat(64), entries: {} }] }).ok
		).toBe(true);
		expect(errorsOf({ ...ok, layers: [{ name: '😀'.repeat(65), entries: {} }] })).toEqual([
			'layers[0].name: must be 1 to 64 characters'
		]);
	});

	test('a message quoting a path with a line break in it is still one line', () => {
		const errors = errorsOf({
			...ok,
			layers: [{ name: 'b', entries: { '/a\nb': 'x', '/a\nb/c': 'y' } }]
		});
		expect(errors).toEqual([
			'layers[0].entries["/a\\nb/c"]: is inside "/a\\nb", which this layer has as a file (parent directories are implied)'
		]);
		expect(errors[0]).not.toMatch(/\n/);
	});

	test('x- keys are accepted and ignored', () => {
		const trace = run({
			...ok,
			'x-note': 1,
			layers: [{ name: 'l', 'x-n': 2, entries: { '/a': { type: 'dir', 'x-c': 3 } } }],
			ops: [{ op: 'stat', path: '/a', 'x-why': 'look' }]
		});
		expect(trace.results).toEqual([{ ok: true, type: 'dir', layer: 'l' }]);
	});

	test('limits: layers, entries per layer, content, ops, frames', () => {
		const layers = Array.from({ length: LIMITS.layers + 1 }, (_, i) => ({
			name: `l${i}`,
			entries: {}
		}));
		expect(errorsOf({ ...ok, layers })).toEqual(['layers: has more than 256 layers (the limit)']);
		const entries = Object.fromEntries(
			Array.from({ length: LIMITS.entriesPerLayer + 1 }, (_, i) => [`/f${i}`, ''])
		);
		expect(errorsOf({ ...ok, layers: [{ name: 'l', entries }] })).toEqual([
			'layers[0].entries: has more than 10000 entries (the limit per layer)'
		]);
		const big = 'x'.repeat(LIMITS.contentBytes + 1);
		expect(errorsOf({ ...ok, layers: [{ name: 'l', entries: { '/a': big } }] })).toEqual([
			'layers[0].entries["/a"]: must be at most 64 KiB (the per-file content limit)'
		]);
		expect(errorsOf({ ...ok, ops: [{ op: 'write', path: '/a', content: big }] })).toEqual([
			'ops[0].content: must be at most 64 KiB (the per-file content limit)'
		]);
		const ops = Array.from({ length: LIMITS.ops + 1 }, () => ({ op: 'stat', path: '/' }));
		expect(errorsOf({ ...ok, ops })).toEqual(['ops: has more than 10000 ops (the limit)']);
		// Every op lists a directory merged from 256 layers: over 100,000 frames.
		const wide = Array.from({ length: LIMITS.layers }, (_, i) => ({
			name: `l${i}`,
			entries: { '/d': { type: 'dir' } }
		}));
		const lists = Array.from({ length: 1000 }, () => ({ op: 'list', path: '/d' }));
		expect(errorsOf({ ...ok, layers: wide, ops: lists })).toEqual([
			'frames: the trace would exceed the limit of 100,000 frames; use fewer or smaller operations'
		]);
	});
});

describe('unionfs properties', () => {
	test('random scenarios always give a trace whose results match the ops', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
				const s = randomScenario(seed);
				const trace = run(s);
				expect(trace.results.length).toBe(s.ops.length);
				expect(trace.frames.length).toBeGreaterThan(s.ops.length);
			}),
			{ numRuns: 300 }
		);
	});

	test('mutated scenarios give a trace or messages, never an exception', () => {
		const junk = fc.oneof(
			fc.string(),
			fc.integer(),
			fc.constant(null),
			fc.constant('/'),
			fc.constant('/a/b'),
			fc.constant({ type: 'dir', opaque: 'yes' }),
			fc.constant({ type: 'whiteout' }),
			fc.dictionary(
				fc.constantFrom('/a', '/a/b', 'a', '/', '/b/..', 'x-y', 'type', 'op'),
				fc.jsonValue()
			)
		);
		const keys = [
			'model',
			'layers',
			'upper',
			'ops',
			'name',
			'entries',
			'op',
			'path',
			'content',
			'type',
			'/a',
			'/a/b'
		];
		function mutate(value: unknown, path: number[], replacement: unknown, key: string): unknown {
			if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
			const [head, ...rest] = path;
			if (Array.isArray(value)) {
				if (value.length === 0) return [replacement];
				const copy = value.slice();
				copy[head % copy.length] = mutate(copy[head % copy.length], rest, replacement, key);
				return copy;
			}
			const own = Object.keys(value);
			const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
			if (own.length === 0 || head % 5 === 0) copy[key] = replacement;
			else
				copy[own[head % own.length]] = mutate(copy[own[head % own.length]], rest, replacement, key);
			return copy;
		}
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000 }),
				fc.array(fc.nat(), { maxLength: 6 }),
				junk,
				fc.constantFrom(...keys),
				(seed, path, replacement, key) => {
					const input = mutate(randomScenario(seed), path, replacement, key);
					const outcome = runModel(unionfsModel, input);
					if (outcome.ok) expect(outcome.trace.results.length).toBeGreaterThanOrEqual(0);
					else expect(outcome.errors.length).toBeGreaterThan(0);
				}
			),
			{ numRuns: 500 }
		);
	});

	test('the persistent map agrees with a Map, and old versions stay intact', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 3 }), fc.integer()), {
					maxLength: 200
				}),
				(steps) => {
					let map = PersistentMap.empty<number>();
					const reference = new Map<string, number>();
					const versions: [PersistentMap<number>, Map<string, number>][] = [];
					for (const [set, key, value] of steps) {
						if (set) {
							map = map.set(key, value);
							reference.set(key, value);
						} else {
							map = map.delete(key);
							reference.delete(key);
						}
						versions.push([map, new Map(reference)]);
					}
					for (const [version, expected] of versions) {
						expect(version.size).toBe(expected.size);
						expect(new Map(version.entries())).toEqual(expected);
						for (const key of expected.keys()) expect(version.get(key)).toBe(expected.get(key));
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('unionfs at the limits', () => {
	test('recordFrames: false keeps results and final state only', () => {
		const s = caseNamed('contract example');
		const full = run(s);
		const bare = simulateUnionfs(s, { recordFrames: false });
		expect(bare.frames).toEqual([]);
		expect(bare.results).toEqual(full.results);
		expect(bare.final).toEqual(full.final);
	});
});

describe('mergeSorted (the merged tree reads names from it)', () => {
	test('gives the distinct names of sorted lists in the order of a full sort', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.string({ maxLength: 4 }), { maxLength: 30 }), { maxLength: 8 }),
				(lists) => {
					const sorted = lists.map((list) => [...list].sort());
					const expected = [...new Set(lists.flat())].sort();
					expect([...mergeSorted(sorted)]).toEqual(expected);
				}
			),
			{ numRuns: 500 }
		);
	});
});
