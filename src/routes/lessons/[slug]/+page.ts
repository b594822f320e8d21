import { error } from '@sveltejs/kit';
import { LESSONS, findLesson } from '$lib/content/lessons';
import { loadLessonComponent } from '$lib/content/lesson-components';
import { prerenderedHere } from '$lib/content/islands';
import { dev } from '$app/environment';
import type { EntryGenerator, PageLoad } from './$types';

// A built lesson runs no router: the page is its prerendered HTML, and its one
// script, $lib/content/lesson-boot.ts, starts the islands in it. Development keeps
// the router, as on every other page, for hot reloading.
export const csr = dev;

export const entries: EntryGenerator = () => LESSONS.map((lesson) => ({ slug: lesson.slug }));

export const load: PageLoad = async ({ params }) => {
	const lesson = findLesson(params.slug);
	if (!lesson) error(404, 'No such lesson');
	// Hydrating the prerendered page: its prose is there already, and is not
	// hydrated (only its islands are, see $lib/content/islands.ts).
	const component = prerenderedHere('lessons', lesson.slug)
		? null
		: await loadLessonComponent(lesson.slug);
	if (component === undefined) error(404, 'No such lesson');
	const index = LESSONS.indexOf(lesson);
	return {
		lesson,
		component,
		previous: LESSONS[index - 1] ?? null,
		next: LESSONS[index + 1] ?? null
	};
};
