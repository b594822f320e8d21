// Writes the parts of the docs derived from the lessons' manifests (the embed
// table of docs/embed-api.md). tests/unit/manifests.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { embedDocsTable, withEmbedDocsTable } from '../src/lib/content/manifest';
import { indexLessons, readAnimations } from '../src/lib/content/lesson-index';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = `${root}/docs/embed-api.md`;
const titles = new Map(indexLessons(root).map((lesson) => [lesson.slug, lesson.title]));
const table = embedDocsTable(readAnimations(root), (slug) => titles.get(slug) ?? slug);
const text = withEmbedDocsTable(readFileSync(file, 'utf8'), table);
writeFileSync(file, await format(text, { filepath: file }));
console.log('docs/embed-api.md: the embed table is up to date.');
