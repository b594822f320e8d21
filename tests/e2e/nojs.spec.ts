/**
 * Before hydration (JavaScript off) every picture is drawn at the width it
 * prerendered with: at 390 px nothing may reach past the screen's edge.
 */
import { readdirSync } from 'node:fs';
// Playwright's own test: the fixtures' wait for hydrated players would only time out here.
import { expect, test } from '@playwright/test';

const LESSONS = readdirSync('content/lessons').map((folder) => folder.replace(/^\d+-/, ''));

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
test.slow(); // prerendered pages with many pictures, on a shared machine

for (const slug of LESSONS) {
	test(`the ${slug} lesson fits 390 px before hydration`, async ({ page }) => {
		await page.goto(`/lessons/${slug}`);
		const overflow = await page.evaluate(() => {
			const edge = document.documentElement.clientWidth;
			const wide = [...document.querySelectorAll('main svg, main .player, main .lab')]
				.filter((element) => element.getBoundingClientRect().right > edge + 0.5)
				.map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class')}`);
			return { page: document.documentElement.scrollWidth - edge, wide };
		});
		expect(overflow).toEqual({ page: 0, wide: [] });
	});
}

test('the namespaces comparison is served with its three processes, not empty', async ({
	page
}) => {
	await page.goto('/lessons/namespaces');
	const compare = page.getByTestId('ns-compare');
	await expect(compare.locator('.player')).toHaveAttribute(
		'aria-label',
		'The same command, hostname, asked by systemd, nginx, postgres'
	);
	await expect(compare.getByTestId('compare-column-0').locator('h3')).toHaveText('systemd');
	await expect(compare.getByTestId('compare-column-2').locator('h3')).toHaveText('postgres');
});

/** Each picture's box and the player's height, as a page at `width` draws them. */
async function syscallBoxes(
	browser: import('@playwright/test').Browser,
	path: string,
	width: number,
	javaScriptEnabled: boolean
) {
	const page = await browser.newPage({
		javaScriptEnabled,
		viewport: { width, height: 900 },
		serviceWorkers: 'block'
	});
	await page.goto(path);
	const player = page.locator('.player').first();
	if (javaScriptEnabled) {
		await player.focus();
		await expect(player).toHaveAttribute('data-ready', 'true');
	}
	const boxes = await page.evaluate(() =>
		[...document.querySelectorAll('.picture > svg:not(.token)'), document.querySelector('.player')!]
			.slice(0, 3)
			.map((element) => Math.round(element.getBoundingClientRect().height))
	);
	await page.close();
	return boxes;
}

for (const [path, width] of [
	['/lessons/system-call-path', 1280],
	['/lessons/system-call-path', 390],
	['/embed/system-call-path', 784]
] as const) {
	test(`the served system-call pictures at ${path} are as tall as the running ones at ${width} px`, async ({
		browser
	}) => {
		// The lab starts as the reader scrolls to it: nothing below it may move then.
		const served = await syscallBoxes(browser, path, width, false);
		const running = await syscallBoxes(browser, path, width, true);
		expect(served).toHaveLength(3);
		expect(served).toEqual(running);
	});
}
