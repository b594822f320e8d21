/**
 * Lessons are referred to by slug; only a lesson's folder (content/lessons/NN-slug)
 * holds its number. One reader (src/lib/content/lesson-folders.js) lists the
 * folders and their front matter for the site, the docs, the packaging scripts and
 * svelte.config.js's `$lesson/<slug>` aliases, so renumbering a folder moves the
 * lesson and breaks no path.
 */
import { spawnSync } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
	frontMatterOf,
	lessonAliases,
	lessonFolder,
	lessonFolders,
	readLessons
} from '../../src/lib/content/lesson-folders.js';
import { indexLessons } from '../../src/lib/content/lesson-index';
import { readLessons as packagedLessons } from '../../src/lib/scorm/lms-package.js';

const root = process.cwd();
const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project with the lesson folders `folders`, each with an index.md titled after it. */
function project(folders: string[]): string {
	const dir = mkdtempSync(join(tmpdir(), 'stepvisor-lessons-'));
	made.push(dir);
	for (const folder of folders) {
		mkdirSync(join(dir, 'content', 'lessons', folder), { recursive: true });
		writeFileSync(
			join(dir, 'content', 'lessons', folder, 'index.md'),
			`---\ntitle: Lesson ${folder}\nsummary: About ${folder}.\nimage: /lessons/x.svg\n---\n\n## One\n`
		);
	}
	writeFileSync(join(dir, 'content', 'lessons', 'README.txt'), 'not a lesson');
	mkdirSync(join(dir, 'content', 'lessons', 'drafts'));
	return dir;
}

describe('lesson folders', () => {
	test('are in the order of their numbers, and a slug finds its folder after renumbering', () => {
		const dir = project(['10-ten', '9-nine', '02-two']);
		expect(lessonFolders(dir)).toEqual([
			{ folder: '02-two', slug: 'two', number: 2 },
			{ folder: '9-nine', slug: 'nine', number: 9 },
			{ folder: '10-ten', slug: 'ten', number: 10 }
		]);
		expect(lessonFolder(dir, 'nine')).toBe('9-nine');
		renameSync(join(dir, 'content/lessons/9-nine'), join(dir, 'content/lessons/11-nine'));
		expect(lessonFolder(dir, 'nine')).toBe('11-nine');
		expect(lessonFolders(dir).map((lesson) => lesson.slug)).toEqual(['two', 'ten', 'nine']);
		expect(lessonAliases(dir)).toEqual({
			'$lesson/two': 'content/lessons/02-two',
			'$lesson/ten': 'content/lessons/10-ten',
			'$lesson/nine': 'content/lessons/11-nine'
		});
	});

	test('an unknown slug, and two folders for one slug or one number, are named', () => {
		expect(() => lessonFolder(project(['01-a']), 'b')).toThrow(
			'content/lessons: no lesson "b" (a folder NN-b)'
		);
		expect(() => lessonFolders(project(['01-a', '02-a']))).toThrow(
			'content/lessons: 01-a and 02-a are both lesson "a"'
		);
		expect(() => lessonFolders(project(['03-a', '3-b']))).toThrow(
			'content/lessons: 03-a and 3-b are both lesson 3'
		);
	});

	test('svelte.config.js aliases $lesson/<slug> to each lesson’s folder', () => {
		const result = spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				"const { default: c } = await import('./svelte.config.js'); console.log(JSON.stringify(c.kit.alias));"
			],
			{ encoding: 'utf8' }
		);
		expect(result.status, result.stderr).toBe(0);
		const alias = JSON.parse(result.stdout);
		for (const { folder, slug } of lessonFolders(root))
			expect(alias[`$lesson/${slug}`]).toBe(`content/lessons/${folder}`);
	});
});

describe('one reader of the lessons', () => {
	test('the packaging scripts read the lessons as the site does', () => {
		expect(packagedLessons).toBe(readLessons);
		const site = indexLessons(root);
		const read = readLessons(root);
		expect(
			read.map(({ slug, number, title, summary, image }) => ({
				slug,
				number,
				title,
				summary,
				image
			}))
		).toEqual(
			site.map(({ slug, number, title, summary, image }) => ({
				slug,
				number,
				title,
				summary,
				image
			}))
		);
		expect(site.map((lesson) => lesson.file)).toEqual(
			read.map((lesson) => `/content/lessons/${lesson.folder}/index.md`)
		);
	});

	test('front matter: plain and quoted YAML scalars', () => {
		const front = frontMatterOf(
			`---\ntitle: 'Names: it''s a namespace'\nsummary: "A \\"quoted\\" word"\nimage: /lessons/a.svg\nx-note:  kept  \n---\n# Not: front matter`
		);
		expect(front).toEqual({
			title: "Names: it's a namespace",
			summary: 'A "quoted" word',
			image: '/lessons/a.svg',
			'x-note': 'kept'
		});
		expect(frontMatterOf('# no front matter\ntitle: x')).toEqual({});
	});
});

/** Every file under `dir` (relative to the project) that the check below reads. */
function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'golden' ? [] : sources(path);
		return /\.(ts|js|svelte|md|json)$/.test(name) ? [path] : [];
	});
}

test('no code, test or doc outside content/lessons names a lesson’s numbered folder', () => {
	const folders = lessonFolders(root).map((lesson) => lesson.folder);
	const files = [
		...['src', 'scripts', 'server', 'tests', 'docs'].flatMap(sources),
		'README.md',
		'vite.config.ts',
		'svelte.config.js',
		'playwright.config.ts',
		'eslint.config.js',
		'package.json'
	];
	const named = files.flatMap((file) => {
		const text = readFileSync(file, 'utf8');
		return folders.filter((folder) => text.includes(folder)).map((folder) => `${file}: ${folder}`);
	});
	expect(named).toEqual([]);
});
