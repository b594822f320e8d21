// Writes the parts of the docs derived from the lessons: the embed table of
// docs/embed-api.md (from the manifests) and README.md's list of the lessons (from
// their front matter). tests/unit/manifests.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import {
	LESSON_LIST_MARKERS,
	embedDocsTable,
	readmeLessonList,
	withEmbedDocsTable,
	withGenerated
} from '../src/lib/content/manifest';
import { indexLessons, readAnimations } from '../src/lib/content/lesson-index';

const root = fileURLToPath(new URL('..', import.meta.url));
const lessons = indexLessons(root);

/**
 * Rewrites `file` (from the project's root) with `edit`; `formatted`, as Prettier
 * would write it (Prettier leaves README.md alone: its tables are kept narrow).
 */
async function rewrite(file: string, edit: (text: string) => string, formatted = true) {
	const path = `${root}/${file}`;
	const text = edit(readFileSync(path, 'utf8'));
	writeFileSync(path, formatted ? await format(text, { filepath: path }) : text);
}

const titles = new Map(lessons.map((lesson) => [lesson.slug, lesson.title]));
const table = embedDocsTable(readAnimations(root), (slug) => titles.get(slug) ?? slug);
await rewrite('docs/embed-api.md', (text) => withEmbedDocsTable(text, table));
console.log('docs/embed-api.md: the embed table is up to date.');
await rewrite(
	'README.md',
	(text) => withGenerated(text, LESSON_LIST_MARKERS, readmeLessonList(lessons)),
	false
);
console.log('README.md: the list of the lessons is up to date.');
