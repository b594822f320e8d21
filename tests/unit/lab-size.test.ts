// No lab edit takes a scenario past 4 MiB of JSON (src/lib/labs/lab.svelte.ts):
// past it, its draft, its download and its link would open nowhere. The edit is
// refused with the limit's message, and the scenario and its draft stay as they were.
import { describe, expect, test, vi } from 'vitest';
import { LIMITS, type Trace } from '../../src/lib/sim/core';
import { pidnsModel } from '../../src/lib/sim/pidns';
import { unionfsModel } from '../../src/lib/sim/unionfs';
import { simulateWith, useLabGlobals } from './lab-harness';

const store = useLabGlobals();

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

type Fork = { op: 'fork'; parent: string; name: string };
type PidnsInput = { model: 'pidns'; ops: Fork[] };

/** A pidns scenario of `forks` processes with long names, as the form now allows. */
function pidnsScenario(forks: number, nameLength: number): PidnsInput {
	return {
		model: 'pidns',
		ops: Array.from({ length: forks }, (_, i) => ({
			op: 'fork' as const,
			parent: 'init',
			name: `p${i}-${'n'.repeat(nameLength)}`
		}))
	};
}

async function pidnsLab(fallback: PidnsInput) {
	const { OpsLab } = await import('$lib/labs/lab.svelte');
	return new OpsLab<Fork, PidnsInput, Trace>({
		draftKey: 'pid-namespaces',
		fallback,
		simulate: simulateWith(pidnsModel),
		embedded: false
	});
}

const draft = () => store.get('stepvisor:draft:pid-namespaces');

describe('an edit that would take the scenario past 4 MiB', () => {
	test('is refused with the limit’s message; the scenario and its draft stay as they were', async () => {
		// 40 processes of 100,000-character names: just under 4 MiB of JSON.
		const lab = await pidnsLab(pidnsScenario(40, 100_000));
		const small = lab.append({ op: 'fork', parent: 'init', name: 'small' });
		expect(Array.isArray(small)).toBe(false);
		vi.runAllTimers();
		const saved = draft();
		const before = lab.scenario;
		const room = LIMITS.scenarioBytes - bytesOf(before);
		expect(room).toBeGreaterThan(0);

		const name = 'x'.repeat(room);
		const refused = lab.append({ op: 'fork', parent: 'init', name });
		const wouldBe = bytesOf({
			...before,
			ops: [...before.ops, { op: 'fork', parent: 'init', name }]
		});
		expect(refused).toEqual([
			`(scenario): cannot grow past 4 MiB of JSON (the limit); this change would make it ${wouldBe.toLocaleString('en-US')} bytes`
		]);
		expect(lab.scenario).toBe(before);
		vi.runAllTimers();
		expect(draft()).toBe(saved);

		// Up to the limit exactly is allowed: 4 MiB of JSON opens everywhere.
		const fits = 'x'.repeat(room - bytesOf({ op: 'fork', parent: 'init', name: '' }) - 1);
		const taken = lab.append({ op: 'fork', parent: 'init', name: fits });
		expect(Array.isArray(taken)).toBe(false);
		expect(bytesOf(lab.scenario)).toBe(LIMITS.scenarioBytes);
		vi.runAllTimers();
		expect(draft()).toBe(JSON.stringify(lab.scenario));
		// Undo shrinks it: never refused.
		expect(lab.undo()).not.toBeNull();
		// What is not an object at all (JSON applied in an editor) is the model's to refuse.
		expect(lab.commit('hi' as unknown as PidnsInput)).toEqual(['(scenario): must be an object']);
	});

	test('a scenario already past the limit (an old draft) can still be cut down, not grown', async () => {
		const lab = await pidnsLab(pidnsScenario(43, 100_000));
		expect(bytesOf(lab.scenario)).toBeGreaterThan(LIMITS.scenarioBytes);
		const grown = lab.append({ op: 'fork', parent: 'init', name: 'one-more' });
		expect(Array.isArray(grown) && grown[0]).toMatch(/^\(scenario\): cannot grow past 4 MiB/);
		expect(lab.undo()).not.toBeNull();
		expect(lab.scenario.ops).toHaveLength(42);
	});

	test('measured as JSON, not as the text a scenario was read from', async () => {
		// A draft written with indentation: over 4 MiB as text, under it as JSON.
		const { parseRemembered } = await import('$lib/scenario/json-text');
		const scenario = pidnsScenario(40, 100_000);
		const text = JSON.stringify(scenario, null, ' '.repeat(10)).replace(
			/\n/g,
			`\n${' '.repeat(5_000)}`
		);
		expect(text.length).toBeGreaterThan(LIMITS.scenarioBytes);
		const lab = await pidnsLab(pidnsScenario(1, 1));
		const shown = parseRemembered(text) as PidnsInput;
		const trace = lab.simulate(shown);
		if (Array.isArray(trace)) throw new Error(trace[0]);
		lab.show(shown, trace);
		expect(Array.isArray(lab.append({ op: 'fork', parent: 'init', name: 'one-more' }))).toBe(false);
		expect(lab.scenario.ops).toHaveLength(41);
	});

	test('the same in a lab of another model, for an edit that is not an op', async () => {
		const { Lab } = await import('$lib/labs/lab.svelte');
		type Layers = {
			model: 'unionfs';
			layers: { name: string; entries: Record<string, string> }[];
			ops: unknown[];
		};
		const entries: Record<string, string> = {};
		for (let i = 0; i < 64; i++) entries[`/f${i}`] = 'c'.repeat(65_000);
		const fallback: Layers = { model: 'unionfs', layers: [{ name: 'base', entries }], ops: [] };
		const lab = new Lab<Layers, Trace>({
			draftKey: 'layers',
			fallback,
			simulate: simulateWith(unionfsModel),
			embedded: false
		});
		const withFile = (path: string) => ({
			...lab.scenario,
			layers: [{ ...lab.scenario.layers[0], entries: { ...entries, [path]: 'c'.repeat(65_000) } }]
		});
		expect(lab.commit(withFile('/f64'))).toEqual([
			expect.stringMatching(/^\(scenario\): cannot grow past 4 MiB of JSON \(the limit\)/)
		]);
		expect(lab.scenario).toBe(fallback);
		// Inside an embed too, where nothing is saved.
		const embedded = new Lab<Layers, Trace>({
			draftKey: 'layers',
			fallback,
			simulate: simulateWith(unionfsModel),
			embedded: true
		});
		expect(embedded.commit(withFile('/f64'))).toHaveLength(1);
		expect(embedded.scenario).toBe(fallback);
	});
});
