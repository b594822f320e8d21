import { error } from '@sveltejs/kit';
import { LESSONS, findLesson } from '$lib/content/lessons';
import { loadLessonComponent } from '$lib/content/lesson-components';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => LESSONS.map((lesson) => ({ slug: lesson.slug }));

export const load: PageLoad = async ({ params }) => {
	const lesson = findLesson(params.slug);
	const component = lesson && (await loadLessonComponent(params.slug));
	if (!lesson || !component) error(404, 'No such lesson');
	return { lesson, component };
};
