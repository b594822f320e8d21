/** Each lesson's component, loaded only on its own page (see ./lessons.ts). */
import type { Component } from 'svelte';
import { findLesson } from './lessons';

const components = import.meta.glob<Component>('/content/lessons/*/index.md', {
	import: 'default'
});

export async function loadLessonComponent(slug: string): Promise<Component | undefined> {
	const lesson = findLesson(slug);
	const load = lesson && components[lesson.file];
	return load ? load() : undefined;
}
