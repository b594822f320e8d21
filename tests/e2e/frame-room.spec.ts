/**
 * A FrameStack keeps room for its tallest frame (every frame laid out, hidden under
 * the one shown), so Next stays put; the Docker lab's, like the Player's own room,
 * not on a drawing narrower than 600 px. On a phone its tallest frame (1580 px at
 * 390 px) left hundreds of pixels blank at the first step, between the picture and
 * its controls.
 */
import { expect, test, type Page } from './fixtures';

const player = (page: Page) => page.locator('.player').first();

/** The stack's height and what its shown frame holds (the frame's box is stretched to the stack). */
const heights = (page: Page) =>
	player(page)
		.locator('.frame-stack')
		.first()
		.evaluate((stack) => {
			const shown = stack.querySelector('[data-current]')!;
			const boxes = [...shown.children].map((child) => child.getBoundingClientRect());
			return {
				stack: stack.getBoundingClientRect().height,
				shown:
					Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top))
			};
		});

async function open(page: Page, width: number, height: number) {
	await page.setViewportSize({ width, height });
	await page.goto('/lessons/docker');
	await player(page).scrollIntoViewIfNeeded();
	await expect(player(page)).toHaveAttribute('data-ready', 'true');
}

test('at 390 px the Docker lab keeps no room for its tallest frame', async ({ page }) => {
	await open(page, 390, 844);
	const first = await heights(page);
	expect(first.stack - first.shown).toBeLessThanOrEqual(1);
	// The picture and Next are on one screen at the first step.
	const storage = await player(page)
		.locator('[data-current]')
		.getByRole('heading', { name: 'Storage for the image' })
		.boundingBox();
	const next = await player(page).getByRole('button', { name: 'Next step' }).boundingBox();
	expect(next!.y - storage!.y).toBeLessThan(844);
	// A later, taller frame: the stack grows with it.
	await player(page).focus();
	for (let step = 0; step < 8; step++) await page.keyboard.press('ArrowRight');
	await expect(player(page)).toHaveAttribute('data-step', '8');
	const later = await heights(page);
	expect(later.stack - later.shown).toBeLessThanOrEqual(1);
	expect(later.stack).toBeGreaterThan(first.stack + 100);
});

test('at 1280 px the Docker lab keeps room for its tallest frame at every step', async ({
	page
}) => {
	await open(page, 1280, 900);
	const first = await heights(page);
	expect(first.stack - first.shown).toBeGreaterThan(50);
	await player(page).focus();
	for (let step = 0; step < 8; step++) await page.keyboard.press('ArrowRight');
	await expect(player(page)).toHaveAttribute('data-step', '8');
	expect((await heights(page)).stack).toBeCloseTo(first.stack, 0);
});
