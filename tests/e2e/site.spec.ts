import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAnimations, indexLessons } from '../../src/lib/content/lesson-index';
import { expect, playersReady, test } from './fixtures';

const readLessons = () => indexLessons(process.cwd());

test('home lists the lessons in order with a picture each', async ({ page }) => {
	await page.goto('/');
	const cards = page.locator('.lessons .card');
	await expect(cards.first()).toContainText('Virtual machines and containers');
	await expect(cards.nth(1)).toContainText('The system-call path');
	for (const image of await page.locator('.lessons img').all()) {
		expect(
			await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
		).toBe(true);
	}
});

test('a lesson has a table of contents and previous/next links', async ({ page }) => {
	await page.goto('/lessons/system-call-path');
	const toc = page.getByRole('navigation', { name: 'On this page' });
	await toc.getByRole('link', { name: 'The container path' }).click();
	await expect(page).toHaveURL(/#the-container-path$/);
	await page
		.getByRole('link', { name: /Virtual machines and containers/ })
		.last()
		.click();
	await expect(page.locator('h1')).toHaveText('Virtual machines and containers');
});

test('an unknown address, however deep, shows the 404 page with working links', async ({
	page
}) => {
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	const response = await page.goto('/lessons/no/such/page');
	expect(response?.status()).toBe(404);
	await expect(page.locator('h1')).toHaveText('Page not found');
	// The site's header, its picture and its theme menu work at this depth (the lesson
	// pages' script runs), and no router starts to render the missing page.
	expect(
		await page
			.locator('.site-header img')
			.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
	).toBe(true);
	await page.getByTestId('theme').selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	expect(scripts.some((path) => path.startsWith('/_app/lesson-boot.js'))).toBe(true);
	expect(scripts.filter((path) => /\/_app\/immutable\/(entry|nodes)\//.test(path))).toEqual([]);
	// Every lesson, in order, each link to its page.
	const lessons = page.getByRole('list').filter({ hasText: 'Virtual machines and containers' });
	const hrefs = await lessons
		.getByRole('link')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	expect(hrefs).toEqual(readLessons().map((lesson) => `/lessons/${lesson.slug}/`));
	for (const href of hrefs) expect((await page.request.get(href)).status(), href).toBe(200);
	await lessons.getByRole('link', { name: 'Docker', exact: true }).click();
	await expect(page.locator('h1')).toHaveText('Docker');
	await playersReady(page);
	await page.goBack();
	await page.getByRole('link', { name: 'Go to the home page' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.locator('.lessons .card').first()).toBeVisible();
});

test('the theme can be pinned, and the projector theme is high contrast', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('theme').selectOption('projector');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
	const colors = await page.evaluate(() => {
		const style = getComputedStyle(document.documentElement);
		return [style.color, style.backgroundColor];
	});
	expect(colors).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
});

test('no cookies and no requests to other hosts, on any page or embed', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const hosts = new Set<string>();
	page.on('request', (request) => hosts.add(new URL(request.url()).host));
	await page.goto('/');
	const lessons = await page
		.locator('.lessons a.card')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	const embeds = readAnimations(process.cwd()).map((animation) => `/embed/${animation.id}`);
	expect(lessons.length).toBeGreaterThanOrEqual(7);
	expect(embeds.length).toBeGreaterThanOrEqual(8);
	for (const path of ['/', '/review', '/embed-demo.html', ...lessons, ...embeds]) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		// Step once so any lazily loaded code is fetched too.
		const player = page.locator('.player').first();
		if (await player.count()) {
			await player.focus();
			await page.keyboard.press('ArrowRight');
		}
	}
	expect([...hosts]).toEqual([new URL(page.url()).host]);
	expect(await context.cookies()).toEqual([]);
});

/**
 * The site as a GitHub Pages project site serves it, from a folder: this proxy
 * answers /stepvisor/… with the site's /… and nothing outside the folder.
 */
async function inFolder(site: string, folder: string) {
	const server = createServer(async (request, response) => {
		const path = request.url ?? '/';
		if (!path.startsWith(`${folder}/`)) {
			response.statusCode = 404;
			response.end('outside the folder');
			return;
		}
		const answer = await fetch(site + path.slice(folder.length), { redirect: 'manual' });
		response.statusCode = answer.status;
		for (const name of ['content-type', 'content-security-policy'])
			if (answer.headers.has(name)) response.setHeader(name, answer.headers.get(name)!);
		// A redirect (/lessons/x to /lessons/x/) stays in the folder, as the host's own does.
		const location = answer.headers.get('location');
		if (location)
			response.setHeader('location', location.startsWith('/') ? folder + location : location);
		response.end(Buffer.from(await answer.arrayBuffer()));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${folder}`,
		close: () => new Promise<void>((done) => server.close(() => done()))
	};
}

test('in a folder, a lesson’s links to the glossary, lessons and scenario files stay in it', async ({
	page,
	baseURL
}) => {
	const folder = await inFolder(baseURL!, '/stepvisor');
	try {
		// Glossary links on every lesson; the Markdown's own links in lessons 1 and 2.
		for (const path of [
			'/lessons/vms-and-containers',
			'/framed/lessons/vms-and-containers',
			'/lessons/system-call-path',
			'/framed/lessons/system-call-path'
		]) {
			await page.goto(folder.url + path);
			const links = await page
				.locator('.lesson-body a[href]:not([href^="#"])')
				.evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
			expect(
				links.some((link) => link.includes('/glossary/#')),
				path
			).toBe(true);
			if (path.endsWith('system-call-path'))
				expect(
					links.filter((link) => link.endsWith('.json')),
					path
				).toHaveLength(5);
			else expect(links, path).toContain(`${folder.url}/lessons/system-call-path/`);
			for (const link of new Set(links.map((link) => link.split('#')[0]))) {
				expect(link.startsWith(`${folder.url}/`), `${path}: ${link}`).toBe(true);
				expect((await page.request.get(link)).status(), `${path}: ${link}`).toBe(200);
			}
		}
	} finally {
		await folder.close();
	}
});

test('the lesson and embed pages ask for their script by the build’s version', async ({ page }) => {
	const { version } = await (await page.request.get('/_app/version.json')).json();
	expect(version).toMatch(/\S/);
	for (const [path, script] of [
		['/lessons/cgroups', 'lesson-boot.js'],
		['/framed/lessons/cgroups', 'lesson-boot.js'],
		['/embed/layers', 'embed-boot.js']
	]) {
		const requested = page.waitForRequest((request) => request.url().includes(`/${script}`));
		await page.goto(path);
		// A new deployment's page never meets an older build's script kept by the browser.
		expect(new URL((await requested).url()).search, path).toBe(`?v=${version}`);
	}
});

test('the build carries .nojekyll, so a GitHub Pages branch keeps _app/', async ({ page }) => {
	const response = await page.request.get('/.nojekyll');
	expect(response.status()).toBe(200);
	expect(await response.text()).toBe('');
});

test('the lessons’ pictures on the home page follow the theme menu, not only the system’s', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/');
	const pictures = page.locator('.lessons img');
	expect(await pictures.count()).toBeGreaterThanOrEqual(7);
	/** The mean brightness (0–255) of each picture as drawn on the screen. */
	const brightness = async () => {
		const means: number[] = [];
		for (const picture of await pictures.all()) {
			await picture.scrollIntoViewIfNeeded();
			await expect
				.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
				.toBeGreaterThan(0);
			const shot = (await picture.screenshot()).toString('base64');
			means.push(
				await page.evaluate(async (png) => {
					const image = new Image();
					image.src = `data:image/png;base64,${png}`;
					await image.decode();
					const canvas = document.createElement('canvas');
					canvas.width = image.width;
					canvas.height = image.height;
					const context = canvas.getContext('2d')!;
					context.drawImage(image, 0, 0);
					const { data } = context.getImageData(0, 0, image.width, image.height);
					let sum = 0;
					for (let i = 0; i < data.length; i += 4) sum += (data[i] + data[i + 1] + data[i + 2]) / 3;
					return sum / (data.length / 4);
				}, shot)
			);
		}
		return means;
	};
	for (const mean of await brightness()) expect(mean).toBeGreaterThan(160);
	await page.getByTestId('theme').selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	for (const mean of await brightness()) expect(mean).toBeLessThan(90);
	await page.getByTestId('theme').selectOption('projector');
	for (const mean of await brightness()) expect(mean).toBeGreaterThan(160);
});
