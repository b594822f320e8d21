import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runParsedModel, validate, type Frame } from '../../src/lib/sim/core';
import {
	largeScenario,
	pagedItems,
	pidnsModel,
	pidnsSchema,
	simulatePidns,
	type PidnsOpInput,
	type PidnsState
} from '../../src/lib/sim/pidns';
import {
	HEADER,
	HEADER_WRAPPED,
	NODE_HEIGHT,
	headerParts,
	layoutPidns,
	pidLabel,
	type BoxGeom,
	type PidnsLayout
} from '../../src/lib/viz/pidns/layout';
import { choicesFor, generatedQuestions } from '../../src/lib/labs/pidns/questions';
import { BUILTINS, DEFAULT_SCENARIO } from '../../src/lib/labs/pidns/defaults';
import { firstFrameOf } from '../../src/lib/labs/ops';
import {
	nameProblem,
	namesOf,
	nextName,
	psListing,
	scenarioHash,
	viewerOf
} from '../../src/lib/labs/pidns/view';

function trace(ops: PidnsOpInput[]) {
	return simulatePidns(validate(pidnsSchema, { model: 'pidns', ops }));
}

function layoutOf(frame: Frame<PidnsState>, cap?: number, minWidth?: number): PidnsLayout {
	return layoutPidns(
		{
			namespaces: pagedItems(frame.namespacePages),
			processes: pagedItems(frame.processPages),
			focus: frame.focus
		},
		{ cap, minWidth }
	);
}

const inside = (
	inner: { x: number; y: number; width: number; height: number },
	outer: { x: number; y: number; width: number; height: number }
) =>
	inner.x >= outer.x &&
	inner.y >= outer.y &&
	inner.x + inner.width <= outer.x + outer.width &&
	inner.y + inner.height <= outer.y + outer.height;

const overlap = (a: BoxGeom, b: BoxGeom) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every geometric promise of the layout, checked on one frame. */
function checkLayout(frame: Frame<PidnsState>, layout: PidnsLayout) {
	const namespaces = new Map(pagedItems(frame.namespacePages).map((ns) => [ns.id, ns]));
	const boxes = new Map(layout.boxes.map((box) => [box.key, box]));
	for (const box of layout.boxes) {
		const ns = namespaces.get(box.key)!;
		expect(box.level).toBe(ns.level);
		expect(box.width).toBeGreaterThan(0);
		if (ns.parent !== null) {
			const parent = boxes.get(ns.parent);
			expect(parent, `${box.key} is drawn inside ${ns.parent}`).toBeDefined();
			expect(inside(box, parent!)).toBe(true);
		}
	}
	// Boxes nested in the same namespace never overlap.
	for (const a of layout.boxes) {
		for (const b of layout.boxes) {
			if (a === b) continue;
			const pa = namespaces.get(a.key)!.parent;
			const pb = namespaces.get(b.key)!.parent;
			if (pa === pb) expect(overlap(a, b), `${a.key} / ${b.key}`).toBe(false);
		}
	}
	const ys = new Set<number>();
	for (const node of layout.nodes) {
		const box = boxes.get(node.ns);
		expect(box, `box of ${node.name}`).toBeDefined();
		expect(inside(node, box!), `${node.name} inside ${node.ns}`).toBe(true);
		expect(node.y).toBeGreaterThanOrEqual(box!.y + (box!.wrapped ? HEADER_WRAPPED : HEADER));
		// Nested boxes hold only their own namespaces' processes.
		for (const other of layout.boxes) {
			if (other.key === node.ns || other.level <= box!.level) continue;
			expect(inside(node, other)).toBe(false);
		}
		expect(ys.has(node.y), `one process per row (${node.name})`).toBe(false);
		ys.add(node.y);
		expect(node.height).toBe(NODE_HEIGHT);
		expect(node.chips.map((c) => c.level)).toEqual(node.pids.map((_, level) => level));
	}
	for (const row of layout.more) expect(inside(row, boxes.get(row.ns)!)).toBe(true);
	expect(layout.width).toBeGreaterThanOrEqual(
		Math.max(0, ...layout.boxes.map((b) => b.x + b.width))
	);
	expect(layout.height).toBeGreaterThanOrEqual(
		Math.max(0, ...layout.boxes.map((b) => b.y + b.height))
	);
}

