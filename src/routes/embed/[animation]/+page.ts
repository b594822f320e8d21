import { error } from '@sveltejs/kit';
import { ANIMATIONS, findAnimation } from '$lib/embed/registry';
import { dev } from '$app/environment';
import type { EntryGenerator, PageLoad } from './$types';

// A built embed runs no router: the page is its prerendered HTML, and its one
// script, $lib/embed/embed-boot.ts, hydrates the view. Development keeps the
// router, as on every other page, for hot reloading.
export const csr = dev;

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
