/**
 * What the LTI picker offers and how a launch is scored: every lesson, every
 * animation, and each lesson's self-check question ids. This is the only LTI module
 * that reads the site's own lists (the lesson folders and their manifests),
 * so that when they move, only this adapter changes.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { indexLessons, readAnimations } from '../../src/lib/content/lesson-index';

export interface CatalogAnimation {
	id: string;
	title: string;
	lesson: string;
	/** The model whose scenarios it takes, or null when it takes none. */
	model: string | null;
	width: number;
	height: number;
}

export interface CatalogLesson {
	slug: string;
	number: number;
	title: string;
	summary: string;
	animations: CatalogAnimation[];
	/** Ids of the lesson's self-check questions (the embed's `selfcheck=1` shows them). */
	questions: string[];
}

export interface Catalog {
	lessons: CatalogLesson[];
	animation(id: string): CatalogAnimation | undefined;
	lesson(slug: string): CatalogLesson | undefined;
}

export async function loadCatalog(root: string): Promise<Catalog> {
	const lessons: CatalogLesson[] = [];
	const all = readAnimations(root);
	for (const meta of indexLessons(root)) {
		const folder = meta.file.replace(/^\//, '').replace(/\/index\.md$/, '');
		let questions: string[] = [];
		try {
			const module = await import(pathToFileURL(join(root, folder, 'questions.ts')).href);
			if (Array.isArray(module.questions))
				questions = module.questions.map((question: { id: string }) => String(question.id));
		} catch {
			// A lesson without a self-check has no questions file.
		}
		lessons.push({
			slug: meta.slug,
			number: meta.number,
			title: meta.title,
			summary: meta.summary,
			animations: all
				.filter((a) => a.lesson === meta.slug)
				.map(({ id, title, lesson, model, width, height }) => ({
					id,
					title,
					lesson,
					model,
					width,
					height
				})),
			questions
		});
	}
	const animations = lessons.flatMap((lesson) => lesson.animations);
	return {
		lessons,
		animation: (id) => animations.find((a) => a.id === id),
		lesson: (slug) => lessons.find((l) => l.slug === slug)
	};
}
