import { error } from '@sveltejs/kit';
import { LESSONS, findLesson } from '$lib/content/lessons';
import { loadLessonComponent } from '$lib/content/lesson-components';
import { prerenderedHere } from '$lib/content/islands';
import { dev } from '$app/environment';
import type { EntryGenerator, PageLoad } from './$types';

// A built framed lesson runs no router, as the site's lesson pages do (see
// $lib/content/lesson-boot.ts); development keeps it, for hot reloading.
export const csr = dev;

export const entries: EntryGenerator = () => LESSONS.map((lesson) => ({ slug: lesson.slug }));

export const load: PageLoad = async ({ params }) => {
	const lesson = findLesson(params.slug);
	if (!lesson) error(404, 'No such lesson');
	// Hydrating the prerendered page: its prose is there already, and is not
	// hydrated (only its islands are, see $lib/content/islands.ts).
	const component = prerenderedHere('framed', lesson.slug)
		? null
		: await loadLessonComponent(lesson.slug);
	if (component === undefined) error(404, 'No such lesson');
	return { lesson, component };
};
