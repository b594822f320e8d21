/**
 * A lesson's prose is prerendered and never hydrated; its animations, labs and
 * self-checks are islands, hydrated one by one (src/lib/content/islands.ts). A
 * built lesson runs no router (src/lib/content/lesson-boot.ts): a link to another
 * lesson loads it as a page.
 */
import { readFile } from 'node:fs/promises';
import { test as plain } from '@playwright/test';
import { expect, loadedScripts, test, type Page } from './fixtures';
import { lessonFolder } from '../../src/lib/content/lesson-index';

// The offline worker would fetch every lesson's scripts, prose and all.
test.use({ serviceWorkers: 'block' });

test.describe('lesson islands', () => {
	test('the prose stays the server’s, its islands work, and no script carries the prose', async ({
		page
	}) => {
		const scripts: string[] = [];
		const scriptUrls: string[] = [];
		page.on('response', async (response) => {
			if (response.request().resourceType() !== 'script') return;
			scriptUrls.push(new URL(response.url()).pathname);
			scripts.push(await response.text());
		});
		await page.goto('/lessons/vms-and-containers');
		const prose = page.locator('.lesson-body > p').first();
		await expect(prose).toContainText('A server can run many programs');
		await expect(page.locator('[data-island]')).toHaveCount(2);
		// The page's own script, and not SvelteKit's start or router.
		expect(scriptUrls).toContain('/_app/lesson-boot.js');
		expect(scriptUrls.filter((url) => url.includes('/_app/immutable/entry/'))).toEqual([]);
		// The island works: its buttons step.
		const player = page.locator('.player').first();
		await player.getByRole('button', { name: 'Next step' }).click();
		await expect(player.locator('.position')).toHaveText('Step 1 of 9');
		// The self-check island too: choosing an answer enables its button.
		const check = page.getByTestId('selfcheck').first();
		await check.getByRole('radio').first().check();
		await expect(check.getByRole('button', { name: 'Check answer' }).first()).toBeEnabled();
		// A sentence from the prose, in none of the page's scripts.
		expect(scripts.length).toBeGreaterThan(0);
		for (const script of scripts) expect(script).not.toContain('two broad ways to fence them off');
	});

	test('a self-check’s questions travel once: in its markup, not again beside it', async ({
		page,
		request
	}) => {
		const html = await (await request.get('/lessons/vms-and-containers')).text();
		const prompt = 'Which job falls to the hypervisor you add?';
		expect(html.split(prompt).length - 1).toBe(1);
		const folder = lessonFolder('.', 'vms-and-containers');
		expect(html).toContain(
			`data-refs="{&quot;questions&quot;:&quot;/content/lessons/${folder}/questions#questions&quot;}"`
		);
		// Loaded when the part starts: every question, and its explanation once answered.
		await page.goto('/lessons/vms-and-containers');
		const check = page.getByTestId('selfcheck').first();
		await check.scrollIntoViewIfNeeded();
		await check.getByRole('radio').first().check();
		await check.getByRole('button', { name: 'Check answer' }).first().click();
		await expect(check.locator('.explanation').first()).toBeVisible();
	});

	test('the pager loads the next lesson as a page, with working islands, and Back returns', async ({
		page
	}) => {
		await page.goto('/lessons/vms-and-containers');
		const first = page.locator('.player').first();
		await first.getByRole('button', { name: 'Next step' }).click();
		await expect(first.locator('.position')).toHaveText('Step 1 of 9');
		await expect(page).toHaveURL(/\?step=1$/);
		await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link').last().click();
		await expect(page).toHaveURL(/\/lessons\/system-call-path\/(\?|$)/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('The system-call path');
		// Only the new lesson's prose and parts are on the page.
		await expect(page.getByText('two broad ways to fence them off')).toHaveCount(0);
		await expect(page.locator('.lesson-body')).toHaveCount(1);
		await expect(page.locator('[data-island]')).toHaveCount(3);
		const player = page.locator('.player').first();
		await player.scrollIntoViewIfNeeded();
		await expect(player).toHaveAttribute('data-ready', 'true');
		await player.getByRole('button', { name: 'Next step' }).click();
		await expect(player.locator('.position')).toHaveText(/^Step 1 of/);
		// Back at once, while that step is still waiting to be written into the address:
		// it must not land in the address of the page before.
		await page.goBack();
		await expect(page).toHaveURL(/\/lessons\/vms-and-containers\/\?step=1$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Virtual machines and containers'
		);
		const again = page.locator('.player').first();
		await again.scrollIntoViewIfNeeded();
		await expect(again).toHaveAttribute('data-ready', 'true');
		await expect(again.locator('.position')).toHaveText('Step 1 of 9');
		await again.getByRole('button', { name: 'Next step' }).click();
		await expect(again.locator('.position')).toHaveText('Step 2 of 9');
		await expect(page.locator('.player')).toHaveCount(1);
	});
});

/**
 * These open pages without the fixtures' wait, which starts every island at
 * once: here the islands are left to start as a learner reaches them.
 */
plain.describe('lesson islands start on screen, or near it once the reader scrolls', () => {
	plain.use({ serviceWorkers: 'block', viewport: { width: 1280, height: 720 } });

	/** Holds every script the page asks for from now on `ms` milliseconds. */
	const slowScripts = (page: Page, ms: number) =>
		page.route('**/_app/immutable/**/*.js', async (route) => {
			await new Promise((resolve) => setTimeout(resolve, ms));
			await route.continue();
		});

	/**
	 * The two-stacks lesson on a screen so short that its animation starts below
	 * it, not started, with its scripts from now on held back for 0.8 s.
	 */
	async function openWithPlayerBelow(page: Page) {
		await page.setViewportSize({ width: 1280, height: 160 });
		await page.goto('/lessons/vms-and-containers');
		await page.waitForLoadState('networkidle');
		const island = page.locator('[data-island$="StacksPlayer.svelte"]');
		await expect(island).not.toHaveAttribute('data-hydrated');
		await slowScripts(page, 800);
		return { island, player: page.locator('.player').first() };
	}

	plain('an island far down the page loads its code only when scrolled to', async ({ page }) => {
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(request.url());
		});
		await page.goto('/lessons/cgroups');
		await page.waitForLoadState('networkidle');
		const lab = page.locator('[data-island$="CgroupsLab.svelte"]');
		await expect(lab).toHaveCount(1);
		// The lab is two screens down: the page has started and stays without it.
		await page.waitForTimeout(500);
		await expect(lab).not.toHaveAttribute('data-hydrated');
		const before = scripts.length;
		await page.getByTestId('cgroups-lab').scrollIntoViewIfNeeded();
		await expect(lab).toHaveAttribute('data-hydrated', 'true');
		expect(scripts.length).toBeGreaterThan(before);
		await expect(page.getByTestId('cgroups-lab').locator('.player')).toHaveAttribute(
			'data-ready',
			'true'
		);
	});

	plain(
		'an island just below the screen waits for the reader to scroll, then starts before it is on screen',
		async ({ page }) => {
			await page.goto('/lessons/layers');
			await page.waitForLoadState('networkidle');
			const lab = page.locator('[data-island$="UnionfsLab.svelte"]');
			const topOfLab = () =>
				lab.evaluate((island) => island.firstElementChild!.getBoundingClientRect().top);
			const top = await topOfLab();
			// Below the 720 px screen, within half a screen of it.
			expect(top).toBeGreaterThan(720 + 60);
			expect(top).toBeLessThan(720 * 1.5);
			await page.waitForTimeout(500);
			await expect(lab).not.toHaveAttribute('data-hydrated');
			await page.mouse.wheel(0, 40);
			await expect(lab).toHaveAttribute('data-hydrated', 'true');
			// Started while still below the screen.
			expect(await topOfLab()).toBeGreaterThan(720);
		}
	);

	plain(
		'a lab whose choices are on the first screen and its animation below waits, and starts when pointed at',
		async ({ page }) => {
			const scripts: string[] = [];
			page.on('request', (request) => {
				if (request.resourceType() === 'script') scripts.push(request.url());
			});
			await page.goto('/lessons/system-call-path');
			await page.waitForLoadState('networkidle');
			const lab = page.locator('[data-island$="SyscallCompare.svelte"]').first();
			const [labTop, playerTop] = await lab.evaluate((island) => [
				island.firstElementChild!.getBoundingClientRect().top,
				island.querySelector('.player')!.getBoundingClientRect().top
			]);
			expect(labTop).toBeLessThan(720);
			expect(playerTop).toBeGreaterThan(720);
			await page.waitForTimeout(500);
			await expect(lab).not.toHaveAttribute('data-hydrated');
			const before = scripts.length;
			const left = lab.getByTestId('left-platform');
			await left.hover();
			await expect(lab).toHaveAttribute('data-hydrated', 'true');
			expect(scripts.length).toBeGreaterThan(before);
			// The served choice is the running lab's: choosing works as it always did.
			await left.selectOption('vm-hardware');
			await expect(page).toHaveURL(/left=vm-hardware/);
		}
	);

	plain(
		'opened from a link with choices, a lab whose choices are on screen starts and shows them',
		async ({ page }) => {
			await page.goto('/lessons/system-call-path?left=vm-hardware&call=write');
			const lab = page.locator('[data-island$="SyscallCompare.svelte"]').first();
			// The served choices are the defaults: left waiting, they would contradict the link.
			await expect(lab).toHaveAttribute('data-hydrated', 'true');
			await expect(lab.getByTestId('left-platform')).toHaveValue('vm-hardware');
			await expect(lab.getByTestId('syscall')).toHaveValue('write');
		}
	);

	plain('a lab reached with Tab starts, and its choice is kept', async ({ page }) => {
		await page.goto('/lessons/system-call-path');
		await page.waitForLoadState('networkidle');
		const lab = page.locator('[data-island$="SyscallCompare.svelte"]').first();
		await expect(lab).not.toHaveAttribute('data-hydrated');
		await lab.getByTestId('syscall').focus();
		await expect(lab).toHaveAttribute('data-hydrated', 'true');
		await lab.getByTestId('syscall').selectOption('write');
		await expect(page).toHaveURL(/call=write/);
	});

	plain(
		'a framed lesson as tall as its content starts what is near its host’s screen',
		async ({ page }) => {
			// An LMS that sizes the frame to the lesson: its page scrolls, never the frame's.
			await page.goto('/');
			await page.evaluate(() => {
				document.body.innerHTML =
					'<iframe src="/framed/lessons/layers" style="width: 1000px; height: 6000px; border: 0"></iframe>';
			});
			const framed = page.frameLocator('iframe');
			const lab = framed.locator('[data-island$="UnionfsLab.svelte"]');
			await expect(lab).toHaveCount(1);
			const top = await lab.evaluate(
				(island) => island.firstElementChild!.getBoundingClientRect().top
			);
			expect(top).toBeGreaterThan(720);
			expect(top).toBeLessThan(720 * 1.5);
			await expect(lab).toHaveAttribute('data-hydrated', 'true');
		}
	);

	plain(
		'a click on an island that has not started is given to it once it has',
		async ({ page }) => {
			const { island, player } = await openWithPlayerBelow(page);
			// Playwright scrolls the button into view and clicks at once, long before the
			// player's code arrives.
			await player.getByRole('button', { name: 'Next step' }).click();
			await expect(island).not.toHaveAttribute('data-hydrated');
			await expect(player).toHaveAttribute('data-ready', 'true');
			await expect(player.locator('.position')).toHaveText('Step 1 of 9');
		}
	);

	plain('a step key pressed before a player has started steps it once it has', async ({ page }) => {
		const { island, player } = await openWithPlayerBelow(page);
		await player.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(island).not.toHaveAttribute('data-hydrated');
		await expect(player).toHaveAttribute('data-ready', 'true');
		await expect(player.locator('.position')).toHaveText('Step 2 of 9');
		await expect(player).toBeFocused();
	});

	test('a lab loads the link codec, the file reader and the worker’s runner only when it needs them', async ({
		page,
		context
	}) => {
		const scripts = loadedScripts(page);
		// A string of each: the link codec, the sliced JSON reader, the off-thread runner.
		const CODEC = 'is too long to open';
		const READER = 'Expected a property name';
		const RUNNER = 'the simulation stopped unexpectedly';

		await page.goto('/lessons/layers');
		const lab = page.getByTestId('unionfs-lab');
		await lab.scrollIntoViewIfNeeded();
		await expect(lab.locator('.player')).toHaveAttribute('data-ready', 'true');
		await page.waitForLoadState('networkidle');
		let code = await scripts.text();
		expect(code).toContain('Copy share link');
		for (const part of [CODEC, READER, RUNNER]) expect(code).not.toContain(part);

		// Opening a file reads it in slices; sharing writes a link. A small scenario
		// is still simulated on the page.
		await lab.locator('input[type="file"]').setInputFiles({
			name: 'lookup.json',
			mimeType: 'application/json',
			buffer: await readFile('static/scenarios/unionfs/lookup.json')
		});
		await expect(lab.getByText('Opened lookup.json.')).toBeVisible();
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await lab.getByRole('button', { name: 'Copy share link' }).click();
		await expect(lab.getByText('Link copied.')).toBeVisible();
		await page.waitForLoadState('networkidle');
		code = await scripts.text();
		expect(code).toContain(CODEC);
		expect(code).toContain(READER);
		expect(code).not.toContain(RUNNER);
	});
});
