// Takes screenshots of pages of the built site, for a person to look at:
//   node scripts/screenshots.js /lessons/system-call-path/?step=3 [...]
// Writes .shots/<name>-<width>-<scheme>.png at 1280 and 390 px, light and dark.
// Set KEYS="ArrowRight*5" to step the first player before the shot.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chromiumPath } from './chromium.js';

const port = 4311;
const server = spawn(process.execPath, ['scripts/serve.js'], {
	env: { ...process.env, PORT: String(port) },
	stdio: 'ignore'
});
await new Promise((r) => setTimeout(r, 600));
mkdirSync('.shots', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
const paths = process.argv.slice(2);
const widths = (process.env.WIDTHS ?? '1280,390').split(',').map(Number);
const schemes = (process.env.SCHEMES ?? 'light,dark').split(',');
try {
	for (const path of paths) {
		for (const width of widths) {
			for (const scheme of schemes) {
				const page = await browser.newPage({
					viewport: { width, height: 900 },
					colorScheme: scheme === 'dark' ? 'dark' : 'light'
				});
				await page.goto(`http://127.0.0.1:${port}${path}`);
				await page.waitForLoadState('networkidle');
				if (scheme === 'projector') {
					await page.evaluate(() =>
						document.documentElement.setAttribute('data-theme', 'projector')
					);
				}
				const keys = process.env.KEYS;
				if (keys) {
					await page.locator('.player').first().focus();
					const [key, count] = keys.split('*');
					for (let i = 0; i < Number(count ?? 1); i++) await page.keyboard.press(key);
					await page.waitForTimeout(700);
				}
				const selector = process.env.SELECTOR;
				const slug = path.replace(/[^a-z0-9]+/gi, '_');
				// Long links (a shared scenario) get a short hash instead of a file name too long.
				const short =
					slug.length > 80
						? `${slug.slice(0, 60)}_${createHash('sha1').update(path).digest('hex').slice(0, 8)}`
						: slug;
				const name = `${short}-${width}-${scheme}`;
				if (selector)
					await page
						.locator(selector)
						.first()
						.screenshot({ path: `.shots/${name}.png` });
				else
					await page.screenshot({ path: `.shots/${name}.png`, fullPage: process.env.FULL === '1' });
				console.log(`.shots/${name}.png`);
				await page.close();
			}
		}
	}
} finally {
	await browser.close();
	server.kill();
}

function chromiumArgs() {
	return [
		'--no-sandbox',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-gpu',
		'--no-first-run',
		'--disable-sync'
	];
}
