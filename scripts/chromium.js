// Which Chromium the tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium,
// else Playwright's own download (if one was installed). Null when there is none.
import { existsSync } from 'node:fs';

export function chromiumPath() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
	return undefined;
}

export async function findChromium() {
	const path = chromiumPath();
	if (path) return path;
	try {
		const { chromium } = await import('@playwright/test');
		const own = chromium.executablePath();
		if (own && existsSync(own)) return own;
	} catch {
		/* Playwright not installed or has no browser */
	}
	return null;
}

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-gpu',
	'--no-first-run',
	'--disable-sync'
];
