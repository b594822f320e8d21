/**
 * A lecture: a 1280 × 720 laptop or projector at browser zoom 150 % or 200 %, which
 * leaves the page 853 × 480 or 640 × 360 CSS px (fewer still under the browser's
 * toolbars), or a phone held sideways (740 × 360). Every player of every lesson keeps its controls and its narration on
 * the screen as the lecturer steps, and leaves the picture at least half of it; the
 * narration box keeps one height at every step, so Next stays where it is (app.css,
 * Player.svelte). A player whose picture is short enough fits the screen whole.
 */
import AxeBuilder from '@axe-core/playwright';
import { readLessons } from '../../src/lib/scorm/lms-package.js';
import type { Locator } from '@playwright/test';
import { expect, fadeLines, measureEachStep, test, type Page } from './fixtures';

const LESSONS = readLessons('.').map((lesson) => `/lessons/${lesson.slug}`);

/** At each, the controls fit one row (a row of buttons is under 56 px tall). */
const LECTURE = [
	{ width: 853, height: 480, deviceScaleFactor: 1.5 },
	// 200 % zoom: src/lib/player/lecture.css drops the count's word "Step" below 730 px.
	{ width: 640, height: 360, deviceScaleFactor: 2 },
	// A phone held sideways (src/lib/player/lecture.css tightens the row below 853 px).
	{ width: 740, height: 360, deviceScaleFactor: 3 },
	// A small phone held sideways (an iPhone SE's 667 × 375).
	{ width: 667, height: 375, deviceScaleFactor: 2 }
];

interface Seen {
	at: number;
	/** How far the page is scrolled: a lab may scroll it to what a step is about (the PID tree). */
	scrolled: number;
	/** Next's box, the narration box's and the controls', in the window (rounded). */
	next: { top: number; bottom: number };
	narration: { top: number; bottom: number; height: number };
	controls: number;
}

/** Waits until `player` is pinned for a short, wide screen (src/lib/player/lecture.ts). */
const pinned = (player: Locator) => expect(player).toHaveAttribute('data-lecture', 'pinned');

/** Steps the player `index` of the page through every frame with the window at `scroll` of it. */
async function walk(page: Page, index: number, scroll: 'top' | 'bottom'): Promise<Seen[]> {
	const player = page.locator('.player').nth(index);
	const nextFrame = () =>
		page.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
	// From the first step, as the walk goes: a picture that grows from step to step (the
	// PID tree) is measured at its first.
	await player.evaluate((element) => {
		const first = element.querySelector<HTMLButtonElement>('button[aria-label="First step"]');
		if (first && !first.disabled) first.click();
	});
	await nextFrame();
	await player.evaluate((element, scroll) => {
		const box = element.getBoundingClientRect();
		const top = box.top + window.scrollY;
		window.scrollTo({
			top: scroll === 'top' ? top : Math.max(top, top + box.height - window.innerHeight),
			behavior: 'instant'
		});
	}, scroll);
	// Pinned once its code and style have loaded (./lecture.ts, only on such a screen);
	// the narration box's place is measured after a resize: two frames.
	await pinned(player);
	await nextFrame();
	return measureEachStep(player, (player, at) => {
		const round = (box: DOMRect) => ({
			top: Math.round(box.top),
			bottom: Math.round(box.bottom),
			height: Math.round(box.height)
		});
		return {
			at,
			scrolled: Math.round(window.scrollY),
			next: round(player.querySelector('button[aria-label="Next step"]')!.getBoundingClientRect()),
			narration: round(player.querySelector(':scope > .narration-box')!.getBoundingClientRect()),
			controls: Math.round(
				player.querySelector(':scope > .controls')!.getBoundingClientRect().height
			)
		};
	});
}

