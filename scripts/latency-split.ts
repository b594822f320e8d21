/**
 * Where a key press's latency goes, on pages of a served site: the key's handler,
 * the wait for the next frame to begin, and that frame (scripts/step-latency.ts,
 * the same presses as `npm run bench`'s latency figure; docs/figures.md, "Step latency").
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
import { percentile } from './bench-stats';
import { stepLatency } from './step-latency';

const base = process.env.BASE ?? 'http://127.0.0.1:4173';
const presses = Number(process.env.PRESSES ?? 150);
const gap = Number(process.env.GAP ?? 0);
const urls = process.argv.slice(2).length ? process.argv.slice(2) : ['/lessons/layers/'];

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
	const timings = await stepLatency(
		page,
		'ArrowRight',
		presses,
		process.env.TARGET ?? '.player',
		gap
	);
	console.log(url);
	console.log('  latency        ', figure(timings.map((t) => t.latency)));
	console.log('  handler        ', figure(timings.map((t) => t.handler)));
	console.log('  wait for frame ', figure(timings.map((t) => t.wait)));
	console.log('  frame          ', figure(timings.map((t) => t.latency - t.handler - t.wait)));
	await page.close();
}
await browser.close();
