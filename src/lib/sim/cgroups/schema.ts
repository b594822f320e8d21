/**
 * Validation of `cgroups` scenarios (docs/trace-format.md, "model cgroups").
 * Each part is checked on its own first (keys, types, values of the interface
 * files), then the scenario as a whole: group paths and their parents, process
 * names (unique, including forks), the groups and processes ops refer to,
 * cgroup v2's no-internal-process rule, and the model's size limits.
 */
import * as v from 'valibot';
import {
	LIMITS,
	limitedArray,
	pathProblem,
	quoteText,
	scenarioHeader,
	strictObject,
	text
} from '../core';
import {
	SET_FILES,
	checkSetValue,
	parseCpuMax,
	parseSize,
	parseWeight,
	type SetFile
} from './values';

/** The model's own limits (docs/trace-format.md). */
export const CGROUPS_LIMITS = {
	/** Ticks of all `run` ops together. One frame per tick. */
	ticks: 10_000,
	/** Groups besides the root. */
	groups: 16,
	/** Processes, those listed and those forked. */
	processes: 32,
	cpus: 64,
	tickMsMax: 1_000,
	/** Largest start size of a process, and largest growth per tick. */
	processBytes: 64 * 2 ** 30,
	growPerTick: 2 ** 30,
	/** Largest I/O rate a process asks for: 100 GiB/s. */
	ioRate: 100 * 2 ** 30
} as const;

export const NAME_MAX = 64;
export const ROOT = '/';
export const OP_KINDS = ['run', 'fork', 'set', 'exit'] as const;
export type OpKind = (typeof OP_KINDS)[number];

const name = v.pipe(
	text('a process name (a string)', NAME_MAX),
	v.check((s) => s.length > 0, 'must not be empty')
);

/** A value checked by one of the parsers in ./values. */
function parsedBy(parse: (input: unknown) => { ok: true } | { ok: false; message: string }) {
	return v.pipe(
		v.unknown(),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const parsed = parse(dataset.value);
			if (!parsed.ok) addIssue({ message: parsed.message });
		})
	);
}

const sizeOrMax = parsedBy((x) => parseSize(x, { allowMax: true }));
const sizeOf = (max: number) => parsedBy((x) => parseSize(x, { max }));

const fraction = (what: string) =>
	v.pipe(
		v.number(`must be a number from 0 to 1 (${what})`),
		v.check((x) => Number.isFinite(x) && x >= 0 && x <= 1, `must be from 0 to 1 (${what})`)
	);

const groupSchema = strictObject({
	path: v.pipe(
		v.string('must be a string'),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const problem = pathProblem(dataset.value, { allowRoot: false });
			if (problem) addIssue({ message: problem });
			else if (dataset.value.split('/').some((part) => part.length > NAME_MAX)) {
				addIssue({ message: `has a name longer than ${NAME_MAX} characters` });
			}
		})
	),
	cpu: v.optional(
		strictObject({
			max: v.optional(v.string('must be a string like "50000 100000" or "max"')),
			weight: v.optional(parsedBy(parseWeight))
		})
	),
	memory: v.optional(strictObject({ max: v.optional(sizeOrMax), high: v.optional(sizeOrMax) })),
	io: v.optional(strictObject({ rbps: v.optional(sizeOrMax), wbps: v.optional(sizeOrMax) }))
});

const behaviour = {
	cpu: v.optional(fraction('the share of one CPU it wants each tick')),
	memory: v.optional(
		strictObject({
			start: v.optional(sizeOf(CGROUPS_LIMITS.processBytes)),
			grow: v.optional(sizeOf(CGROUPS_LIMITS.growPerTick)),
			cache: v.optional(sizeOf(CGROUPS_LIMITS.growPerTick))
		})
	),
	io: v.optional(
		strictObject({
			rbps: v.optional(sizeOf(CGROUPS_LIMITS.ioRate)),
			wbps: v.optional(sizeOf(CGROUPS_LIMITS.ioRate))
		})
	)
};

const processSchema = strictObject({
	name,
	group: v.string('must be a group path, like "/a" or "/"'),
	...behaviour
});

