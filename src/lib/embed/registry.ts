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

export function findAnimation(id: string): EmbeddableAnimation | undefined {
	return ANIMATIONS.find((animation) => animation.id === id);
}
