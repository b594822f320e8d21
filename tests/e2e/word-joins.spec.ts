import { readAnimations } from '../../src/lib/content/lesson-index';
import { readLessons } from '../../src/lib/scorm/lms-package.js';
import { embedStarted, expect, measureEachStep, test, type Page } from './fixtures';

/**
 * Words that run together where one element's text ends and the next one's begins:
 * Svelte drops the spaces at an element's edges (`<span> · </span>` is "·"), so a
 * separator, a "$ " prompt or a screen reader's " (used)" lost its space and read
 * "machine)·PID", "$echo" or "laptop(used)". Runs in the page; returns each join as
 * "…end|start…".
 */
function wordsRunTogether(root: Element): string[] {
	const END = /[\p{L}\p{N}$·):]$/u;
	const START = /^[\p{L}\p{N}$·(]/u;
	const skipped = 'script, style, textarea, pre, svg, template';
	const texts: Text[] = [];
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const text = walker.currentNode as Text;
		if (text.data.length && !text.parentElement?.closest(skipped)) texts.push(text);
	}
	const hidden = (text: Text) => text.parentElement?.closest('.visually-hidden') ?? null;
	// The box a text flows in: a visually hidden span is taken out of the flow, not out of the text.
	const flowOf = (text: Text) => {
		let element = text.parentElement;
		while (element) {
			const display = getComputedStyle(element).display;
			if (
				!element.classList.contains('visually-hidden') &&
				!display.startsWith('inline') &&
				display !== 'contents'
			)
				return element;
			element = element.parentElement;
		}
		return null;
	};
	const charBox = (text: Text, at: number) => {
		const range = document.createRange();
		range.setStart(text, at);
		range.setEnd(text, at + 1);
		const rects = range.getClientRects();
		return rects.length ? rects[rects.length - 1] : null;
	};
	const found: string[] = [];
	for (let i = 1; i < texts.length; i++) {
		const before = texts[i - 1];
		const after = texts[i];
		if (before.parentElement === after.parentElement) continue;
		if (!END.test(before.data) || !START.test(after.data)) continue;
		if (flowOf(before) !== flowOf(after)) continue;
		const join = `${before.data.slice(-20)}|${after.data.slice(0, 20)}`.replace(/\s+/g, ' ');
		if (hidden(before) || hidden(after)) {
			// Read aloud as one word, unless the visible side is hidden from screen readers too.
			if (
				!before.parentElement?.closest('[aria-hidden="true"]') &&
				!after.parentElement?.closest('[aria-hidden="true"]')
			)
				found.push(join);
			continue;
		}
		const end = charBox(before, before.data.length - 1);
		const start = charBox(after, 0);
		if (!end || !start || end.width === 0 || start.width === 0) continue;
		const sameLine = Math.abs(end.top - start.top) < Math.min(end.height, start.height) / 2;
		const gap = start.left - end.right;
		if (sameLine && gap > -1 && gap < 1.5) found.push(join);
	}
	return found;
}

async function install(page: Page) {
	await page.evaluate(`window.wordsRunTogether = ${wordsRunTogether.toString()}`);
}

const LESSONS = readLessons('.').map((lesson) => lesson.slug);
const EMBEDS = readAnimations(process.cwd()).map((animation) => animation.id);

for (const path of ['/', '/review/', '/glossary/']) {
	test(`no words run together on ${path}`, async ({ page }) => {
		await page.goto(path);
		await install(page);
		expect(await page.evaluate(() => wordsRunTogether(document.body))).toEqual([]);
	});
}

for (const slug of LESSONS) {
	test(`no words run together on the ${slug} lesson, its LMS page, or at any step of its animations`, async ({
		page
	}) => {
		test.slow(); // every step of every player
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto(`/lessons/${slug}/`);
		await install(page);
		const found = new Set(await page.evaluate(() => wordsRunTogether(document.body)));
		const players = page.locator('.player');
		for (let i = 0; i < (await players.count()); i++) {
			const steps = await measureEachStep(players.nth(i), (player) =>
				(window as unknown as { wordsRunTogether: (root: Element) => string[] }).wordsRunTogether(
					player
				)
			);
			for (const joins of steps) for (const join of joins) found.add(join);
		}
		await page.goto(`/framed/lessons/${slug}/`);
		await install(page);
		for (const join of await page.evaluate(() => wordsRunTogether(document.body))) found.add(join);
		expect([...found]).toEqual([]);
	});
}

test('no words run together in any embed, at any step', async ({ page }) => {
	test.slow();
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const found = new Set<string>();
	for (const id of EMBEDS) {
		await page.goto(`/embed/${id}/`);
		await embedStarted(page);
		await install(page);
		for (const join of await page.evaluate(() => wordsRunTogether(document.body)))
			found.add(`${id}: ${join}`);
		const steps = await measureEachStep(page.locator('.player').first(), (player) =>
			(window as unknown as { wordsRunTogether: (root: Element) => string[] }).wordsRunTogether(
				player
			)
		);
		for (const joins of steps) for (const join of joins) found.add(`${id}: ${join}`);
	}
	expect([...found]).toEqual([]);
});

declare global {
	function wordsRunTogether(root: Element): string[];
}
