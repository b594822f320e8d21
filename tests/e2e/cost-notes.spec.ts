import { embedStarted, expect, test, tipsOffScreen, type Page } from './fixtures';

/**
 * The cycle counts of the system-call path (CostNote.svelte): each count's sources
 * show on hover, focus and tap, Escape or a second tap hides them, and they stay on
 * the screen at every width and text size.
 */

const LESSON = '/lessons/system-call-path';
const EMBED = '/embed/system-call-path';

/** The player at its last step, so that every hop's count is shown. */
async function atLastStep(page: Page, path: string) {
	await page.goto(path);
	const player = path === EMBED ? await embedStarted(page) : page.locator('.player').first();
	await player.focus();
	await page.keyboard.press('End');
	await expect(player.locator('.position')).toHaveText('Step 5 of 5');
}

/** Each count's sources, where they show (see `tipsOffScreen`). */
const sourcesOffScreen = (page: Page) =>
	tipsOffScreen(page, 'button.amount', { noun: 'count', tip: 'tip' });

for (const path of [LESSON, EMBED]) {
	test(`Escape hides a count’s sources and leaves the focus on the count (${path})`, async ({
		page
	}) => {
		await atLastStep(page, path);
		const count = page.getByRole('button', { name: /cycles/ }).first();
		const tip = page.locator(`#${await count.getAttribute('aria-describedby')}`);

		await count.focus();
		await expect(tip).toBeVisible();
		await expect(count).toHaveAccessibleDescription(/cycles/);
		await page.keyboard.press('Escape');
		await expect(tip).toBeHidden();
		await expect(count).toBeFocused();
		// Still described, for a screen reader, while hidden.
		await expect(count).toHaveAccessibleDescription(/cycles/);
		// Enter shows it again; focus leaving and coming back shows it too.
		await page.keyboard.press('Enter');
		await expect(tip).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(tip).toBeHidden();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Shift+Tab');
		await expect(count).toBeFocused();
		await expect(tip).toBeVisible();
		await count.blur();

		// Under the pointer: Escape hides it, and it shows again when the pointer comes back.
		await count.hover();
		await expect(tip).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(tip).toBeHidden();
		await page.mouse.move(0, 0);
		await count.hover();
		await expect(tip).toBeVisible();
	});

	for (const width of [320, 390, 700, 1024, 1280]) {
		for (const text of ['100%', '200%']) {
			test(`every count’s sources stay on the screen at ${width} px with text at ${text} (${path})`, async ({
				page
			}) => {
				await page.setViewportSize({ width, height: width < 600 ? 640 : 900 });
				await atLastStep(page, path);
				await page.evaluate((size) => (document.documentElement.style.fontSize = size), text);
				// On a phone with doubled text the page is wider than the screen before any tip
				// shows (the theme menu and the lab's selects); otherwise it fits.
				if (width >= 640 || text === '100%') {
					expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
				}
				expect(await sourcesOffScreen(page)).toEqual([]);
			});
		}
	}
}

test.describe('on a touch screen', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('a tap shows a count’s sources, and a second tap or a tap elsewhere hides them', async ({
		page
	}) => {
		await atLastStep(page, LESSON);
		const count = page.getByRole('button', { name: /cycles/ }).first();
		const tip = page.locator(`#${await count.getAttribute('aria-describedby')}`);
		await count.scrollIntoViewIfNeeded();

		await count.tap();
		await expect(tip).toBeVisible();
		const box = (await tip.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		await count.tap();
		await expect(tip).toBeHidden();

		await count.tap();
		await expect(tip).toBeVisible();
		await page.locator('article h1').tap();
		await expect(tip).toBeHidden();
	});
});
