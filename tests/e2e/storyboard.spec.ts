/**
 * The storyboard view (issue 15): `?view=storyboard` on a lesson or an embed shows
 * every step as a small picture with its narration and a link back to the live
 * step; long traces start with key frames only; it names a shared scenario; it
 * prints without controls; and it is reached from the Export menu.
 */
import AxeBuilder from '@axe-core/playwright';
import { encodeScenario, expect, test, type Page } from './fixtures';

const board = (page: Page) => page.getByTestId('storyboard').first();

test('a short animation: every step, in order, each linked to its live step', async ({ page }) => {
	await page.goto('/lessons/vms-and-containers');
	const total = Number(await page.locator('.player').first().getAttribute('data-total'));
	await page.goto('/lessons/vms-and-containers?view=storyboard');
	await expect(board(page)).toBeVisible();
	await expect(page.locator('.player')).toHaveCount(0);
	const frames = board(page).locator('.frame');
	await expect(frames).toHaveCount(total);
	await expect(board(page).getByText(`All ${total} steps`)).toBeVisible();
	// Each picture is the renderer's own drawing.
	await expect(frames.nth(2).locator('svg').first()).toBeVisible();
	// Numbered as the player numbers them: the opening picture is step 0.
	await expect(frames.nth(3).getByRole('link', { name: 'Step 3' })).toHaveAttribute(
		'href',
		'/lessons/vms-and-containers/?step=3'
	);
	await frames.nth(3).getByRole('link', { name: 'Step 3' }).click();
	await expect(page.locator('.player').first()).toHaveAttribute('data-step', '3');
	await expect(page.getByTestId('storyboard')).toHaveCount(0);
});

test('a long trace starts with key frames: the first step and the end of each operation', async ({
	page
}) => {
	await page.goto('/lessons/layers?view=storyboard');
	await expect(board(page)).toBeVisible();
	const keys = board(page).getByRole('checkbox', { name: 'Key frames only' });
	await expect(keys).toBeChecked();
	const keyCount = await board(page).locator('.frame').count();
	// The lesson's scenario has 8 operations: the opening step and one per operation.
	expect(keyCount).toBe(9);
	// The end of the first operation (read /etc/motd): its outcome.
	await expect(board(page).locator('.frame').nth(1).locator('figcaption')).toContainText(
		'Read returns'
	);
	await keys.uncheck();
	const all = Number(/All (\d+) steps/.exec(await board(page).locator('.count').innerText())![1]);
	expect(all).toBeGreaterThan(keyCount);
	await expect(board(page).locator('.frame')).toHaveCount(Math.min(all, 48));
});

test('a shared scenario in an embed: the storyboard names it and draws its steps', async ({
	page
}) => {
	await page.goto('/embed/pid-namespaces');
	const scenario = {
		model: 'pidns',
		title: 'Two <b>forks</b>',
		ops: [
			{ op: 'fork', parent: 'init', name: 'a' },
			{ op: 'fork', parent: 'a', name: 'b', newns: true }
		]
	};
	await page.goto(
		`/embed/pid-namespaces?view=storyboard&scenario=${await encodeScenario(page, scenario)}`
	);
	await expect(board(page).getByRole('heading')).toContainText('scenario “Two <b>forks</b>”');
	await expect(board(page).locator('b')).toHaveCount(0);
	// A short trace: every step, the last one the nested namespace's init.
	const all = Number(/All (\d+) steps/.exec(await board(page).locator('.count').innerText())![1]);
	await expect(board(page).locator('.frame')).toHaveCount(all);
	await expect(board(page).locator('.frame').last()).toContainText('PID 1');
	const link = await board(page).locator('.frame').last().getByRole('link').getAttribute('href');
	expect(link).toContain('scenario=v1.');
	expect(link).not.toContain('view=');
});

test('printed, the storyboard has light colours and no controls; on screen it passes axe', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/lessons/pid-namespaces?view=storyboard');
	await expect(board(page)).toBeVisible();
	const axe = await new AxeBuilder({ page })
		.include('[data-testid="storyboard"]')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
	await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
	await expect(board(page).getByRole('button', { name: 'Print…' })).toBeHidden();
	await expect(board(page).locator('.frame').first()).toBeVisible();
	expect(
		await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
	).toBe('rgb(255, 255, 255)');
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('the Export menu opens the storyboard of what the learner is looking at', async ({ page }) => {
	await page.goto('/lessons/system-call-path?step=2');
	const player = page.locator('.player').first();
	await player.getByRole('button', { name: 'Export' }).click();
	await player.getByTestId('storyboard-link').click();
	await expect(board(page)).toBeVisible();
	await expect(page).toHaveURL(/view=storyboard/);
	const frames = board(page).locator('.frame');
	await expect(frames.first()).toContainText('Step 0');
	// Both sides say the same at step 0: one line, as the player says it, not one per side.
	await expect(frames.nth(0).locator('.line')).toHaveText([
		'The app is about to make a system call.'
	]);
	// Where they differ, each side's line under its label.
	await expect(frames.nth(2).locator('.line')).toHaveCount(2);
	await expect(frames.nth(2).locator('.line').first()).toContainText('VM');
});
