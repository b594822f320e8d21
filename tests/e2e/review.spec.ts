import { expect, test, type Page } from './fixtures';
import { readManifests } from '../../src/lib/content/lesson-index';

/** The course deck, in its order: every lesson's cards. */
const DECK = readManifests(process.cwd())
	.flatMap(({ manifest }) => manifest.cards)
	.sort((a, b) => a.deck - b.deck);
const N = DECK.length;

test('review: question first, answer on demand, hard cards come back first', async ({ page }) => {
	await page.goto('/review');
	const cards = page.locator('.cards > li');
	await expect(cards).toHaveCount(N);
	const first = cards.first();
	await expect(first.locator('.answer')).toBeHidden();
	await first.getByRole('button', { name: 'Show answer' }).click();
	await expect(first.locator('.answer')).toBeVisible();
	await first.getByRole('button', { name: 'I knew it' }).click();

	const docker = page.locator('li[data-card="docker"]');
	await docker.getByRole('button', { name: 'Show answer' }).click();
	await docker.getByRole('button', { name: 'Hard' }).click();
	await expect(page.getByTestId('review-progress')).toHaveText(`1 of ${N} known, 1 marked hard.`);
	await page.getByRole('button', { name: 'New round (hard cards first)' }).click();
	await expect(page.getByTestId('review-round')).toHaveText(
		'New round: the card marked hard comes first.'
	);
	await expect(cards.first()).toHaveAttribute('data-card', 'docker');

	await page.reload();
	await expect(page.getByTestId('review-progress')).toHaveText(`1 of ${N} known, 1 marked hard.`);
	await expect(cards.first()).toHaveAttribute('data-card', 'docker');
	// The first card of the deck, known, goes last.
	await expect(cards.last()).toHaveAttribute('data-card', DECK[0].id);
});

test('review cards link to the lesson that teaches them', async ({ page }) => {
	await page.goto('/review');
	const card = page.locator('li[data-card="os-syscall-path"]');
	await card.getByRole('button', { name: 'Show answer' }).click();
	await card.getByRole('link', { name: 'The system-call path' }).click();
	await expect(page.locator('h1')).toHaveText('The system-call path');
});

test('each “Show answer” button is told apart by its card’s question', async ({ page }) => {
	await page.goto('/review');
	const buttons = page.getByRole('button', { name: 'Show answer' });
	await expect(buttons).toHaveCount(N);
	const descriptions = await buttons.evaluateAll((all) =>
		all.map((button) =>
			(button.getAttribute('aria-describedby') ?? '')
				.split(' ')
				.map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
				.join(' ')
		)
	);
	expect(new Set(descriptions).size).toBe(N);
	await expect(buttons.first()).toHaveAccessibleDescription(
		(await page.locator('.cards > li h2').first().textContent())!.trim()
	);
});

/** Marks the card `id` in `page`, once the page is running (a click before that does nothing). */
async function markCard(page: Page, id: string, button: 'Hard' | 'I knew it') {
	await page.bringToFront();
	const card = page.locator(`li[data-card="${id}"]`);
	await expect(async () => {
		if (await card.locator('.answer').isHidden())
			await card.getByRole('button', { name: 'Show answer' }).click();
		await card.getByRole('button', { name: button }).click();
		await expect(card.getByRole('button', { name: button })).toHaveAttribute(
			'aria-pressed',
			'true',
			{ timeout: 1_000 }
		);
	}).toPass();
}

test('marks made in two review tabs are all kept', async ({ context }) => {
	const first = await context.newPage();
	const second = await context.newPage();
	await first.goto('/review');
	await second.goto('/review');
	await markCard(first, 'docker', 'Hard');
	await markCard(second, 'make-vm', 'I knew it');
	const stored = await second.evaluate(() =>
		JSON.parse(localStorage.getItem('stepvisor:review') ?? '{}')
	);
	expect(stored).toEqual({ docker: 'hard', 'make-vm': 'known' });
	// The first tab shows the second's mark without a reload.
	await expect(first.getByTestId('review-progress')).toHaveText(`1 of ${N} known, 1 marked hard.`);
	// Forgetting in one tab takes back what it shows, which is now every mark.
	await first.bringToFront();
	await first.getByRole('button', { name: 'Forget my marks' }).click();
	await expect(first.getByTestId('review-progress')).toHaveText(`0 of ${N} known, 0 marked hard.`);
	const third = await context.newPage();
	await third.goto('/review');
	await expect(third.getByTestId('review-progress')).toHaveText(`0 of ${N} known, 0 marked hard.`);
});

