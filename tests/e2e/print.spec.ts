/**
 * Printed, a lesson is a handout (README, "Print"): the transcript is open, so every
 * step's narration is on paper; what works only on screen (a lab's pickers, its
 * scenario editor, its share and file buttons) is left out; and a player shows its
 * current picture and narration with no blank room kept for taller steps. A browser
 * fires `beforeprint` before it lays the page out for paper; emulating print media
 * alone does not, so each test fires it as printing does (page.pdf() fires it
 * itself). A part of a lesson not started yet (never scrolled to) cannot start
 * between `beforeprint` and the page being laid out for paper: Ctrl+P and the
 * storyboard's Print… wait for it, and the ways to the browser's own Print command
 * start it before that command is chosen; a print with no such warning says what
 * it left out, and starts it for the next print.
 */
import { test as plain } from '@playwright/test';
import { expect, playersReady, test, type Page } from './fixtures';

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

/** Per island: whether it has started, and the line printed in its place (`none` if none). */
const islandNotes = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('[data-island]')].map((island) => ({
			started: island.dataset.hydrated === 'true',
			note: getComputedStyle(island, '::before').content
		}))
	);

// The page fixture starts every island on load: these pages are opened as a learner does.
plain.describe('printed before a lesson’s parts have started', () => {
	for (const url of ['/lessons/cgroups', '/lessons/system-call-path']) {
		plain(
			`${url}: each says it is not printed in full, and the next print has them all`,
			async ({ page }) => {
				await page.goto(url);
				await page.emulateMedia({ media: 'print' });
				const before = await islandNotes(page);
				// The lab below the first screen has not started: the reader never scrolled.
				expect(before.filter((island) => !island.started).length).toBeGreaterThan(0);
				for (const island of before)
					if (island.started) expect(island.note).toBe('none');
					else expect(island.note).toContain('print again to include it');

				// Printing fires beforeprint, which starts them all (the page listens once started).
				await page.emulateMedia({ media: 'screen' });
				await expect(async () => {
					await page.evaluate(() => {
						window.dispatchEvent(new Event('beforeprint'));
						window.dispatchEvent(new Event('afterprint'));
					});
					await expect(page.locator('[data-island]:not([data-hydrated])')).toHaveCount(0, {
						timeout: 1_000
					});
				}).toPass({ timeout: 15_000 });
				await playersReady(page);

				// The next print: every part whole, the transcripts' steps and the self-check's choices.
				await startPrinting(page);
				for (const island of await islandNotes(page)) expect(island.note).toBe('none');
				const transcripts = page.getByTestId('transcript');
				expect(await transcripts.count()).toBeGreaterThan(0);
				for (const transcript of await transcripts.all())
					await expect(transcript.locator('ol > li').first()).toBeVisible();
				await expect(page.getByTestId('selfcheck').getByRole('radio').first()).toBeVisible();
				await stopPrinting(page);
			}
		);
	}
});

plain(
	'Ctrl+P waits for every part of the lesson to start, then prints it whole',
	async ({ page }) => {
		await page.goto('/lessons/cgroups');
		await expect(page.locator('[data-island]:not([data-hydrated])').first()).toBeAttached();
		// What printing would have had: the parts not started when print() is called.
		await page.evaluate(() => {
			const printed: number[] = [];
			(window as unknown as { printed: number[] }).printed = printed;
			window.print = () =>
				void printed.push(document.querySelectorAll('[data-island]:not([data-hydrated])').length);
		});
		await page.keyboard.press('Control+p');
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { printed: number[] }).printed))
			.toEqual([0]);
		// Every part has started: the browser prints at once.
		await page.keyboard.press('Control+p');
		await page.waitForTimeout(300);
		expect(await page.evaluate(() => (window as unknown as { printed: number[] }).printed)).toEqual(
			[0]
		);
	}
);

