/**
 * Every animation that can be embedded (`/embed/<id>`): what the Embed button and the
 * docs need (id, title, lesson, model, suggested size), without any code. The code
 * loaders live in ./registry.ts, which only the embed route imports, so a lesson
 * page does not carry a loader (and its preload list) for every animation.
 */

export interface AnimationInfo {
	id: string;
	title: string;
	/** The lesson it belongs to (its slug). */
	lesson: string;
	/** The model whose scenarios it accepts, or null when it takes none. */
	model: string | null;
	/** The widest the animation needs (the snippet's width attribute). */
	width: number;
	/**
	 * The snippet's height: in a 784 px column (Moodle's content column, the
	 * narrowest common LMS page) it shows the animation with its player's controls
	 * without scrolling inside the frame. Measured in Chromium; tests/e2e/lms.spec.ts
	 * fails when a layout change pushes the controls below it.
	 */
	height: number;
}

export const ANIMATION_INFO = [
	{
		id: 'vms-and-containers',
		title: 'Virtual machines and containers, layer by layer',
		lesson: 'vms-and-containers',
		model: null,
		width: 760,
		height: 580
	},
	{
		id: 'system-call-path',
		title: 'The system-call path, side by side',
		lesson: 'system-call-path',
		model: 'syscall',
		width: 900,
		height: 800
	},
	{
		id: 'namespaces-compare',
		title: 'Same question, different answers: host and two containers',
		lesson: 'namespaces',
		model: null,
		width: 1000,
		height: 660
	},
	{
		id: 'namespaces-lab',
		title: 'Namespaces lab: questions and packets',
		lesson: 'namespaces',
		model: 'namespaces',
		width: 1000,
		height: 1300
	},
	{
		id: 'pid-namespaces',
		title: 'PID namespaces: a process tree across nested namespaces',
		lesson: 'pid-namespaces',
		model: 'pidns',
		width: 1000,
		height: 880
	},
	{
		id: 'cgroups',
		title: 'cgroups: a workload with and without limits',
		lesson: 'cgroups',
		model: 'cgroups',
		width: 1000,
		height: 1400
	},
	{
		id: 'layers',
		title: 'Layers: a lookup through a union file system',
		lesson: 'layers',
		model: 'unionfs',
		width: 900,
		height: 1440
	},
	{
		id: 'docker',
		title: 'Docker: an image built layer by layer, two containers sharing it',
		lesson: 'docker',
		model: null,
		width: 900,
		height: 940
	}
] as const satisfies readonly AnimationInfo[];

export type AnimationId = (typeof ANIMATION_INFO)[number]['id'];

export function findAnimationInfo(id: string): AnimationInfo | undefined {
	return ANIMATION_INFO.find((animation) => animation.id === id);
}

/** Props every embeddable animation accepts (all optional). */
export interface AnimationProps {
	urlKey?: string | null;
	controls?: 'full' | 'minimal' | 'none';
	autoplay?: boolean;
	speed?: number;
	predict?: boolean;
	/** A validated scenario for this animation's model (from a share link, `src` or `setScenario`). */
	scenario?: unknown;
}
