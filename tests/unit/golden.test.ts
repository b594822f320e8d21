/**
 * Golden traces: every built-in scenario (static/scenarios/<model>/*.json, the
 * files the lessons use and instructors download) against its committed trace in
 * tests/golden/. After an intended change: `npm run golden:update`, then review the diff.
 * A new built-in scenario has no golden trace yet: the test fails and says to
 * write it with `npm run golden:update` (it is never written silently, on CI or off).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
// The site's registry: each scenario loads the model its `model` key names.
import { runScenario } from '../../src/lib/sim';

const root = 'static/scenarios';
const files = readdirSync(root, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.flatMap((dir) =>
		readdirSync(join(root, dir.name))
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => join(dir.name, name))
	);

describe('golden traces of the built-in scenarios', () => {
	test('there are built-in scenarios', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	for (const file of files) {
		test(file, async () => {
			const golden = join('tests', 'golden', file.replace(/\.json$/, '.trace.json'));
			if (!existsSync(golden) && expect.getState().snapshotState.snapshotUpdateState !== 'all') {
				throw new Error(
					`${golden} is missing: ${join(root, file)} is a new built-in scenario. Run \`npm run golden:update\` to write its golden trace, then review and commit the file.`
				);
			}
			const source = readFileSync(join(root, file), 'utf8');
			const outcome = await runScenario(source);
			if (!outcome.ok) throw new Error(`${file} is invalid:\n${outcome.errors.join('\n')}`);
			expect(outcome.trace.model).toBe(file.split('/')[0]);
			// Twice, to show the trace is a pure function of the scenario.
			const again = await runScenario(source);
			expect(JSON.stringify(again)).toBe(JSON.stringify(outcome));
			await expect(`${JSON.stringify(outcome.trace, null, 1)}\n`).toMatchFileSnapshot(
				join('..', '..', golden)
			);
		});
	}
});
