/**
 * The lesson's own scenario (static/scenarios/pidns/lesson.json): a host with an
 * ssh daemon and a container runtime, a container whose init starts a web server
 * with a worker, and a container nested inside it. Then ps inside the container,
 * and the web server exits so its worker is adopted by the container's init.
 * The lesson's other examples are in the same folder.
 */
import { builtinScenarios, defaultScenario } from '$lib/scenario/builtin';
import type { PidnsScenarioInput } from './view';

export const BUILTINS = builtinScenarios<PidnsScenarioInput>(
	'pidns',
	import.meta.glob('/static/scenarios/pidns/*.json', { eager: true, import: 'default' })
);

export const DEFAULT_SCENARIO: PidnsScenarioInput = defaultScenario(BUILTINS);

/** localStorage key of the learner's draft, and the SelfCheck set's id. */
export const DRAFT_KEY = 'pid-namespaces';
