/**
 * The lesson's own scenario: a host with an ssh daemon and a container
 * runtime, a container whose init starts a web server with a worker, and a
 * container nested inside it. Then ps inside the container, and the web
 * server exits so its worker is adopted by the container's init.
 */
import type { PidnsScenarioInput } from './view';

export const DEFAULT_SCENARIO: PidnsScenarioInput = {
	model: 'pidns',
	title: 'A container, and a container inside it',
	ops: [
		{ op: 'fork', parent: 'init', name: 'sshd' },
		{ op: 'fork', parent: 'init', name: 'runc' },
		{ op: 'fork', parent: 'runc', name: 'app', newns: true },
		{ op: 'fork', parent: 'app', name: 'web' },
		{ op: 'fork', parent: 'web', name: 'worker' },
		{ op: 'fork', parent: 'app', name: 'sandbox', newns: true },
		{ op: 'fork', parent: 'sandbox', name: 'job' },
		{ op: 'ps', from: 'web' },
		{ op: 'exit', name: 'web' }
	]
};

/** localStorage key of the learner's draft, and the SelfCheck set's id. */
export const DRAFT_KEY = 'pid-namespaces';
