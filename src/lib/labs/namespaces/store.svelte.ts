/**
 * The scenario the lesson's lab shows, shared with the side-by-side view
 * (which asks its questions of the same processes). One lab per page; the lab
 * writes, everything else reads.
 */
import type { NamespacesScenarioInput } from '$lib/sim/namespaces';

export const nsLab = $state<{ scenario: NamespacesScenarioInput | null }>({ scenario: null });
