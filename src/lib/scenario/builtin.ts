/**
 * Built-in scenarios: the files under static/scenarios/<model>/, which the labs
 * open, the golden tests pin and instructors download. Which lesson uses which,
 * in what order and under what label, the lessons' manifests say. A lab passes
 * the files it bundles (an `import.meta.glob` of its model's folder: the pattern
 * must be written out in the lab, Vite reads it at build time).
 */
import SCENARIO_ENTRIES from 'virtual:stepvisor-manifests/scenarios';

export interface BuiltinScenario<T> {
	/** The file's name without `.json`. */
	name: string;
	label: string;
	scenario: T;
	/** The lab's own scenario (shown when there is no draft and no link). */
	isDefault: boolean;
}

/** The built-in scenarios of `model` among `files` (path → parsed JSON), in the manifests' order. */
export function builtinScenarios<T extends { title?: string }>(
	model: string,
	files: Record<string, unknown>
): BuiltinScenario<T>[] {
	const byName = new Map(
		Object.entries(files).map(([path, value]) => [path.replace(/^.*\/|\.json$/g, ''), value as T])
	);
	return SCENARIO_ENTRIES.filter((entry) => entry.model === model && byName.has(entry.name)).map(
		(entry) => {
			const scenario = byName.get(entry.name)!;
			return {
				name: entry.name,
				label: entry.label ?? scenario.title ?? entry.name,
				scenario,
				isDefault: entry.default === true
			};
		}
	);
}

/** The lab's own scenario among `builtins`: the one its manifest marks, else the first. */
export function defaultScenario<T>(builtins: BuiltinScenario<T>[]): T {
	const chosen = builtins.find((one) => one.isDefault) ?? builtins[0];
	if (!chosen) throw new Error('a lab needs at least one built-in scenario');
	return chosen.scenario;
}
