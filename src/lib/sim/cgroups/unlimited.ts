/**
 * The same workload with no cgroup controls: every limit is "max" and every
 * weight the default. Ops stay in place (a `set` writes the unlimited value),
 * so both traces have the same frames, one for one, and one player can step
 * them side by side.
 */
import type { CgroupsScenario } from './schema';
import { DISK, type SetFile } from './values';

const UNLIMITED: Record<SetFile, string> = {
	'cpu.max': 'max',
	'cpu.weight': '100',
	'memory.max': 'max',
	'memory.high': 'max',
	'io.max': `${DISK} rbps=max wbps=max`
};

const SUFFIX = ' (no limits)';

/** The twin's title: the scenario's, marked (titles have no length limit to leave room in). */
export function noLimitsTitle(title: string): string {
	return title + SUFFIX;
}

export function withoutLimits(scenario: CgroupsScenario): CgroupsScenario {
	return {
		...scenario,
		title: scenario.title === undefined ? undefined : noLimitsTitle(scenario.title),
		groups: (scenario.groups ?? []).map((group) => ({ path: group.path })),
		ops: scenario.ops.map((op) =>
			op.op === 'set' && op.file ? { ...op, value: UNLIMITED[op.file] } : op
		)
	};
}
