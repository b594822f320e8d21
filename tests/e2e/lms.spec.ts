/**
 * Stepvisor inside an LMS, as far as it can be tried here: the Common Cartridge's
 * links are served framable by any origin and work inside another origin's frame
 * (the framed lesson view), the full site stays unframable, every embed fits a
 * 784 px column with its controls in view, and an embed in a frame where it cannot
 * run says why and links to itself. The LMS is a second server on 127.0.0.2.
 */
import { commonCartridge, readLessons } from '../../src/lib/scorm/lms-package.js';
import { readAnimations } from '../../src/lib/content/lesson-index';
import { iframeSnippet } from '../../src/lib/embed/snippet';
import { startHost, lmsPage, type Host } from './cross-origin-host';
import { embedStarted, expect, test } from './fixtures';

/** The lessons' animations, from their manifests. */
const ANIMATION_INFO = readAnimations(process.cwd());

// Whole lessons in frames, and editors booting: slow on a loaded machine, not a speed test.
test.describe.configure({ timeout: 90_000 });

const lessons = readLessons('.');
let host: Host;

test.beforeAll(async () => {
	host = await startHost();
});
test.afterAll(async () => {
	await host.close();
});

function cartridgeLinks(base: string, version: '1.3' | '1.1'): string[] {
	const files = commonCartridge(lessons, base, version);
	return Object.entries(files)
		.filter(([name]) => name.startsWith('weblinks/'))
		.map(([, xml]) => /<url href="([^"]+)"/.exec(xml)?.[1] ?? '')
		.sort();
}

test('every cartridge link is served framable by any origin; the full site is not', async ({
	request,
	baseURL
}) => {
	const links = [...cartridgeLinks(baseURL!, '1.3'), ...cartridgeLinks(baseURL!, '1.1')];
	expect(links).toHaveLength(lessons.length * 2);
	for (const link of links) {
		const response = await request.get(link);
		expect(response.status(), link).toBe(200);
		expect(response.headers()['content-security-policy'], link).toBe('frame-ancestors *');
		expect(response.headers()['x-frame-options'], link).toBeUndefined();
	}
	for (const path of ['/', '/review', `/lessons/${lessons[0].slug}`]) {
		const response = await request.get(path);
		expect(response.headers()['content-security-policy'], path).toBe("frame-ancestors 'self'");
		expect(response.headers()['x-frame-options'], path).toBe('SAMEORIGIN');
	}
});

for (const lesson of lessons) {
	test(`lesson ${lesson.number}, framed by another origin, shows its lesson and steps its animations`, async ({
		page,
		baseURL
	}) => {
		const link = cartridgeLinks(baseURL!, '1.1').find((url) => url.endsWith(`/${lesson.slug}/`))!;
		// Moodle shows an imported link in its own page, in an iframe (Display: Embed).
		await page.goto(
			host.page(
				`/course/${lesson.slug}`,
				lmsPage(`<iframe src="${link}" title="${lesson.title}" width="784" height="900"></iframe>`)
			)
		);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
		// One main landmark holds the lesson: a screen reader jumps to it past the bar.
		await expect(frame.getByRole('main')).toHaveCount(1);
		await expect(frame.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(
			lesson.title
		);
		// The learner scrolls through the lesson in the frame: each part starts as it
		// comes near (a lab draws its player once started).
		const islands = frame.locator('[data-island]');
		for (let i = 0; i < (await islands.count()); i++) {
			await islands.nth(i).locator('> *').first().scrollIntoViewIfNeeded();
			await expect(islands.nth(i)).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
		}
		const players = frame.locator('.player');
		await expect(players.first()).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
		const count = await players.count();
		expect(count).toBeGreaterThan(0);
		for (let i = 0; i < count; i++) {
			const player = players.nth(i);
			await expect(player).toHaveAttribute('data-ready', 'true');
			const position = player.locator('.position').first();
			await expect(position).toHaveText(/^Step 0 of \d+$/);
			await player.getByRole('button', { name: 'Next step' }).first().click();
			await expect(position).toHaveText(/^Step 1 of \d+$/);
		}
		await expect(frame.getByTestId('frame-problem-scripts')).toBeHidden();
		await expect(frame.getByTestId('frame-problem-files')).toBeHidden();
		const open = frame.getByTestId('open-on-stepvisor');
		expect(new URL((await open.getAttribute('href'))!, link).href).toBe(
			`${baseURL}/lessons/${lesson.slug}/`
		);
		await expect(open).toHaveAttribute('target', '_blank');
		// Said, since it leaves the LMS's page for a new tab (WCAG technique G201).
		await expect(open).toHaveAccessibleName('Open on Stepvisor (opens in a new tab)');
		await expect(frame.getByTestId('not-kept')).toBeVisible();
		// Nothing of this page's site chrome, and no Embed button under its animations.
		await expect(frame.locator('.site-header, .site-footer')).toHaveCount(0);
		await expect(frame.getByRole('button', { name: 'Embed' })).toHaveCount(0);
		// The glossary cannot be framed: its links from the prose open a new tab.
		const glossary = frame.locator('.lesson-body a[href*="glossary"]').first();
		await expect(glossary).toHaveAttribute('target', '_blank');
	});
}

test('a framed lesson tells its host its height, as Canvas sizes a tool frame (lti.frameResize)', async ({
	page,
	baseURL
}) => {
	const link = cartridgeLinks(baseURL!, '1.3').find((url) => url.endsWith('/cgroups/'))!;
	await page.goto(
		host.page(
			'/course/resize',
			lmsPage(
				`<iframe src="${link}" title="Lesson" width="784" height="600"></iframe>` +
					`<script>window.heights = []; addEventListener('message', (event) => { try { const data = JSON.parse(event.data); if (data.subject === 'lti.frameResize') window.heights.push(data.height); } catch {} });</script>`
			)
		)
	);
	await expect(page.frameLocator('iframe').getByRole('heading', { level: 1 })).toBeVisible();
	// The whole lesson, far taller than the frame the LMS gave it.
	await expect
		.poll(() =>
			page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0)
		)
		.toBeGreaterThan(3000);
});

