/**
 * What one process can see, computed from one frame of the `pidns` model: the
 * namespaces visible from its own, and what `ps` run by it prints.
 */
import type { NsView, ProcView } from './model';

/** The namespace `nsId` and every namespace nested in it (namespaces come in creation order). */
export function visibleNamespaces(namespaces: readonly NsView[], nsId: string): Set<string> {
	const seen = new Set<string>();
	for (const ns of namespaces) {
		if (ns.id === nsId || (ns.parent !== null && seen.has(ns.parent))) seen.add(ns.id);
	}
	return seen;
}

export interface Viewer {
	name: string;
	/** Its namespace and its level. */
	ns: string;
	level: number;
	alive: boolean;
	/** Namespaces it can see: its own and the nested ones. */
	sees: Set<string>;
}

/** The viewpoint of process `name` in this frame, or null if it does not exist yet. */
export function viewerOf(
	namespaces: readonly NsView[],
	processes: readonly ProcView[],
	name: string | null
): Viewer | null {
	if (name === null) return null;
	const proc = processes.find((p) => p.name === name);
	if (!proc) return null;
	return {
		name,
		ns: proc.ns,
		level: proc.level,
		alive: proc.alive,
		sees: visibleNamespaces(namespaces, proc.ns)
	};
}

/** What `ps` run by the viewer prints: live processes it can see, with their PIDs at its level. */
export function psListing(
	processes: readonly ProcView[],
	viewer: Viewer
): { pid: number; name: string }[] {
	const rows: { pid: number; name: string }[] = [];
	for (const proc of processes) {
		if (proc.alive && viewer.sees.has(proc.ns)) {
			rows.push({ pid: proc.pids[viewer.level], name: proc.name });
		}
	}
	return rows.sort((a, b) => a.pid - b.pid);
}
