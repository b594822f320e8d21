/**
 * A `cgroups` scenario at the model's limits, for the tests that open the
 * biggest scenario a learner can send: 16 groups (nested two deep) with CPU,
 * memory and I/O limits, 32 processes, 10,000 ticks in 100 runs, and a limit
 * changed between runs, so that throttling, reclaim and the OOM killer all
 * happen. Its trace stays under every limit.
 */
import { CGROUPS_LIMITS } from './schema';

export function largeScenario() {
	const groups = Array.from({ length: CGROUPS_LIMITS.groups }, (_, i) => {
		const path = i < 4 ? `/g${i}` : `/g${i % 4}/c${i}`;
		return i < 4
			? { path, cpu: { weight: 100 + 50 * i } }
			: {
					path,
					cpu: { max: `${10_000 + 2_000 * i} 100000` },
					// memory.high on half the groups: the others grow to memory.max and meet the OOM killer.
					memory:
						i % 2 === 0
							? { max: `${64 + 8 * i}M`, high: `${48 + 8 * i}M` }
							: { max: `${64 + 8 * i}M` },
					io: { wbps: `${5 + i}M` }
				};
	});
	const leaves = groups.slice(4).map((group) => group.path);
	const processes = Array.from({ length: CGROUPS_LIMITS.processes }, (_, i) => ({
		name: `p${i}`,
		group: leaves[i % leaves.length],
		cpu: 0.2 + (i % 5) * 0.2,
		memory: { start: `${8 + (i % 8)}M`, grow: i % 7 === 0 ? '4M' : '0', cache: '256K' },
		io: { rbps: `${1 + (i % 4)}M`, wbps: `${2 + (i % 6)}M` }
	}));
	const ops: object[] = [];
	const runs = 100;
	for (let r = 0; r < runs; r++) {
		ops.push({ op: 'run', ticks: CGROUPS_LIMITS.ticks / runs });
		const leaf = leaves[r % leaves.length];
		ops.push({
			op: 'set',
			group: leaf,
			file: 'cpu.max',
			value: `${20_000 + (r % 5) * 10_000} 100000`
		});
	}
	return {
		model: 'cgroups' as const,
		title: 'Every cgroups limit at once',
		tickMs: 10,
		cpus: 4,
		groups,
		processes,
		ops
	};
}
