/**
 * Every animation that can be embedded: `/embed/<id>`. Each entry loads its
 * component lazily, so an embed carries only its own lesson's code.
 */
import type { Component } from 'svelte';
import type { Question } from '$lib/components/selfcheck';

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

export interface EmbeddableAnimation {
	id: string;
	title: string;
	/** The lesson it belongs to (its slug). */
	lesson: string;
	/** The model whose scenarios it accepts, or null when it takes none. */
	model: string | null;
	load: () => Promise<Component<AnimationProps>>;
	questions: () => Promise<{ id: string; questions: Question[] }>;
	/** Checks a scenario for this animation: messages, or null when it is valid. */
	check?: () => Promise<(value: unknown) => string[] | null>;
	/** Suggested iframe size. */
	width: number;
	height: number;
}

export const ANIMATIONS: EmbeddableAnimation[] = [
	{
		id: 'vms-and-containers',
		title: 'Virtual machines and containers, layer by layer',
		lesson: 'vms-and-containers',
		model: null,
		load: async () => (await import('$lib/viz/stacks/StacksPlayer.svelte')).default,
		questions: async () => ({
			id: 'vms-and-containers',
			questions: (await import('$content/lessons/01-vms-and-containers/questions')).questions
		}),
		width: 760,
		height: 560
	},
	{
		id: 'system-call-path',
		title: 'The system-call path, side by side',
		lesson: 'system-call-path',
		model: 'syscall',
		load: async () => (await import('$lib/viz/syscall/SyscallCompare.svelte')).default,
		// One syscall scenario, or a list of two stepped side by side.
		check: async () => {
			const { runModel } = await import('$lib/sim/core');
			const { syscallModel } = await import('$lib/sim/syscall');
			return (value) => {
				const list = Array.isArray(value) ? value : [value];
				if (list.length === 0 || list.length > 2)
					return ['(scenario): must be one syscall scenario or a list of two'];
				const errors = list.flatMap((one, index) => {
					const outcome = runModel(syscallModel, one);
					if (outcome.ok) return [];
					return Array.isArray(value)
						? outcome.errors.map((e) => `[${index}].${e}`)
						: outcome.errors;
				});
				return errors.length ? errors : null;
			};
		},
		questions: async () => ({
			id: 'system-call-path',
			questions: (await import('$content/lessons/02-system-call-path/questions')).questions
		}),
		width: 900,
		height: 820
	}
];

/** A `check` that validates one scenario of `model` (loaded only when an embed needs it). */
function checkWith(load: () => Promise<import('$lib/sim/core').AnyModel>) {
	return async () => {
		const [{ runModel }, model] = await Promise.all([import('$lib/sim/core'), load()]);
		return (value: unknown) => {
			const outcome = runModel(model, value);
			return outcome.ok ? null : outcome.errors;
		};
	};
}

ANIMATIONS.push(
	{
		id: 'namespaces-compare',
		title: 'Same question, different answers: host and two containers',
		lesson: 'namespaces',
		model: null,
		load: async () => (await import('$lib/viz/namespaces/NsCompare.svelte')).default,
		questions: async () => ({
			id: 'namespaces',
			questions: (await import('$content/lessons/03-namespaces/questions')).questions
		}),
		width: 1000,
		height: 760
	},
	{
		id: 'namespaces-lab',
		title: 'Namespaces lab: questions and packets',
		lesson: 'namespaces',
		model: 'namespaces',
		load: async () => (await import('$lib/viz/namespaces/NsLab.svelte')).default,
		questions: async () => ({
			id: 'namespaces',
			questions: (await import('$content/lessons/03-namespaces/questions')).questions
		}),
		check: checkWith(async () => (await import('$lib/sim/namespaces')).namespacesModel),
		width: 1000,
		height: 900
	},
	{
		id: 'pid-namespaces',
		title: 'PID namespaces: a process tree across nested namespaces',
		lesson: 'pid-namespaces',
		model: 'pidns',
		load: async () => (await import('$lib/viz/pidns/PidnsLab.svelte')).default,
		questions: async () => ({
			id: 'pid-namespaces',
			questions: (await import('$content/lessons/04-pid-namespaces/questions')).questions
		}),
		check: checkWith(async () => (await import('$lib/sim/pidns')).pidnsModel),
		width: 1000,
		height: 980
	},
	{
		id: 'cgroups',
		title: 'cgroups: a workload with and without limits',
		lesson: 'cgroups',
		model: 'cgroups',
		load: async () => (await import('$lib/viz/cgroups/CgroupsLab.svelte')).default,
		questions: async () => ({
			id: 'cgroups',
			questions: (await import('$content/lessons/05-cgroups/questions')).questions
		}),
		check: checkWith(async () => (await import('$lib/sim/cgroups')).cgroupsModel),
		width: 1000,
		height: 1000
	}
);

// The layers and Docker lessons.
ANIMATIONS.push(
	{
		id: 'layers',
		title: 'Layers: a lookup through a union file system',
		lesson: 'layers',
		model: 'unionfs',
		load: async () => (await import('$lib/viz/unionfs/UnionfsLab.svelte')).default,
		check: async () => {
			const { runModel } = await import('$lib/sim/core');
			const { unionfsModel } = await import('$lib/sim/unionfs');
			return (value) => {
				const outcome = runModel(unionfsModel, value);
				return outcome.ok ? null : outcome.errors;
			};
		},
		questions: async () => ({
			id: 'layers',
			questions: (await import('$content/lessons/06-layers/questions')).questions
		}),
		width: 900,
		height: 1000
	},
	{
		id: 'docker',
		title: 'Docker: an image built layer by layer, two containers sharing it',
		lesson: 'docker',
		model: null,
		load: async () => (await import('$lib/viz/docker/DockerBuild.svelte')).default,
		questions: async () => ({
			id: 'docker',
			questions: (await import('$content/lessons/07-docker/questions')).questions
		}),
		width: 900,
		height: 900
	}
);

export function findAnimation(id: string): EmbeddableAnimation | undefined {
	return ANIMATIONS.find((animation) => animation.id === id);
}
