/**
 * The cgroups lab's JSON editor (src/lib/labs/cgroups/Editor.svelte): text typed
 * but not applied survives a reload in the same browser, marked as not applied
 * (never in an embed, which keeps nothing); and JSON big enough to take longer
 * than a frame is checked in the simulation worker, with progress and Cancel,
 * before it is applied, where Cancel leaves everything as it was. JSON typed but
 * not applied is never overwritten by a form edit or another scenario; and the
 * textarea holds the scenario's JSON only while open (a long one only on request).
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
const quotaField = (page: Page) => page.getByRole('textbox', { name: 'cpu.max of /batch' });
const UNAPPLIED_KEY = 'stepvisor:draft:cgroups:unapplied-json';
const storedUnapplied = (page: Page) =>
	page.evaluate((key) => localStorage.getItem(key), UNAPPLIED_KEY);

async function open(page: Page) {
	await page.goto(LESSON);
	await expect(lab(page)).toHaveAttribute('data-ready', 'true');
}

async function openJsonEditor(page: Page) {
	const details = editor(page).locator('details.json');
	if ((await details.getAttribute('open')) === null)
		await editor(page).getByText('Edit the whole scenario as JSON').click();
	await expect(jsonText(page)).toBeVisible();
	// The editor puts the scenario's JSON in on the details' toggle event, a task after
	// the click: a fill before it, on a busy machine, was typed into that JSON's end.
	await expect(jsonText(page)).not.toHaveValue('');
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

test.describe('cgroups JSON editor: unapplied text and other changes', () => {
	/** Valid JSON, typed and not applied, with a note of the learner's in it. */
	async function typeNotes(page: Page) {
		await openJsonEditor(page);
		// The textarea is filled as the editor opens, a moment after it shows.
		await expect(jsonText(page)).toHaveValue(/"model": "cgroups",/);
		const typed = (await jsonText(page).inputValue()).replace(
			'"model": "cgroups",',
			'"model": "cgroups",\n  "x-my-notes": "an hour of careful work",'
		);
		expect(typed).toContain('x-my-notes');
		await jsonText(page).fill(typed);
		await expect.poll(() => storedUnapplied(page)).toBe(typed);
		return typed;
	}

	test('a form edit keeps the JSON typed but not applied, and says so', async ({ page }) => {
		await open(page);
		const typed = await typeNotes(page);

		await quotaField(page).fill('20000 100000');
		await quotaField(page).blur();
		await expect(player(page)).toHaveAttribute('data-total', '52');
		await expect(jsonText(page)).toHaveValue(typed);
		await expect(
			editor(page).getByText(
				'Applied. The JSON editor below still holds your own JSON, not applied.'
			)
		).toBeVisible();
		await expect(keptNote(page)).toContainText('not applied');
		await expect(jsonText(page)).toHaveAccessibleDescription(/not applied/);
		// Still kept for a reload: the form's edit is the draft, the typed JSON beside it.
		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await expect(quotaField(page)).toHaveValue('20000 100000');
		await expect(jsonText(page)).toHaveValue(typed);
	});

	test('opening a built-in scenario keeps the JSON typed but not applied, until discarded', async ({
		page
	}) => {
		await open(page);
		const typed = await typeNotes(page);

		await page.getByTestId('cgroups-builtin').selectOption('weights');
		await expect(title(page)).toHaveText(WEIGHTS.title);
		await expect(jsonText(page)).toHaveValue(typed);
		await expect(keptNote(page)).toContainText('not applied');
		// Closed, the editor's heading says it holds JSON not applied.
		await editor(page).getByText('Edit the whole scenario as JSON').click();
		await expect(page.getByTestId('unapplied-json-closed')).toHaveText(
			': holds your JSON, not applied'
		);

		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await expect(title(page)).toHaveText(WEIGHTS.title);
		await expect(jsonText(page)).toHaveValue(typed);
		await keptNote(page).getByRole('button', { name: 'Discard this JSON' }).click();
		await expect(jsonText(page)).toHaveValue(pretty(WEIGHTS));
		await expect(keptNote(page)).toHaveCount(0);
		await expect.poll(() => storedUnapplied(page)).toBeNull();
	});

	test('the textarea holds the scenario only while the JSON editor is open', async ({ page }) => {
		await open(page);
		// Nothing is written out for a textarea nobody looks at.
		await expect(jsonText(page)).toHaveValue('');
		await openJsonEditor(page);
		await expect(jsonText(page)).toHaveValue(/"model": "cgroups"/);
		await editor(page).getByText('Edit the whole scenario as JSON').click();

		// A form edit with the editor closed does not write the scenario into it.
		await quotaField(page).fill('30000 100000');
		await quotaField(page).blur();
		await expect(editor(page).getByText('Applied.', { exact: true })).toBeVisible();
		await expect(jsonText(page)).toHaveValue('');
		await openJsonEditor(page);
		await expect(jsonText(page)).toHaveValue(/"max": "30000 100000"/);
		// Open, it follows the form.
		await quotaField(page).fill('40000 100000');
		await quotaField(page).blur();
		await expect(jsonText(page)).toHaveValue(/"max": "40000 100000"/);
		await expect(keptNote(page)).toHaveCount(0);
	});

	test('a long scenario’s JSON goes in the textarea only when asked for', async ({ page }) => {
		await open(page);
		// 11,000 small objects: about 600,000 characters of JSON.
		const pad = Array.from({ length: 11_000 }, () => ({
			a: 1,
			b: [1, 2, { c: 'x' }],
			d: { e: { f: [true, null] } }
		}));
		const padded = { ...WEIGHTS, title: 'Padded', 'x-pad': pad };
		const json = JSON.stringify(padded);
		await lab(page)
			.locator('.share input[type="file"]')
			.setInputFiles({
				name: 'padded.json',
				mimeType: 'application/json',
				buffer: Buffer.from(json)
			});
		await expect(title(page)).toHaveText('Padded');

		await editor(page).getByText('Edit the whole scenario as JSON').click();
		const withheld = page.getByTestId('json-withheld');
		await expect(withheld).toContainText(`${json.length.toLocaleString('en')} characters long`);
		await expect(jsonText(page)).toHaveCount(0);
		// A form edit leaves it withheld: nothing is written out for it.
		const weight = page.getByRole('textbox', { name: `cpu.weight of ${WEIGHTS.groups[0].path}` });
		await weight.fill('150');
		await weight.blur();
		await expect(editor(page).getByText('Applied.', { exact: true })).toBeVisible();
		await expect(withheld).toBeVisible();
		await expect(jsonText(page)).toHaveCount(0);

		await withheld.getByRole('button', { name: 'Show the JSON anyway' }).click();
		await expect(jsonText(page)).toBeFocused();
		const shown = JSON.parse(await jsonText(page).inputValue());
		expect(shown.groups[0].cpu.weight).toBe(150);
		expect(shown['x-pad']).toHaveLength(pad.length);
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

	test('JSON past the 4 MiB limit, or nested past 64 levels, is refused as everywhere else', async ({
		page
	}) => {
		await open(page);
		const before = await title(page).textContent();
		await openJsonEditor(page);
		// Applied, it became a draft that no way in (file, link, reload) would open again.
		const over = JSON.stringify({ ...WEIGHTS, 'x-pad': 'a'.repeat(4 * 1024 * 1024) });
		await jsonText(page).fill(over);
		await applyJson(page).click();
		await expect(editor(page).getByRole('alert')).toContainText(
			'is larger than 4 MiB (the limit); nothing was applied.'
		);
		await jsonText(page).fill(
			JSON.stringify({ ...WEIGHTS, 'x-deep': JSON.parse('['.repeat(70) + ']'.repeat(70)) })
		);
		await applyJson(page).click();
		await expect(editor(page).getByRole('alert')).toContainText('nested more than 64 levels deep');
		await jsonText(page).fill('{ "model": "cgroups",\n  "title": oops }');
		await applyJson(page).click();
		await expect(editor(page).getByRole('alert')).toContainText(
			'is not valid JSON; nothing was applied. The first error is at line 2, column 12.'
		);
		await expect(title(page)).toHaveText(before!);
		expect(await page.evaluate(() => localStorage.getItem('stepvisor:draft:cgroups'))).toBeNull();
	});

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

	test('a form edit of a scenario of 10,000 ops is simulated in the worker, then applied', async ({
		page
	}) => {
		await open(page);
		await openJsonEditor(page);
		const ops = Array.from({ length: 10_000 }, () => ({ op: 'run', ticks: 1 }));
		await jsonText(page).fill(JSON.stringify({ ...WEIGHTS, title: '10,000 ticks', ops }));
		await applyJson(page).click();
		await expect(title(page)).toHaveText('10,000 ticks', { timeout: 60_000 });

		// Whether the lab's progress notice showed: on the main thread, none would.
		await page.evaluate(() => {
			const seen = { notice: false };
			(window as unknown as { __formCheck: typeof seen }).__formCheck = seen;
			new MutationObserver((_, observer) => {
				if (!document.querySelector('[data-testid="simulation-status"]')) return;
				seen.notice = true;
				observer.disconnect();
			}).observe(document.body, { subtree: true, childList: true });
		});
		const weight = page.getByRole('textbox', { name: `cpu.weight of ${WEIGHTS.groups[0].path}` });
		await weight.fill('150');
		await weight.blur();
		await expect(editor(page).getByText('Applied.', { exact: true })).toBeVisible({
			timeout: 60_000
		});
		expect(
			await page.evaluate(
				() => (window as unknown as { __formCheck: { notice: boolean } }).__formCheck.notice
			)
		).toBe(true);
		await expect(page.getByTestId('simulation-status')).toHaveCount(0);
		await expect(player(page)).toHaveAttribute('data-total', '10001');
		expect(JSON.parse(await jsonText(page).inputValue()).groups[0].cpu.weight).toBe(150);
	});
});
