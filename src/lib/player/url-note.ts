/**
 * What a player says of a bad step in its link. Loaded only for such a link: every
 * lesson page loads the player, and these sentences are no use to the others.
 */
import { isStepText } from './step';

/**
 * What a link's step parameter `key` got wrong (`values`: each value the URL gives
 * it), or null when it is a step number or absent. The player then shows the first
 * step, and says why in these words.
 */
export function urlStepProblem(key: string, values: readonly string[]): string | null {
	if (values.length > 1)
		return `This link gives ${key}= ${values.length} times; the first step is shown.`;
	if (values.length === 0 || isStepText(values[0])) return null;
	const value = values[0].length > 40 ? `${values[0].slice(0, 40)}…` : values[0];
	return `This link’s ${key}=${JSON.stringify(value)} is not a step number; the first step is shown.`;
}

/**
 * Several players on a page may read one parameter, and an embed reports its own:
 * the first to claim `key` reports a bad value, the others do not say it again.
 */
const reportedKeys = new Set<string>();
export function claimUrlReport(key: string): boolean {
	if (reportedKeys.has(key)) return false;
	reportedKeys.add(key);
	return true;
}