test('the framed lesson neither reads nor writes answers in storage', async ({ page }) => {
	// Answered on the site itself, the answer is kept...
	await page.goto('/lessons/system-call-path');
	const onSite = page.locator('form[data-question="native-getpid"]');
	await onSite.getByLabel('0', { exact: true }).check();
	await onSite.getByRole('button', { name: 'Check answer' }).click();
	await expect(onSite.locator('.explanation')).toContainText('Right.');
	const keys = () =>
		page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('stepvisor:')));
	const kept = await keys();
	expect(kept.some((key) => key.startsWith('stepvisor:answers:'))).toBe(true);
	await expect(page.getByTestId('selfcheck').locator('.progress')).toContainText(
		'Your answers stay in this browser.'
	);
	// ...but the framed view (same browser, same origin) does not show it,
	await page.goto('/framed/lessons/system-call-path');
	const framed = page.locator('form[data-question="native-getpid"]');
	await expect(framed.getByRole('button', { name: 'Check answer' })).toBeVisible();
	await expect(framed.getByText('Right.')).toHaveCount(0);
	await expect(page.getByTestId('not-kept')).toBeVisible();
	// nor does its self-check say that answers stay in the browser,
	await expect(page.getByTestId('selfcheck').locator('.progress')).toContainText(
		'Your answers are not kept once you leave this page.'
	);
	// and what is answered there is not written.
	await page.evaluate(() => localStorage.clear());
	await framed.getByLabel('1', { exact: true }).check();
	await framed.getByRole('button', { name: 'Check answer' }).click();
	await expect(framed.locator('.explanation')).toContainText('Not quite');
	expect(await keys()).toEqual([]);
});

