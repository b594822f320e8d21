/**
 * Kernel conformance for the `unionfs` model: every scenario runs on the model
 * and on a real OverlayFS mount (default options), and their results and final
 * upper layers must agree. Needs Linux, root and `mount -t overlay`; elsewhere
 * it registers one test that says why it did not run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { simulateUnionfs, unionfsSchema, type UnionfsScenario } from '../../src/lib/sim/unionfs';
import { validate } from '../../src/lib/sim/core';
import { CASES } from './unionfs-cases';
import { randomScenario } from './unionfs-generator';
import { kernelUnavailableReason, runOnKernel } from './unionfs-kernel';

const RANDOM_SCENARIOS = 220;
const BUILT_IN = 'static/scenarios/unionfs';
const SEED = 0x5eed;

/** The model's results with what the kernel cannot show removed (`layer`; `opaque`, checked through final.upper). */
function comparable(results: readonly Record<string, unknown>[]) {
	return results.map((result) => {
		const { layer: _layer, opaque: _opaque, ...rest } = result;
		void _layer;
		void _opaque;
		return rest;
	});
}

async function checkAgainstKernel(scenario: UnionfsScenario) {
	const valid = validate(unionfsSchema, scenario) as UnionfsScenario;
	const model = simulateUnionfs(valid, { recordFrames: false });
	const kernel = await runOnKernel(valid);
	const ops = valid.ops.map((op) => `${op.op} ${op.path}`);
	expect(
		comparable(model.results as Record<string, unknown>[]).map((r, i) => [ops[i], r]),
		'results'
	).toEqual(kernel.results.map((r, i) => [ops[i], r]));
	expect(model.final.upper, 'final.upper').toEqual(kernel.upper);
}

const reason = kernelUnavailableReason();

if (reason) {
	test(`unionfs kernel conformance (skipped: ${reason})`, () => {
		console.warn(`unionfs kernel conformance did not run: ${reason}`);
		expect(reason).toBeTruthy();
	});
} else {
	describe('unionfs matches Linux OverlayFS', () => {
		beforeAll(() => {
			expect(kernelUnavailableReason()).toBeNull();
		});

		for (const { name, scenario } of CASES) {
			test(name, () => checkAgainstKernel(scenario));
		}

		for (const file of readdirSync(BUILT_IN)
			.filter((name) => name.endsWith('.json'))
			.sort()) {
			test(`built-in scenario ${file}`, () =>
				checkAgainstKernel(JSON.parse(readFileSync(join(BUILT_IN, file), 'utf8'))));
		}

		test(`${RANDOM_SCENARIOS} random scenarios (seed ${SEED})`, async () => {
			// A few mounts in flight at once: the time goes into mount, umount and python3, not the CPU.
			let next = 0;
			const worker = async () => {
				while (next < RANDOM_SCENARIOS) {
					const seed = SEED + next++;
					const scenario = randomScenario(seed);
					try {
						await checkAgainstKernel(scenario);
					} catch (error) {
						console.error(`random scenario ${seed}:\n${JSON.stringify(scenario, null, 1)}`);
						throw error;
					}
				}
			};
			await Promise.all(Array.from({ length: 4 }, worker));
		});
	});
}
