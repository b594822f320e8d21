/**
 * The models a scenario may name in its `model` key, in the order messages list
 * them (src/lib/sim's MODELS; a unit test keeps the two alike). Written out
 * here, with no import, so that code telling one model's scenario from
 * another's (the labs) loads no model to do it.
 */
export const MODEL_NAMES: readonly string[] = [
	'syscall',
	'pidns',
	'cgroups',
	'namespaces',
	'unionfs'
];

/**
 * The one line for a scenario without `model`, from every way in: the command
 * line, which cannot tell which model it is for, and a lab, which names only
 * its own model in its schema. The other lines a lab's schema would add
 * (`layers: unknown key` for another model's fields) would be guesses.
 */
export const MISSING_MODEL = `model: is required (one of ${MODEL_NAMES.join(', ')})`;
