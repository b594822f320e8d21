import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validate } from '../../src/lib/sim/core';
import { largeScenario } from '../../src/lib/sim/unionfs/bench';
import { simulateUnionfs, unionfsSchema, type UnionfsScenario } from '../../src/lib/sim/unionfs';
import {
	BAND_HEADER,
	SERVED_COLUMNS,
	columnsAt,
	heightsByColumns,
	isUsed,
	layoutUnion,
	widthForColumns,
	lookupPending,
	lowerEntries,
	pickEntries,
	shorten,
	tellApart,
	upperEntries,
	type BandEntry
} from '../../src/lib/viz/unionfs/layout';
import { mergedTree, resolve } from '../../src/lib/sim/unionfs/lookup';
import { DEFAULT_SCENARIO } from '../../src/lib/labs/unionfs/defaults';
import {
	lowerLayers,
	opSpans,
	simulateScenario,
	sourcesAt,
	transcript,
	tryOp,
	utf8Length,
	type UnionfsInput,
	type UnionfsTrace
} from '../../src/lib/labs/unionfs/view';
import { generatedQuestions } from '../../src/lib/labs/unionfs/questions';

const dir = 'static/scenarios/unionfs';
const builtIn: UnionfsInput[] = readdirSync(dir)
	.filter((name) => name.endsWith('.json'))
	.map((name) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')));

function run(scenario: UnionfsInput): UnionfsTrace {
	const trace = simulateScenario(scenario);
	if (Array.isArray(trace)) throw new Error(trace.join('\n'));
	return trace;
}

function inputFor(scenario: UnionfsInput, frame: UnionfsTrace['frames'][number]) {
	const sources = sourcesAt(scenario, frame.upper);
	const entries: BandEntry[][] = frame.layers.map((layer, index) =>
		layer.upper
			? upperEntries(frame.upper)
			: lowerEntries(lowerLayers(scenario)[index - (frame.layers[0].upper ? 1 : 0)])
	);
	return {
		layers: frame.layers,
		entries,
		probe: frame.probe,
		change: frame.change,
		focus: frame.action?.path ?? null,
		sources
	};
}

describe('the merged view keeps its answer for the lookup', () => {
	for (const scenario of [DEFAULT_SCENARIO, ...builtIn]) {
		test(`${scenario.title}: pending only on each operation's first frame`, () => {
			const trace = run(scenario);
			const spans = opSpans(trace.frames, scenario.ops.length);
			const firsts = new Set(spans.map(([first]) => first));
			trace.frames.forEach((frame, index) => {
				expect(lookupPending(frame), `frame ${index}: ${frame.text}`).toBe(firsts.has(index));
			});
		});
	}
});

describe('mergedTree agrees with the model', () => {
	for (const scenario of [DEFAULT_SCENARIO, ...builtIn]) {
		test(`every directory of ${scenario.title}, after every operation`, () => {
			const trace = run(scenario);
			const spans = opSpans(trace.frames, scenario.ops.length);
			const ends = [0, ...spans.map(([, last]) => last)];
			for (const end of ends) {
				const frame = trace.frames[end];
				const sources = sourcesAt(scenario, frame.upper);
				const { rows, more } = mergedTree(sources, 10_000);
				expect(more).toBe(false);
				const dirs = ['/', ...rows.filter((row) => row.type === 'dir').map((row) => row.path)];
				const state = {
					...scenario,
					upper: frame.upper ? { name: 'u', entries: frame.upper.toJSON().entries } : null,
					ops: dirs.map((path) => ({ op: 'list' as const, path }))
				};
				if (state.upper) state.upper.name = scenario.upper!.name;
				const check = simulateUnionfs(validate(unionfsSchema, state) as UnionfsScenario, {
					recordFrames: false
				});
				dirs.forEach((path, index) => {
					const result = check.results[index] as unknown as {
						entries: { name: string; type: string }[];
					};
					const fromModel = result.entries
						.filter((entry) => entry.type !== 'whiteout')
						.map((entry) => entry.name);
					const ours = rows
						.filter((row) => row.path.slice(0, row.path.lastIndexOf('/') || 1) === path)
						.map((row) => row.name);
					expect(ours, path).toEqual(fromModel);
				});
				// resolve() serves every file from the layer the model reads it from.
				for (const row of rows.filter((r) => r.type === 'file')) {
					const found = resolve(sources, row.path);
					expect(found?.type).toBe('file');
				}
			}
		});
	}

	test('a huge union is cut short', () => {
		const big = largeScenario(20, 2000, 5) as unknown as UnionfsInput;
		const trace = run(big);
		const sources = sourcesAt(big, trace.frames[0].upper);
		const { rows, more } = mergedTree(sources, 60);
		expect(rows.length).toBeLessThanOrEqual(60);
		expect(more).toBe(true);
		const layout = layoutUnion(inputFor(big, trace.frames[3]), 1280);
		expect(layout.bands.length).toBeLessThanOrEqual(11);
		for (const band of layout.bands) expect(band.chips.length).toBeLessThanOrEqual(24);
	});
});

describe('layoutUnion', () => {
	test('bands top first, chips inside their band, nothing overlapping', () => {
		const trace = run(DEFAULT_SCENARIO);
		for (const width of [1280, 700, 390]) {
			for (const frame of trace.frames) {
				const layout = layoutUnion(inputFor(DEFAULT_SCENARIO, frame), width);
				expect(layout.bands.map((band) => band.index)).toEqual(frame.layers.map((l) => l.index));
				let bottom = -1;
				for (const band of layout.bands) {
					expect(band.y).toBeGreaterThan(bottom);
					bottom = band.y + band.h;
					for (const chip of band.chips) {
						expect(chip.x + chip.w).toBeLessThanOrEqual(layout.width);
						expect(chip.y).toBeGreaterThanOrEqual(band.y + BAND_HEADER);
						expect(chip.y + chip.h).toBeLessThanOrEqual(band.y + band.h);
					}
					const boxes = band.chips;
					for (let i = 0; i < boxes.length; i++)
						for (let j = i + 1; j < boxes.length; j++) {
							const a = boxes[i];
							const b = boxes[j];
							const apart =
								a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
							expect(apart).toBe(true);
						}
				}
				expect(layout.height).toBe(bottom);
			}
		}
	});

	test('the probe stops at a whiteout, and the layers below are marked not looked at', () => {
		const trace = run(DEFAULT_SCENARIO);
		const frame = trace.frames.find((f) => f.probe?.outcome === 'whiteout')!;
		const layout = layoutUnion(inputFor(DEFAULT_SCENARIO, frame), 1280);
		expect(layout.probe).toMatchObject({ outcome: 'whiteout', stops: true, path: '/etc/issue' });
		const probed = layout.bands.find((band) => band.state === 'probe')!;
		expect(probed.name).toBe('app');
		expect(layout.bands.filter((band) => band.state === 'below-stop').map((b) => b.name)).toEqual([
			'python',
			'base'
		]);
		expect(layout.bands[0].state).toBe('passed');
		// The base layer's /etc/issue is hidden from the container.
		const base = layout.bands.find((band) => band.name === 'base')!;
		expect(base.chips.find((chip) => chip.path === '/etc/issue')?.shadowed).toBe(true);
		expect(base.chips.find((chip) => chip.path === '/etc/passwd')?.shadowed).toBe(false);
	});

	test('a copy-up enters the upper band from the lower chip it copies', () => {
		const trace = run(DEFAULT_SCENARIO);
		const frame = trace.frames.find((f) => f.change?.kind === 'copy-up')!;
		const layout = layoutUnion(inputFor(DEFAULT_SCENARIO, frame), 1280);
		const chip = layout.bands[0].chips.find((c) => c.path === '/etc/passwd')!;
		const source = layout.bands
			.find((band) => band.name === 'base')!
			.chips.find((c) => c.path === '/etc/passwd')!;
		expect(chip.from).toEqual({ dx: source.x - chip.x, dy: source.y - chip.y });
		expect(chip.changed).toBe(true);
		expect(chip.from!.dy).toBeGreaterThan(0);
	});

	test('8 layers of 30 files stay within the caps; the focus chip is always drawn', () => {
		const layers = Array.from({ length: 8 }, (_, n) => ({
			name: `layer${n}`,
			entries: Object.fromEntries(
				Array.from({ length: 30 }, (_, i) => [
					`/data/dir${i % 5}/file-${n}-${i}.txt`,
					`content ${i}`
				])
			)
		}));
		const scenario: UnionfsInput = {
			model: 'unionfs',
			layers,
			upper: { name: 'container', entries: {} },
			ops: [{ op: 'read', path: '/data/dir4/file-7-29.txt' }]
		};
		const trace = run(scenario);
		const frame = trace.frames[trace.frames.length - 2];
		const layout = layoutUnion(inputFor(scenario, frame), 390);
		expect(layout.bands).toHaveLength(9);
		const last = layout.bands[8];
		expect(last.chips.some((chip) => chip.path === '/data/dir4/file-7-29.txt')).toBe(true);
		expect(last.chips.find((chip) => chip.kind === 'more')?.title).toBe('+7 more');
		expect(layout.columns).toBe(2);
	});

	test('layers not drawn are summed up in order, numbered as the drawn bands are', () => {
		// 14 lower layers, more than the bands drawn; the read stops at a file in the 12th.
		const layers = Array.from({ length: 14 }, (_, n) => ({
			name: `layer${n}`,
			entries: { [`/etc/only-${n}.conf`]: `layer=${n}` }
		}));
		const scenario: UnionfsInput = {
			model: 'unionfs',
			layers,
			upper: { name: 'container', entries: {} },
			ops: [{ op: 'read', path: '/etc/only-11.conf' }]
		};
		const trace = run(scenario);
		let split = false;
		for (const frame of trace.frames) {
			const layout = layoutUnion(inputFor(scenario, frame), 1280);
			// The lower layers' numbers, top to bottom, as the bands' tags say them.
			const numbers = layout.bands.flatMap((band) => {
				const range = /lower layers? (\d+)(?:–(\d+))?/.exec(band.tag);
				if (!range) return [];
				const [from, to] = [Number(range[1]), Number(range[2] ?? range[1])];
				return Array.from({ length: to - from + 1 }, (_, i) => from + i);
			});
			expect(numbers).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
			const summed = layout.bands.filter((band) => band.index < 0);
			for (const band of summed) expect(band.name).toMatch(/^\d+ more layers?$/);
			if (summed.length === 2) split = true;
		}
		// While the probe is at the 12th layer, it is drawn between two summed-up runs.
		expect(split).toBe(true);
	});

	test('pickEntries and shorten', () => {
		const entries = Array.from({ length: 10 }, (_, i) => ({
			path: `/f${i}`,
			kind: 'file' as const
		}));
		const picked = pickEntries(entries, 4, ['/f9']);
		expect(picked.shown.map((e) => e.path)).toEqual(['/f0', '/f1', '/f9']);
		expect(picked.hidden).toBe(7);
		expect(shorten('/very/long/path/name', 10)).toBe('…/name');
		expect(shorten('/usr/bin/python3', 14)).toBe('/usr/…/python3');
		expect(shorten('/var/cache/apt/base.deb', 14)).toBe('…/apt/base.deb');
		expect(shorten('/etc/motd', 9)).toBe('/etc/motd');
		// A name too long on its own keeps its end.
		expect(shorten('/a/verylongfilename.txt', 10)).toBe('…ename.txt');
	});

	test('files whose shortened names come out alike show where their names differ', () => {
		const dir = '/usr/lib/python3.11/lib-dynload';
		const chips = Array.from({ length: 8 }, (_, i) => {
			const path = `${dir}/_module_number_${i}.cpython-311-x86_64-linux-gnu.so`;
			return { path, kind: 'file', title: shorten(path, 16) };
		});
		// Before: all eight alike.
		expect(new Set(chips.map((chip) => chip.title)).size).toBe(1);
		tellApart(chips, 16);
		expect(chips[3].title).toBe('…le_number_3.cp…');
		expect(new Set(chips.map((chip) => chip.title)).size).toBe(8);
		for (const chip of chips) expect(chip.title.length).toBeLessThanOrEqual(16);
		// Names that differ near their start keep it; names alike but in other directories
		// keep their titles.
		const early = ['/x/a1-very-long-common-tail.txt', '/x/a2-very-long-common-tail.txt'].map(
			(path) => ({ path, kind: 'file', title: shorten(path, 12) })
		);
		tellApart(early, 12);
		expect(early.map((chip) => chip.title)).toEqual(['a1-very-lon…', 'a2-very-lon…']);
		const apart = ['/srv/one/deep/app.conf', '/srv/two/deep/app.conf'].map((path) => ({
			path,
			kind: 'file',
			title: '…/app.conf'
		}));
		tellApart(apart, 10);
		expect(apart.map((chip) => chip.title)).toEqual(['…/app.conf', '…/app.conf']);
		// Any names, any room: distinct files never share a title when their names tell them apart.
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.stringMatching(/^[a-z0-9._-]{1,40}$/), { minLength: 2, maxLength: 8 }),
				fc.integer({ min: 8, max: 30 }),
				(names, max) => {
					const group = names.map((name) => ({
						path: `/d/${name}`,
						kind: 'file',
						title: shorten(`/d/${name}`, max)
					}));
					tellApart(group, max);
					for (const chip of group) expect(chip.title.length).toBeLessThanOrEqual(max);
					const titles = group.map((chip) => chip.title);
					expect(new Set(titles).size).toBe(titles.length);
				}
			),
			{ numRuns: 300 }
		);
	});

	test('shorten fits the width and cuts no name in the middle when the file name fits', () => {
		const segment = fc.stringMatching(/^[a-z0-9.]{1,12}$/);
		fc.assert(
			fc.property(
				fc.array(segment, { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 2, max: 40 }),
				(names, max) => {
					const path = `/${names.join('/')}`;
					const short = shorten(path, max);
					expect(short.length).toBeLessThanOrEqual(Math.max(max, 1));
					if (path.length <= max) {
						expect(short).toBe(path);
						return;
					}
					const file = names[names.length - 1];
					if (file.length + 2 > max) return;
					expect(short.endsWith(`/${file}`)).toBe(true);
					// Every name shown is whole: the pieces either side of the ellipsis are the
					// path's own start and end.
					const [before, after] = short.split('…');
					expect(path.startsWith(before)).toBe(true);
					expect(before === '' || before.endsWith('/')).toBe(true);
					expect(path.endsWith(after)).toBe(true);
					expect(after.startsWith('/')).toBe(true);
				}
			)
		);
	});
});

