/**
 * Which scenario a lesson page opens with: a shared link's (`?scenario=`) first,
 * then the learner's saved draft, then the lesson's default. A bad link or draft
 * is reported and the next source is used; nothing else changes.
 */
import { readParams } from '$lib/player/url';
import { clearDraft, loadDraft } from './drafts';
import { decodeScenario } from './share';

/** Returns messages when `value` is not a valid scenario for this page, else null. */
export type ScenarioCheck = (value: unknown) => string[] | null;

export interface Restored<T> {
	value: T;
	source: 'link' | 'draft' | 'default';
	/** Why a link was not used (shown to the learner). */
	problem: string | null;
	details: string[];
}

export async function restoreScenario<T>(options: {
	draftKey: string;
	check: ScenarioCheck;
	fallback: T;
	param?: string;
}): Promise<Restored<T>> {
	const values = readParams(options.param ?? 'scenario');
	let problem: string | null = null;
	let details: string[] = [];
	if (values.length > 1) {
		problem = 'This link names more than one scenario; the lesson’s own scenario is shown instead.';
	} else if (values.length === 1) {
		const decoded = await decodeScenario(values[0]);
		if (!decoded.ok) problem = decoded.error;
		else {
			const errors = options.check(decoded.value);
			if (!errors) return { value: decoded.value as T, source: 'link', problem: null, details: [] };
			problem = 'The shared scenario in this link is not valid here:';
			details = errors.slice(0, 20);
		}
	}
	const draft = loadDraft(options.draftKey);
	if (draft !== null) {
		if (!options.check(draft)) return { value: draft as T, source: 'draft', problem, details };
		clearDraft(options.draftKey);
	}
	return { value: options.fallback, source: 'default', problem, details };
}
