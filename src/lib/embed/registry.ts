/**
 * Folder rule: src/lib/embed/ is the embed feature (catalogue, snippet, postMessage API);
 * the player and renderers never import it.
 *
 * The code of every animation that can be embedded (`/embed/<id>`), for the embed
 * route only: each entry loads its component lazily, so an embed carries only its own
 * lesson's code. Ids, titles, sizes and lab components are in the lessons' manifests.
 */
import type { Component } from 'svelte';
import type { Question } from '$lib/components/selfcheck';
import type { AnyModel } from '$lib/sim/core';
import { slugOfPath } from '$lib/content/manifest';
import { ANIMATION_INFO, type AnimationInfo, type AnimationProps } from './animations';

export type { AnimationProps };

/** How to load an animation's code, its questions and its scenario check. */
interface AnimationCode {
	load: () => Promise<Component<AnimationProps>>;
	questions: () => Promise<{ id: string; questions: Question[] }>;
	/** Checks a scenario for this animation: messages, or null when it is valid. */
	check?: () => Promise<(value: unknown) => string[] | null | Promise<string[] | null>>;
}

export interface EmbeddableAnimation extends AnimationInfo, AnimationCode {}

const LABS = import.meta.glob<Component<AnimationProps>>('/src/lib/labs/*/*.svelte', {
	import: 'default'
});
const QUESTIONS = import.meta.glob<Question[]>('/content/lessons/*/questions.ts', {
	import: 'questions'
});
/**
 * The model `name` (src/lib/sim/<name>/index.ts, exporting `<name>Model`), loaded
 * lazily, the registry too: an embed's first load carries neither.
 */
async function loadModel(name: string): Promise<AnyModel> {
	const model = await (await import('$lib/sim')).loadModel(name);
	if (!model) throw new Error(`no model ${name}`);
	return model;
}

/** A check of one scenario, or (`one-or-two`) of one or a list of two stepped side by side. */
function checkFor(info: AnimationInfo): AnimationCode['check'] {
	const model = info.model;
	if (!model) return undefined;
	if (info.accepts === 'one-or-two') {
		return async () => {
			// Each through the model's runner: a big one is checked in the worker, and the
			// comparison reuses its trace.
			const [{ scenarioRunner }, loaded] = await Promise.all([
				import('$lib/scenario/traced'),
				loadModel(model)
			]);
			const runner = scenarioRunner(loaded);
			return async (value) => {
				const list = Array.isArray(value) ? value : [value];
				if (list.length === 0 || list.length > 2)
					return [`(scenario): must be one ${model} scenario or a list of two`];
				const errors: string[] = [];
				for (const [index, one] of list.entries()) {
					const problems = await runner.check(one);
					if (problems)
						errors.push(
							...(Array.isArray(value) ? problems.map((e) => `[${index}].${e}`) : problems)
						);
				}
				return errors.length ? errors : null;
			};
		};
	}
	return async () => {
		// The lab's own runner: a big scenario is checked in the worker, and the lab reuses its trace.
		const [{ scenarioRunner }, loaded] = await Promise.all([
			import('$lib/scenario/traced'),
			loadModel(model)
		]);
		return scenarioRunner(loaded).check;
	};
}

function codeFor(info: AnimationInfo): AnimationCode {
	const lab = LABS[`/src/lib/labs/${info.lab}.svelte`];
	const questionsPath = Object.keys(QUESTIONS).find((path) => slugOfPath(path) === info.lesson);
	return {
		load: async () => {
			if (!lab) throw new Error(`no lab ${info.lab}`);
			return lab();
		},
		questions: async () => ({
			id: info.lesson,
			questions: questionsPath ? await QUESTIONS[questionsPath]() : []
		}),
		check: checkFor(info)
	};
}

export const ANIMATIONS: EmbeddableAnimation[] = ANIMATION_INFO.map((info) => ({
	...info,
	...codeFor(info)
}));

export function findAnimation(id: string): EmbeddableAnimation | undefined {
	return ANIMATIONS.find((animation) => animation.id === id);
}
