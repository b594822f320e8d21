/**
 * The cgroups lab's JSON editor (src/lib/labs/cgroups/Editor.svelte): text typed
 * but not applied survives a reload in the same browser, marked as not applied
 * (never in an embed, which keeps nothing); and JSON big enough to take longer
 * than a frame is checked in the simulation worker, with progress and Cancel,
 * before it is applied, where Cancel leaves everything as it was.
 */
import { readFileSync } from 'node:fs';
import { largeScenario } from '../../src/lib/sim/cgroups/bench';
import { embedStarted, expect, test, type Page } from './fixtures';

const LESSON = '/lessons/cgroups';
const WEIGHTS = JSON.parse(readFileSync('static/scenarios/cgroups/weights.json', 'utf8'));

const lab = (page: Page) => page.getByTestId('cgroups-lab');
const player = (page: Page) => lab(page).locator('.player');
const editor = (page: Page) => page.getByTestId('cgroups-editor');
const jsonText = (page: Page) => page.getByTestId('scenario-json');
const applyJson = (page: Page) => editor(page).getByRole('button', { name: 'Apply JSON' });
const keptNote = (page: Page) => page.getByTestId('unapplied-json');
const title = (page: Page) => page.getByTestId('scenario-title');

async function open(page: Page) {
	await page.goto(LESSON);
	await expect(lab(page)).toHaveAttribute('data-ready', 'true');
}

