/** What the lesson's code uses of the `unionfs` model and the core, in one place. */
export { validate } from '$lib/sim/core';
export {
	LowerLayer,
	UpperLayer,
	simulateUnionfs,
	unionfsModel,
	type EntriesSpec,
	type EntrySpec,
	type UnionfsFinal,
	type UnionfsState
} from '$lib/sim/unionfs';
