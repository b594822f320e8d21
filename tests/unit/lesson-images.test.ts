/**
 * The home page's picture of each lesson is an SVG drawn in the light theme's
 * colours, with a dark counterpart for each (a `prefers-color-scheme: dark` rule,
 * which an image follows from its page's `color-scheme`: the site's theme menu).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { indexLessons } from '../../src/lib/content/lesson-index';

const ROOT = process.cwd();

/** Each `fill`/`stroke` colour an element gives itself, as `fill="#…"`. */
function coloursUsed(svg: string): Set<string> {
	const used = new Set<string>();
	for (const match of svg.matchAll(/<[a-z]+\s[^>]*>/g))
		for (const attribute of match[0].matchAll(/\s(fill|stroke)="(#[0-9a-fA-F]{3,6})"/g))
			used.add(`${attribute[1]}="${attribute[2]}"`);
	return used;
}

/** The colours the SVG's dark rule replaces, as `fill="#…"`, with what each becomes. */
function darkRules(svg: string): Map<string, string> {
	const rules = new Map<string, string>();
	const media = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{([\s\S]*?\})\s*\}/.exec(svg);
	if (!media) return rules;
	for (const rule of media[1].matchAll(
		/\[(fill|stroke)="(#[0-9a-fA-F]{3,6})"\]\s*\{\s*(fill|stroke)\s*:\s*(#[0-9a-fA-F]{3,6})\s*\}/g
	)) {
		if (rule[1] === rule[3]) rules.set(`${rule[1]}="${rule[2]}"`, rule[4]);
	}
	return rules;
}

describe('each lesson’s picture on the home page', () => {
	const lessons = indexLessons(ROOT);

	test('there are pictures to check', () => {
		expect(lessons.length).toBeGreaterThanOrEqual(7);
	});

	for (const lesson of lessons) {
		test(`${lesson.image}: every colour it draws in has a dark counterpart`, () => {
			const svg = readFileSync(join(ROOT, 'static', lesson.image), 'utf8');
			const used = coloursUsed(svg);
			const dark = darkRules(svg);
			expect(used.size).toBeGreaterThan(0);
			expect([...used].filter((colour) => !dark.has(colour))).toEqual([]);
			// A counterpart is another colour, or the theme would not change.
			for (const [colour, replacement] of dark)
				expect(colour.toLowerCase(), colour).not.toContain(replacement.toLowerCase());
		});
	}

	test('the check finds a colour without a counterpart', () => {
		const svg =
			'<svg><style>@media (prefers-color-scheme:dark){[fill="#ffffff"]{fill:#20252e}}</style>' +
			'<rect fill="#ffffff"/><text fill="#15181d" stroke="#ffffff">x</text></svg>';
		const dark = darkRules(svg);
		expect([...coloursUsed(svg)].filter((colour) => !dark.has(colour))).toEqual([
			'fill="#15181d"',
			'stroke="#ffffff"'
		]);
	});
});
