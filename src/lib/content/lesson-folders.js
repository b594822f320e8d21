// The one reader of the lesson folders (content/lessons/NN-slug) and their front
// matter, in Node. Plain JavaScript, so that every reader can import it:
// ./lesson-index.ts (the site's build, the docs, the tests), the SCORM and Common
// Cartridge scripts (src/lib/scorm/lms-package.js, run by plain Node) and
// svelte.config.js (the `$lesson/<slug>` aliases). Never imported by the app.
//
// A lesson is known by its slug everywhere; only its folder holds its number, so
// renumbering a folder changes the lesson's place and nothing else.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ folder: string, slug: string, number: number }} LessonFolder */

/**
 * A lesson's front matter and the folder it comes from.
 * @typedef {LessonFolder & { title: string, summary: string, image: string, markdown: string }} LessonSource
 */

const FOLDER = /^(\d+)-(.+)$/;

/**
 * The lesson folders, in lesson order (by number). Two folders with the same
 * slug or the same number stop the reader with a message naming both.
 * @param {string} root the repository
 * @returns {LessonFolder[]}
 */
export function lessonFolders(root) {
	const dir = join(root, 'content', 'lessons');
	/** @type {LessonFolder[]} */
	const folders = readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && FOLDER.test(entry.name))
		.map((entry) => {
			const [, number, slug] = /** @type {RegExpExecArray} */ (FOLDER.exec(entry.name));
			return { folder: entry.name, slug, number: Number(number) };
		})
		.sort((a, b) => a.number - b.number || (a.folder < b.folder ? -1 : 1));
	for (const [i, a] of folders.entries()) {
		for (const b of folders.slice(i + 1)) {
			if (a.slug === b.slug)
				throw new Error(`content/lessons: ${a.folder} and ${b.folder} are both lesson "${a.slug}"`);
			if (a.number === b.number)
				throw new Error(`content/lessons: ${a.folder} and ${b.folder} are both lesson ${a.number}`);
		}
	}
	return folders;
}

/**
 * The folder of the lesson `slug`: `docker` → `NN-docker`, whatever its number.
 * @param {string} root the repository
 * @param {string} slug
 * @returns {string}
 */
export function lessonFolder(root, slug) {
	const found = lessonFolders(root).find((lesson) => lesson.slug === slug);
	if (!found) throw new Error(`content/lessons: no lesson "${slug}" (a folder NN-${slug})`);
	return found.folder;
}

/**
 * The aliases svelte.config.js gives the lessons, so that code imports a lesson's
 * files by its slug: `$lesson/docker/story` is `content/lessons/NN-docker/story`.
 * @param {string} root the repository
 * @returns {Record<string, string>}
 */
export function lessonAliases(root) {
	return Object.fromEntries(
		lessonFolders(root).map(({ folder, slug }) => [`$lesson/${slug}`, `content/lessons/${folder}`])
	);
}

/** @param {string} value a plain YAML scalar from front matter */
function scalar(value) {
	const trimmed = value.trim();
	const quoted = /^(['"])(.*)\1$/.exec(trimmed);
	if (!quoted) return trimmed;
	return quoted[1] === "'" ? quoted[2].replace(/''/g, "'") : quoted[2].replace(/\\"/g, '"');
}

/**
 * `key: value` lines of the front matter (the only form lessons use), each value a
 * plain or quoted YAML scalar.
 * @param {string} markdown
 * @returns {Record<string, string>}
 */
export function frontMatterOf(markdown) {
	const block = /^---\n([\s\S]*?)\n---/.exec(markdown);
	/** @type {Record<string, string>} */
	const fields = {};
	if (!block) return fields;
	for (const line of block[1].split('\n')) {
		const match = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
		if (match) fields[match[1]] = scalar(match[2]);
	}
	return fields;
}

/**
 * Every lesson in order, with its front matter (title, summary, home-page
 * picture) and its Markdown.
 * @param {string} root the repository
 * @returns {LessonSource[]}
 */
export function readLessons(root) {
	return lessonFolders(root).map(({ folder, slug, number }) => {
		const markdown = readFileSync(join(root, 'content', 'lessons', folder, 'index.md'), 'utf8');
		const fields = frontMatterOf(markdown);
		return {
			folder,
			slug,
			number,
			title: fields.title || slug,
			summary: fields.summary ?? '',
			image: fields.image ?? '',
			markdown
		};
	});
}
