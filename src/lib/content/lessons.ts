/**
 * Lessons are Markdown folders under content/lessons, numbered in lesson order:
 * `content/lessons/02-system-call-path/index.md` is lesson 2 at
 * `/lessons/system-call-path`. Front matter gives the title, summary and picture.
 * The list comes from a build-time index (vite.config.ts), and each lesson's code is
 * loaded only on its own page.
 */
import type { Component } from 'svelte';
import lessons from 'virtual:stepvisor-lessons';
import type { LessonMeta } from './lesson-index';

export type { LessonMeta };

const components = import.meta.glob<Component>('/content/lessons/*/index.md', {
	import: 'default'
});

export const LESSONS: LessonMeta[] = lessons;

export function findLesson(slug: string): LessonMeta | undefined {
	return LESSONS.find((lesson) => lesson.slug === slug);
}

export async function loadLessonComponent(slug: string): Promise<Component | undefined> {
	const lesson = findLesson(slug);
	const load = lesson && components[lesson.file];
	return load ? load() : undefined;
}
