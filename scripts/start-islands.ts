/**
 * Waiting for a page's parts to run, for the e2e fixtures and `npm run bench`.
 * A lesson's islands start when they come on screen, or near it once the reader
 * scrolls (src/lib/content/islands.ts), or are used; an embed opened without a
 * query when it is used (src/lib/embed/embed-boot.ts). Both want every part of a
 * page running, as after a learner has scrolled through it or pointed at it.
 */
import type { Page } from '@playwright/test';

/**
 * Starts each island and embed that has not started, the way focus moving into it does
 * (a `focusin` event), and waits for it. Scrolling to each would start them too,
 * but it moves Chromium's starting point for Tab, and keyboard tests would then
 * begin from the last island; tests/e2e/islands.spec.ts scrolls instead.
 */
export async function startIslands(page: Page): Promise<void> {
	// No named functions inside: tsx (which runs the bench) would wrap them in a
	// helper that the page does not have.
	await page
		.evaluate(async () => {
			const until = performance.now() + 15_000;
			while (performance.now() < until) {
				// A built embed starts when used, as an island does (src/lib/embed/embed-boot.ts);
				// in development the router starts it with the page.
				const embeds = document.querySelector('script[src*="/embed-boot.js"]')
					? [...document.querySelectorAll<HTMLElement>('[data-embed]')]
					: [];
				const waiting = [
					...document.querySelectorAll<HTMLElement>('[data-island]'),
					...embeds
				].filter((part) => !part.dataset.hydrated);
				if (waiting.length === 0) return;
				// Again each time: the islands listen only once the page has started.
				for (const part of waiting) {
					part.firstElementChild?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
				}
				await new Promise((resolve) => setTimeout(resolve, 25));
			}
		})
		.catch((error: Error) => {
			// The page navigated away meanwhile: the next page is waited for on its own.
			if (!/context was destroyed|has been closed/.test(error.message)) throw error;
		});
}

/** Waits until every player (and every lab's player) and every island on the page is hydrated; a page without them returns at once. */
export async function partsReady(page: Page): Promise<void> {
	await startIslands(page);
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
