/**
 * Lessons are Markdown folders under content/lessons, numbered in lesson order:
 * `content/lessons/02-system-call-path/index.md` is lesson 2 at
 * `/lessons/system-call-path`. Front matter gives the title, summary and picture.
 */
import GithubSlugger from 'github-slugger';
import type { Component } from 'svelte';

export interface LessonMeta {
	slug: string;
	number: number;
	title: string;
	summary: string;
	/** A picture of the lesson's animation, under static/. */
	image: string;
	/** Headings of the lesson's sections, for the table of contents. */
	toc: { id: string; text: string }[];
}

const metadata = import.meta.glob<Record<string, unknown>>('/content/lessons/*/index.md', {
	eager: true,
	import: 'metadata'
});
const sources = import.meta.glob<string>('/content/lessons/*/index.md', {
	eager: true,
	query: '?raw',
	import: 'default'
});
const components = import.meta.glob<Component>('/content/lessons/*/index.md', {
	import: 'default'
});

/** Section headings (##) in the order they appear, with the ids rehype-slug gives them. */
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

function metaOf(file: string): LessonMeta {
	const folder = file.split('/').at(-2) ?? '';
	const match = /^(\d+)-(.+)$/.exec(folder);
	if (!match) throw new Error(`lesson folder ${folder} must be named NN-slug`);
	const data = metadata[file] ?? {};
	return {
		slug: match[2],
		number: Number(match[1]),
		title: String(data.title ?? match[2]),
		summary: String(data.summary ?? ''),
		image: String(data.image ?? ''),
		toc: tocOf(sources[file] ?? '')
	};
}

const files = Object.keys(metadata).sort();

export const LESSONS: LessonMeta[] = files.map(metaOf);

export function findLesson(slug: string): LessonMeta | undefined {
	return LESSONS.find((lesson) => lesson.slug === slug);
}

export async function loadLessonComponent(slug: string): Promise<Component | undefined> {
	const index = LESSONS.findIndex((lesson) => lesson.slug === slug);
	if (index < 0) return undefined;
	return components[files[index]]();
}