test('printed, the cgroups lab’s tables are open, and afterwards as the learner left them', async ({
	page
}) => {
	// About as wide as a sheet of A4: emulated print keeps the window's width, and at
	// 1280 px the lesson's grid would still keep a column for its (hidden) contents.
	await page.setViewportSize({ width: 800, height: 1000 });
	await openLesson(page, '/lessons/cgroups');
	const tables = player(page).locator('details.table');
	await expect(tables).toHaveCount(2);
	// The learner opened the first.
	await tables.first().locator('summary').click();
	await expect(tables.first()).toHaveAttribute('open');
	await startPrinting(page);
	for (const table of await tables.all()) {
		await expect(table).toHaveAttribute('open');
		await expect(table.locator('tbody tr').first()).toBeVisible();
		// Paper does not scroll: every column is within its side.
		const overflow = await table.evaluate(
			(details) =>
				details.querySelector('table')!.getBoundingClientRect().right -
				details.closest('.timelines')!.getBoundingClientRect().right
		);
		expect(overflow).toBeLessThanOrEqual(1);
	}
	await stopPrinting(page);
	await expect(tables.first()).toHaveAttribute('open');
	await expect(tables.last()).not.toHaveAttribute('open');
	await expect(tables.last().locator('table')).toBeHidden();
});

/**
 * The PDF of a print made now, less its dates (the only bytes that differ between two
 * prints of the same page). page.pdf() prints as the browser's own Print command does:
 * `beforeprint`, the page laid out for paper at once, `afterprint`.
 */
async function printedPdf(page: Page): Promise<string> {
	const pdf = await page.pdf();
	return pdf.toString('latin1').replace(/\/(CreationDate|ModDate) \([^)]*\)/g, '');
}

const pageCount = (pdf: string) => (pdf.match(/\/Type\s*\/Page\b/g) ?? []).length;

/** What Ctrl+P prints of `url`, opened as a learner does, without scrolling. */
async function printedByCtrlP(page: Page, url: string): Promise<string> {
	await page.goto(url);
	await page.evaluate(() => {
		window.print = () => void ((window as unknown as { printed: boolean }).printed = true);
	});
	await expect(page.locator('[data-island]:not([data-hydrated])').first()).toBeAttached();
	await page.keyboard.press('Control+p');
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { printed?: boolean }).printed))
		.toBe(true);
	return printedPdf(page);
}

// The browser's own Print command cannot be held, as Ctrl+P is, while the parts the
// reader never scrolled to load: each way to it starts them first.
plain.describe('printed from the browser’s own menu, one print is Ctrl+P’s', () => {
	const ways: [string, string, (page: Page) => Promise<unknown>][] = [
		[
			'the page’s context menu',
			'/lessons/cgroups',
			(page) => page.mouse.click(640, 300, { button: 'right' })
		],
		[
			'the toolbar (the pointer leaves the page at its top)',
			'/lessons/system-call-path',
			async (page) => {
				await page.mouse.move(640, 300);
				await page.mouse.move(640, -5);
			}
		]
	];
	for (const [way, url, headForPrint] of ways) {
		plain(`from ${way}`, async ({ page, context }) => {
			const expected = await printedByCtrlP(await context.newPage(), url);
			await page.goto(url);
			const notStarted = page.locator('[data-island]:not([data-hydrated])');
			await expect(notStarted.first()).toBeAttached();
			await headForPrint(page);
			// While the reader finds Print in the menu, every part starts.
			await expect(notStarted).toHaveCount(0, { timeout: 10_000 });
			const printed = await printedPdf(page);
			expect(pageCount(printed)).toBe(pageCount(expected));
			expect(printed === expected, 'the same PDF as Ctrl+P’s').toBe(true);
		});
	}
});

plain('the storyboard’s Print… waits for every part of the lesson to start', async ({ page }) => {
	await page.addInitScript(() => {
		const printed: number[] = [];
		(window as unknown as { printed: number[] }).printed = printed;
		window.print = () =>
			void printed.push(document.querySelectorAll('[data-island]:not([data-hydrated])').length);
	});
	await page.goto('/lessons/layers?view=storyboard');
	// The lab starts once on screen, in its storyboard view.
	await page.locator('[data-island*="UnionfsLab"] > *').first().scrollIntoViewIfNeeded();
	const button = page.getByRole('button', { name: 'Print…' });
	await expect(button).toBeVisible();
	// The self-check at the foot of the lesson has not started.
	await expect(page.locator('[data-island*="UnionfsSelfCheck"]')).not.toHaveAttribute(
		'data-hydrated'
	);
	await button.click();
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { printed: number[] }).printed))
		.toEqual([0]);
});
