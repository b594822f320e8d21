/**
 * Key press → painted frame, as `npm run bench` measures it (scripts/bench-web.ts)
 * and scripts/latency-split.ts splits it.
 */
import type { Locator, Page } from '@playwright/test';

/**
 * One key press: milliseconds from the key to the next painted frame (`latency`);
 * of those, the key's handler (`handler`: to the end of the page's own keydown
 * listeners and their updates) and the wait for that frame to begin (`wait`). The
 * rest is the frame, from its start to the first task after it, which holds its
 * commit. A page whose motion keeps Chromium's frame clock running waits for the
 * clock's next tick, and its commit may wait a frame for the compositor; an idle
 * page gets a frame at once (docs/figures.md, "Step latency").
 */
export interface PressTiming {
	latency: number;
	handler: number;
	wait: number;
}

/** Whether a player shows its last frame (never, for the empty page's heading). */
const atLastFrame = (player: Locator) =>
	player.evaluate(
		(el) =>
			el.hasAttribute('data-step') &&
			Number(el.getAttribute('data-step')) >= Number(el.getAttribute('data-total')) - 1
	);

/**
 * Each of `presses` presses of `key` on `target`, `gap` milliseconds apart after
 * the last one's frame (0: at once). A player at its last frame starts again with
 * Home first. The harness waits for each figure on a promise, not by polling:
 * Playwright's `waitForFunction` polls on every animation frame, which kept the
 * frame clock ticking into the next key press, so that press waited for the next
 * tick (up to a frame, 16.7 ms) or not, by chance (the empty page's p95 moved from
 * 6 to 17 ms between runs).
 */
export async function stepLatency(
	page: Page,
	key: string,
	presses: number,
	target = '.player',
	gap = 0
): Promise<PressTiming[]> {
	type Recorder = {
		__handled?: number;
		__latencyReported?: (timing: PressTiming) => void;
		__latency?: Promise<PressTiming>;
		__measuring?: boolean;
	};
	await page.evaluate(() => {
		const w = window as unknown as Recorder;
		if (w.__measuring) return;
		w.__measuring = true;
		document.addEventListener(
			'keydown',
			(event) => {
				const start = event.timeStamp;
				w.__handled = undefined;
				// The frame after the update is painted once this rAF callback has run.
				requestAnimationFrame(() => {
					const began = performance.now();
					const handled = w.__handled ?? began;
					setTimeout(() => {
						w.__latencyReported?.({
							latency: performance.now() - start,
							handler: handled - start,
							wait: began - handled
						});
					}, 0);
				});
			},
			{ capture: true }
		);
		// Last on the way up: the page's own listeners and their updates have run.
		window.addEventListener('keydown', () => (w.__handled = performance.now()));
	});
	const player = page.locator(target).first();
	await player.focus();
	const timings: PressTiming[] = [];
	for (let i = 0; i < presses; i++) {
		if (await atLastFrame(player)) {
			await page.keyboard.press('Home');
			await page.waitForTimeout(30);
		}
		if (gap) await page.waitForTimeout(gap);
		// Set up before the key goes, and awaited after: no polling in between.
		await page.evaluate(() => {
			const w = window as unknown as Recorder;
			w.__latency = new Promise<PressTiming>((resolve) => (w.__latencyReported = resolve));
		});
		await page.keyboard.press(key);
		timings.push(await page.evaluate(() => (window as unknown as Recorder).__latency!));
	}
	return timings;
}
