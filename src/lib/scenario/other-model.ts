// The names of the models there are, found without loading any of them.
import { MODEL_NAMES } from '$lib/sim';

/**
 * A scenario of another lab fails this lab's schema on nearly every field; its
 * `model` says what it is. Returns the model it names and the one this lab
 * opens (read from the schema's `model` message), or null for any other problem,
 * a `model` that names no model at all (a typo) among them: its schema message
 * says what is wrong.
 */
export function otherModel(
	value: unknown,
	problems: readonly string[]
): { theirs: string; ours: string } | null {
	if (typeof value !== 'object' || value === null || !('model' in value)) return null;
	const theirs = value.model;
	if (typeof theirs !== 'string' || !MODEL_NAMES.includes(theirs)) return null;
	const ours = problems.map((p) => /^model: must be "([^"]+)"/.exec(p)?.[1]).find(Boolean);
	return ours && theirs !== ours ? { theirs, ours } : null;
}

/**
 * One sentence for it, naming where the scenario came from (a file's name, "This
 * JSON"), then `outcome`: empty where the notice goes on to say which scenario is
 * shown instead (a link's, an embed's), which "Nothing was changed" would repeat.
 */
export function otherModelMessage(
	source: string,
	models: { theirs: string; ours: string },
	outcome = ' Nothing was changed.'
) {
	return `${source} holds a “${models.theirs}” scenario, which another lesson’s lab opens; this lab opens “${models.ours}” scenarios.${outcome}`;
}

/**
 * The sentence for `value` when `problems` say it is another model's scenario,
 * else null: every way in (a link, a file, the JSON editor, an embed) says it
 * alike, instead of listing the other model's fields as errors.
 */
export function otherModelProblem(
	value: unknown,
	problems: readonly string[],
	source: string,
	outcome?: string
): string | null {
	const models = otherModel(value, problems);
	return models && otherModelMessage(source, models, outcome);
}