const opSchema = strictObject({
	op: v.picklist(OP_KINDS, `must be one of ${OP_KINDS.join(', ')}`),
	ticks: v.optional(
		v.pipe(
			v.number('must be a whole number of ticks'),
			v.check(
				(n) => Number.isInteger(n) && n >= 1 && n <= CGROUPS_LIMITS.ticks,
				`must be a whole number from 1 to ${CGROUPS_LIMITS.ticks}`
			)
		)
	),
	parent: v.optional(name),
	name: v.optional(name),
	group: v.optional(v.string('must be a group path')),
	file: v.optional(v.picklist(SET_FILES, `must be one of ${SET_FILES.join(', ')}`)),
	value: v.optional(v.union([v.string(), v.number()], 'must be a string (or a number)')),
	...behaviour
});

export type CgroupsGroupInput = v.InferOutput<typeof groupSchema>;
export type CgroupsProcessInput = v.InferOutput<typeof processSchema>;
export type CgroupsOpInput = v.InferOutput<typeof opSchema>;

/** Which keys each kind of op takes, besides `op`. */
const KEYS_OF: Record<OpKind, { required: string[]; optional: string[] }> = {
	run: { required: ['ticks'], optional: [] },
	fork: { required: ['parent', 'name'], optional: ['cpu', 'memory', 'io'] },
	set: { required: ['group', 'file', 'value'], optional: [] },
	exit: { required: ['name'], optional: [] }
};
const OP_KEYS = [
	'ticks',
	'parent',
	'name',
	'group',
	'file',
	'value',
	'cpu',
	'memory',
	'io'
] as const;

type PathItem = v.IssuePathItem;
function key(input: unknown, k: string | number, value: unknown): PathItem {
	return typeof k === 'number'
		? { type: 'array', origin: 'value', input: input as unknown[], key: k, value }
		: { type: 'object', origin: 'value', input: input as Record<string, unknown>, key: k, value };
}