describe('view helpers', () => {
	test('the transcript reads like a shell session', () => {
		const trace = run(DEFAULT_SCENARIO);
		const lines = transcript(DEFAULT_SCENARIO, trace);
		expect(lines[0]).toMatchObject({
			line: 'cat /etc/motd',
			output: ['Welcome to the app container']
		});
		expect(lines[2]).toMatchObject({
			line: 'cat /etc/issue',
			output: ['cat: /etc/issue: No such file or directory'],
			error: true
		});
		expect(lines[3]).toMatchObject({ line: 'ls /var/cache/apt', output: [] });
	});

	test('tryOp runs one more operation', () => {
		expect(tryOp(DEFAULT_SCENARIO, { op: 'read', path: '/etc/passwd' })).toMatchObject({
			ok: true,
			content: 'root:x:0:0:root:/root:/bin/sh\nme:x:1000:1000::/home/me:/bin/sh\n'
		});
		expect(tryOp(DEFAULT_SCENARIO, { op: 'read', path: '/etc/shells' })).toMatchObject({
			ok: false,
			errno: 'ENOENT'
		});
	});

	test('generated questions carry the scenario hash and the model’s answer', () => {
		const questions = generatedQuestions(DEFAULT_SCENARIO);
		expect(questions).toHaveLength(2);
		for (const q of questions) {
			expect(q.id).toMatch(/-[0-9a-f]{8}$/);
			expect(q.answer).toBeGreaterThanOrEqual(0);
			expect(q.answer).toBeLessThan(q.choices.length);
			expect(new Set(q.choices).size).toBe(q.choices.length);
		}
		const other = generatedQuestions({ ...DEFAULT_SCENARIO, ops: [] });
		expect(other[0].id).not.toBe(questions[0].id);
	});

	test('a keyed choice is never the longest, even when the container appended to the file or the name is hidden', () => {
		// Appending made the answer the longest choice; every layer's content run
		// together (the belief that a union merges a file's copies) is longer. The
		// error line of a hidden name was the longest too.
		let appended = 0;
		let hidden = 0;
		for (const scenario of [DEFAULT_SCENARIO, ...builtIn]) {
			for (const q of generatedQuestions(scenario)) {
				const keyed = q.choices[q.answer];
				if (keyed.endsWith(': No such file or directory')) hidden++;
				if (q.choices.some((choice) => choice !== keyed && keyed.startsWith(choice))) appended++;
				expect(
					q.choices.some((choice, i) => i !== q.answer && choice.length > keyed.length),
					`${q.id}: ${keyed}`
				).toBe(true);
			}
		}
		expect(appended).toBeGreaterThan(0);
		expect(hidden).toBeGreaterThan(0);
	});

	test('a hidden name’s question offers an empty file, what a whiteout is mistaken for', () => {
		const hidden = generatedQuestions(DEFAULT_SCENARIO).find((q) =>
			q.choices[q.answer].endsWith('No such file or directory')
		);
		expect(hidden?.choices.join('\n')).toMatch(/^\(nothing: \/\S+ reads as an empty file\)$/m);
	});
});

