/**
 * Printed, a lesson is a handout (README, "Print"): the transcript is open, so every
 * step's narration is on paper; what works only on screen (a lab's pickers, its
 * scenario editor, its share and file buttons) is left out; and a player shows its
 * current picture and narration with no blank room kept for taller steps. A browser
 * fires `beforeprint` before it lays the page out for paper; emulating print media
 * alone does not, so each test fires it as printing does.
 */
import { expect, test, type Page } from './fixtures';

const player = (page: Page) => page.locator('.player').first();

/** Opens a lesson and waits until its first player (an island) has started. */
async function openLesson(page: Page, url: string) {
	await page.goto(url);
	await player(page).scrollIntoViewIfNeeded();
	await expect(player(page)).toHaveAttribute('data-ready', 'true');
}

async function startPrinting(page: Page) {
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	await page.emulateMedia({ media: 'print' });
}

async function stopPrinting(page: Page) {
	await page.emulateMedia({ media: 'screen' });
	await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
}

/**
 * How much taller the player's stage is than the picture it shows, in px: the shown
 * frame's content, not its box (a FrameStack's grid stretches every frame to its row).
 */
const blankUnderPicture = (page: Page) =>
	player(page)
		.locator('.stage')
		.evaluate((stage) => {
			const shown = stage.querySelector('[data-current]') ?? stage.querySelector('.drawing')!;
			const boxes = [...shown.children].map((child) => child.getBoundingClientRect());
			const picture =
				Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top));
			return stage.getBoundingClientRect().height - picture;
		});

/** How much height the hidden rooms of the player take: its narration's, its later hops'. */
const roomHeights = (page: Page) =>
	player(page).evaluate((region) =>
		[...region.querySelectorAll('.narration-room, .hops > li.later')].reduce(
			(sum, room) => sum + room.getBoundingClientRect().height,
			0
		)
	);

test('printed, the transcript is open with every step, and closed again afterwards', async ({
	page
}) => {
	await openLesson(page, '/lessons/docker');
	const total = Number(await player(page).getAttribute('data-total'));
	expect(total).toBeGreaterThan(5);
	const transcript = page.getByTestId('transcript').first();
	await expect(transcript).not.toHaveAttribute('open');
	await startPrinting(page);
	const steps = transcript.locator('ol > li');
	await expect(steps).toHaveCount(total);
	await expect(steps.first()).toBeVisible();
	await expect(steps.first()).toContainText('Step 0');
	await expect(steps.first()).toContainText('FROM starts from a base image');
	await expect(steps.last()).toContainText(`Step ${total - 1}`);
	// Its on-screen tools are not printed.
	await expect(transcript.getByRole('button', { name: 'Copy as text' })).toBeHidden();
	// The learner had it closed: closed again once printing is done.
	await stopPrinting(page);
	await expect(transcript).not.toHaveAttribute('open');
	await expect(steps.first()).toBeHidden();
});

test('printed, a transcript the learner had open stays open afterwards', async ({ page }) => {
	await openLesson(page, '/lessons/docker');
	const transcript = page.getByTestId('transcript').first();
	await transcript.locator('summary').click();
	await expect(transcript.locator('ol > li').first()).toBeVisible();
	await startPrinting(page);
	await stopPrinting(page);
	await expect(transcript).toHaveAttribute('open');
	await expect(transcript.locator('ol > li').first()).toBeVisible();
});

test('printed, the system-call lab leaves out its pickers and keeps no blank room', async ({
	page
}) => {
	await openLesson(page, '/lessons/system-call-path');
	// On screen the player keeps room for a longer narration and the hops to come.
	expect(await roomHeights(page)).toBeGreaterThan(50);
	await startPrinting(page);
	for (const picker of ['left-platform', 'right-platform', 'syscall']) {
		for (const select of await page.getByTestId(picker).all()) await expect(select).toBeHidden();
	}
	for (const box of await page.getByRole('checkbox', { name: 'Predict each hop' }).all())
		await expect(box).toBeHidden();
	await expect(player(page).locator('.narration')).toBeVisible();
	expect(await roomHeights(page)).toBe(0);
	expect(await blankUnderPicture(page)).toBeLessThanOrEqual(1);
	const transcript = page.getByTestId('transcript').first();
	await expect(transcript.locator('ol > li').first()).toContainText('The app is about to make');
});

test('printed, the cgroups lab leaves out its editor and its share and file buttons', async ({
	page
}) => {
	await openLesson(page, '/lessons/cgroups');
	await expect(page.getByTestId('cgroups-editor')).toBeVisible();
	await startPrinting(page);
	await expect(page.getByTestId('cgroups-editor')).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Change the limits' })).toBeHidden();
	for (const name of ['Copy share link', 'Download JSON', 'Open JSON file…']) {
		await expect(page.getByRole('button', { name })).toBeHidden();
	}
	await expect(page.getByRole('button', { name: /^Reset/ })).toBeHidden();
	await expect(page.getByTestId('cgroups-builtin')).toBeHidden();
	// The pictures and the transcript are printed.
	await expect(player(page).locator('.stage')).toBeVisible();
	await expect(page.getByTestId('transcript').first().locator('ol > li').first()).toBeVisible();
});

test('printed, the Docker lab shows its current frame with no room for its tallest', async ({
	page
}) => {
	await openLesson(page, '/lessons/docker');
	// On screen (1280 px) every frame is laid out under the one shown, keeping the room.
	expect(await blankUnderPicture(page)).toBeGreaterThan(50);
	await startPrinting(page);
	expect(await blankUnderPicture(page)).toBeLessThanOrEqual(1);
	await expect(player(page).locator('[data-current]')).toBeVisible();
});
