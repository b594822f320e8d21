/**
 * Lesson manifests (content/lessons/NN-slug/manifest.json): each is complete (with
 * its home-page picture and key terms), the lists derived from them agree whether
 * Vite or Node reads them, every built-in scenario belongs to a lesson, and the
 * parts of the docs written from the lessons (the embed table, README's lesson
 * list) are not stale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { describe, expect, test } from 'vitest';
import {
	LESSON_LIST_MARKERS,
	deckProblems,
	embedDocsTable,
	manifestProblems,
	readmeLessonList,
	withEmbedDocsTable,
	withGenerated,
	type LessonContext
} from '../../src/lib/content/manifest';
import { indexLessons, readAnimations, readManifests } from '../../src/lib/content/lesson-index';
import { ANIMATION_INFO } from '../../src/lib/embed/animations';
import { ANIMATIONS } from '../../src/lib/embed/registry';
import { CARDS } from '../../src/lib/review/cards';
import { GLOSSARY } from '../../content/glossary.js';

const root = process.cwd();
const exists = (path: string) => existsSync(join(root, path));
const lessons = readManifests(root);
const images = new Map(indexLessons(root).map((lesson) => [lesson.slug, lesson.image]));
const glossary = new Set(GLOSSARY.map((entry) => entry.id));
/** What manifestProblems is told of the lesson `slug`. */
const contextOf = (slug: string): LessonContext => ({
	exists,
	image: images.get(slug) ?? '',
	glossary
});

describe('every lesson has a complete manifest', () => {
	test('one per lesson folder', () => {
		expect(lessons.map((lesson) => lesson.slug)).toEqual(
			indexLessons(root).map((lesson) => lesson.slug)
		);
	});
	for (const { folder, slug, manifest } of lessons) {
		test(folder, () => {
			expect(manifestProblems(folder, manifest, contextOf(slug))).toEqual([]);
		});
	}
	test('an incomplete manifest is named with what it lacks', () => {
		const [{ folder, slug, manifest }] = lessons;
		const broken = {
			...manifest,
			animations: [{ ...manifest.animations[0], lab: 'nowhere/Gone', width: 10 }],
			scenarios: [{ model: 'pidns', name: 'no-such-file' }],
			cards: []
		};
		const problems = manifestProblems(folder, broken, contextOf(slug));
		expect(problems.join('\n')).toMatch(/src\/lib\/labs\/nowhere\/Gone\.svelte/);
		expect(problems.join('\n')).toMatch(/"width"/);
		expect(problems.join('\n')).toMatch(/no-such-file\.json/);
		expect(problems.join('\n')).toMatch(/review card/);
		expect(manifestProblems(folder, { animations: [] }, contextOf(slug))).toContain(
			`content/lessons/${folder}/manifest.json: "scenarios" must be a list`
		);
	});

	test('a missing home-page picture is named, with where it goes', () => {
		const [{ folder, slug, manifest }] = lessons;
		const index = `content/lessons/${folder}/index.md`;
		const withImage = (image: string) =>
			manifestProblems(folder, manifest, { ...contextOf(slug), image });
		expect(withImage('')).toEqual([
			`${index}: the front matter has no "image:", the home page's picture of the lesson (a file under static/: "image: /lessons/${slug}.svg" is static/lessons/${slug}.svg)`
		]);
		expect(withImage('/lessons/gone.svg')).toEqual([
			`${index}: "image: /lessons/gone.svg" names no file: static/lessons/gone.svg does not exist`
		]);
		expect(withImage('lessons/x.svg')).toEqual([
			`${index}: "image: lessons/x.svg" must be a path from the site's root, such as /lessons/${slug}.svg`
		]);
		expect(withImage('/../package.json')).toHaveLength(1);
	});

	test('key terms must be glossary entries, each listed once, at least one', () => {
		const [{ folder, slug, manifest }] = lessons;
		const where = `content/lessons/${folder}/manifest.json`;
		const withTerms = (keyTerms: unknown) =>
			manifestProblems(folder, { ...manifest, keyTerms }, contextOf(slug));
		expect(withTerms(['hypervisor', 'no-such-term', 'hypervisor'])).toEqual([
			`${where}: keyTerms[1]: no glossary entry "no-such-term" in content/glossary.js`,
			`${where}: keyTerms[2]: "hypervisor" is listed twice`
		]);
		expect(withTerms([])).toEqual([
			`${where}: "keyTerms" lists at least one glossary entry the lesson is about`
		]);
		expect(withTerms(undefined)).toEqual([`${where}: "keyTerms" must be a list`]);
	});
});