describe('the shell counts a file’s bytes as UTF-8', () => {
	test('utf8Length agrees with TextEncoder on any text, lone surrogates included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
				for (const text of [a, b, a + b, `${a}\ud800`, `\udc00${b}`]) {
					expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
				}
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('the served picture’s heights', () => {
	const input = {
		layers: [
			{ id: 'up', name: 'container', upper: true },
			{ id: 'l0', name: 'base', upper: false }
		],
		entries: [[], Array.from({ length: 9 }, (_, n) => ({ path: `/f${n}`, kind: 'file' as const }))],
		probe: null,
		change: null,
		focus: null
	} as unknown as Parameters<typeof layoutUnion>[0];

	test('a frame is as tall, at any width, as its height for the columns that width holds', () => {
		const heights = heightsByColumns(input);
		for (let width = 240; width <= 1400; width += 7) {
			const columns = columnsAt(width);
			if (columns > SERVED_COLUMNS) continue;
			expect(layoutUnion(input, width).height, `at ${width} px`).toBe(heights[columns - 1]);
		}
		// Nine entries: 9 rows at one column, 3 at three: the heights differ.
		expect(new Set(heights).size).toBeGreaterThan(3);
	});

	test('the container queries of UnionBands.svelte switch at the widths where columns change', () => {
		const css = readFileSync('src/lib/viz/unionfs/UnionBands.svelte', 'utf8');
		const queries = [
			...css.matchAll(
				/@container \(width >= (\d+)px\) \{\s*\.bands\.served \{\s*height: var\(--h(\d+)\)/g
			)
		].map((match) => [Number(match[1]), Number(match[2])]);
		const expected = Array.from({ length: SERVED_COLUMNS - 1 }, (_, index) => [
			widthForColumns(index + 2),
			index + 2
		]);
		expect(queries).toEqual(expected);
		for (const [width, columns] of expected) {
			expect(columnsAt(width)).toBe(columns);
			expect(columnsAt(width - 1)).toBe(columns - 1);
		}
	});
});

describe('a layer’s colour', () => {
	const tones = (scenario: UnionfsInput) => {
		const frame = run(scenario).frames[0];
		const layout = layoutUnion(inputFor(scenario, frame), 1280);
		return Object.fromEntries(layout.bands.map((band) => [band.name, band.tone]));
	};

	// The colour followed the band's place from the top: "Add layer" (a lower layer on
	// top of the others) turned app from green to orange, python from orange to
	// purple and base from purple to teal.
	test('adding, removing or renaming a layer leaves the other layers’ colours', () => {
		const before = tones(DEFAULT_SCENARIO);
		// The lesson's image keeps the colours it had: --band-2, 3 and 4, top down.
		expect(before).toEqual({ container: null, app: 2, python: 3, base: 4 });
		const added = {
			...DEFAULT_SCENARIO,
			layers: [{ name: 'layer-4', entries: {} }, ...DEFAULT_SCENARIO.layers]
		};
		expect(tones(added)).toEqual({ ...before, 'layer-4': 1 });
		const twice = { ...added, layers: [{ name: 'layer-5', entries: {} }, ...added.layers] };
		expect(tones(twice)).toEqual({ ...before, 'layer-4': 1, 'layer-5': 6 });
		const { container, ...lowers } = before;
		expect(container).toBeNull();
		expect(tones({ ...DEFAULT_SCENARIO, upper: null })).toEqual(lowers);
		const removed = { ...added, layers: added.layers.slice(1) };
		expect(tones(removed)).toEqual(before);
		const renamed = {
			...DEFAULT_SCENARIO,
			layers: DEFAULT_SCENARIO.layers.map((layer) =>
				layer.name === 'app' ? { ...layer, name: 'web' } : layer
			)
		};
		expect(tones(renamed)).toEqual({ container: null, web: 2, python: 3, base: 4 });
	});

	test('two bands next to each other never share a colour; six lower layers, six colours', () => {
		for (let count = 1; count <= 14; count++) {
			const layers = Array.from({ length: count }, (_, k) => ({
				name: `l${k}`,
				entries: { [`/f${k}`]: 'x' }
			}));
			for (const upper of [null, { name: 'rw', entries: {} }]) {
				const scenario: UnionfsInput = { ...DEFAULT_SCENARIO, layers, upper, ops: [] };
				const frame = run(scenario).frames[0];
				for (const bandCap of [4, 10, 20]) {
					const layout = layoutUnion(inputFor(scenario, frame), 700, { bandCap });
					const drawn = layout.bands.map((band) => band.tone);
					for (let k = 1; k < drawn.length; k++)
						if (drawn[k] !== null)
							expect(drawn[k], `${count} layers, cap ${bandCap}`).not.toBe(drawn[k - 1]);
					const colours = drawn.filter((tone) => tone !== null);
					for (const tone of colours) expect([1, 2, 3, 4, 5, 6]).toContain(tone);
					if (colours.length <= 6) expect(new Set(colours).size).toBe(colours.length);
				}
			}
		}
	});
});

describe('chip words and lookups kept from one step to the next', () => {
	for (const scenario of [DEFAULT_SCENARIO, ...builtIn]) {
		test(`${scenario.title}: stepping back and forth at two widths gives what a fresh layout gives`, () => {
			const trace = run(scenario);
			const order = [...trace.frames.keys(), ...[...trace.frames.keys()].reverse()];
			for (const width of [1280, 390, 1280])
				for (const at of order) {
					const input = inputFor(scenario, trace.frames[at]);
					// Copied entries and a copied list of layers miss what was kept for the originals.
					const fresh = {
						...input,
						entries: structuredClone(input.entries),
						sources: [...input.sources]
					};
					const layout = layoutUnion(input, width);
					expect(layout, `frame ${at} at ${width} px`).toEqual(layoutUnion(fresh, width));
					// And a chip is struck through where the lookup does not reach its entry.
					for (const band of layout.bands.filter((one) => one.index >= 0))
						for (const chip of band.chips.filter((one) => one.kind !== 'more'))
							expect(chip.shadowed, `${chip.path} in ${band.name}`).toBe(
								!isUsed(input.sources, band.index, chip.path)
							);
				}
		});
	}
});