describe('the PID tree on a phone', () => {
	// At 390 px the tree was wider than the phone: the level-1 header's badge was cut
	// to "last PID 0 ·" when the narration says the namespace hands out PID 1, and the
	// level-2 header showed only a sliver of its counter. The picture is as wide as
	// its scroll box less 6 px: 342 px in a 390 px embed, 272 px on a 320 px phone
	// (the tree is never laid out narrower than 280 px); 980 px at 1280.
	// Not "counters": it nests nine levels, and a process there is wider than a phone on
	// its own (nine PID chips), so its deepest boxes start too far right for any header.
	for (const { name, scenario } of BUILTINS.filter((one) => one.name !== 'counters'))
		test(`${name}: every "last PID" counter is within the picture's width, every frame`, () => {
			for (const frame of trace(scenario.ops).frames)
				for (const minWidth of [280, 342, 360]) {
					const layout = layoutOf(frame, undefined, minWidth);
					checkLayout(frame, layout);
					for (const box of layout.boxes) {
						const { title, counter } = headerParts(box);
						const counterRight = box.x + (box.wrapped ? counter : title + counter);
						expect(
							counterRight,
							`step ${frame.step}, ${box.key} at ${minWidth} px`
						).toBeLessThanOrEqual(minWidth);
					}
				}
		});

	test("the lesson's tree fits a 390 px phone without scrolling sideways, and a desktop's is as before", () => {
		for (const frame of trace(DEFAULT_SCENARIO.ops).frames) {
			expect(layoutOf(frame, undefined, 342).width, `step ${frame.step}`).toBeLessThanOrEqual(342);
			const wide = layoutOf(frame, undefined, 980);
			expect(wide.boxes.some((box) => box.wrapped)).toBe(false);
			const plain = layoutOf(frame);
			expect(wide.nodes.map(({ x, y }) => [x, y])).toEqual(plain.nodes.map(({ x, y }) => [x, y]));
			expect(wide.boxes.map(({ x, y, height }) => [x, y, height])).toEqual(
				plain.boxes.map(({ x, y, height }) => [x, y, height])
			);
		}
	});
});