for (const size of LECTURE) {
	test.describe(`at ${size.width} × ${size.height} (a lecture’s zoom)`, () => {
		test.use({
			viewport: { width: size.width, height: size.height },
			deviceScaleFactor: size.deviceScaleFactor
		});

		for (const path of LESSONS) {
			test(`${path}: each player’s Next and narration stay on the screen, at one place, at every step`, async ({
				page
			}) => {
				test.slow();
				await page.emulateMedia({ reducedMotion: 'reduce' });
				await page.goto(path);
				const players = await page.locator('.player').count();
				expect(players).toBeGreaterThan(0);
				const problems: string[] = [];
				for (let index = 0; index < players; index++) {
					for (const scroll of ['top', 'bottom'] as const) {
						const seen = await walk(page, index, scroll);
						const where = `player ${index}, window at its ${scroll}`;
						for (const { at, next, narration, controls } of seen) {
							if (next.top < 0 || next.bottom > size.height)
								problems.push(`${where}, step ${at}: Next at ${next.top}–${next.bottom}`);
							if (narration.top < 0 || narration.bottom > size.height)
								problems.push(
									`${where}, step ${at}: narration at ${narration.top}–${narration.bottom}`
								);
							if (controls >= 56)
								problems.push(`${where}, step ${at}: controls ${controls} px tall, not one row`);
							// The picture keeps at least half the screen.
							if (narration.height + controls > size.height / 2 + 1)
								problems.push(
									`${where}, step ${at}: narration ${narration.height} px and controls ${controls} px`
								);
						}
						// Nothing moves as the lecturer steps (unless the page was scrolled).
						for (const scrolled of new Set(seen.map((one) => one.scrolled))) {
							const tops = new Set(
								seen.filter((one) => one.scrolled === scrolled).map((one) => one.next.top)
							);
							if (tops.size > 1) problems.push(`${where}: Next at ${[...tops].join(', ')}`);
						}
						const heights = new Set(seen.map((one) => one.narration.height));
						if (heights.size > 1)
							problems.push(`${where}: narration ${[...heights].join(', ')} px tall`);
					}
				}
				expect(problems).toEqual([]);
			});
		}

		// A picture drawn above its narration and controls (the two stacks, the namespaces
		// comparison) is short enough to fit with them at 853 × 480: the whole player does.
		if (size.height === 480)
			for (const [path, index] of [
				['/lessons/vms-and-containers', 0],
				['/lessons/namespaces', 0]
			] as const) {
				test(`${path}: player ${index}, its picture above its narration and controls, fits the screen whole`, async ({
					page
				}) => {
					await page.goto(path);
					const player = page.locator('.player').nth(index);
					await pinned(player);
					await expect(player.locator(':scope > .stage + .narration-box')).toHaveCount(1);
					expect((await player.boundingBox())!.height).toBeLessThanOrEqual(size.height);
				});
			}
	});
}

/** The system-call lesson at 640 × 360, pinned, at a step whose narration is longer than its lines. */
async function longNarration(page: Page) {
	await page.setViewportSize({ width: 640, height: 360 });
	await page.goto('/lessons/system-call-path?step=3');
	const player = page.locator('.player').first();
	await pinned(player);
	return { player, box: player.locator(':scope > .narration-box') };
}

test('a narration longer than its lines scrolls inside its box, says there is more, and starts at its top at the next step', async ({
	page
}) => {
	const { player, box } = await longNarration(page);
	await expect(box).toHaveClass(/\bmore\b/);
	expect(await fadeLines(box)).toBeCloseTo(0.75, 1);
	await box.evaluate((element) => (element.scrollTop = element.scrollHeight));
	await expect(box).not.toHaveClass(/\bmore\b/);
	// Its last line is in view at the end of the scroll.
	expect(
		await box.evaluate(
			(element) =>
				element.querySelector('.narration')!.lastElementChild!.getBoundingClientRect().bottom -
				element.getBoundingClientRect().bottom
		)
	).toBeLessThanOrEqual(1);
	await player.getByRole('button', { name: 'Next step' }).click();
	await expect(player).toHaveAttribute('data-step', '4');
	expect(await box.evaluate((element) => element.scrollTop)).toBe(0);
});

