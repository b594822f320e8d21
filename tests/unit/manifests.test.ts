/**
 * Lesson manifests (content/lessons/NN-slug/manifest.json): each is complete, the
 * lists derived from them agree whether Vite or Node reads them, every built-in
 * scenario belongs to a lesson, and the docs' embed table is not stale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { describe, expect, test } from 'vitest';
import {
	embedDocsTable,
	manifestProblems,
	withEmbedDocsTable
} from '../../src/lib/content/manifest';
import { indexLessons, readAnimations, readManifests } from '../../src/lib/content/lesson-index';
import { ANIMATION_INFO } from '../../src/lib/embed/animations';
import { ANIMATIONS } from '../../src/lib/embed/registry';
import { CARDS } from '../../src/lib/review/cards';

const root = process.cwd();
const exists = (path: string) => existsSync(join(root, path));
const lessons = readManifests(root);

describe('every lesson has a complete manifest', () => {
	test('one per lesson folder', () => {
		expect(lessons.map((lesson) => lesson.slug)).toEqual(
			indexLessons(root).map((lesson) => lesson.slug)
		);
	});
	for (const { folder, manifest } of lessons) {
		test(folder, () => {
			expect(manifestProblems(folder, manifest, exists)).toEqual([]);
		});
	}
	test('an incomplete manifest is named with what it lacks', () => {
		const [{ folder, manifest }] = lessons;
		const broken = {
			...manifest,
			animations: [{ ...manifest.animations[0], lab: 'nowhere/Gone', width: 10 }],
			scenarios: [{ model: 'pidns', name: 'no-such-file' }],
			cards: []
		};
		const problems = manifestProblems(folder, broken, exists);
		expect(problems.join('\n')).toMatch(/src\/lib\/labs\/nowhere\/Gone\.svelte/);
		expect(problems.join('\n')).toMatch(/"width"/);
		expect(problems.join('\n')).toMatch(/no-such-file\.json/);
		expect(problems.join('\n')).toMatch(/review card/);
		expect(manifestProblems(folder, { animations: [] }, exists)).toContain(
			`content/lessons/${folder}/manifest.json: "scenarios" must be a list`
		);
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

	test('the review deck is every lesson’s cards, numbered 1…N in deck order', () => {
		const decks = lessons.flatMap(({ manifest }) => manifest.cards.map((card) => card.deck));
		expect([...decks].sort((a, b) => a - b)).toEqual(decks.map((_, i) => i + 1));
		expect(CARDS.map((card) => card.id)).toEqual(
			lessons
				.flatMap(({ slug, manifest }) => manifest.cards.map((card) => ({ ...card, slug })))
				.sort((a, b) => a.deck - b.deck)
				.map((card) => card.id)
		);
		expect(new Set(CARDS.map((card) => card.id)).size).toBe(CARDS.length);
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

test('the embed table in docs/embed-api.md is the manifests’ (npm run docs writes it)', async () => {
	const file = join(root, 'docs/embed-api.md');
	const text = readFileSync(file, 'utf8');
	const titles = new Map(indexLessons(root).map((lesson) => [lesson.slug, lesson.title]));
	const table = embedDocsTable(readAnimations(root), (slug) => titles.get(slug) ?? slug);
	expect(text).toBe(await format(withEmbedDocsTable(text, table), { filepath: file }));
});