describe('layoutPidns', () => {
	const nested = trace(DEFAULT_SCENARIO.ops);

	test('every frame of the lesson scenario: boxes nested, no overlaps, processes in their box', () => {
		for (const frame of nested.frames) checkLayout(frame, layoutOf(frame));
	});

	test('labels list PIDs outermost first, as the model gives them', () => {
		const last = nested.frames[nested.frames.length - 1];
		const layout = layoutOf(last);
		const job = layout.nodes.find((n) => n.name === 'job')!;
		expect(job.pids).toEqual([8, 5, 2]);
		expect(pidLabel(job.pids)).toBe('8 · 5 · 2');
		const procs = pagedItems(last.processPages).filter((p) => p.alive);
		for (const proc of procs) {
			const node = layout.nodes.find((n) => n.name === proc.name)!;
			expect(pidLabel(node.pids)).toBe(proc.pids.join(' · '));
		}
		expect(layout.nodes.map((n) => n.name)).not.toContain('web');
	});

	test('while a fork allocates, the new process shows the levels handed out so far', () => {
		const frames = nested.frames.filter(
			(f) => f.focus?.kind === 'alloc' && f.focus.process === 'job'
		);
		expect(frames.map((f) => (f.focus as { level: number }).level)).toEqual([2, 1, 0]);
		const pending = frames.map((f) => layoutOf(f).nodes.find((n) => n.name === 'job')!);
		expect(pending.map((n) => pidLabel(n.pids))).toEqual(['? · ? · 2', '? · 5 · 2', '8 · 5 · 2']);
		expect(pending.every((n) => n.pending && n.ns === 'ns:sandbox')).toBe(true);
		for (const frame of frames) checkLayout(frame, layoutOf(frame));
	});

	test('a fork into a new namespace draws the new box from its first alloc frame', () => {
		const first = nested.frames.find(
			(f) => f.focus?.kind === 'alloc' && f.focus.process === 'sandbox'
		)!;
		const layout = layoutOf(first);
		expect(layout.boxes.map((b) => b.key)).toContain('ns:sandbox');
		expect(layout.nodes.find((n) => n.name === 'sandbox')!.pids).toEqual([null, null, 1]);
	});

	test('re-parenting moves the orphan under its namespace init', () => {
		const frame = nested.frames.find((f) => f.focus?.kind === 'reparent')!;
		const layout = layoutOf(frame);
		const worker = layout.nodes.find((n) => n.name === 'worker')!;
		expect(worker.parent).toBe('app');
		expect(layout.edges.find((e) => e.child === 'worker')!.parent).toBe('app');
		// The dying process is still drawn in its own exit frame.
		const exit = nested.frames.find((f) => f.focus?.kind === 'exit')!;
		const web = layoutOf(exit).nodes.find((n) => n.name === 'web')!;
		expect(web.alive).toBe(false);
	});

	test('a collapse: dead ancestors hold their live children until they are killed', () => {
		const collapseOps: PidnsOpInput[] = [
			{ op: 'fork', parent: 'init', name: 'c', newns: true },
			{ op: 'fork', parent: 'c', name: 'a' },
			{ op: 'fork', parent: 'a', name: 'b' },
			{ op: 'fork', parent: 'b', name: 'd', newns: true },
			{ op: 'fork', parent: 'd', name: 'e' },
			{ op: 'kill', name: 'c' }
		];
		const collapse = trace(collapseOps);
		for (const frame of collapse.frames) checkLayout(frame, layoutOf(frame));
		const last = collapse.frames[collapse.frames.length - 1];
		// The last victim is drawn dying, hanging from its dead ancestors.
		const drawn = layoutOf(last).nodes;
		expect(drawn.filter((n) => n.alive).map((n) => n.name)).toEqual(['init']);
		expect(drawn.map((n) => n.name)).toEqual(['init', 'c', 'a', 'b', 'd', 'e']);
		// An op on a long-dead process does not bring it back into the picture.
		const late = trace([...collapseOps, { op: 'kill', name: 'e' }]);
		const lateEnd = late.frames[late.frames.length - 1];
		expect(lateEnd.focus).toMatchObject({ kind: 'exit', errno: 'ESRCH' });
		expect(layoutOf(lateEnd).nodes.map((n) => n.name)).toEqual(['init']);
		const after = trace([...collapseOps, { op: 'ps', from: 'init' }]);
		const end = after.frames[after.frames.length - 1];
		expect(layoutOf(end).nodes.map((n) => n.name)).toEqual(['init']);
		expect(layoutOf(end).boxes.map((b) => b.key)).toEqual(['ns:init']);
		expect(last.focus).toMatchObject({ kind: 'kill', process: 'e' });
		expect(layoutOf(last).boxes.map((b) => b.key)).toEqual(['ns:init', 'ns:c', 'ns:d']);
	});

	test('32 nested levels and 5,000 processes: capped and summed up', () => {
		const big = simulatePidns(validate(pidnsSchema, largeScenario()));
		const frame = big.frames[Math.floor(big.frames.length * 0.9)];
		const layout = layoutOf(frame);
		checkLayout(frame, layout);
		expect(layout.boxes.length).toBe(33);
		expect(layout.drawn).toBeLessThan(600);
		const hidden = layout.more.reduce((sum, row) => sum + row.count, 0);
		expect(hidden + layout.drawn).toBe(layout.present);
		expect(layout.present).toBeGreaterThan(4000);
		// The deepest process's label has all 33 levels, outermost first.
		const deepest = layout.nodes.reduce((a, b) => (b.level > a.level ? b : a));
		expect(deepest.level).toBe(32);
		expect(deepest.pids).toHaveLength(33);
	});

	test('a long chain of forks in one namespace lays out without recursion', () => {
		const ops: PidnsOpInput[] = [];
		let parent = 'init';
		for (let i = 0; i < 3000; i++) {
			ops.push({ op: 'fork', parent, name: `c${i}` });
			parent = `c${i}`;
		}
		const chain = trace(ops);
		const frame = chain.frames[chain.frames.length - 1];
		const layout = layoutOf(frame, 10);
		// The new process and its parent are the frame's focus: they are drawn,
		// with a few ancestors, and the chain between is summed up.
		expect(layout.drawn).toBeLessThan(30);
		expect(layout.nodes.map((n) => n.name)).toContain('c2999');
		expect(layout.edges.find((e) => e.child === 'c2998')!.gap).toBe(true);
		expect(layout.more[0].count + layout.drawn).toBe(3001);
		checkLayout(frame, layout);
		// The selected process is kept, with its ancestors.
		const kept = layoutPidns(
			{
				namespaces: pagedItems(frame.namespacePages),
				processes: pagedItems(frame.processPages),
				focus: null
			},
			{ cap: 10, keep: ['c2999'] }
		);
		expect(kept.nodes.map((n) => n.name)).toContain('c2999');
	});
});