test('marking a card on a phone does not move its buttons under the finger', async ({
	browser
}) => {
	// The mark's wider border narrowed the text: a line rewrapped and the buttons moved
	// about 25 px down, so a quick second tap ("no, Hard") landed above them.
	const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
	await page.goto('/review');
	const cards = page.locator('.cards > li');
	await expect(cards).toHaveCount(N);
	for (const index of [0, 3, 16, 19, 21]) {
		const card = cards.nth(index);
		await card.getByRole('button', { name: 'Show answer' }).click();
		const hard = card.getByRole('button', { name: 'Hard' });
		// On the page, not the screen: a click may scroll the button into view first.
		const top = () => hard.evaluate((button) => button.getBoundingClientRect().top + scrollY);
		const before = await top();
		await card.getByRole('button', { name: 'I knew it' }).click();
		await expect(card).toHaveAttribute('data-mark', 'known');
		expect(Math.abs((await top()) - before), `card ${index}`).toBeLessThan(1);
	}
	await page.close();
});

test('Forget my marks can be undone: the marks, their storage and the order come back', async ({
	page
}) => {
	await page.goto('/review');
	await markCard(page, 'docker', 'Hard');
	await markCard(page, 'make-vm', 'I knew it');
	await page.getByRole('button', { name: 'New round (hard cards first)' }).click();
	const cards = page.locator('.cards > li');
	await expect(cards.first()).toHaveAttribute('data-card', 'docker');
	const stored = () =>
		page.evaluate(() => JSON.parse(localStorage.getItem('stepvisor:review') ?? '{}'));

	const forget = page.getByRole('button', { name: 'Forget my marks' });
	await forget.click();
	await expect(page.getByTestId('review-progress')).toHaveText(`0 of ${N} known, 0 marked hard.`);
	expect(await stored()).toEqual({});
	await expect(page.getByTestId('review-round')).toHaveText(
		'Your marks are forgotten; the cards are in their usual order.'
	);
	const undo = page.getByRole('button', { name: 'Undo' });
	await expect(undo).toHaveAccessibleDescription(
		'Your marks are forgotten; the cards are in their usual order.'
	);
	// The focus stays on Forget, which is still there; Undo is the next stop.
	await expect(forget).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(undo).toBeFocused();
	await page.keyboard.press('Enter');

	await expect(page.getByTestId('review-progress')).toHaveText(`1 of ${N} known, 1 marked hard.`);
	await expect(page.getByTestId('review-round')).toHaveText('Your marks are back.');
	expect(await stored()).toEqual({ docker: 'hard', 'make-vm': 'known' });
	await expect(cards.first()).toHaveAttribute('data-card', 'docker');
	await expect(undo).toHaveCount(0);
	await expect(forget).toBeFocused();

	// The next change ends the offer.
	await forget.click();
	await expect(undo).toBeVisible();
	await markCard(page, 'docker', 'I knew it');
	await expect(undo).toHaveCount(0);
	expect(await stored()).toEqual({ docker: 'known' });
});

test('undoing Forget in one tab keeps a mark made meanwhile in another', async ({ context }) => {
	const first = await context.newPage();
	const second = await context.newPage();
	await first.goto('/review');
	await second.goto('/review');
	await markCard(first, 'docker', 'Hard');
	await first.getByRole('button', { name: 'Forget my marks' }).click();
	await expect(first.getByTestId('review-progress')).toHaveText(`0 of ${N} known, 0 marked hard.`);
	await markCard(second, 'make-vm', 'I knew it');
	await first.bringToFront();
	await expect(first.getByTestId('review-progress')).toHaveText(`1 of ${N} known, 0 marked hard.`);
	await first.getByRole('button', { name: 'Undo' }).click();
	await expect(first.getByTestId('review-progress')).toHaveText(`1 of ${N} known, 1 marked hard.`);
	// The first tab wrote it: another tab's copy of localStorage gets a write a moment later.
	await expect
		.poll(() => second.evaluate(() => JSON.parse(localStorage.getItem('stepvisor:review') ?? '{}')))
		.toEqual({ docker: 'hard', 'make-vm': 'known' });
});
