import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	ERRNO_NAMES,
	type Errno,
	LIMITS,
	missingModelMessage,
	FrameRecorder,
	ScenarioError,
	formatPath,
	pathProblem,
	runModel,
	runParsedModel
} from '../../src/lib/sim/core';
import { MODEL_NAMES } from '../../src/lib/sim';
import { MODELS, runScenario } from './all-models';

describe('validation messages name the place', () => {
	test('a missing model key', () => {
		expect(runScenario({})).toEqual({
			ok: false,
			errors: [expect.stringMatching(/^model: is required/)]
		});
	});

	test('a missing model is one line, the same from the command line’s path and every lab’s', () => {
		const missing = missingModelMessage(MODEL_NAMES);
		expect(missing).toBe(
			'model: is required (one of cgroups, namespaces, pidns, syscall, unionfs)'
		);
		// Another model's fields, none, or this model's own: the model is what is missing.
		const scenarios = [
			{},
			{ layers: [{ name: 'b', entries: {} }], ops: [] },
			{ ops: [{ op: 'fork', parent: 'init', name: 'a' }] },
			{ title: 'no model', platform: 'native', syscalls: ['getpid'], 'x-note': 1 }
		];
		for (const scenario of scenarios) {
			const expected = { ok: false, errors: [missing] };
			const modelNames = MODEL_NAMES;
			expect(runScenario(scenario)).toEqual(expected);
			expect(runScenario(JSON.stringify(scenario))).toEqual(expected);
			for (const model of MODELS) {
				// A lab checks a parsed value (a file's, a link's) against its own model.
				expect(runParsedModel(model, scenario, { modelNames })).toEqual(expected);
				expect(runModel(model, JSON.stringify(scenario), { modelNames })).toEqual(expected);
			}
		}
	});

	test('a model that is not a string is named by its kind, not called missing', () => {
		expect(runScenario({ model: 5 })).toEqual({
			ok: false,
			errors: ['model: must be one of cgroups, namespaces, pidns, syscall, unionfs (got 5)']
		});
		const outcome = runScenario({ model: ['unionfs'] });
		expect(outcome.ok || outcome.errors).toEqual([
			'model: must be one of cgroups, namespaces, pidns, syscall, unionfs (got a list)'
		]);
	});

	test('a value nested too deep is refused for its depth first, with or without a model', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 100; i++) deep = [deep];
		// A value's walk names the key the depth is under; text is refused before it is parsed.
		const under = {
			ok: false,
			errors: ['x-deep: is nested more than 64 levels deep (the nesting limit)']
		};
		for (const model of MODELS) expect(runParsedModel(model, { 'x-deep': deep })).toEqual(under);
		expect(runScenario({ 'x-deep': deep })).toEqual(under);
		expect(runScenario(JSON.stringify({ 'x-deep': deep }))).toEqual({
			ok: false,
			errors: ['(scenario): is nested more than 64 levels deep (the nesting limit)']
		});
	});

	test('an unknown model', () => {
		const outcome = runScenario({ model: 'quantum' });
		expect(outcome.ok).toBe(false);
		// Every model there is, by name, sorted.
		if (!outcome.ok)
			expect(outcome.errors[0]).toBe(
				`model: must be one of ${MODELS.map((model) => model.name).join(', ')} (got "quantum")`
			);
	});

	test('unknown keys are refused, x- keys are kept out of the way', () => {
		const outcome = runScenario({
			model: 'syscall',
			platform: 'native',
			syscalls: ['getpid'],
			platfrom: 'typo',
			'x-note': 'ignored'
		});
		expect(outcome).toEqual({
			ok: false,
			errors: ['platfrom: unknown key (only keys starting with "x-" may be added)']
		});
	});

	test('list items are named by index', () => {
		const outcome = runScenario({
			model: 'syscall',
			platform: 'native',
			syscalls: ['getpid', 'fork']
		});
		expect(outcome).toEqual({
			ok: false,
			errors: ['syscalls[1]: must be one of getpid, write, mmap']
		});
	});

	test('text that is not JSON', () => {
		const outcome = runScenario('{"model": ');
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.errors[0]).toMatch(/^\(scenario\): is not valid JSON/);
	});

	test('JSON that is not an object', () => {
		for (const input of ['[]', '3', 'null', '"syscall"']) {
			expect(runScenario(input)).toEqual({
				ok: false,
				errors: ['(scenario): must be an object']
			});
		}
	});

	test('paths are formatted as a scenario author writes them', () => {
		expect(formatPath([{ key: 'ops' }, { key: 3 }, { key: 'path' }] as never)).toBe('ops[3].path');
		expect(formatPath([{ key: 'entries' }, { key: '/etc/a b' }] as never)).toBe(
			'entries["/etc/a b"]'
		);
	});

	test('a long key is cut inside its quotes, and unseen characters are escaped', () => {
		const long = formatPath([{ key: 'entries' }, { key: `/${'p'.repeat(5000)}` }] as never);
		expect(long).toBe(`entries["/${'p'.repeat(79)}…"]`);
		const astral = formatPath([{ key: `/${'😀'.repeat(100)}` }] as never);
		expect(astral).toMatch(/😀…"\]$/);
		expect(astral).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
		expect(formatPath([{ key: '/a\u200bb\ufeff\u2028\u00a0 \n' }] as never)).toBe(
			'["/a\\u200bb\\ufeff\\u2028\\u00a0 \\n"]'
		);
		const longName = formatPath([{ key: 'a'.repeat(100) }] as never);
		expect(longName).toBe(`["${'a'.repeat(80)}…"]`);
	});

	test('path rules', () => {
		expect(pathProblem('etc/passwd')).toMatch(/absolute/);
		expect(pathProblem('/etc/')).toMatch(/end with/);
		expect(pathProblem('/etc//x')).toMatch(/empty component/);
		expect(pathProblem('/etc/../x')).toMatch(/"\.\."/);
		expect(pathProblem('/etc/./x')).toMatch(/"\."/);
		expect(pathProblem('/a\0b')).toMatch(/NUL/);
		expect(pathProblem(`/${'n'.repeat(256)}`)).toMatch(/255 bytes/);
		expect(pathProblem(`/${'é'.repeat(128)}`)).toMatch(/255 bytes/);
		expect(pathProblem(`/${'n'.repeat(255)}`)).toBeNull();
		// No limit on the whole path: an operation on a path of PATH_MAX bytes or more
		// fails with ENAMETOOLONG instead (tests/unit/unionfs-pathmax.test.ts).
		const longPath = (bytes: number) =>
			`${`/${'n'.repeat(254)}`.repeat(16)}/${'n'.repeat(bytes - 16 * 255 - 1)}`;
		expect(new TextEncoder().encode(longPath(4096)).length).toBe(4096);
		expect(pathProblem(longPath(4095))).toBeNull();
		expect(pathProblem(longPath(4096))).toBeNull();
		expect(pathProblem(`/${'n/'.repeat(5000)}n`)).toBeNull();
		expect(pathProblem('/')).toBeNull();
		expect(pathProblem('/', { allowRoot: false })).toMatch(/below/);
	});
});

