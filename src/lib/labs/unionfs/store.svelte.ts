/**
 * The scenario the lesson's lab shows, shared with the self-check further down
 * the page (its generated questions follow the learner's layers). One lab per
 * page; the lab writes, everything else reads.
 */
import type { UnionfsInput } from './view';

export const unionfsLab = $state<{ scenario: UnionfsInput | null }>({ scenario: null });