test('a narration that scrolls is reached by the keyboard, which scrolls it and still steps; no WCAG 2.2 AA violations', async ({
	page
}) => {
	test.slow(); // two axe runs over a whole lesson page
	const { player, box } = await longNarration(page);
	await expect(box).toHaveAttribute('tabindex', '0');
	await box.focus();
	await page.keyboard.press('PageDown');
	// Scrolled, and done scrolling (the browser animates a key's scroll).
	await expect
		.poll(() =>
			box.evaluate(
				(element) =>
					new Promise<number>((done) => {
						const before = element.scrollTop;
						setTimeout(() => done(element.scrollTop === before ? before : 0), 150);
					})
			)
		)
		.toBeGreaterThan(0);
	await page.keyboard.press('ArrowRight');
	await expect(player).toHaveAttribute('data-step', '4');
	expect(await box.evaluate((element) => element.scrollTop)).toBe(0);
	const problems: string[] = [];
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		// Every rule in the light scheme; in the dark only those the colours decide, as in a11y.spec.
		const axe = new AxeBuilder({ page });
		const results = await (
			scheme === 'light'
				? axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				: axe.withRules(['color-contrast', 'link-in-text-block'])
		).analyze();
		for (const violation of results.violations)
			problems.push(`${scheme}: ${violation.id} ${violation.nodes.map((n) => n.target).join(' ')}`);
	}
	expect(problems).toEqual([]);
	// A narration that fits its lines is no Tab stop.
	await page.goto('/lessons/vms-and-containers');
	await expect(page.locator('.player').first()).toHaveAttribute('data-ready', 'true');
	await expect(page.locator('.player > .narration-box').first()).not.toHaveAttribute(
		'tabindex',
		/.*/
	);
});

test('on a phone, and on a tall screen, the narration keeps room for the longest as before', async ({
	page
}) => {
	for (const viewport of [
		{ width: 390, height: 844 },
		{ width: 1280, height: 720 }
	]) {
		await page.setViewportSize(viewport);
		await page.goto('/lessons/system-call-path');
		const box = page.locator('.player').first().locator(':scope > .narration-box');
		const room = page.locator('.player').first().getByTestId('narration-room');
		const style = await box.evaluate((element) => {
			const css = getComputedStyle(element);
			return { position: css.position, overflowY: css.overflowY };
		});
		expect(style, `${viewport.width} px`).toEqual({ position: 'static', overflowY: 'visible' });
		expect((await box.boundingBox())!.height).toBeCloseTo((await room.boundingBox())!.height, 0);
		// Nor is the lecture layout's code loaded there.
		await expect(page.locator('.player').first()).toHaveAttribute('data-ready', 'true');
		await expect(page.locator('.player[data-lecture]')).toHaveCount(0);
	}
	// A window made short and wide (a lecturer zooming in) pins the player, and back unpins it.
	await page.setViewportSize({ width: 853, height: 480 });
	await pinned(page.locator('.player').first());
	await page.setViewportSize({ width: 1280, height: 720 });
	await expect(page.locator('.player[data-lecture]')).toHaveCount(0);
});

test('at 1280 px every label in every lesson’s pictures, at every step, is at least 12 px', async ({
	page
}) => {
	test.slow();
	await page.setViewportSize({ width: 1280, height: 900 });
	const problems: string[] = [];
	for (const path of LESSONS) {
		await page.goto(path);
		for (const player of await page.locator('.player').all()) {
			const small = await measureEachStep(player, (player) => {
				const found: string[] = [];
				for (const element of player.querySelectorAll('.stage *')) {
					// The PID tree's mark for a process that has died: a sign in a 12 px disc.
					if (element.matches('.dot')) continue;
					const text = [...element.childNodes].some(
						(node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''
					);
					const style = getComputedStyle(element);
					if (!text || style.visibility !== 'visible' || element.closest('[hidden]')) continue;
					if (!element.getClientRects().length) continue;
					let size = parseFloat(style.fontSize);
					// SVG text is drawn at its font size times the picture's scale.
					if (element instanceof SVGGraphicsElement) {
						const matrix = element.getScreenCTM();
						if (matrix) size *= Math.hypot(matrix.a, matrix.b);
					}
					if (size < 11.95)
						found.push(`“${element.textContent!.trim().slice(0, 30)}” ${size.toFixed(1)} px`);
				}
				return found;
			});
			for (const line of new Set(small.flat())) problems.push(`${path}: ${line}`);
		}
	}
	expect(problems).toEqual([]);
});
