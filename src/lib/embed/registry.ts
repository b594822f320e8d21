/**
 * The code of every animation that can be embedded (`/embed/<id>`), for the embed
 * route only: each entry loads its component lazily, so an embed carries only its own
 * lesson's code. Ids, titles and sizes are in ./animations.ts.
 */
import type { Component } from 'svelte';
import type { Question } from '$lib/components/selfcheck';
import {
	ANIMATION_INFO,
	type AnimationId,
	type AnimationInfo,
	type AnimationProps
} from './animations';

export type { AnimationProps };

/** How to load an animation's code, its questions and its scenario check. */
interface AnimationCode {
	load: () => Promise<Component<AnimationProps>>;
	questions: () => Promise<{ id: string; questions: Question[] }>;
	/** Checks a scenario for this animation: messages, or null when it is valid. */
	check?: () => Promise<(value: unknown) => string[] | null | Promise<string[] | null>>;
}

export interface EmbeddableAnimation extends AnimationInfo, AnimationCode {}

/** A `check` that validates one scenario of `model` (loaded only when an embed needs it). */
function checkWith(load: () => Promise<import('$lib/sim/core').AnyModel>) {
	return async () => {
		// The lab's own runner: a big scenario is checked in the worker, and the lab reuses its trace.
		const [{ scenarioRunner }, model] = await Promise.all([import('$lib/scenario/traced'), load()]);
		return scenarioRunner(model).check;
	};
}

const CODE: Record<AnimationId, AnimationCode> = {
	'vms-and-containers': {
		load: async () => (await import('$lib/labs/stacks/StacksPlayer.svelte')).default,
		questions: async () => ({
			id: 'vms-and-containers',
			questions: (await import('$content/lessons/01-vms-and-containers/questions')).questions
		})
	},
	'system-call-path': {
		load: async () => (await import('$lib/labs/syscall/SyscallCompare.svelte')).default,
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
		})
	},
	'namespaces-compare': {
		load: async () => (await import('$lib/labs/namespaces/NsCompare.svelte')).default,
		questions: async () => ({
			id: 'namespaces',
			questions: (await import('$content/lessons/03-namespaces/questions')).questions
		})
	},
	'namespaces-lab': {
		load: async () => (await import('$lib/labs/namespaces/NsLab.svelte')).default,
		questions: async () => ({
			id: 'namespaces',
			questions: (await import('$content/lessons/03-namespaces/questions')).questions
		}),
		check: checkWith(async () => (await import('$lib/sim/namespaces')).namespacesModel)
	},
	'pid-namespaces': {
		load: async () => (await import('$lib/labs/pidns/PidnsLab.svelte')).default,
		questions: async () => ({
			id: 'pid-namespaces',
			questions: (await import('$content/lessons/04-pid-namespaces/questions')).questions
		}),
		check: checkWith(async () => (await import('$lib/sim/pidns')).pidnsModel)
	},
	cgroups: {
		load: async () => (await import('$lib/labs/cgroups/CgroupsLab.svelte')).default,
		questions: async () => ({
			id: 'cgroups',
			questions: (await import('$content/lessons/05-cgroups/questions')).questions
		}),
		check: checkWith(async () => (await import('$lib/sim/cgroups')).cgroupsModel)
	},
	layers: {
		load: async () => (await import('$lib/labs/unionfs/UnionfsLab.svelte')).default,
		check: checkWith(async () => (await import('$lib/sim/unionfs')).unionfsModel),
		questions: async () => ({
			id: 'layers',
			questions: (await import('$content/lessons/06-layers/questions')).questions
		})
	},
	docker: {
		load: async () => (await import('$lib/labs/docker/DockerBuild.svelte')).default,
		questions: async () => ({
			id: 'docker',
			questions: (await import('$content/lessons/07-docker/questions')).questions
		})
	}
};

export const ANIMATIONS: EmbeddableAnimation[] = ANIMATION_INFO.map((info) => ({
	...info,
	...CODE[info.id]
}));

export function findAnimation(id: string): EmbeddableAnimation | undefined {
	return ANIMATIONS.find((animation) => animation.id === id);
}