describe('view helpers', () => {
	const nested = trace(DEFAULT_SCENARIO.ops);

	test('ps from a frame matches the model’s ps result', () => {
		const frame = nested.frames.find((f) => f.ps !== null)!;
		const namespaces = pagedItems(frame.namespacePages);
		const processes = pagedItems(frame.processPages);
		const viewer = viewerOf(namespaces, processes, frame.ps!.from)!;
		expect(psListing(processes, viewer)).toEqual(frame.ps!.processes);
		expect(frame.ps!.processes.map((p) => p.name)).toEqual([
			'app',
			'web',
			'worker',
			'sandbox',
			'job'
		]);
		expect([...viewer.sees].sort()).toEqual(['ns:app', 'ns:sandbox']);
	});

	test('names: automatic, checked, never reused', () => {
		expect(nextName(DEFAULT_SCENARIO)).toBe('p8');
		expect(nameProblem('web', DEFAULT_SCENARIO)).toMatch(/already used/);
		expect(nameProblem('init', DEFAULT_SCENARIO)).toMatch(/init/);
		expect(nameProblem('<img src=x>', DEFAULT_SCENARIO)).toBeNull();
	});

	test('the form takes every name a scenario may hold, and no other', () => {
		const forked = (name: string) => ({
			...DEFAULT_SCENARIO,
			ops: [...DEFAULT_SCENARIO.ops, { op: 'fork' as const, parent: 'init', name }]
		});
		// Longer than 64 characters, as a scenario file may hold (the contract has no cap).
		for (const name of ['x'.repeat(65), 'ü'.repeat(200), '😀'.repeat(65), 'a\tb', 'p\u0001']) {
			expect(nameProblem(name, DEFAULT_SCENARIO)).toBeNull();
			expect(runParsedModel(pidnsModel, forked(name)).ok).toBe(true);
		}
		const used = [...namesOf(DEFAULT_SCENARIO)];
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ maxLength: 300, unit: 'grapheme' }),
					fc.string({ minLength: 60, maxLength: 400 }),
					fc.constantFrom('', 'init', ...used)
				),
				(name) => {
					const formTakes = nameProblem(name, DEFAULT_SCENARIO) === null;
					const modelTakes = runParsedModel(pidnsModel, forked(name)).ok;
					expect(formTakes).toBe(modelTakes);
				}
			),
			{ numRuns: 300 }
		);
	});

	test('firstFrameOf finds the first frame of an op', () => {
		const index = firstFrameOf(nested.frames, 6);
		expect(nested.frames[index].op).toBe(6);
		expect(nested.frames[index - 1].op).toBe(5);
	});
});

