/**
 * Which scenario a lesson page opens with: a shared link's (`?scenario=`) first,
 * then the learner's saved draft, then the lesson's default. A bad link or draft
 * is reported and the next source is used; nothing else changes.
 */
import { readParams } from '$lib/player/url';
import { clearDraft, loadDraft } from './drafts';
import { decodeScenario } from './share';
import { SimulationCancelled } from './offthread';

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
			const errors = await checked(options.check, decoded.value);
			if (!errors) return { value: decoded.value as T, source: 'link', problem: null, details: [] };
			if (errors === 'cancelled') {
				// The learner chose not to wait: the lesson's own scenario, not a draft it never asked for.
				problem = 'You cancelled opening the shared scenario; the lesson’s own scenario is shown.';
				return { value: options.fallback, source: 'default', problem, details };
			}
			problem = 'The shared scenario in this link is not valid here:';
			details = errors.slice(0, 20);
		}
	}
	const draft = loadDraft(options.draftKey);
	if (draft !== null) {
		const errors = await checked(options.check, draft);
		if (!errors) return { value: draft as T, source: 'draft', problem, details };
		if (errors === 'cancelled') {
			// Kept: cancelling must not cost the learner their work.
			problem ??=
				'You cancelled restoring your saved scenario; the lesson’s own scenario is shown. Reload the page to try again.';
			return { value: options.fallback, source: 'default', problem, details };
		}
		clearDraft(options.draftKey);
	}
	return { value: options.fallback, source: 'default', problem, details };
}