describe('lists derived from the manifests', () => {
	test('animation ids are unique, and Vite and Node read the same list', () => {
		const ids = ANIMATION_INFO.map((a) => a.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ANIMATION_INFO).toEqual(readAnimations(root));
		expect(ANIMATIONS.map((a) => a.id)).toEqual(ids);
	});

	test('every embeddable animation loads its lesson’s questions, and checks scenarios when it takes them', async () => {
		for (const animation of ANIMATIONS) {
			const { id, questions } = await animation.questions();
			expect(id).toBe(animation.lesson);
			expect(questions.length).toBeGreaterThan(0);
			expect(typeof animation.check === 'function').toBe(animation.model !== null);
		}
	});

	test('the review deck is every lesson’s cards, each in its own place, in deck order', () => {
		expect(deckProblems(lessons)).toEqual([]);
		expect(CARDS.map((card) => card.id)).toEqual(
			lessons
				.flatMap(({ slug, manifest }) => manifest.cards.map((card) => ({ ...card, slug })))
				.sort((a, b) => a.deck - b.deck)
				.map((card) => card.id)
		);
		expect(new Set(CARDS.map((card) => card.id)).size).toBe(CARDS.length);
	});

	test('a card may take a place between two others (gaps are allowed), but not a taken place', () => {
		const [first, second] = lessons;
		const card = (id: string, deck: number) => ({ deck, id, question: 'Q?', answer: ['A.'] });
		const lesson = (folder: string, cards: ReturnType<typeof card>[]) => ({
			folder,
			manifest: { ...first.manifest, cards }
		});
		const spaced = [
			lesson('01-a', [card('a', 10), card('b', 30)]),
			lesson('02-b', [card('c', 20)])
		];
		expect(deckProblems(spaced)).toEqual([]);
		for (const c of spaced[0].manifest.cards)
			expect(
				manifestProblems(first.folder, { ...first.manifest, cards: [c] }, contextOf(first.slug))
			).toEqual([]);
		expect(deckProblems([...spaced, lesson('03-c', [card('d', 30)])])).toEqual([
			'cards "b" (content/lessons/01-a) and "d" (content/lessons/03-c) both have "deck": 30; give each its own place (gaps are allowed)'
		]);
		expect(
			manifestProblems(
				second.folder,
				{ ...second.manifest, cards: [card('e', 2.5)] },
				contextOf(second.slug)
			)
		).toEqual([
			`content/lessons/${second.folder}/manifest.json: cards[0]: "deck" is its place in the course deck, a whole number from 1`
		]);
	});

	test('every built-in scenario file belongs to exactly one lesson, and no model has two defaults', () => {
		const claimed = lessons.flatMap(({ manifest }) =>
			manifest.scenarios.map((s) => `${s.model}/${s.name}.json`)
		);
		const files = readdirSync('static/scenarios').flatMap((model) =>
			readdirSync(join('static/scenarios', model)).map((name) => `${model}/${name}`)
		);
		expect([...claimed].sort()).toEqual([...files].sort());
		const defaults = lessons.flatMap(({ manifest }) =>
			manifest.scenarios.filter((s) => s.default).map((s) => s.model)
		);
		expect(new Set(defaults).size).toBe(defaults.length);
	});
});

test('the lesson list in README.md is the lessons’ (npm run docs writes it)', () => {
	const text = readFileSync(join(root, 'README.md'), 'utf8');
	const list = readmeLessonList(indexLessons(root));
	expect(list.split('\n')).toHaveLength(lessons.length);
	expect(text).toBe(withGenerated(text, LESSON_LIST_MARKERS, list));
});

test('the embed table in docs/embed-api.md is the manifests’ (npm run docs writes it)', async () => {
	const file = join(root, 'docs/embed-api.md');
	const text = readFileSync(file, 'utf8');
	const titles = new Map(indexLessons(root).map((lesson) => [lesson.slug, lesson.title]));
	const table = embedDocsTable(readAnimations(root), (slug) => titles.get(slug) ?? slug);
	expect(text).toBe(await format(withEmbedDocsTable(text, table), { filepath: file }));
});
