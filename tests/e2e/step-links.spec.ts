/**
 * A link to a step of a lesson's player (`?step=30`, `?io-step=6`, `?ask-step=2`:
 * each player has its own key) lands on that player and starts it at once
 * (src/lib/content/islands.ts); "Open the embed" carries the site's theme
 * (src/lib/embed/EmbedPanel.svelte). A lecturer's projector: audit-lecture D7, D8.
 */
import { test as plain, type Page } from '@playwright/test';
import { expect, playersReady, test } from './fixtures';

// The offline worker would answer the page's requests.
plain.use({ serviceWorkers: 'block', viewport: { width: 1366, height: 768 } });

/**
 * Every position the page was scrolled to, from its start: a smooth scroll passes
 * through others on its way.
 */
async function recordScrolls(page: Page) {
	await page.addInitScript(() => {
		const positions: number[] = [];
		(window as unknown as { __scrolls: number[] }).__scrolls = positions;
		addEventListener('scroll', () => positions.push(Math.round(scrollY)));
	});
}

const scrolls = (page: Page) =>
	page.evaluate(() => (window as unknown as { __scrolls: number[] }).__scrolls);

/** Where a player's top is in the window, and the step it shows. */
const playerAt = (page: Page, index: number) =>
	page
		.locator('.player')
		.nth(index)
		.evaluate((player: HTMLElement) => ({
			top: Math.round(player.getBoundingClientRect().top) || 0,
			step: player.dataset.step,
			ready: player.dataset.ready
		}));

const LINKS = [
	// [link, which player on the page, its step]
	['/lessons/cgroups?step=30', 0, '30'],
	['/lessons/docker?step=7', 0, '7'],
	['/lessons/system-call-path?io-step=6', 1, '6'],
	['/lessons/system-call-path?left=vm-paravirt&right=container&call=write&step=3', 0, '3'],
	['/lessons/namespaces?ask-step=2', 0, '2'],
	['/lessons/namespaces?step=20', 1, '20'],
	// Served without a player (a placeholder until its scenario is read).
	['/lessons/pid-namespaces?step=12', 0, '12'],
	['/lessons/layers?step=15', 0, '15']
] as const;

for (const [link, index, step] of LINKS) {
	plain(`${link} opens with that player at the top of the window, at once`, async ({ page }) => {
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await recordScrolls(page);
		await page.goto(link);
		await expect.poll(() => playerAt(page, index)).toEqual({ top: 0, step, ready: 'true' });
		// And stays there once the lab has drawn itself (a lab served as a placeholder
		// grows by 550 px when it starts, and the page jumped past it).
		await page.waitForTimeout(500);
		expect(await playerAt(page, index)).toEqual({ top: 0, step, ready: 'true' });
		// Scrolled at once, never smoothly: no positions on the way (a lab served as a
		// placeholder is put where its placeholder was, a few px off).
		const final = await page.evaluate(() => Math.round(scrollY));
		expect(final).toBeGreaterThan(300);
		const positions = new Set(await scrolls(page));
		expect(positions.has(final)).toBe(true);
		expect(positions.size).toBeLessThanOrEqual(2);
	});
}

/**
 * Records, at every frame the page draws from its start, what the player `index` shows:
 * its step, whether its narration is visible, and what stands in the narration's place.
 */
async function recordFrames(page: Page, index: number) {
	await page.addInitScript((index) => {
		const frames: {
			step?: string;
			ready?: string;
			parsed: boolean;
			narration: boolean;
			note: string;
		}[] = [];
		(window as unknown as { __frames: typeof frames }).__frames = frames;
		const look = () => {
			const player = document.querySelectorAll<HTMLElement>('.player')[index];
			const narration = player?.querySelector('.narration-box > .narration');
			if (player && narration) {
				const note = getComputedStyle(player.querySelector('.narration-box')!, '::before');
				frames.push({
					step: player.dataset.step,
					ready: player.dataset.ready,
					parsed: document.readyState !== 'loading',
					narration: getComputedStyle(narration).visibility === 'visible',
					note: note.content === 'none' || note.content === 'normal' ? '' : note.content
				});
			}
			requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	}, index);
}

const frames = (page: Page) =>
	page.evaluate(
		() =>
			(
				window as unknown as {
					__frames: {
						step?: string;
						ready?: string;
						parsed: boolean;
						narration: boolean;
						note: string;
					}[];
				}
			).__frames
	);

/** Holds back every module a lesson's parts load (not the page's own script) by `ms`. */
async function slowNetwork(page: Page, ms: number) {
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, ms));
		await route.continue();
	});
}

