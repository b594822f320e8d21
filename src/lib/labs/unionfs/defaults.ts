/**
 * The lesson's own scenario (static/scenarios/unionfs/lesson.json): an image of
 * three read-only layers (a base system, a Python layer, the application) under
 * the container's writable layer. The operations show a lookup served from the
 * top, one that descends to the bottom, a name hidden by a whiteout, a directory
 * hidden by an opaque directory, a copy-up, and a deletion that leaves a whiteout.
 */
import { builtinScenarios, defaultScenario } from '$lib/scenario/builtin';
import type { UnionfsInput } from './view';

// Only the lab's own file: the other unionfs examples are downloads, not bundled.
export const DEFAULT_SCENARIO: UnionfsInput = defaultScenario(
	builtinScenarios<UnionfsInput>(
		'unionfs',
		import.meta.glob('/static/scenarios/unionfs/lesson.json', { eager: true, import: 'default' })
	)
);

/** localStorage key of the learner's draft. */
export const DRAFT_KEY = 'layers';