async function openJsonEditor(page: Page) {
	const details = editor(page).locator('details.json');
	if ((await details.getAttribute('open')) === null)
		await editor(page).getByText('Edit the whole scenario as JSON').click();
	await expect(jsonText(page)).toBeVisible();
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

async function applyTitled(page: Page, name: string) {
	await openJsonEditor(page);
	await jsonText(page).fill(pretty({ ...WEIGHTS, title: name }));
	await applyJson(page).click();
	await expect(editor(page).getByText('Applied.', { exact: true })).toBeVisible();
	await expect(title(page)).toHaveText(name);
}

test.describe('cgroups JSON editor: unapplied text', () => {
	test('invalid JSON typed but not applied comes back after a reload, marked as not applied', async ({
		page
	}) => {
		await open(page);
		await applyTitled(page, 'My applied edit');
		const typed = pretty({ ...WEIGHTS, title: 'My unapplied edit' }).replace(
			'"model"',
			'"model",, // half-typed'
		);
		await jsonText(page).fill(typed);

		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		// The applied edit is what the lab shows; the typed text is back in the editor, open.
		await expect(title(page)).toHaveText('My applied edit');
		await expect(jsonText(page)).toHaveValue(typed);
		await expect(jsonText(page)).toBeVisible();
		await expect(keptNote(page)).toContainText('not applied yet');

		// Discarding it brings back the scenario's JSON, and a reload keeps nothing more.
		await keptNote(page).getByRole('button', { name: 'Discard this JSON' }).click();
		await expect(keptNote(page)).toHaveCount(0);
		await expect(jsonText(page)).toHaveValue(/"title": "My applied edit"/);
		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await openJsonEditor(page);
		await expect(jsonText(page)).toHaveValue(/"title": "My applied edit"/);
		await expect(keptNote(page)).toHaveCount(0);
	});

	test('valid JSON kept from before a reload is applied by Apply JSON, and then no longer kept', async ({
		page
	}) => {
		await open(page);
		await openJsonEditor(page);
		const typed = pretty({ ...WEIGHTS, title: 'Typed before the reload' });
		await jsonText(page).fill(typed);

		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await expect(jsonText(page)).toHaveValue(typed);
		await expect(keptNote(page)).toBeVisible();
		await expect(title(page)).not.toHaveText('Typed before the reload');

		await applyJson(page).click();
		await expect(title(page)).toHaveText('Typed before the reload');
		await expect(keptNote(page)).toHaveCount(0);
		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await expect(title(page)).toHaveText('Typed before the reload');
		await expect(keptNote(page)).toHaveCount(0);
	});

	test('an embed keeps no unapplied text in the browser', async ({ page }) => {
		await page.goto('/embed/cgroups');
		await embedStarted(page);
		await openJsonEditor(page);
		await jsonText(page).fill('{ "model": "cgroups", typed in an embed');
		await page.reload();
		await embedStarted(page);
		await openJsonEditor(page);
		await expect(jsonText(page)).not.toHaveValue(/typed in an embed/);
		await expect(keptNote(page)).toHaveCount(0);
		const kept = await page.evaluate(() =>
			Object.keys(localStorage).filter((key) => key.startsWith('stepvisor:'))
		);
		expect(kept).toEqual([]);
	});
});

/**
 * Watches the editor from inside the page: whether its progress line showed, and
 * (with `cancel`) presses its Cancel the moment progress shows, recording what the
 * lab showed then. A click sent from the test could arrive after a fast machine's
 * simulation has ended.
 */
async function watchEditorCheck(page: Page, cancel: boolean) {
	await page.evaluate((cancel) => {
		const seen = { progress: '', total: '', title: '', notices: 0, cancels: 0 };
		(window as unknown as { __editorCheck: typeof seen }).__editorCheck = seen;
		// How many progress notices, and Cancel buttons, showed at once while it ran.
		const counter = new MutationObserver(() => {
			const notices = document.querySelectorAll(
				'[data-testid="json-checking"], [data-testid="simulation-status"]'
			);
			const cancels = [...document.querySelectorAll('button')].filter(
				(button) => button.textContent?.trim() === 'Cancel' && button.checkVisibility()
			);
			seen.notices = Math.max(seen.notices, notices.length);
			seen.cancels = Math.max(seen.cancels, cancels.length);
		});
		counter.observe(document.body, { subtree: true, childList: true, characterData: true });
		new MutationObserver((_, observer) => {
			const status = document.querySelector('[data-testid="json-checking"]');
			const text = status?.textContent ?? '';
			if (!/Simulating the JSON… \d+ %/.test(text)) return;
			observer.disconnect();
			seen.progress = text;
			seen.total =
				document.querySelector<HTMLElement>('[data-testid="cgroups-lab"] .player')?.dataset.total ??
				'';
			seen.title = document.querySelector('[data-testid="scenario-title"]')?.textContent ?? '';
			if (cancel) status?.querySelector('button')?.click();
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	}, cancel);
	return () =>
		page.evaluate(
			() =>
				(
					window as unknown as {
						__editorCheck: {
							progress: string;
							total: string;
							title: string;
							notices: number;
							cancels: number;
						};
					}
				).__editorCheck
		);
}

test.describe('cgroups JSON editor: big scenarios', () => {
	test.describe.configure({ timeout: 120_000 });

	test('Cancel while a big JSON is checked in the worker leaves the scenario as it was', async ({
		page
	}) => {
		await open(page);
		const total = await player(page).getAttribute('data-total');
		const before = await title(page).textContent();
		await openJsonEditor(page);
		const big = pretty(largeScenario());
		await jsonText(page).fill(big);
		const seen = await watchEditorCheck(page, true);
		await applyJson(page).click();

		await expect.poll(async () => (await seen()).progress, { timeout: 60_000 }).toMatch(/\d+ %/);
		// While it ran, the lab still showed the scenario from before.
		expect(await seen()).toMatchObject({ total, title: before });
		await expect(editor(page).getByRole('status').filter({ hasText: 'Cancelled' })).toHaveText(
			'Cancelled: nothing was applied. Your JSON is still here.'
		);
		await expect(page.getByTestId('json-checking')).toHaveCount(0);
		await expect(page.getByTestId('simulation-status')).toHaveCount(0);
		await expect(player(page)).toHaveAttribute('data-total', total!);
		await expect(title(page)).toHaveText(before!);
		await expect(jsonText(page)).toHaveValue(big);
		await expect(editor(page).getByText('Applied.', { exact: true })).toHaveCount(0);
		// Nothing of the cancelled scenario became the learner's draft.
		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await expect(title(page)).toHaveText(before!);
	});

	test('a JSON of 10,000 ops is simulated in the worker, with progress, then applied', async ({
		page
	}) => {
		await open(page);
		let workers = 0;
		page.on('worker', () => workers++);
		await openJsonEditor(page);
		const ops = Array.from({ length: 10_000 }, () => ({ op: 'run', ticks: 1 }));
		await jsonText(page).fill(JSON.stringify({ ...WEIGHTS, title: '10,000 ticks', ops }));
		const seen = await watchEditorCheck(page, false);
		await applyJson(page).click();

		await expect(title(page)).toHaveText('10,000 ticks', { timeout: 60_000 });
		await expect(editor(page).getByText('Applied.', { exact: true })).toBeVisible();
		expect((await seen()).progress).toMatch(/Simulating the JSON… \d+ %/);
		// One progress notice, the editor's beside Apply JSON, with one Cancel.
		expect(await seen()).toMatchObject({ notices: 1, cancels: 1 });
		expect(workers).toBeGreaterThan(0);
		await expect(page.getByTestId('json-checking')).toHaveCount(0);
		await expect(player(page)).toHaveAttribute('data-total', '10001');
	});
});
