import { describe, expect, test } from 'vitest';
import {
	checkScenario,
	shellRefusal,
	withOp,
	type UnionfsInput
} from '../../src/lib/labs/unionfs/view';
import type { ShellOp } from '../../src/lib/sim/unionfs/shell';

const base: UnionfsInput = {
	model: 'unionfs',
	layers: [{ name: 'base', entries: { '/etc/motd': 'hi\n' } }],
	upper: { name: 'upper', entries: {} },
	ops: [{ op: 'read', path: '/etc/motd' }]
};

/** What the shell says when the model refuses `op` typed after `scenario`'s ops. */
async function refusal(scenario: UnionfsInput, op: ShellOp): Promise<string> {
	const messages = await checkScenario(withOp(scenario, op));
	if (!messages) throw new Error('the model took the op');
	return shellRefusal(messages, scenario.ops.length);
}

describe('the layers shell says why the model refused a command, in words', () => {
	test('text too long for a file is said of the text typed, not of ops[1].content', async () => {
		const said = await refusal(base, {
			op: 'write',
			path: '/etc/motd',
			content: 'x'.repeat(65 * 1024)
		});
		expect(said).toBe(
			'Not run: The text to write must be at most 64 KiB (the per-file content limit)'
		);
	});

	test('a scenario at its limit of operations is said of the scenario', async () => {
		const full = {
			...base,
			ops: Array.from({ length: 10_000 }, () => ({ op: 'stat' as const, path: '/etc/motd' }))
		};
		const said = await refusal(full, { op: 'read', path: '/etc/motd' });
		expect(said).toBe('Not run: The scenario has more than 10000 ops (the limit)');
		expect(said).not.toMatch(/ops\[|ops:/);
	});

	test('a message about no field loses its place and starts as a sentence', () => {
		expect(
			shellRefusal(
				[
					'frames: the trace would exceed the limit of 100000 frames; use fewer',
					'ops[3].path: "a"'
				],
				3
			)
		).toBe('Not run: The trace would exceed the limit of 100000 frames; use fewer; The path: “a”');
	});
});
