/**
 * Which scenario a lesson page opens with: a shared link's (`?scenario=`) first,
 * then the learner's saved draft, then the lesson's default. A bad link or draft
 * is reported and the next source is used; nothing else changes. A draft that
 * cannot be restored is left in storage (the next edit replaces it): it may be the
 * learner's work from another version of the site, and deleting it would lose it.
 */
import { readParams } from '$lib/url';
import { readDraft } from './drafts';
import { SimulationCancelled } from './cancelled';
import { otherModelProblem } from './other-model';
import { shownProblems } from './problems';

/**
 * Returns messages when `value` is not a valid scenario for this page, else
 * null; a promise when a big scenario is checked off the main thread (it
 * rejects with SimulationCancelled when the learner cancels).
 */
export type ScenarioCheck = (value: unknown) => string[] | null | Promise<string[] | null>;

/** The check's messages, or 'cancelled'. */
async function checked(
	check: ScenarioCheck,
	value: unknown
): Promise<string[] | null | 'cancelled'> {
	try {
		return await check(value);
	} catch (error) {
		if (error instanceof SimulationCancelled) return 'cancelled';
		throw error;
	}
}

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
		// The link codec is loaded only for a link that carries a scenario.
		const { decodeScenario, FROM_LINK } = await import('./share');
		const decoded = await decodeScenario(values[0]);
		if (!decoded.ok) problem = decoded.error;
		else {
			const errors = await checked(options.check, decoded.value);
			if (!errors) return { value: decoded.value as T, source: 'link', problem: null, details: [] };
			if (errors === 'cancelled') {
				// The learner chose not to wait: the lesson's own scenario, not a draft it never asked for.
				problem = 'You cancelled opening the shared scenario; the lesson’s own scenario is shown.';
				return { value: options.fallback, source: 'default', problem, details };
			}
			// The notice says which scenario is shown instead (ScenarioNotice).
			const otherModel = otherModelProblem(decoded.value, errors, FROM_LINK.subject, '');
			problem = otherModel ?? `${FROM_LINK.subject} is not valid here:`;
			details = otherModel ? [] : shownProblems(errors);
		}
	}
	// A link that was used returned above: from here on, the draft is the next source.
	const draft = await readDraft(options.draftKey);
	if (draft.found) {
		let errors = ['(draft): is not valid JSON text'];
		if ('value' in draft) {
			const found = await checked(options.check, draft.value);
			if (!found) return { value: draft.value as T, source: 'draft', problem, details };
			if (found === 'cancelled') {
				// Kept: cancelling must not cost the learner their work.
				problem ??=
					'You cancelled restoring your saved scenario; the lesson’s own scenario is shown. Reload the page to try again.';
				return { value: options.fallback, source: 'default', problem, details };
			}
			errors = found;
		}
		if (problem === null) {
			problem = DRAFT_NOT_RESTORED;
			details = shownProblems(errors);
		} else {
			problem = `${problem} ${DRAFT_NOT_RESTORED_EITHER}`;
		}
	}
	return { value: options.fallback, source: 'default', problem, details };
}
