/**
 * Playwright's `test` with one addition: after every navigation, wait until each
 * player on the page is hydrated (its keys and buttons work). Under load, a test
 * that presses a key straight after `goto` would otherwise race the page's script.
 */
import { test as base, expect, type Page } from '@playwright/test';

/** Waits until every player (and every lab's player) and every island on the page is hydrated; a page without them returns at once. */
export async function playersReady(page: Page): Promise<void> {
	await page
		.waitForFunction(
			() =>
				// A lesson's lab draws its player once hydrated and restored (or shows the
				// progress of a big scenario, or its storyboard): before that, its buttons are
				// prerendered HTML that does nothing, and there is no player to wait for.
				[...document.querySelectorAll('[data-testid$="-lab"]')].every((lab) =>
					lab.querySelector(
						'.player, [data-testid="simulation-status"], [data-testid="storyboard"]'
					)
				) &&
				[...document.querySelectorAll('.player')].every(
					(player) => (player as HTMLElement).dataset.ready === 'true'
				) &&
				// A lesson's islands (labs, self-checks) hydrate one by one after the page.
				[...document.querySelectorAll('[data-island]')].every(
					(island) => (island as HTMLElement).dataset.hydrated === 'true'
				),
			undefined,
			{ timeout: 15_000 }
		)
		.catch(() => {
			/* a page without the app (a static file) or an error page: nothing to wait for */
		});
}

export const test = base.extend({
	page: async ({ page }, use) => {
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			await playersReady(page);
			return response;
		};
		const reload = page.reload.bind(page);
		page.reload = async (options) => {
			const response = await reload(options);
			await playersReady(page);
			return response;
		};
		await use(page);
	}
});

export { expect };
export type { Page, Locator, FrameLocator } from '@playwright/test';
