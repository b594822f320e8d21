/**
 * The scenario the lesson's lab shows, shared with the self-check further down
 * the page (its generated questions follow the learner's layers). One lab per
 * page; the lab writes, everything else reads.
 */
import type { UnionfsInput } from './view';

// Raw, not deep state: a proxy around the scenario would be a new object for the
// scenario runner (which remembers traces per object) and slow on big scenarios.
class UnionfsLabState {
	scenario: UnionfsInput | null = $state.raw(null);
}

export const unionfsLab = new UnionfsLabState();
