/**
 * What NsFrame shows below the process and the network picture, worked out from a
 * frame alone: the command typed, the table the answer comes from, and what
 * stands in the table's place before there is one. Pure, so that the frames of a
 * question laid out ahead (to keep their room) say the same as the frame shown.
 */
import type { Frame } from '$lib/sim/core';
import { COMMAND_KIND, KIND_LABEL, type Lookup, type NamespacesState } from '$lib/sim/namespaces';

type NsFrameData = Frame<NamespacesState>;

/** The command line the terminal shows for the frame's question or packet ('' in the opening frame). */
export function commandLine(frame: NsFrameData): string {
	const action = frame.action;
	if (action?.op === 'send') return `ping -c1 ${action.to}`;
	if (action?.op !== 'ask') return '';
	if (action.command === 'write') return `echo hi > ${action.path}`;
	if (action.command === 'ls') return `ls ${action.path}`;
	return action.command;
}

/** The table to show: the frame's lookup, or (once the namespace is picked) that namespace's table. */
export function tableOf(frame: NsFrameData): Lookup | null {
	if (frame.lookup) return frame.lookup;
	const { action, pick } = frame;
	if (!pick || action?.op !== 'ask') return null;
	switch (COMMAND_KIND[action.command]) {
		case 'uts':
			return { table: 'hostname', ns: pick.ns };
		case 'net':
			return { table: action.command === 'ip route' ? 'routes' : 'interfaces', ns: pick.ns };
		case 'ipc':
			return { table: 'ipc', ns: pick.ns };
		default:
			return null;
	}
}

/** Words for the table's place while it is empty: its name (and namespace, once picked), then what is not done. */
export interface NotYet {
	title: string;
	ns: string | null;
	text: string;
}

/**
 * What stands where the table will be while there is none yet, or null when
 * there is a table (or no question). It says only what the kernel has done so
 * far: before the pick, that no namespace is picked; after it, which namespace's
 * table is not looked up yet; on a packet's hop that looks up no route, that.
 */
export function notYetOf(frame: NsFrameData): NotYet | null {
	const { action, pick, packet } = frame;
	if (!action || tableOf(frame)) return null;
	if (action.op === 'send') {
		const hop = packet ? packet.hops[packet.hop] : null;
		const text = hop?.kind === 'start' ? 'not looked up yet.' : 'no lookup at this hop.';
		return { title: 'Routing table', ns: null, text };
	}
	if (!pick)
		return { title: 'No table yet', ns: null, text: 'the kernel has not picked a namespace.' };
	return {
		title: `Table of the ${KIND_LABEL[pick.kind]} namespace`,
		ns: pick.ns,
		text: 'not looked up yet.'
	};
}

/** What the terminal prints under the command line: the answer, the packet's progress, or a wait. */
export interface TerminalText {
	kind: 'answer' | 'error' | 'packet' | 'waiting';
	text: string;
}

export function terminalText(frame: NsFrameData): TerminalText {
	const { answer, packet } = frame;
	if (frame.stage === 'answer' && answer)
		return { kind: answer.errno !== null ? 'error' : 'answer', text: answer.output.join('\n') };
	if (packet) {
		if (packet.hop < packet.hops.length - 1)
			return { kind: 'packet', text: `packet ${packet.src} → ${packet.dst} on its way…` };
		if (packet.outcome === 'dropped') return { kind: 'packet', text: 'packet lost' };
		const where = packet.outcome === 'outside' ? 'left the machine' : 'delivered';
		return { kind: 'packet', text: `packet ${where} (${packet.hops.length} hops)` };
	}
	return { kind: 'waiting', text: '(waiting for the kernel…)' };
}

/**
 * Everything that sets the size of what NsFrame draws below the process and the
 * network picture (the table or its place, and the terminal), as one string: two
 * frames of a question with the same look take the same room. A packet caught in
 * a routing loop has a hundred frames and a handful of looks (its route lookups
 * in two namespaces, over and over), so the lab keeps room for one of each.
 */
export function lowerLook(frame: NsFrameData): string {
	const table = tableOf(frame);
	const hop = frame.packet ? frame.packet.hops[frame.packet.hop] : null;
	// The routing table gets a "matches?" column, and its caption the address, only at its own lookup.
	const routeHop =
		hop?.kind === 'route' && table?.table === 'routes' && hop.ns === table.ns
			? [hop.matches ?? [], hop.route ?? null]
			: null;
	return JSON.stringify([
		table,
		routeHop,
		notYetOf(frame),
		frame.action ? commandLine(frame) : null,
		frame.action ? terminalText(frame) : null
	]);
}

/**
 * About how many lines NsFrame draws below the process and the network picture:
 * the table's rows (or one line in its place) and the terminal's. Only to rank a
 * question's looks by size when there are too many to lay out ahead, so that the
 * room kept is likely the tallest's.
 */
export function lowerLines(frame: NsFrameData): number {
	const table = tableOf(frame);
	const ns = table ? frame.namespaces.find((n) => n.id === table.ns) : undefined;
	let rows = 1;
	if (table && ns) {
		switch (table.table) {
			case 'mounts':
				rows = 1 + (ns.mounts?.length ?? 0);
				break;
			case 'interfaces':
				rows = ns.interfaces?.length ?? 0;
				break;
			case 'routes':
				rows = ns.routes?.length ?? 0;
				break;
			case 'uidMap':
				rows = ns.uidMap?.length ?? 0;
				break;
			case 'pids':
				rows = frame.processes.length;
				break;
			case 'ipc':
				rows = ns.objects?.length ?? 0;
				break;
			case 'permission':
				rows = 6;
				break;
		}
	}
	const terminal = frame.action ? terminalText(frame).text.split('\n').length + 1 : 0;
	// A table's caption and head take about two lines more than its rows.
	return (table ? rows + 2 : rows) + terminal;
}