describe('limits', () => {
	test('scenario text over 4 MiB is refused before parsing', () => {
		const huge = `{"model":"syscall","x-pad":"${'a'.repeat(LIMITS.scenarioBytes)}"}`;
		const outcome = runScenario(huge);
		expect(outcome).toEqual({
			ok: false,
			errors: ['(scenario): is larger than 4 MiB (the limit)']
		});
	});

	test('more than 10,000 operations is refused with the limit named', () => {
		const outcome = runScenario({
			model: 'syscall',
			platform: 'native',
			syscalls: Array(LIMITS.ops + 1).fill('getpid')
		});
		expect(outcome).toEqual({
			ok: false,
			errors: ['syscalls: has more than 10000 system calls (the limit)']
		});
	});

	test('a trace past the frame limit is an invalid scenario, not a crash', () => {
		const outcome = runScenario({
			model: 'syscall',
			platform: 'vm-trap-emulate',
			syscalls: Array(LIMITS.ops).fill('mmap')
		});
		expect(outcome.ok).toBe(false);
		if (!outcome.ok)
			expect(outcome.errors[0]).toMatch(
				/^frames: the trace would exceed the limit of 100,000 frames/
			);
	});

	test('title and description have no length limit (the contract sets none; renderers wrap them)', () => {
		const outcome = runScenario({
			model: 'syscall',
			platform: 'native',
			syscalls: [],
			title: 't'.repeat(201),
			description: 'd'.repeat(100_000)
		});
		expect(outcome.ok).toBe(true);
		expect(runScenario({ model: 'syscall', platform: 'native', syscalls: [], title: 7 })).toEqual({
			ok: false,
			errors: ['title: must be a string']
		});
	});
});

