import { blockStorage, expect, playersReady, test, type Page } from './fixtures';
import type { Question } from '../../src/lib/components/selfcheck';
import { questions as cgroupsQuestions } from '$lesson/cgroups/questions';

const LESSON = '/lessons/cgroups';
// Several reloads of a whole lesson each: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });
const worded = cgroupsQuestions.filter((q) => q.choices.length > 2);

/** The choice texts of every question on the page, in the order shown. */
async function shownOrders(page: Page): Promise<string[][]> {
	const check = page.getByTestId('selfcheck');
	await expect(check.locator('.choice').first()).toBeVisible();
	return Promise.all(
		worded.map((q) =>
			check.locator(`form[data-question="${q.id}"] .choice > span:first-of-type`).allTextContents()
		)
	);
}

async function useLearner(page: Page, key: string) {
	await page.evaluate((value) => localStorage.setItem('stepvisor:learner', value), key);
	await page.reload();
}

test('choices are shuffled per learner, stable on reload, and a saved answer keeps its choice', async ({
	page
}) => {
	await page.goto(LESSON);
	await useLearner(page, 'learner-a');
	const first = await shownOrders(page);
	for (const [i, q] of worded.entries())
		expect([...first[i]].sort()).toEqual([...q.choices].sort());
	await page.reload();
	expect(await shownOrders(page)).toEqual(first);

	// Answer one question wrongly and one rightly, by their texts.
	const [missed, hit] = worded;
	const wrongText = missed.choices[(missed.answer + 1) % missed.choices.length];
	const missedForm = page.locator(`form[data-question="${missed.id}"]`);
	await missedForm.getByRole('radio', { name: wrongText, exact: true }).check();
	await missedForm.getByRole('button', { name: 'Check answer' }).click();
	await expect(missedForm.locator('.explanation')).toContainText('Not quite.');
	const hitForm = page.locator(`form[data-question="${hit.id}"]`);
	await hitForm.getByRole('radio', { name: hit.choices[hit.answer], exact: true }).check();
	await hitForm.getByRole('button', { name: 'Check answer' }).click();
	await expect(hitForm.locator('.explanation')).toContainText('Right.');

	// Another learner in this browser: another order, the same answers on the same texts.
	await useLearner(page, 'learner-b');
	const second = await shownOrders(page);
	expect(
		second.filter((order, i) => order.join('|') !== first[i].join('|')).length
	).toBeGreaterThan(0);
	await expect(missedForm.locator('.choice.wrong > span:first-of-type')).toHaveText(wrongText);
	await expect(missedForm.locator('.choice.right > span:first-of-type')).toHaveText(
		missed.choices[missed.answer]
	);
	await expect(hitForm.locator('.explanation')).toContainText('Right.');
	await expect(page.getByTestId('selfcheck').locator('.progress')).toContainText(
		`2 of ${cgroupsQuestions.length} answered, 1 right`
	);
});

test('a learner key is made on the first visit and kept', async ({ page }) => {
	await page.goto(LESSON);
	await expect(page.getByTestId('selfcheck').locator('.choice').first()).toBeVisible();
	const key = await page.evaluate(() => localStorage.getItem('stepvisor:learner'));
	expect(key).toMatch(/^[0-9a-f]{24}$/);
	const order = await shownOrders(page);
	await page.reload();
	expect(await page.evaluate(() => localStorage.getItem('stepvisor:learner'))).toBe(key);
	expect(await shownOrders(page)).toEqual(order);
});

test('every embed of a question shows the same order, whatever the browser keeps', async ({
	page
}) => {
	await page.goto('/embed/cgroups?selfcheck=1');
	await page.evaluate(() => localStorage.setItem('stepvisor:learner', 'learner-a'));
	await page.reload();
	const a = await shownOrders(page);
	await page.evaluate(() => localStorage.setItem('stepvisor:learner', 'learner-b'));
	await page.reload();
	expect(await shownOrders(page)).toEqual(a);
	// Shuffled all the same: not the source order for every question.
	const unchanged = a.filter((order, i) => order.join('|') === worded[i].choices.join('|'));
	expect(unchanged.length).toBeLessThan(worded.length);
});

