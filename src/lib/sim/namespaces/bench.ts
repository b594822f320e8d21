/**
 * A `namespaces` scenario at the model's limits, for the tests that open the
 * biggest scenario a learner can send: 10,000 files, 256 namespaces, 1,000
 * processes and 10,000 ops, of which the `ls` of a 9,990-file directory spend
 * most of the result budget. Its trace stays under every limit.
 */
import { LIMITS } from '../core';
import { NS_LIMITS, type NamespacesScenarioInput } from './schema';

export function largeScenario(): NamespacesScenarioInput {
	const files = [
		'/etc/hostname',
		...Array.from({ length: NS_LIMITS.files - 1 }, (_, i) => `/d/f${i}`)
	];
	const initial = [
		{ id: 'host-mnt', kind: 'mnt' as const },
		{ id: 'host-uts', kind: 'uts' as const, hostname: 'host' },
		{ id: 'host-net', kind: 'net' as const, interfaces: [{ name: 'lo', addr: '127.0.0.1/8' }] },
		{ id: 'host-user', kind: 'user' as const },
		{ id: 'host-pid', kind: 'pid' as const },
		{ id: 'host-ipc', kind: 'ipc' as const }
	];
	const containers = NS_LIMITS.namespaces - initial.length;
	const namespaces = [
		...initial,
		...Array.from({ length: containers }, (_, i) => ({
			id: `uts${i}`,
			kind: 'uts' as const,
			hostname: `c${i}`
		}))
	];
	const processes = Array.from({ length: NS_LIMITS.processes }, (_, i) => ({
		name: `p${i}`,
		uid: 0,
		ns: { uts: `uts${i % containers}` }
	}));
	// Each `ls /d` returns 9,990 names: 90 of them take 899,100 of the 1,000,000 items.
	const ops = Array.from({ length: LIMITS.ops }, (_, i) =>
		i % 111 === 0 && i < 111 * 90
			? { op: 'ask' as const, process: `p${i % 1_000}`, command: 'ls' as const, path: '/d' }
			: {
					op: 'ask' as const,
					process: `p${i % 1_000}`,
					command: i % 2 === 0 ? ('hostname' as const) : ('id' as const)
				}
	);
	return {
		model: 'namespaces',
		title: 'Every namespaces limit at once',
		files,
		namespaces,
		processes,
		ops
	};
}