describe('frame recorder', () => {
	test('frames are numbered and tagged with their operation', () => {
		const recorder = new FrameRecorder<{ value: number }>();
		recorder.record({ value: 0 }, 'start');
		recorder.beginOp(0);
		recorder.record({ value: 1 }, 'one');
		recorder.record({ value: 2 }, 'two');
		expect(recorder.frames.map((f) => [f.step, f.op, f.value])).toEqual([
			[0, null, 0],
			[1, 0, 1],
			[2, 0, 2]
		]);
	});

	test('state objects are shared between frames, not copied', () => {
		const shared = { big: [1, 2, 3] };
		const recorder = new FrameRecorder<{ shared: typeof shared }>();
		recorder.record({ shared }, 'a');
		recorder.record({ shared }, 'b');
		expect(recorder.frames[0].shared).toBe(recorder.frames[1].shared);
	});

	test('without frames it still counts against the limit', () => {
		const recorder = new FrameRecorder<object>({ recordFrames: false, maxFrames: 2 });
		recorder.record({}, 'a');
		recorder.record({}, 'b');
		expect(recorder.frames).toHaveLength(0);
		expect(() => recorder.record({}, 'c')).toThrow(ScenarioError);
	});

	test('a frame built whole takes its place in the numbering and the limit', () => {
		const recorder = new FrameRecorder<{ value: number }>({ maxFrames: 3 });
		recorder.record({ value: 0 }, 'start');
		recorder.beginOp(0);
		const text = ['one', ' built ', 'whole'].reduce((a, b) => `${a}${b}`);
		recorder.recordFrame({ step: recorder.nextStep, op: recorder.op, text, value: 1 });
		expect(recorder.frames[1]).toEqual({ step: 1, op: 0, text: 'one built whole', value: 1 });
		// A frame numbered by hand out of turn would break stepping; it is refused.
		expect(() => recorder.recordFrame({ step: 5, op: 0, text: 'late', value: 2 })).toThrow(
			/out of order/
		);
		expect(() => recorder.recordFrame({ step: 2, op: 1, text: 'other op', value: 2 })).toThrow(
			/out of order/
		);
		recorder.recordFrame({ step: 2, op: 0, text: 'two', value: 2 });
		expect(() =>
			recorder.recordFrame({ step: 3, op: 0, text: 'past the limit', value: 3 })
		).toThrow(ScenarioError);
	});
});

describe('determinism', () => {
	test('the same scenario gives the same trace, byte for byte', () => {
		const scenario = JSON.stringify({
			model: 'syscall',
			platform: 'vm-hardware',
			syscalls: ['write', 'mmap', 'getpid']
		});
		const runs = Array.from({ length: 5 }, () => JSON.stringify(runScenario(scenario)));
		expect(new Set(runs).size).toBe(1);
	});
});

describe('hostile and random input never crashes the core', () => {
	test('arbitrary JSON values give a trace or messages', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
				const outcome = runScenario(value);
				if (!outcome.ok) {
					expect(outcome.errors.length).toBeGreaterThan(0);
					for (const line of outcome.errors) expect(line).toMatch(/^\S.*: \S/);
				}
			}),
			{ numRuns: 400 }
		);
	});

	test('mutated syscall scenarios give a trace or messages', () => {
		const field = fc.oneof(
			fc.constantFrom('native', 'container', 'vm-hardware', 'getpid', 'mmap', 'write'),
			fc.string(),
			fc.integer(),
			fc.constant(null),
			fc.constant('__proto__'),
			fc.array(fc.constantFrom('getpid', 'write', 'mmap', 'read', ''), { maxLength: 20 })
		);
		fc.assert(
			fc.property(
				fc.record(
					{
						model: fc.constantFrom('syscall', 'unionfs', 'pidns', 'other'),
						platform: field,
						syscalls: field,
						title: fc.string(),
						constructor: field,
						['__proto__']: field
					},
					{ requiredKeys: [] }
				),
				(scenario) => {
					const outcome = runScenario(scenario);
					expect(typeof outcome.ok).toBe('boolean');
				}
			),
			{ numRuns: 400 }
		);
	});

	test('random text never throws', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
				expect(() => runScenario(text)).not.toThrow();
			}),
			{ numRuns: 300 }
		);
	});
});

describe('errno names', () => {
	test('the core knows every Linux errno name, each once, and a typo is a type error', () => {
		// asm-generic/errno-base.h and errno.h (133 names, EWOULDBLOCK and EDEADLOCK
		// among them) and ENOTSUP from errno(3).
		expect(ERRNO_NAMES).toHaveLength(134);
		expect(new Set(ERRNO_NAMES).size).toBe(ERRNO_NAMES.length);
		for (const name of ERRNO_NAMES) expect(name).toMatch(/^E[A-Z0-9]+$/);
		expect(ERRNO_NAMES).toEqual(
			expect.arrayContaining(['EAGAIN', 'EINTR', 'EOPNOTSUPP', 'ENOTSUP', 'EWOULDBLOCK', 'EPERM'])
		);
		const given: Errno[] = ['EAGAIN'];
		// @ts-expect-error a misspelt errno name is not an Errno
		given.push('EPERMS');
		expect(ERRNO_NAMES).not.toContain(given[1]);
	});

	test('every errno the built-in scenarios’ traces give is one of them', () => {
		const given = new Set<string>();
		for (const model of readdirSync('tests/golden')) {
			for (const file of readdirSync(join('tests/golden', model))) {
				const trace = JSON.parse(readFileSync(join('tests/golden', model, file), 'utf8'));
				for (const result of trace.results) if (result.errno) given.add(result.errno);
			}
		}
		expect(given.size).toBeGreaterThan(3);
		for (const errno of given) expect(ERRNO_NAMES).toContain(errno);
	});
});
