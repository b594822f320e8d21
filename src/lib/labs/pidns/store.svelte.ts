/**
 * The scenario the lesson's lab shows, shared with the self-check further down
 * the page (its generated questions follow the learner's tree). One lab per
 * page; the lab writes, everything else reads.
 */
import type { TreeNow } from './questions';
import type { PidnsScenarioInput } from './view';

export const pidnsLab = $state<{ scenario: PidnsScenarioInput | null; now: TreeNow | null }>({
	scenario: null,
	now: null
});