describe('generated questions', () => {
	test('answers are the model’s, ids carry the scenario hash', () => {
		const run = trace(DEFAULT_SCENARIO.ops);
		const last = run.frames[run.frames.length - 1];
		const now = {
			namespaces: pagedItems(last.namespacePages),
			processes: pagedItems(last.processPages)
		};
		const questions = generatedQuestions(DEFAULT_SCENARIO, now);
		expect(questions).toHaveLength(2);
		const hash = scenarioHash(DEFAULT_SCENARIO);
		for (const q of questions) {
			expect(q.id).toContain(hash);
			expect(new Set(q.choices).size).toBe(q.choices.length);
			expect(q.choices.length).toBeGreaterThanOrEqual(3);
		}
		// job (level 2, 8 · 5 · 2) is deepest: a child gets 9 · 6 · 3; sandbox's namespace gives 3.
		expect(questions[0].prompt).toContain('“job”');
		expect(questions[0].choices[questions[0].answer]).toBe('3');
		expect(questions[1].choices[questions[1].answer]).toBe('9');
		const shorter = { ...DEFAULT_SCENARIO, ops: DEFAULT_SCENARIO.ops.slice(0, 3) };
		const end = trace(shorter.ops).frames.at(-1)!;
		const other = generatedQuestions(shorter, {
			namespaces: pagedItems(end.namespacePages),
			processes: pagedItems(end.processPages)
		});
		expect(other[0].id).not.toBe(questions[0].id);
	});

	test('the answer’s place among the numbers changes from tree to tree', () => {
		// Numbers are shown in order; if the wrong ones were always the same side of the
		// answer, its place would give it away (it was second, or first for a new namespace).
		const places = new Map<string, Set<number>>();
		const trees: PidnsOpInput[][] = [];
		for (let n = 0; n <= DEFAULT_SCENARIO.ops.length; n++)
			trees.push(DEFAULT_SCENARIO.ops.slice(0, n));
		for (let extra = 1; extra <= 12; extra++)
			trees.push(
				Array.from({ length: extra }, (_, i) => ({ op: 'fork', parent: 'init', name: `p${i}` }))
			);
		for (const ops of trees) {
			const end = trace(ops).frames.at(-1)!;
			const now = {
				namespaces: pagedItems(end.namespacePages),
				processes: pagedItems(end.processPages)
			};
			for (const q of generatedQuestions({ model: 'pidns', ops }, now)) {
				const kind = q.id.replace(/-[0-9a-f]{8}$/, '');
				const numbers = q.choices.map(Number);
				expect(numbers, q.id).toEqual([...numbers].sort((a, b) => a - b));
				places.set(kind, (places.get(kind) ?? new Set()).add(q.answer));
			}
		}
		expect(places.get('fork-own-level')?.size).toBeGreaterThanOrEqual(3);
		expect(places.get('fork-host-level')?.size).toBeGreaterThanOrEqual(3);
		expect(places.get('fork-newns')?.size).toBeGreaterThanOrEqual(2);
	});

	test('choicesFor: four distinct numbers with the answer, none below 1 unless 0 is offered', () => {
		for (let answer = 1; answer < 12; answer++)
			for (let seed = 0; seed < 8; seed++) {
				const { choices, answer: index } = choicesFor(answer, [answer + 4, answer + 5], seed);
				expect(choices[index]).toBe(String(answer));
				expect(new Set(choices).size).toBe(4);
				expect(Math.min(...choices.map(Number))).toBeGreaterThanOrEqual(1);
			}
		expect(choicesFor(1, [0, 5], 1).choices).toEqual(['0', '1', '2', '5']);
	});

	test('with only the root namespace, the second question is about a new namespace', () => {
		const scenario = { model: 'pidns' as const, ops: [] };
		const run = trace([]);
		const last = run.frames[0];
		const questions = generatedQuestions(scenario, {
			namespaces: pagedItems(last.namespacePages),
			processes: pagedItems(last.processPages)
		});
		expect(questions[0].choices[questions[0].answer]).toBe('2');
		expect(questions[1].id).toMatch(/^fork-newns-/);
		expect(questions[1].choices[questions[1].answer]).toBe('1');
	});
});
