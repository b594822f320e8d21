import { error } from '@sveltejs/kit';
import { ANIMATIONS, findAnimation } from '$lib/embed/registry';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => ANIMATIONS.map((a) => ({ animation: a.id }));

export const load: PageLoad = async ({ params }) => {
	const animation = findAnimation(params.animation);
	if (!animation) error(404, 'No such animation');
	return {
		id: animation.id,
		title: animation.title,
		lesson: animation.lesson,
		component: await animation.load()
	};
};