for (const animation of ANIMATION_INFO) {
	test(`embed ${animation.id}: the snippet's height keeps its controls in view in a 784 px column`, async ({
		page,
		baseURL
	}) => {
		const snippet = iframeSnippet({
			src: `${baseURL}/embed/${animation.id}`,
			title: animation.title,
			width: animation.width,
			height: animation.height
		});
		await page.setViewportSize({ width: 1000, height: 2000 });
		await page.goto(host.page(`/fit/${animation.id}`, lmsPage(snippet)));
		const iframe = page.locator('iframe');
		expect(await iframe.evaluate((f) => f.getBoundingClientRect().width)).toBe(784);
		const player = await embedStarted(page.frameLocator('iframe'));
		// Where the controls are in the flow: in a frame too short they would stick to
		// its bottom edge (the next test), which says nothing about the snippet's height.
		await player.evaluate(() => {
			const style = document.createElement('style');
			style.textContent = '.player > .controls { position: static !important; }';
			document.head.append(style);
		});
		const lowest = await player
			.locator('.controls')
			.first()
			// From the top of the embed's page: the pointer that started it may have scrolled it.
			.evaluate((controls) => controls.getBoundingClientRect().bottom + window.scrollY);
		expect(lowest).toBeLessThanOrEqual(animation.height);
	});

	test(`embed ${animation.id} in a frame shorter than it keeps its controls at the frame's edge`, async ({
		page,
		baseURL
	}) => {
		// As a snippet pasted before the animation grew, or an LMS that shrinks frames.
		const height = 560;
		await page.setViewportSize({ width: 1000, height: 2000 });
		await page.goto(
			host.page(
				`/short/${animation.id}`,
				lmsPage(
					`<iframe src="${baseURL}/embed/${animation.id}" title="${animation.title}" width="784" height="${height}"></iframe>`
				)
			)
		);
		const player = await embedStarted(page.frameLocator('iframe'));
		const next = player.getByRole('button', { name: 'Next step' });
		const box = () =>
			next.evaluate((button) => {
				const { top, bottom } = button.getBoundingClientRect();
				return { top, bottom };
			});
		const inView = async () => {
			const { top, bottom } = await box();
			expect(top).toBeGreaterThanOrEqual(0);
			expect(bottom).toBeLessThanOrEqual(height);
		};
		await inView();
		await next.click();
		await expect(player).toHaveAttribute('data-step', '1');
		await inView();
		// Scrolled to the player's end inside the frame, then back: a lab's controls, which
		// come first, stay at its top edge, an animation's at its bottom edge.
		for (const end of ['end', 'start'] as const) {
			await player.evaluate((element, to) => {
				const bottom = element.getBoundingClientRect().bottom + window.scrollY;
				window.scrollTo({ top: to === 'end' ? bottom - innerHeight : 0, behavior: 'instant' });
			}, end);
			await inView();
		}
	});

	test(`embed ${animation.id} in a frame with sandbox="" says why it cannot run and links to itself`, async ({
		page,
		context,
		baseURL
	}) => {
		const src = `${baseURL}/embed/${animation.id}/`;
		await page.goto(
			host.page(
				`/sandboxed/${animation.id}`,
				lmsPage(
					`<iframe sandbox="" src="${src}" width="784" height="${animation.height}"></iframe>`
				)
			)
		);
		const frame = page.frameLocator('iframe');
		const message = frame.getByTestId('frame-problem-scripts');
		await expect(message).toBeVisible();
		await expect(message).toContainText(
			"This frame is sandboxed by the page's editor, so the animation cannot run."
		);
		await expect(frame.getByTestId('frame-problem-files')).toBeHidden();
		// The prerendered first frame is there beneath the message.
		await expect(frame.locator('.player svg').first()).toBeVisible();
		const link = message.getByTestId('frame-problem-link');
		expect(await link.getAttribute('target')).toBeNull();
		const href = new URL((await link.getAttribute('href'))!, src).href;
		expect(href).toBe(src);
		// Opened on its own (a new tab), it works.
		const tab = await context.newPage();
		await tab.goto(href);
		await embedStarted(tab);
		await expect(tab.getByTestId('frame-problem-scripts')).toBeHidden();
		await tab.close();
	});
}

test('an embed whose scripts run but cannot load its files (sandbox without allow-same-origin) says so', async ({
	page,
	baseURL
}) => {
	await page.goto(
		host.page(
			'/sandboxed-scripts',
			lmsPage(
				`<iframe sandbox="allow-scripts" src="${baseURL}/embed/system-call-path" width="784" height="800"></iframe>`
			)
		)
	);
	const frame = page.frameLocator('iframe');
	const message = frame.getByTestId('frame-problem-files');
	await expect(message).toBeVisible();
	await expect(message).toContainText('allow-same-origin');
	await expect(frame.getByTestId('frame-problem-scripts')).toBeHidden();
});

test('a framed lesson in a sandboxed frame says so too', async ({ page, baseURL }) => {
	await page.goto(
		host.page(
			'/sandboxed-lesson',
			lmsPage(
				`<iframe sandbox="" src="${baseURL}/framed/lessons/cgroups" width="784" height="900"></iframe>`
			)
		)
	);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByTestId('frame-problem-scripts')).toContainText(
		"This frame is sandboxed by the page's editor, so the lesson cannot run."
	);
});

test('the Embed panel gives a snippet that fills the column and the Moodle route', async ({
	page
}) => {
	await page.goto('/lessons/docker');
	await page.getByRole('button', { name: 'Embed' }).first().click();
	const snippet = await page.locator('textarea').first().inputValue();
	const id = /\/embed\/([a-z-]+)/.exec(snippet)?.[1];
	const animation = ANIMATION_INFO.find((one) => one.id === id)!;
	expect(snippet).toContain(`height="${animation.height}"`);
	expect(snippet).toContain('width:100%');
	const moodle = page.getByTestId('embed-moodle').first();
	await expect(moodle).toContainText('sandbox=""');
	await expect(moodle).toContainText('URL');
	await expect(moodle).toContainText('Display to Embed');
});