test('at 320 px a choice of a long line with no space in it wraps inside the page', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await page.goto('/lessons/layers');
	// Generated questions offer every layer's copy of the file, so more than one choice quotes it.
	const choices = page.getByTestId('selfcheck').locator('.choice', { hasText: 'me:x:1000:1000' });
	await choices.first().scrollIntoViewIfNeeded();
	await expect(choices.first()).toBeVisible();
	const edge = await page.evaluate(() => document.documentElement.clientWidth);
	const rights = await choices.evaluateAll((labels) =>
		labels.map((label) => label.getBoundingClientRect().right)
	);
	for (const right of rights) expect(right).toBeLessThanOrEqual(edge);
	expect(
		await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBeLessThanOrEqual(0);
});

test('at 320 px the mark beside an answered choice breaks between its words only', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await page.goto('/lessons/vms-and-containers');
	const form = page.getByTestId('selfcheck').locator('form').first();
	await form.scrollIntoViewIfNeeded();
	await form.getByRole('radio').first().check();
	await form.getByRole('button', { name: 'Check answer' }).click();
	const marks = form.locator('.mark');
	await expect(marks.first()).toBeVisible();
	for (const mark of await marks.all()) {
		// Each of "(your answer)" and "(correct answer)" is two words: two lines at most.
		const lines = await mark.evaluate((span) => {
			const line = parseFloat(getComputedStyle(span).lineHeight);
			return Math.round(span.getBoundingClientRect().height / line);
		});
		expect(lines, await mark.innerText()).toBeLessThanOrEqual(2);
	}
});

/** Answers `question` rightly, by its text. */
async function answerRightly(page: Page, question: Question) {
	// A background tab gets no animation frames, so clicks in it would wait.
	await page.bringToFront();
	const form = page.locator(`form[data-question="${question.id}"]`);
	await form.getByRole('radio', { name: question.choices[question.answer], exact: true }).check();
	await form.getByRole('button', { name: 'Check answer' }).click();
	await expect(form.locator('.explanation')).toContainText('Right.');
}

const progress = (page: Page) => page.getByTestId('selfcheck').locator('.progress');

test('answers given in two tabs of a lesson are all kept, and each tab shows the other’s', async ({
	context
}) => {
	test.slow(); // two tabs of a whole lesson, each hydrating on a shared machine
	const first = await context.newPage();
	const second = await context.newPage();
	for (const tab of [first, second]) {
		await tab.goto(LESSON);
		// A page from context.newPage() is not the fixture's page, so nothing waited for hydration.
		await playersReady(tab);
	}
	const [one, two] = cgroupsQuestions;
	await answerRightly(first, one);
	await answerRightly(second, two);
	// The second tab wrote the last answer: the first tab's copy of localStorage gets it a moment later.
	await expect
		.poll(() =>
			first.evaluate(() => JSON.parse(localStorage.getItem('stepvisor:answers:v2:cgroups') ?? '{}'))
		)
		.toEqual({ [one.id]: one.answer, [two.id]: two.answer });
	// Without a reload, the first tab shows the answer given in the second.
	await expect(
		first.locator(`form[data-question="${two.id}"]`).locator('.explanation')
	).toContainText('Right.');
	await expect(progress(first)).toContainText(`2 of ${cgroupsQuestions.length} answered`);
	const third = await context.newPage();
	await third.goto(LESSON);
	await playersReady(third);
	await expect(progress(third)).toContainText(`2 of ${cgroupsQuestions.length} answered`);
});

test('where the browser blocks storage, the self-check does not say answers stay', async ({
	page
}) => {
	await blockStorage(page);
	await page.goto(LESSON);
	await answerRightly(page, cgroupsQuestions[0]);
	await expect(progress(page)).toContainText(
		`1 of ${cgroupsQuestions.length} answered, 1 right. Your answers are not kept once you leave this page.`
	);
});

test('an answer a full storage has no room for is said not to be kept', async ({ page }) => {
	await page.goto(LESSON);
	await expect(progress(page)).toContainText('Your answers stay in this browser.');
	await page.evaluate(() => {
		Storage.prototype.setItem = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
	});
	await answerRightly(page, cgroupsQuestions[0]);
	await expect(progress(page)).toContainText('This browser could not keep your latest answer');
	await expect(progress(page)).not.toContainText('stay in this browser');
	// The answer's own announcement is its explanation: this is read out as well.
	await expect(progress(page).locator('[aria-live="polite"]')).toContainText(
		'This browser could not keep your latest answer'
	);
});

