/**
 * Validation of `pidns` scenarios (docs/scenarios.md, "model pidns"). Each op
 * is checked on its own first (the keys its kind takes, names that are not
 * empty), then the scenario as a whole: a process name is created by at
 * most one fork, `init` is reserved, and every name an op refers to is
 * created by some fork of the scenario.
 */
import * as v from 'valibot';
import { LIMITS, limitedArray, quoteText, scenarioHeader, strictObject } from '../core';

/** The first process of the root namespace; no fork may create it. */
export const ROOT_INIT = 'init';

export const OP_KINDS = ['fork', 'exit', 'kill', 'ps'] as const;
export type OpKind = (typeof OP_KINDS)[number];

const processName = v.pipe(
	v.string('must be a process name (a string)'),
	v.check((name) => name.length > 0, 'must not be empty')
);

/** Which keys each kind of op takes, besides `op`. */
const KEYS_OF: Record<OpKind, { required: string[]; optional: string[] }> = {
	fork: { required: ['parent', 'name'], optional: ['newns'] },
	exit: { required: ['name'], optional: [] },
	kill: { required: ['name'], optional: [] },
	ps: { required: ['from'], optional: [] }
};

const ALL_KEYS = ['parent', 'name', 'newns', 'from'] as const;

function objectKey(input: unknown, key: string | number, value: unknown) {
	return typeof key === 'number'
		? { type: 'array' as const, origin: 'value' as const, input: input as unknown[], key, value }
		: {
				type: 'object' as const,
				origin: 'value' as const,
				input: input as Record<string, unknown>,
				key,
				value
			};
}

/** An op as a scenario's author writes it (`newns` may be left out). */
export type PidnsOpInput =
	| { op: 'fork'; parent: string; name: string; newns?: boolean }
	| { op: 'exit' | 'kill'; name: string }
	| { op: 'ps'; from: string };

/** An op after validation. */
export type PidnsOp =
	| { op: 'fork'; parent: string; name: string; newns: boolean }
	| { op: 'exit'; name: string }
	| { op: 'kill'; name: string }
	| { op: 'ps'; from: string };

const opSchema = v.pipe(
	strictObject({
		op: v.picklist(OP_KINDS, `must be one of ${OP_KINDS.join(', ')}`),
		parent: v.optional(processName),
		name: v.optional(processName),
		newns: v.optional(v.boolean('must be true or false')),
		from: v.optional(processName)
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const op = dataset.value;
		const keys = KEYS_OF[op.op];
		for (const key of ALL_KEYS) {
			const present = op[key] !== undefined;
			if (!present && keys.required.includes(key)) {
				addIssue({ message: 'is required', path: [objectKey(op, key, undefined)] });
			} else if (present && !keys.required.includes(key) && !keys.optional.includes(key)) {
				addIssue({
					message: `is not a key of a "${op.op}" op (it takes ${['op', ...keys.required, ...keys.optional].join(', ')})`,
					path: [objectKey(op, key, op[key])]
				});
			}
		}
	}),
	v.transform((op): PidnsOp => {
		switch (op.op) {
			case 'fork':
				return { op: 'fork', parent: op.parent!, name: op.name!, newns: op.newns === true };
			case 'exit':
			case 'kill':
				return { op: op.op, name: op.name! };
			case 'ps':
				return { op: 'ps', from: op.from! };
		}
	})
);

/** The name fields of an op that refer to an existing process, with their keys. */
function referencesOf(op: PidnsOp): { key: string; name: string }[] {
	switch (op.op) {
		case 'fork':
			return [{ key: 'parent', name: op.parent }];
		case 'exit':
		case 'kill':
			return [{ key: 'name', name: op.name }];
		case 'ps':
			return [{ key: 'from', name: op.from }];
	}
}

export const pidnsSchema = v.pipe(
	strictObject({
		model: v.literal('pidns', 'must be "pidns"'),
		...scenarioHeader,
		ops: limitedArray(opSchema, LIMITS.ops, 'ops')
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const scenario = dataset.value;
		const ops = scenario.ops;
		const at = (
			index: number,
			key: string,
			value: unknown
		): [v.IssuePathItem, ...v.IssuePathItem[]] => [
			objectKey(scenario, 'ops', ops),
			objectKey(ops, index, ops[index]),
			objectKey(ops[index], key, value)
		];
		// Names are unique for the whole scenario: a name is never reused,
		// even after its process exits (docs/scenarios.md).
		const createdBy = new Map<string, number>();
		ops.forEach((op, index) => {
			if (op.op !== 'fork') return;
			if (op.name === ROOT_INIT) {
				addIssue({
					message: `"${ROOT_INIT}" is reserved for the first process of the root namespace`,
					path: at(index, 'name', op.name)
				});
				return;
			}
			const first = createdBy.get(op.name);
			if (first !== undefined) {
				addIssue({
					message: `${quoteText(op.name)} is already created by ops[${first}].name (process names are unique in a scenario)`,
					path: at(index, 'name', op.name)
				});
				return;
			}
			createdBy.set(op.name, index);
		});
		ops.forEach((op, index) => {
			for (const { key, name } of referencesOf(op)) {
				if (name !== ROOT_INIT && !createdBy.has(name)) {
					addIssue({
						message: `no fork in this scenario creates ${quoteText(name)}`,
						path: at(index, key, name)
					});
				}
			}
		});
	})
);

export type PidnsScenario = v.InferOutput<typeof pidnsSchema>;
