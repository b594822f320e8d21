/**
 * Folder rule: src/lib/content/ reads the lessons (content/) at build time: index,
 * manifests, glossary links; the lessons' own words stay in content/.
 *
 * Lessons are Markdown folders under content/lessons, numbered in lesson order:
 * `content/lessons/02-<slug>/index.md` is lesson 2 at `/lessons/<slug>`. Only the
 * folder holds the number; everything else names a lesson by its slug. Front
 * matter gives the title, summary and picture.
 * The list comes from a build-time index (vite.config.ts); each lesson's code is
 * loaded only on its own page, by ./lesson-components.ts (kept apart, so that pages
 * listing the lessons do not link every lesson's stylesheets).
 */
import lessons from 'virtual:stepvisor-lessons';
import type { LessonMeta } from './lesson-index';

export type { LessonMeta };

export const LESSONS: LessonMeta[] = lessons;

export function findLesson(slug: string): LessonMeta | undefined {
	return LESSONS.find((lesson) => lesson.slug === slug);
}