test('Check answer is said once: the focus moves to the verdict, and no live region speaks too', async ({
	page
}) => {
	await page.goto(LESSON);
	const question = cgroupsQuestions[0];
	const form = page.locator(`form[data-question="${question.id}"]`);
	await form.getByRole('radio', { name: question.choices[question.answer], exact: true }).check();
	// Every change a screen reader would read out of a live region in the self-check.
	await page.evaluate(() => {
		const check = document.querySelector('[data-testid="selfcheck"]')!;
		const heard: string[] = [];
		(window as unknown as { __heard: string[] }).__heard = heard;
		const live = (node: Node | null) => {
			const element = node instanceof Element ? node : node?.parentElement;
			const region = element?.closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
			return !!region && region.getAttribute('aria-live') !== 'off' && check.contains(region);
		};
		new MutationObserver((records) => {
			for (const record of records) {
				const nodes = [record.target, ...record.addedNodes];
				if (nodes.some(live)) heard.push((record.target.textContent ?? '').trim().slice(0, 60));
			}
		}).observe(check, { subtree: true, childList: true, characterData: true });
	});
	await form.getByRole('button', { name: 'Check answer' }).click();
	const explanation = form.locator('.explanation');
	await expect(explanation).toContainText('Right.');
	await expect(explanation).toBeFocused();
	await expect(progress(page)).toContainText(`1 of ${cgroupsQuestions.length} answered`);
	expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual(
		[]
	);
});

test('Clear my answers can be undone: the answers and their storage come back', async ({
	page
}) => {
	await page.goto(LESSON);
	const [one, two] = cgroupsQuestions;
	await answerRightly(page, one);
	await answerRightly(page, two);
	const key = 'stepvisor:answers:v2:cgroups';
	const stored = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key);
	const check = page.getByTestId('selfcheck');

	await check.getByRole('button', { name: 'Clear my answers' }).click();
	await expect(progress(page)).toContainText(`0 of ${cgroupsQuestions.length} answered`);
	expect(await stored()).toBeNull();
	const status = check.getByRole('status');
	await expect(status).toHaveText('Your answers are cleared.');
	const undo = check.getByRole('button', { name: 'Undo' });
	await expect(undo).toHaveAccessibleDescription('Your answers are cleared.');
	// The Clear button went: the focus is at the top of the questions, Undo the next stop.
	await expect(check.locator('h2')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(undo).toBeFocused();
	await page.keyboard.press('Enter');

	await expect(progress(page)).toContainText(`2 of ${cgroupsQuestions.length} answered, 2 right`);
	await expect(status).toHaveText('Your answers are back.');
	expect(await stored()).toEqual({ [one.id]: one.answer, [two.id]: two.answer });
	await expect(page.locator(`form[data-question="${two.id}"] .explanation`)).toContainText(
		'Right.'
	);
	await expect(undo).toHaveCount(0);
	await expect(check.locator('h2')).toBeFocused();

	// The next answer ends the offer.
	await check.getByRole('button', { name: 'Clear my answers' }).click();
	await expect(undo).toBeVisible();
	await answerRightly(page, one);
	await expect(undo).toHaveCount(0);
	expect(await stored()).toEqual({ [one.id]: one.answer });
});

test('in a framed lesson, Undo brings the answers back without storing them', async ({ page }) => {
	await page.goto('/framed' + LESSON);
	await answerRightly(page, cgroupsQuestions[0]);
	const check = page.getByTestId('selfcheck');
	await check.getByRole('button', { name: 'Clear my answers' }).click();
	await expect(progress(page)).toContainText(`0 of ${cgroupsQuestions.length} answered`);
	await check.getByRole('button', { name: 'Undo' }).click();
	await expect(progress(page)).toContainText(`1 of ${cgroupsQuestions.length} answered, 1 right`);
	expect(
		await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('answers')))
	).toEqual([]);
});
