import { readLessons } from '../../src/lib/scorm/lms-package.js';
import { expect, measureEachStep, test, type Page } from './fixtures';

/**
 * WCAG 1.4.12 (Text Spacing): a reader's own style sheet may set these spacings,
 * and no text may then be lost under other text or past its box.
 */
const READER_SPACING = `* {
	line-height: 1.5 !important;
	letter-spacing: 0.12em !important;
	word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }`;

/**
 * In the page: each pair of shown texts under `root` whose lines overlap, and each
 * text past `root`'s sides, as "“one” × “other”". Texts are the HTML's (the pictures'
 * SVG labels are placed for the usual spacing: see README, "The lessons"); a line
 * counts as far as a scrolling or clipping box shows it.
 */
function textsOverlapping(root: Element): string[] {
	const lines: { box: { left: number; right: number; top: number; bottom: number }; node: Text }[] =
		[];
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode as Text;
		const element = node.parentElement;
		if (!node.data.trim() || !element) continue;
		if (
			element.closest(
				'script, style, svg, option, textarea, .visually-hidden, [aria-hidden="true"]'
			)
		)
			continue;
		if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
		const clips: DOMRect[] = [];
		for (let box: Element | null = element; box && box !== document.body; box = box.parentElement) {
			const style = getComputedStyle(box);
			if (style.overflowX !== 'visible' || style.overflowY !== 'visible')
				clips.push(box.getBoundingClientRect());
		}
		const range = document.createRange();
		range.selectNodeContents(node);
		for (const line of range.getClientRects()) {
			let box = { left: line.left, right: line.right, top: line.top, bottom: line.bottom };
			for (const clip of clips)
				box = {
					left: Math.max(box.left, clip.left),
					right: Math.min(box.right, clip.right),
					top: Math.max(box.top, clip.top),
					bottom: Math.min(box.bottom, clip.bottom)
				};
			if (box.right - box.left > 0.5 && box.bottom - box.top > 0.5) lines.push({ box, node });
		}
	}
	const name = (node: Text) => `“${node.data.trim().slice(0, 40)}”`;
	const found = new Set<string>();
	for (let i = 0; i < lines.length; i++)
		for (let j = i + 1; j < lines.length; j++) {
			const a = lines[i];
			const b = lines[j];
			if (a.node === b.node) continue;
			const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
			const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
			if (across > 2 && down > 2) found.add(`${name(a.node)} × ${name(b.node)}`);
		}
	const sides = root.getBoundingClientRect();
	for (const { box, node } of lines)
		if (box.right > sides.right + 1 || box.left < sides.left - 1)
			found.add(`${name(node)} past the side`);
	return [...found];
}

async function withReaderSpacing(page: Page) {
	await page.addStyleTag({ content: READER_SPACING });
	await page.evaluate(`window.textsOverlapping = ${textsOverlapping.toString()}`);
}

for (const { slug } of readLessons('.')) {
	test(`with a reader's text spacing at 360 px, no text of the ${slug} lesson is drawn over other text, at any step`, async ({
		page
	}) => {
		test.slow(); // every step of every player
		await page.setViewportSize({ width: 360, height: 800 });
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto(`/lessons/${slug}/`);
		await withReaderSpacing(page);
		// The spacing took: a paragraph's letters are spaced (a style sheet that did not apply would prove nothing).
		expect(
			await page
				.locator('main p')
				.first()
				.evaluate((p) => parseFloat(getComputedStyle(p).letterSpacing))
		).toBeGreaterThan(1);
		const found = new Set(
			await page.evaluate(() => textsOverlapping(document.querySelector('main')!))
		);
		const players = page.locator('.player');
		for (let i = 0; i < (await players.count()); i++) {
			const steps = await measureEachStep(players.nth(i), (player) =>
				(window as unknown as { textsOverlapping: (root: Element) => string[] }).textsOverlapping(
					player
				)
			);
			steps.forEach((problems, at) => {
				for (const problem of problems) found.add(`player ${i}, step ${at}: ${problem}`);
			});
		}
		expect([...found]).toEqual([]);
	});
}

declare global {
	function textsOverlapping(root: Element): string[];
}
