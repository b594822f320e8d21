/**
 * Input routes with hostile input: the "Open JSON file…" upload, the layers
 * shell, and forged messages to embed-resizer.js.
 * Each gets a clear message, and nothing else changes.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from './fixtures';

// Slow pages under load: each test goes through many inputs.
test.describe.configure({ timeout: 120_000 });

const layers = (page: Page) => page.getByTestId('unionfs-lab');
const bands = (page: Page) => layers(page).locator('[data-testid="union-bands"] g.band');

async function openLayers(page: Page) {
	await page.goto('/lessons/layers');
	await expect(layers(page).locator('.player')).toHaveAttribute('data-ready', 'true');
}

/** What must not change: the number of frames, the layers drawn, the shell's transcript. */
async function snapshot(page: Page) {
	return {
		total: await layers(page).locator('.player').getAttribute('data-total'),
		bands: await bands(page).evaluateAll((all) =>
			all.map((band) => band.getAttribute('data-layer'))
		),
		transcript: await layers(page).getByTestId('shell-log').locator('li').count()
	};
}

async function upload(page: Page, name: string, contents: string | Buffer) {
	const file = join(tmpdir(), `stepvisor-${process.pid}-${name}`);
	await writeFile(file, contents);
	await layers(page).locator('input[type="file"]').setInputFiles(file);
}

test('hostile files to "Open JSON file…" are refused with a message and change nothing', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await openLayers(page);
	const before = await snapshot(page);
	const status = layers(page).locator('.share [role="status"]');
	let deep = '"leaf"';
	for (let i = 0; i < 10_000; i++) deep = `[${deep}]`;
	const cases: [string, string | Buffer, RegExp][] = [
		[
			'huge.json',
			`{"model":"unionfs","x-pad":"${'a'.repeat(5 * 1024 * 1024)}"}`,
			/larger than 4 MiB/
		],
		[
			'binary.json',
			Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
			// Refused before parsing, as the command line refuses it: bytes that are not text.
			/is not UTF-8 text .*; nothing was changed/
		],
		[
			'pidns.json',
			JSON.stringify({ model: 'pidns', ops: [{ op: 'fork', parent: 'init', name: 'a' }] }),
			/holds a “pidns” scenario, which another lesson’s lab opens; this lab opens “unionfs” scenarios\. Nothing was changed\./
		],
		[
			'bad-layers.json',
			JSON.stringify({ model: 'unionfs', layers: 'none', ops: [] }),
			/is not a valid scenario for this lesson; nothing was changed/
		],
		[
			'deep.json',
			`{"model":"unionfs","layers":[{"name":"a","entries":{"/a":"x"}}],"ops":[],"x-deep":${deep}}`,
			/nothing was changed/
		]
	];
	for (const [name, contents, expected] of cases) {
		await upload(page, name, contents);
		await expect(status).toContainText(expected);
		expect(await snapshot(page), name).toEqual(before);
	}
	expect(errors).toEqual([]);
});

test('the layers shell refuses hostile command lines with a message and runs nothing', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await openLayers(page);
	const input = layers(page).getByTestId('shell-input');
	const message = layers(page).getByTestId('shell-message');
	const before = await snapshot(page);
	const lines: [string, RegExp][] = [
		[`cat /${'a'.repeat(80_000)}`, /File name too long|longer than/],
		['cat /etc/../etc/motd', /“\.” and “\.\.” are not supported in paths/],
		['cat /etc/mo\u0000td', /NUL|Control characters are not allowed/],
		['cat /etc/bell\u0007', /Control characters are not allowed/],
		['ls -la /etc', /options such as -la are not supported/],
		['rm -rf /', /not supported|takes one path|Not run/],
		['\u001b[31mcat /etc/motd', /command not found/]
	];
	for (const [line, expected] of lines) {
		await input.fill(line);
		await input.press('Enter');
		await expect(message).toContainText(expected);
		await expect(message).not.toContainText('Added:');
		expect(await snapshot(page), JSON.stringify(line.slice(0, 40))).toEqual(before);
	}
	expect(errors).toEqual([]);
});

test('a scenario at 10,000 commands takes no more from the shell', async ({ page }) => {
	await openLayers(page);
	const scenario = {
		model: 'unionfs',
		layers: [{ name: 'base', entries: { '/etc/motd': 'hi\n' } }],
		upper: { name: 'upper', entries: {} },
		ops: Array.from({ length: 10_000 }, () => ({ op: 'stat', path: '/etc/motd' }))
	};
	await upload(page, 'many.json', JSON.stringify(scenario));
	await expect(layers(page).locator('.share [role="status"]')).toContainText(
		/Opened \S*many\.json\./,
		{
			timeout: 120_000
		}
	);
	const before = await snapshot(page);
	const input = layers(page).getByTestId('shell-input');
	await input.fill('cat /etc/motd');
	await input.press('Enter');
	// Said of the scenario, in words: the learner typed a command and never saw `ops: …`.
	await expect(layers(page).getByTestId('shell-message')).toHaveText(
		/Not run: The scenario has more than 10000 ops/
	);
	expect(await snapshot(page)).toEqual(before);
});

test('embed-resizer.js ignores resize messages from frames of another origin', async ({
	page,
	baseURL
}) => {
	await page.route('http://forger.test/frame.html', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<!doctype html><script>
				for (const height of [1234, 60, 900])
					parent.postMessage({ type: 'stepvisor', event: 'resize', animation: 'x', height }, '*');
			</script>`
		})
	);
	await page.route('**/__resizer-host.html', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<!doctype html><title>host</title>
				<script src="${baseURL}/embed-resizer.js"></script>
				<iframe id="forger" src="http://forger.test/frame.html" height="150"></iframe>
				<iframe id="real" src="${baseURL}/embed/system-call-path" height="150"></iframe>`
		})
	);
	await page.goto('/__resizer-host.html');
	// The real embed resizes its frame; the forger's frame keeps its height.
	await expect(page.locator('#real')).not.toHaveAttribute('height', '150');
	// A forged message from the host page itself names no iframe either.
	await page.evaluate(() =>
		window.postMessage({ type: 'stepvisor', event: 'resize', animation: 'x', height: 777 }, '*')
	);
	await page.waitForLoadState('networkidle');
	await expect(page.locator('#forger')).toHaveAttribute('height', '150');
	expect(await page.locator('#forger').evaluate((frame) => frame.style.height)).toBe('');
	expect(await page.locator('#real').getAttribute('height')).not.toBe('777');
});
