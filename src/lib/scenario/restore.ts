/**
 * Which scenario a lesson page opens with: a shared link's (`?scenario=`) first,
 * then the learner's saved draft, then the lesson's default. A bad link or draft
 * is reported and the next source is used; nothing else changes. A draft that
 * cannot be restored is left in storage (the next edit replaces it): it may be the
 * learner's work from another version of the site, and deleting it would lose it.
 */
import { readParams } from '$lib/url';
import { readDraft } from './drafts';
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

export const DRAFT_NOT_RESTORED =
	'Your saved scenario from an earlier visit could not be restored, because it is not a valid scenario for this lab (it stays in this browser until you next edit this lab):';
export const DRAFT_NOT_RESTORED_EITHER =
	'Your saved scenario from an earlier visit could not be restored either (it is not valid here).';

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
	// A link that was used returned above: from here on, the draft is the next source.
	const draft = readDraft(options.draftKey);
	if (draft.found) {
		let errors = ['(draft): is not valid JSON text'];
		if ('value' in draft) {
			const found = options.check(draft.value);
			if (!found) return { value: draft.value as T, source: 'draft', problem, details };
			errors = found;
		}
		if (problem === null) {
			problem = DRAFT_NOT_RESTORED;
			details = errors.slice(0, 20);
		} else {
			problem = `${problem} ${DRAFT_NOT_RESTORED_EITHER}`;
		}
	}
	return { value: options.fallback, source: 'default', problem, details };
}