export const cgroupsSchema = v.pipe(
	strictObject({
		model: v.literal('cgroups', 'must be "cgroups"'),
		...scenarioHeader,
		tickMs: v.optional(
			v.pipe(
				v.number('must be a whole number of milliseconds'),
				v.check(
					(n) => Number.isInteger(n) && n >= 1 && n <= CGROUPS_LIMITS.tickMsMax,
					`must be a whole number of milliseconds from 1 to ${CGROUPS_LIMITS.tickMsMax}`
				)
			)
		),
		cpus: v.optional(
			v.pipe(
				v.number('must be a whole number of CPUs'),
				v.check(
					(n) => Number.isInteger(n) && n >= 1 && n <= CGROUPS_LIMITS.cpus,
					`must be a whole number from 1 to ${CGROUPS_LIMITS.cpus}`
				)
			)
		),
		groups: v.optional(limitedArray(groupSchema, CGROUPS_LIMITS.groups, 'groups')),
		processes: limitedArray(processSchema, CGROUPS_LIMITS.processes, 'processes'),
		ops: limitedArray(opSchema, LIMITS.ops, 'ops')
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const scenario = dataset.value;
		const tickUs = (scenario.tickMs ?? 10) * 1000;
		const groups = scenario.groups ?? [];
		const at = (...items: PathItem[]) => items as [PathItem, ...PathItem[]];
		const groupAt = (index: number, ...rest: PathItem[]) =>
			at(key(scenario, 'groups', groups), key(groups, index, groups[index]), ...rest);

		// Groups: unique paths, each parent listed before it (or the root).
		const paths = new Set<string>([ROOT]);
		const hasChildren = new Set<string>();
		groups.forEach((group, index) => {
			const parent = group.path.slice(0, group.path.lastIndexOf('/')) || ROOT;
			if (paths.has(group.path)) {
				addIssue({
					message: `${quoteText(group.path)} is listed twice`,
					path: groupAt(index, key(group, 'path', group.path))
				});
			} else if (!paths.has(parent)) {
				addIssue({
					message: `its parent ${quoteText(parent)} must be listed before it`,
					path: groupAt(index, key(group, 'path', group.path))
				});
			}
			paths.add(group.path);
			hasChildren.add(parent);
			if (group.cpu?.max !== undefined) {
				const parsed = parseCpuMax(group.cpu.max, tickUs);
				if (!parsed.ok) {
					addIssue({
						message: parsed.message,
						path: groupAt(index, key(group, 'cpu', group.cpu), key(group.cpu, 'max', group.cpu.max))
					});
				}
			}
		});

		const checkGroupRef = (path: string, where: [PathItem, ...PathItem[]], what: string) => {
			if (!paths.has(path)) {
				addIssue({
					message: `no group ${quoteText(path)} is listed in groups`,
					path: where
				});
				return false;
			}
			if (path !== ROOT && hasChildren.has(path)) {
				addIssue({
					message: `${quoteText(path)} has child groups; in cgroup v2 ${what} only in the root or in a leaf group (the no-internal-process rule)`,
					path: where
				});
				return false;
			}
			return true;
		};

		const names = new Map<string, string>();
		const processes = scenario.processes;
		processes.forEach((process, index) => {
			const where = at(key(scenario, 'processes', processes), key(processes, index, process));
			if (names.has(process.name)) {
				addIssue({
					message: `${quoteText(process.name)} is already the name of ${names.get(process.name)} (process names are unique)`,
					path: at(...where, key(process, 'name', process.name))
				});
			} else names.set(process.name, `processes[${index}]`);
			checkGroupRef(
				process.group,
				at(...where, key(process, 'group', process.group)),
				'processes live'
			);
		});

		// Ops: the keys of each kind, what they refer to, the tick budget.
		const ops = scenario.ops;
		let ticks = 0;
		let forks = 0;
		const opAt = (index: number, k: string, value: unknown) =>
			at(key(scenario, 'ops', ops), key(ops, index, ops[index]), key(ops[index], k, value));
		ops.forEach((op, index) => {
			const keys = KEYS_OF[op.op];
			const record = op as Record<string, unknown>;
			let complete = true;
			for (const k of OP_KEYS) {
				const present = record[k] !== undefined;
				if (!present && keys.required.includes(k)) {
					addIssue({ message: 'is required', path: opAt(index, k, undefined) });
					complete = false;
				} else if (present && !keys.required.includes(k) && !keys.optional.includes(k)) {
					addIssue({
						message: `is not a key of a "${op.op}" op (it takes ${['op', ...keys.required, ...keys.optional].join(', ')})`,
						path: opAt(index, k, record[k])
					});
				}
			}
			if (!complete) return;
			switch (op.op) {
				case 'run':
					ticks += op.ticks!;
					break;
				case 'fork':
					if (!names.has(op.parent!)) {
						addIssue({
							message: `no process ${quoteText(op.parent!)} is listed or forked before this op`,
							path: opAt(index, 'parent', op.parent)
						});
					}
					if (names.has(op.name!)) {
						addIssue({
							message: `${quoteText(op.name!)} is already the name of ${names.get(op.name!)} (process names are unique)`,
							path: opAt(index, 'name', op.name)
						});
					} else names.set(op.name!, `ops[${index}]`);
					forks++;
					break;
				case 'exit':
					if (!names.has(op.name!)) {
						addIssue({
							message: `no process ${quoteText(op.name!)} is listed or forked before this op`,
							path: opAt(index, 'name', op.name)
						});
					}
					break;
				case 'set': {
					if (op.group === ROOT) {
						addIssue({
							message: `the root group has no ${op.file} (cgroup v2 puts limits on the groups below it)`,
							path: opAt(index, 'group', op.group)
						});
					} else if (!paths.has(op.group!)) {
						addIssue({
							message: `no group ${quoteText(op.group!)} is listed in groups`,
							path: opAt(index, 'group', op.group)
						});
					}
					const problem = checkSetValue(op.file as SetFile, op.value, tickUs);
					if (problem)
						addIssue({ message: `${op.file}: ${problem}`, path: opAt(index, 'value', op.value) });
					break;
				}
			}
		});
		if (ticks > CGROUPS_LIMITS.ticks) {
			addIssue({
				message: `the run ops add up to ${ticks} ticks, more than the limit of ${CGROUPS_LIMITS.ticks}`,
				path: at(key(scenario, 'ops', ops))
			});
		}
		if (processes.length + forks > CGROUPS_LIMITS.processes) {
			addIssue({
				message: `${processes.length} processes and ${forks} forks make more than ${CGROUPS_LIMITS.processes} processes (the limit)`,
				path: at(key(scenario, 'ops', ops))
			});
		}
	})
);

export type CgroupsScenario = v.InferOutput<typeof cgroupsSchema>;
