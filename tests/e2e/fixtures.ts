/**
 * Playwright's `test` with one addition: after every navigation, wait until each
 * player on the page is hydrated (its keys and buttons work). Under load, a test
 * that presses a key straight after `goto` would otherwise race the page's script.
 */
import { test as base, expect } from '@playwright/test';
import { partsReady } from '../../scripts/start-islands';

export { partsReady as playersReady };

export const test = base.extend({
	page: async ({ page }, use) => {
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			await partsReady(page);
			return response;
		};
		const reload = page.reload.bind(page);
		page.reload = async (options) => {
			const response = await reload(options);
			await partsReady(page);
			return response;
		};
		await use(page);
	}
});

export { expect };
export type { Page, Locator, FrameLocator } from '@playwright/test';
