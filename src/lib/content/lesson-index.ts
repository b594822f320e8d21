/**
 * Reads the lessons' front matter and headings at build time (in Node), so pages
 * get a small list of lessons without bundling the lessons themselves. Used by
 * the `virtual:stepvisor-lessons` module that vite.config.ts provides. The folders
 * and front matter are read by ./lesson-folders.js, which the packaging scripts
 * share.
 */
import GithubSlugger from 'github-slugger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frontMatterOf, lessonFolder, lessonFolders, readLessons } from './lesson-folders.js';
import type { AnimationEntry, LessonManifest } from './manifest';

export { frontMatterOf, lessonFolder, lessonFolders };

export interface LessonMeta {
	slug: string;
	number: number;
	title: string;
	summary: string;
	/** A picture of the lesson's animation, under static/. */
	image: string;
	/** Headings of the lesson's sections, for the table of contents. */
	toc: { id: string; text: string }[];
	/** The lesson's file, relative to the project: `/content/lessons/NN-slug/index.md`. */
	file: string;
}

/** Section headings (##) in order, with the ids rehype-slug gives them. */
export function tocOf(markdown: string): { id: string; text: string }[] {
	const slugger = new GithubSlugger();
	const body = markdown.replace(/^---[\s\S]*?---/, '').replace(/```[\s\S]*?```/g, '');
	const toc: { id: string; text: string }[] = [];
	for (const line of body.split('\n')) {
		const match = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
		if (!match) continue;
		const text = match[2].replace(/[`*_]/g, '');
		const id = slugger.slug(text);
		if (match[1].length === 2) toc.push({ id, text });
	}
	return toc;
}

export function indexLessons(root: string): LessonMeta[] {
	return readLessons(root).map(({ folder, slug, number, title, summary, image, markdown }) => ({
		slug,
		number,
		title,
		summary,
		image,
		toc: tocOf(markdown),
		file: `/content/lessons/${folder}/index.md`
	}));
}

/** Every lesson's manifest, read in Node (scripts and end-to-end tests), by lesson folder. */
export function readManifests(root: string): { folder: string; slug: string; manifest: LessonManifest }[] {
	const dir = join(root, 'content', 'lessons');
	return lessonFolders(root).map(({ folder, slug }) => ({
		folder,
		slug,
		manifest: JSON.parse(readFileSync(join(dir, folder, 'manifest.json'), 'utf8')) as LessonManifest
	}));
}

/** Every embeddable animation with its lesson's slug, in lesson order (as ANIMATION_INFO in the app). */
export function readAnimations(root: string): (AnimationEntry & { lesson: string })[] {
	return readManifests(root).flatMap(({ slug, manifest }) =>
		manifest.animations.map((animation) => ({ ...animation, lesson: slug }))
	);
}