for (const [link, index, step] of [
	['/lessons/cgroups?step=30', 0, '30'],
	['/lessons/system-call-path?io-step=6', 1, '6'],
	['/lessons/namespaces?ask-step=2', 0, '2']
] as const) {
	plain(
		`on a slow network, ${link} never shows the first step as the link’s: it says it is loading step ${step}`,
		async ({ page }) => {
			await recordFrames(page, index);
			await slowNetwork(page, 1_500);
			await page.goto(link, { waitUntil: 'domcontentloaded' });
			const player = page.locator('.player').nth(index);
			await expect(player).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
			await expect(player).toHaveAttribute('data-step', step);
			await expect(player.locator('.narration-box > .narration')).toBeVisible();
			const seen = await frames(page);
			// While its code loaded (1.5 s or more), the served first step's narration was
			// never shown: "Loading step N…" stood in its place, and the picture was hidden.
			const waiting = seen.filter((frame) => frame.ready !== 'true');
			expect(waiting.length).toBeGreaterThan(10);
			expect(waiting.filter((frame) => frame.narration)).toEqual([]);
			// Once the page is parsed (before, which player the link is for is not known yet
			// and every player's step is hidden without a word: src/app.html).
			const parsed = waiting.filter((frame) => frame.parsed);
			expect(parsed.length).toBeGreaterThan(10);
			expect(new Set(parsed.map((frame) => frame.note))).toEqual(
				new Set([`"Loading step ${step}…"`])
			);
			// From the first frame it was ready on, the link's step, and no note.
			const shown = seen.filter((frame) => frame.narration);
			expect(shown.length).toBeGreaterThan(0);
			expect(shown.every((frame) => frame.step === step && frame.note === '')).toBe(true);
			await expect(player.locator('.stage')).toBeVisible();
			await expect(player.locator('.controls .position')).toHaveText(
				new RegExp(`^Step ${step} of`)
			);
		}
	);
}

plain(
	'on a slow network, a lesson opened without a step, at step 0 or with a bad step shows its served first step at once',
	async ({ page }) => {
		await slowNetwork(page, 1_500);
		for (const link of ['/lessons/cgroups', '/lessons/cgroups?step=0', '/lessons/cgroups?step=x']) {
			await page.goto(link, { waitUntil: 'domcontentloaded' });
			const player = page.locator('.player').first();
			await expect(player).toHaveAttribute('data-ready', 'false');
			await expect(player.locator('.narration-box > .narration'), link).toBeVisible();
			await expect(player.locator('.stage'), link).toBeVisible();
			expect(
				await player
					.locator('.narration-box')
					.evaluate((box) => getComputedStyle(box, '::before').content),
				link
			).toMatch(/^(none|normal)$/);
		}
	}
);

plain(
	'a link to steps of two players starts both at once, and lands on the first',
	async ({ page }) => {
		// The I/O comparison is far below the first player: it would have gone on saying
		// "Loading step 6…" until the reader scrolled to it.
		await page.goto('/lessons/system-call-path?step=3&io-step=6');
		await expect.poll(() => playerAt(page, 0)).toEqual({ top: 0, step: '3', ready: 'true' });
		await expect(page.locator('.player').nth(1)).toHaveAttribute('data-ready', 'true');
		await expect(page.locator('.player').nth(1)).toHaveAttribute('data-step', '6');
		expect((await playerAt(page, 1)).top).toBeGreaterThan(768);
	}
);

plain(
	'a step link’s player whose code fails to load shows its served first step again',
	async ({ page }) => {
		await page.route('**/_app/immutable/**', (route) => route.abort());
		await page.goto('/lessons/cgroups?step=30', { waitUntil: 'domcontentloaded' });
		const player = page.locator('.player').first();
		await expect(player.locator('.narration-box > .narration')).toBeVisible();
		await expect(player).toHaveAttribute('data-step', '0');
	}
);

plain(
	'a link with a fragment goes to the fragment, and still starts the linked player at once',
	async ({ page }) => {
		// The I/O comparison is 3,500 px below the first heading: it was started only when
		// the reader scrolled to it, and showed its first step until then.
		const heading = await page
			.goto('/lessons/system-call-path')
			.then(() => page.locator('.lesson-body h2[id]').first().getAttribute('id'));
		await page.goto(`/lessons/system-call-path?io-step=6#${heading}`);
		const io = page.locator('.player').nth(1);
		await expect(io).toHaveAttribute('data-ready', 'true');
		await expect(io).toHaveAttribute('data-step', '6');
		expect(await io.evaluate((player) => player.getBoundingClientRect().top)).toBeGreaterThan(768);
		const top = await page
			.locator(`[id="${heading}"]`)
			.evaluate((element) => element.getBoundingClientRect().top);
		expect(Math.abs(top)).toBeLessThan(20);
	}
);

