/**
 * A large, deterministic `pidns` scenario for `npm run bench` and the unit
 * tests: a chain of 32 nested namespaces (the deepest the kernel allows),
 * 5,000 processes spread over every level, trees of workers, exits that
 * re-parent orphans, and one namespace collapse at the end. Its trace stays
 * under the 100,000-frame limit.
 */
import { MAX_PID_NS_LEVEL } from './model';
import type { PidnsOpInput } from './schema';

export interface LargeScenarioOptions {
	/** Processes created in all, `init` included (default 5,000). */
	processes?: number;
	/** Nested levels below the root (default 32, the kernel's MAX_PID_NS_LEVEL). */
	depth?: number;
}

export function largeScenario(options: LargeScenarioOptions = {}): {
	model: 'pidns';
	title: string;
	ops: PidnsOpInput[];
} {
	const total = options.processes ?? 5_000;
	const depth = options.depth ?? MAX_PID_NS_LEVEL;
	const ops: PidnsOpInput[] = [];
	// inits[level] is the init of the chain's namespace at that level.
	const inits: string[] = ['init'];
	for (let level = 1; level <= depth; level++) {
		const name = `ns${level}`;
		ops.push({ op: 'fork', parent: inits[level - 1], name, newns: true });
		inits.push(name);
	}
	// Live workers per level, to pick parents from and to exit.
	const workers: string[][] = inits.map(() => []);
	let created = 1 + depth;
	for (let i = 0; created < total; i++) {
		// Half the processes cycle over every level, half stay in the outer
		// eight, so a fork costs about ten frames on average.
		const level = i % 2 === 0 ? i % (depth + 1) : i % Math.min(8, depth + 1);
		const pool = workers[level];
		const parent = i % 3 === 0 && pool.length > 0 ? pool[(i * 7) % pool.length] : inits[level];
		const name = `p${i}`;
		ops.push({ op: 'fork', parent, name });
		pool.push(name);
		created++;
		// Now and then a worker with children exits: its orphans go to the
		// init of its namespace.
		if (i % 50 === 49) {
			const victim = pool.splice((i * 13) % pool.length, 1)[0];
			ops.push({ op: i % 100 === 99 ? 'kill' : 'exit', name: victim });
		}
		if (i % 500 === 499) ops.push({ op: 'ps', from: inits[level] });
	}
	ops.push({ op: 'ps', from: 'init' });
	// The init three levels from the bottom dies: its namespace and the two
	// nested in it collapse.
	if (depth >= 3) ops.push({ op: 'exit', name: inits[depth - 2] });
	ops.push({ op: 'ps', from: 'init' });
	return { model: 'pidns', title: `${depth} nested namespaces, ${total} processes`, ops };
}
