/**
 * Where a key press's latency goes, on pages of a served site: the key's handler
 * (to the end of the page's own keydown listeners and Svelte's update), the wait
 * for the next frame to begin (the requestAnimationFrame callback), and that
 * frame's work (to the first task after it). The same presses as `npm run bench`'s
 * latency figure, which gives only their sum (README, "Step latency").
 *
 *   npx tsx scripts/latency-split.ts [url …]
 *
 * Each url is a path on BASE (default http://127.0.0.1:4173, `npm start`'s
 * server) or a whole address. PRESSES (default 150), GAP (milliseconds to wait
 * before each press, default 0: a gap longer than a step's move lets it end
 * first), REDUCED_MOTION=1, TARGET (the element to focus, default .player).
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';
import { partsReady } from './start-islands';

interface Press {
	start: number;
	handled?: number;
	frameBegan?: number;
	painted?: number;
}
type Recorder = { __presses: Press[]; __painted?: () => void; __done?: Promise<void> };

const base = process.env.BASE ?? 'http://127.0.0.1:4173';
const presses = Number(process.env.PRESSES ?? 150);
const gap = Number(process.env.GAP ?? 0);
const urls = process.argv.slice(2).length ? process.argv.slice(2) : ['/lessons/layers'];

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const figure = (values: number[]) =>
	[50, 90, 95].map((p) => `p${p} ${percentile(values, p).toFixed(1)}`).join('  ') +
	`  max ${Math.max(...values).toFixed(1)} ms`;

const executablePath = await findChromium();
if (!executablePath) throw new Error('No Chromium: set CHROMIUM_PATH');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
for (const url of urls) {
	const page = await browser.newPage({
		serviceWorkers: 'block',
		viewport: { width: 1280, height: 720 },
		reducedMotion: process.env.REDUCED_MOTION ? 'reduce' : 'no-preference'
	});
	await page.goto(url.startsWith('http') ? url : base + url);
	await page.waitForLoadState('networkidle');
	await partsReady(page);
	await page.evaluate(() => {
		const w = window as unknown as Recorder;
		w.__presses = [];
		document.addEventListener(
			'keydown',
			(event) => {
				const press: Press = { start: event.timeStamp };
				w.__presses.push(press);
				requestAnimationFrame(() => {
					press.frameBegan = performance.now();
					setTimeout(() => {
						press.painted = performance.now();
						w.__painted?.();
					}, 0);
				});
			},
			{ capture: true }
		);
		// Last on the way up: the player's listener and Svelte's update have run.
		window.addEventListener('keydown', () => {
			const press = w.__presses.at(-1);
			if (press) press.handled = performance.now();
		});
	});
	const player = page.locator(process.env.TARGET ?? '.player').first();
	await player.focus();
	const measured: Required<Press>[] = [];
	for (let i = 0; i < presses; i++) {
		const atEnd = await player.evaluate(
			(el) =>
				el.hasAttribute('data-step') &&
				Number(el.getAttribute('data-step')) >= Number(el.getAttribute('data-total')) - 1
		);
		if (atEnd) {
			await page.keyboard.press('Home');
			await page.waitForTimeout(30);
		}
		if (gap) await page.waitForTimeout(gap);
		await page.evaluate(() => {
			const w = window as unknown as Recorder;
			w.__presses = [];
			w.__done = new Promise((resolve) => (w.__painted = resolve));
		});
		await page.keyboard.press('ArrowRight');
		await page.evaluate(() => (window as unknown as Recorder).__done);
		const [press] = await page.evaluate(() => (window as unknown as Recorder).__presses);
		measured.push(press as Required<Press>);
	}
	console.log(url);
	console.log('  latency        ', figure(measured.map((p) => p.painted - p.start)));
	console.log('  handler        ', figure(measured.map((p) => p.handled - p.start)));
	console.log('  wait for frame ', figure(measured.map((p) => p.frameBegan - p.handled)));
	console.log('  frame          ', figure(measured.map((p) => p.painted - p.frameBegan)));
	await page.close();
}
await browser.close();
