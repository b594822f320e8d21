/**
 * The scenario the lesson's lab shows, shared with the self-check further down
 * the page (its generated questions follow the learner's tree). One lab per
 * page; the lab writes, everything else reads.
 */
import type { TreeNow } from './questions';
import type { PidnsScenarioInput } from './view';

// Raw, not deep state: a proxy around the scenario would be a new object for the
// scenario runner (which remembers traces per object) and slow on big scenarios.
class PidnsLabState {
	scenario: PidnsScenarioInput | null = $state.raw(null);
	now: TreeNow | null = $state.raw(null);
}

export const pidnsLab = new PidnsLabState();
