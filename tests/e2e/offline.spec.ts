/**
 * Offline (issue 15): after a first visit, the service worker (Workbox, written
 * after the build by scripts/service-worker.js) has precached the site, so with
 * the network off other lessons, embeds, the review page and built-in scenarios
 * load and step. The site installs: a web manifest with icons and colours.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lmsPage, startHost } from './cross-origin-host';
import { expect, test, type Page } from './fixtures';

test.use({ serviceWorkers: 'allow' });

/** Waits for the worker to install (every file precached), then reloads until it controls the page. */
async function untilWorkerControls(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
}

test('after one visit, the site works with the network off', async ({ page, context }) => {
	await page.goto('/');
	// The worker installs once every file is precached, then controls the next loads.
	await untilWorkerControls(page);

	await context.setOffline(true);
	expect(
		await page.evaluate(() =>
			fetch('/').then(
				() => 'online',
				() => 'offline'
			)
		)
	).toBe('online');
	// A lesson never visited, with a step in its address, by an older address without its
	// slash (a bookmark, an LMS link): the worker sends it to the page's folder, as the
	// host would, and it loads and steps.
	await page.goto('/lessons/pid-namespaces?step=2');
	await expect(page).toHaveURL(/\/lessons\/pid-namespaces\/\?step=2$/);
	const player = page.locator('.player').first();
	await expect(player).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
	await expect(player).toHaveAttribute('data-step', '2');
	await player.getByRole('button', { name: 'Next step' }).click();
	await expect(player).toHaveAttribute('data-step', '3');
	// An embed and the review page.
	await page.goto('/embed/layers');
	await expect(page.locator('.player').first()).toHaveAttribute('data-ready', 'true', {
		timeout: 15_000
	});
	await page.goto('/review/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// A built-in scenario file, as an instructor downloads it.
	const scenario = await page.evaluate(() =>
		fetch('/scenarios/cgroups/cpu-quota.json').then((response) => response.json())
	);
	expect(scenario.model).toBe('cgroups');
	// Something that was never on the site is still missing, not an old page.
	expect(
		await page.evaluate(() =>
			fetch('/nowhere.json').then(
				(r) => r.status,
				() => 0
			)
		)
	).toBe(0);
	await context.setOffline(false);
});

test('the site installs: a web manifest with its name, colours and icons', async ({ page }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(href!, page.url()).href;
	const manifest = await page.evaluate((url) => fetch(url).then((r) => r.json()), manifestUrl);
	expect(manifest).toMatchObject({ short_name: 'Stepvisor', display: 'standalone' });
	const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons as { src: string; type: string }[]) {
		const response = await page.request.get(new URL(icon.src, manifestUrl).href);
		expect(response.ok(), icon.src).toBe(true);
		expect(response.headers()['content-type']).toContain(icon.type.split('+')[0]);
	}
	// Its addresses are relative to the manifest, so a site in a folder (a GitHub Pages
	// project site) installs as that folder, inside its worker's scope, with its icons.
	const inFolder = 'https://host.example/stepvisor/manifest.webmanifest';
	for (const address of [
		manifest.start_url,
		manifest.scope,
		...manifest.icons.map((i: { src: string }) => i.src)
	])
		expect(new URL(address, inFolder).href, address).toMatch(
			/^https:\/\/host\.example\/stepvisor\//
		);
	expect(new URL(manifest.start_url, manifestUrl).href).toBe(new URL('/', page.url()).href);
});

test('a site whose sw.js is gone retires its worker; offline, the worker stays', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	// A deployment of its own, so that its sw.js can be taken away.
	const dir = mkdtempSync(join(tmpdir(), 'stepvisor-retire-'));
	cpSync(process.env.STEPVISOR_BUILD_DIR ?? 'build', dir, { recursive: true });
	const server = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, STEPVISOR_BUILD_DIR: dir, PORT: '0', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	// A test that times out may never reach `finally`: the server goes with the worker.
	const stop = () => server.kill();
	process.once('exit', stop);
	try {
		const origin = await new Promise<string>((done, fail) => {
			let text = '';
			server.stdout!.on('data', (chunk: Buffer) => {
				text += chunk.toString();
				const match = /http:\/\/\S+\//.exec(text);
				if (match) done(match[0]);
			});
			server.on('exit', (code) => fail(new Error(`serve.js exited with ${code}`)));
		});
		const workerState = () =>
			page.evaluate(async () => ({
				registrations: (await navigator.serviceWorker.getRegistrations()).length,
				caches: (await caches.keys()).filter((name) => name.startsWith('workbox-')).length
			}));
		/** Reloads; resolves with the status of the page's check of sw.js (0: no answer). */
		const reloadAndCheck = async () => {
			const check = new Promise<number>((done) => {
				const finished = async (request: import('@playwright/test').Request) => {
					if (request.method() !== 'HEAD' || request.url() !== `${origin}sw.js`) return;
					page.off('requestfinished', finished);
					page.off('requestfailed', finished);
					done((await request.response())?.status() ?? 0);
				};
				page.on('requestfinished', finished);
				page.on('requestfailed', finished);
			});
			await page.reload();
			return check;
		};

		await page.goto(`${origin}lessons/cgroups`);
		await untilWorkerControls(page);
		expect(await workerState()).toEqual({ registrations: 1, caches: 1 });

		// Offline, the check fails to reach the host: that says nothing, the worker stays.
		await context.setOffline(true);
		expect(await reloadAndCheck()).toBe(0);
		await expect(page.locator('h1')).toContainText('cgroups');
		expect(await workerState()).toEqual({ registrations: 1, caches: 1 });
		await context.setOffline(false);

		// The host no longer has a worker: the next visit retires the old one and its cache.
		rmSync(join(dir, 'sw.js'));
		expect(await reloadAndCheck()).toBe(404);
		await expect.poll(workerState).toEqual({ registrations: 0, caches: 0 });
	} finally {
		await context.setOffline(false);
		stop();
		process.off('exit', stop);
		rmSync(dir, { recursive: true, force: true });
	}
});

test('an embed in another site’s frame works with workers allowed, even where the frame may not register one', async ({
	page,
	baseURL
}) => {
	const host = await startHost();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	try {
		const snippet = (attributes: string) =>
			lmsPage(
				`<iframe src="${baseURL}/embed/pid-namespaces" title="PID namespaces" width="784" height="880" ${attributes}></iframe>`
			);
		// Workers are allowed in this browser (the LMS tests run with them blocked).
		await page.goto(host.page('/plain', snippet('')));
		const frame = page.frameLocator('iframe');
		// The learner's first click starts the embed, and is done once it runs.
		await frame.locator('.player').first().getByRole('button', { name: 'Next step' }).click();
		await expect(frame.locator('.player').first()).toHaveAttribute('data-step', '1');
		// Chromium refuses service workers to a frame of another site here (third-party
		// storage): registration fails, and the embed works as it did, with no error shown.
		const embed = page.frames().find((f) => f.url().includes('/embed/pid-namespaces'))!;
		const registration = await embed.evaluate(() =>
			navigator.serviceWorker.getRegistration().then(
				(found) => (found ? 'registered' : 'none'),
				() => 'refused'
			)
		);
		// (If a browser allowed it here, this test would no longer try the refused case.)
		expect(registration).toBe('refused');
		expect(errors).toEqual([]);
	} finally {
		await host.close();
	}
});