plain('a lesson opened without a step in its address opens at the top', async ({ page }) => {
	for (const link of [
		'/lessons/cgroups',
		// The lab's choices, but no step.
		'/lessons/system-call-path?left=vm-paravirt&right=container&call=write'
	]) {
		await page.goto(link);
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(300);
		expect(await page.evaluate(() => scrollY), link).toBe(0);
	}
});

plain(
	'a lab on the first screen of a tall window starts without scrolling the page',
	async ({ page }) => {
		// Its player is 4 px lower than its placeholder was: that is no reason to move.
		await page.setViewportSize({ width: 1366, height: 1600 });
		await page.goto('/lessons/pid-namespaces');
		await expect(page.locator('.player')).toHaveAttribute('data-ready', 'true');
		await page.waitForTimeout(300);
		expect(await page.evaluate(() => scrollY)).toBe(0);
	}
);

plain(
	'a lab that starts as the reader scrolls to it does not jump the page past its player',
	async ({ page }) => {
		// Scroll anchoring kept the text under the lab still as the player (550 px taller
		// than its placeholder) came in: the page jumped past the player.
		await page.goto('/lessons/pid-namespaces');
		const placeholder = page.locator('[data-testid="pidns-lab"] p.loading');
		const at = await placeholder.evaluate(
			(element) => element.getBoundingClientRect().top + scrollY
		);
		await page.evaluate((y) => scrollTo(0, y), at);
		const player = page.locator('.player');
		await expect(player).toHaveAttribute('data-ready', 'true');
		await page.waitForTimeout(300);
		const top = await player.evaluate((element) => element.getBoundingClientRect().top);
		expect(Math.abs(top)).toBeLessThan(1);
	}
);

plain(
	'reload and Back keep where the reader had scrolled to, not the linked player',
	async ({ page }) => {
		await page.goto('/lessons/cgroups?step=30');
		await expect.poll(() => playerAt(page, 0)).toEqual({ top: 0, step: '30', ready: 'true' });
		// The browser puts the page back where it was (this page does not take that over).
		expect(await page.evaluate(() => history.scrollRestoration)).toBe('auto');
		// The lecturer scrolls up to the prose above the player, then reloads (a clicker's F5).
		await page.evaluate(() => scrollTo(0, 600));
		await page.waitForTimeout(200);
		await page.reload();
		await expect.poll(() => page.evaluate(() => Math.round(scrollY))).toBe(600);
		await expect(page.locator('.player')).toHaveAttribute('data-step', '30');
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => Math.round(scrollY))).toBe(600);
		// Another lesson, then Back.
		await page.goto('/lessons/docker');
		await page.goBack();
		await expect(page).toHaveURL(/\/lessons\/cgroups\/\?step=30$/);
		await expect.poll(() => page.evaluate(() => Math.round(scrollY))).toBe(600);
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => Math.round(scrollY))).toBe(600);
	}
);

test('“Open the embed” opens it in the site’s theme; the snippet and the copied link leave it to the host', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.addInitScript(() => localStorage.setItem('stepvisor:theme', 'projector'));
	await page.goto('/lessons/docker?step=4');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
	const player = page.locator('.player');
	await player.getByRole('button', { name: 'Embed' }).click();
	const open = player.getByRole('link', { name: 'Open the embed' });
	await expect(open).toHaveAttribute('href', /\/embed\/docker\/\?step=4&theme=projector$/);
	expect(await player.locator('textarea').inputValue()).toMatch(
		/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/docker\/\?step=4"/
	);
	await player.getByRole('button', { name: 'Copy link' }).click();
	await expect(player.getByText('Link copied.')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
		/\/embed\/docker\/\?step=4$/
	);
	// The theme chosen while the panel is open.
	const theme = page.getByTestId('theme');
	await theme.selectOption('dark');
	await expect(open).toHaveAttribute('href', /\/embed\/docker\/\?step=4&theme=dark$/);
	await theme.selectOption('system');
	await expect(open).toHaveAttribute('href', /\/embed\/docker\/\?step=4$/);
	await theme.selectOption('projector');
	const [embed] = await Promise.all([page.waitForEvent('popup'), open.click()]);
	await embed.waitForLoadState('load');
	await playersReady(embed);
	await expect(embed.locator('html')).toHaveAttribute('data-theme', 'projector');
	await expect(embed.locator('.player .position')).toHaveText('Step 4 of 10');
});
