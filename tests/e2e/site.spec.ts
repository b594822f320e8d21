import { readAnimations } from '../../src/lib/content/lesson-index';
import { expect, test } from './fixtures';

test('home lists the lessons in order with a picture each', async ({ page }) => {
	await page.goto('/');
	const cards = page.locator('.lessons .card');
	await expect(cards.first()).toContainText('Virtual machines and containers');
	await expect(cards.nth(1)).toContainText('The system-call path');
	for (const image of await page.locator('.lessons img').all()) {
		expect(
			await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
		).toBe(true);
	}
});

test('a lesson has a table of contents and previous/next links', async ({ page }) => {
	await page.goto('/lessons/system-call-path');
	const toc = page.getByRole('navigation', { name: 'On this page' });
	await toc.getByRole('link', { name: 'The container path' }).click();
	await expect(page).toHaveURL(/#the-container-path$/);
	await page
		.getByRole('link', { name: /Virtual machines and containers/ })
		.last()
		.click();
	await expect(page.locator('h1')).toHaveText('Virtual machines and containers');
});

test('an unknown address shows the 404 page', async ({ page }) => {
	const response = await page.goto('/no/such/page');
	expect(response?.status()).toBe(404);
	await expect(page.locator('h1')).toHaveText('Page not found');
});

test('the theme can be pinned, and the projector theme is high contrast', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('theme').selectOption('projector');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
	const colors = await page.evaluate(() => {
		const style = getComputedStyle(document.documentElement);
		return [style.color, style.backgroundColor];
	});
	expect(colors).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
});

test('no cookies and no requests to other hosts, on any page or embed', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const hosts = new Set<string>();
	page.on('request', (request) => hosts.add(new URL(request.url()).host));
	await page.goto('/');
	const lessons = await page
		.locator('.lessons a.card')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	const embeds = readAnimations(process.cwd()).map((animation) => `/embed/${animation.id}`);
	expect(lessons.length).toBeGreaterThanOrEqual(7);
	expect(embeds.length).toBeGreaterThanOrEqual(8);
	for (const path of ['/', '/review', '/embed-demo.html', ...lessons, ...embeds]) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		// Step once so any lazily loaded code is fetched too.
		const player = page.locator('.player').first();
		if (await player.count()) {
			await player.focus();
			await page.keyboard.press('ArrowRight');
		}
	}
	expect([...hosts]).toEqual([new URL(page.url()).host]);
	expect(await context.cookies()).toEqual([]);
});
