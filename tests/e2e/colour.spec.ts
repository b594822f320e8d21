/**
 * Colour is never the only carrier of meaning: each state a colour marks also
 * has a shape or a text label, so it reads the same in greyscale, to a
 * colour-blind learner, and on a washed-out projector.
 */
import { expect, test, type Page } from './fixtures';

async function stepToEnd(
	page: Page,
	player: ReturnType<Page['locator']>,
	visit: () => Promise<void>
) {
	await player.focus();
	await page.keyboard.press('Home');
	for (let guard = 0; guard < 400; guard++) {
		await visit();
		const [step, total] = await player.evaluate((el) => [
			Number(el.getAttribute('data-step')),
			Number(el.getAttribute('data-total'))
		]);
		if (step >= total - 1) return;
		await page.keyboard.press('ArrowRight');
	}
	throw new Error('the player never reached its last step');
}

test('layers: each lookup outcome has a mark and its own words', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/lessons/layers');
	const lab = page.getByTestId('unionfs-lab');
	const player = lab.locator('.player');
	const labels = new Map<string, Set<string>>();
	await stepToEnd(page, player, async () => {
		const probe = lab.getByTestId('probe');
		if ((await probe.count()) === 0) return;
		const outcome = (await probe.getAttribute('data-outcome')) ?? '';
		// The lens carries a drawn mark (tick, cross or bar), not only a stroke colour.
		await expect(probe.locator('.mark, .stop-mark')).toHaveCount(1);
		const label = (await lab.getByTestId('probe-label').textContent())?.trim() ?? '';
		if (!labels.has(outcome)) labels.set(outcome, new Set());
		labels.get(outcome)!.add(label);
	});
	// The default scenario finds a file, stops at a whiteout and at an opaque directory.
	expect([...labels.keys()].sort()).toEqual(expect.arrayContaining(['hit', 'opaque', 'whiteout']));
	// Every probe is labelled in words, and no wording is used for two outcomes.
	const wordings = [...labels.values()].map((set) => [...set]);
	for (const list of wordings) for (const label of list) expect(label).not.toBe('');
	expect(new Set(wordings.flat()).size).toBe(wordings.flat().length);
	// Whiteout chips carry their icon and a word, not only a tint.
	const whiteouts = lab.locator('g.chip.whiteout');
	expect(await whiteouts.count()).toBeGreaterThan(0);
	for (const chip of await whiteouts.all()) {
		await expect(chip.locator('.icon')).toHaveCount(1);
		expect((await chip.locator('text').allTextContents()).join(' ').trim()).not.toBe('');
	}
});

test('PID namespaces: every namespace box and PID chip names its level', async ({ page }) => {
	await page.goto('/lessons/pid-namespaces');
	// At the last step the default scenario has nested namespaces and many processes.
	await page.locator('.player').first().focus();
	await page.keyboard.press('End');
	const boxes = page.locator('[data-level]');
	expect(await boxes.count()).toBeGreaterThan(1);
	for (const box of await boxes.all()) {
		const level = await box.getAttribute('data-level');
		await expect(box.locator('.level-mark').first()).toHaveText(`L${level}`);
	}
	const chips = page.locator('.chip .lv');
	expect(await chips.count()).toBeGreaterThan(1);
	for (const text of await chips.allTextContents()) expect(text).toMatch(/^\d+$/);
});

test('cgroups: limit lines are dashed, and the legend says which dash is which', async ({
	page
}) => {
	await page.goto('/lessons/cgroups');
	const limits = page.locator('path.limit');
	expect(await limits.count()).toBeGreaterThan(0);
	for (const limit of await limits.all()) {
		const dash = await limit.evaluate((el) => getComputedStyle(el).strokeDasharray);
		expect(dash).not.toBe('none');
	}
	await expect(page.getByText('limit (dashed: max, dotted: memory.high)').first()).toBeVisible();
});
