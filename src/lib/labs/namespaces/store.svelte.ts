/**
 * The scenario the lesson's lab shows, shared with the side-by-side view
 * (which asks its questions of the same processes). One lab per page; the lab
 * writes, everything else reads.
 */
import type { NamespacesScenarioInput } from '$lib/sim/namespaces';

// Raw, not deep state: a proxy around the scenario would be a new object for the
// scenario runner (which remembers traces per object) and slow on big scenarios.
class NsLabState {
	scenario: NamespacesScenarioInput | null = $state.raw(null);
}

export const nsLab = new NsLabState();
