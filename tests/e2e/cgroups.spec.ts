import { expect, playersReady, test, type Page } from './fixtures';

// The cgroups lesson's lab: default scenario "A CPU hog held to half a CPU".
const LESSON = '/lessons/cgroups';

const lab = (page: Page) => page.locator('.lab');
const player = (page: Page) => lab(page).locator('.player');
const throttled = (page: Page) => page.getByTestId('throttled-limited');
const quotaField = (page: Page) => page.getByRole('textbox', { name: 'cpu.max of /batch' });

async function open(page: Page, path = LESSON) {
	await page.goto(path);
	// A page of its own (another context) is not the fixture's: start its lab.
	await playersReady(page);
	await expect(lab(page)).toHaveAttribute('data-ready', 'true');
}

async function gotoStep(page: Page, step: number) {
	await player(page).getByRole('slider', { name: 'Step' }).fill(String(step));
	await expect(player(page)).toHaveAttribute('data-step', String(step));
}

test.describe('cgroups lab', () => {
	test('a smaller CPU quota in the editor makes the group throttled sooner', async ({ page }) => {
		await open(page);
		await gotoStep(page, 2);
		await expect(throttled(page)).toHaveText('0');
		await quotaField(page).fill('10000 100000');
		await quotaField(page).press('Enter');
		await quotaField(page).blur();
		await expect(page.getByText('Applied.')).toBeVisible();
		await gotoStep(page, 2);
		await expect(throttled(page)).toHaveText('1');
		await expect(
			page.getByTestId('timelines-limited').getByTestId('badge-throttled')
		).toBeVisible();
		await expect(player(page).locator('.narration')).toContainText('throttled');
		// Without limits nothing is ever throttled.
		await expect(page.getByTestId('throttled-free')).toHaveText('0');
	});

	test('the limit fields take values as the kernel’s files do, so a phone neither capitalises nor corrects them', async ({
		page
	}) => {
		// cpu.max takes "max" in lower case only; a phone keyboard would type "Max".
		await open(page);
		const fields = lab(page).locator('input[type="text"][data-field]');
		expect(await fields.count()).toBeGreaterThan(10);
		for (const field of await fields.all()) {
			await expect(field).toHaveAttribute('autocapitalize', 'off');
			await expect(field).toHaveAttribute('autocorrect', 'off');
			await expect(field).toHaveAttribute('spellcheck', 'false');
		}
	});

	test('an invalid value is explained and changes nothing', async ({ page }) => {
		await open(page);
		await quotaField(page).fill('lots');
		await quotaField(page).blur();
		await expect(lab(page).getByText('Not applied; the scenario would be invalid:')).toBeVisible();
		// The status line names the field in words, not by its place in the JSON.
		await expect(
			lab(page).locator('code', {
				hasText: 'cpu.max of /batch: the quota must be a whole number'
			})
		).toBeVisible();
		await expect(lab(page).locator('small.bad')).toHaveText(
			'the quota must be a whole number of microseconds or "max"'
		);
		await expect(quotaField(page)).toHaveAttribute('aria-invalid', 'true');
		await expect(player(page)).toHaveAttribute('data-total', '52');
		// Every refused field is described by its message: a process's, the tick's, the JSON's.
		await quotaField(page).fill('50000 100000');
		await quotaField(page).blur();
		const start = lab(page).getByRole('textbox', { name: 'memory at start of hog' });
		await start.fill('lots');
		await start.blur();
		await expect(start).toHaveAttribute('aria-invalid', 'true');
		await expect(start).toHaveAccessibleDescription(/\S/);
		await expect(lab(page).getByTestId('cgroups-editor')).not.toContainText('processes[');
		await start.fill('');
		await start.blur();
		const tick = lab(page).getByRole('spinbutton', { name: 'Tick length (ms)' });
		await tick.fill('0');
		await tick.blur();
		await expect(tick).toHaveAccessibleDescription(/\S/);
		await expect(lab(page).getByTestId('cgroups-editor')).toContainText('Tick length (ms)');
		await tick.fill('10');
		await tick.blur();
		await page.getByText('Edit the whole scenario as JSON').click();
		await page.getByTestId('scenario-json').fill('{ not json');
		await page.getByRole('button', { name: 'Apply JSON' }).click();
		await expect(page.getByTestId('scenario-json')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByTestId('scenario-json')).toHaveAccessibleDescription(/not valid JSON/);
	});

	test('hostile values in every kind of field are refused with a message, and nothing else changes', async ({
		page
	}) => {
		await open(page);
		const group = (name: string) => page.getByRole('textbox', { name: `${name} of /batch` });
		const cases: [string, string][] = [
			['cpu.max', '-5000 100000'],
			['cpu.max', '1e309'],
			['cpu.max', 'x'.repeat(100_000)],
			['cpu.max', '\u0000'],
			['cpu.weight', 'NaN'],
			['cpu.weight', '1e309'],
			['cpu.weight', '-5'],
			['memory.max', '-5000'],
			['memory.max', '99999999999999999999999999'],
			['memory.max', '100Q']
		];
		for (const [name, value] of cases) {
			const field = group(name);
			await field.fill(value);
			await field.blur();
			// The field says what is wrong: a NaN or an overflow must not quietly become "not set".
			await expect(field, `${value.slice(0, 20)} is refused`).toHaveAttribute(
				'aria-invalid',
				'true'
			);
			await expect(
				lab(page).getByText('Not applied; the scenario would be invalid:')
			).toBeVisible();
			await expect(player(page)).toHaveAttribute('data-total', '52');
			// Put the field back, so the next case is the only wrong value.
			await field.fill(name === 'cpu.max' ? '50000 100000' : '');
			await field.blur();
		}
		// A number field the browser cannot read is refused too, not taken as 0.
		const tick = lab(page).getByRole('spinbutton', { name: 'Tick length (ms)' });
		await tick.fill('');
		await tick.blur();
		await expect(tick).toHaveAttribute('aria-invalid', 'true');
		await expect(player(page)).toHaveAttribute('data-total', '52');
		// The page still answers the keyboard.
		await player(page).focus();
		await page.keyboard.press('ArrowRight');
		await expect(player(page)).toHaveAttribute('data-step', '1');
	});

	test('edits survive a reload, and a share link reopens them elsewhere', async ({
		page,
		browser
	}) => {
		await open(page);
		await quotaField(page).fill('20000 100000');
		await quotaField(page).blur();
		await expect(page.getByText('Applied.')).toBeVisible();
		await page.reload();
		await expect(lab(page)).toHaveAttribute('data-ready', 'true');
		await expect(quotaField(page)).toHaveValue('20000 100000');
		await expect(lab(page).getByText('Showing your edited scenario')).toBeVisible();

		await page.getByRole('button', { name: 'Copy share link' }).click();
		const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
		expect(link).toContain('scenario=v1.');
		const other = await browser.newContext();
		const fresh = await other.newPage();
		await open(fresh, link.replace(/^https?:\/\/[^/]+/, ''));
		await expect(quotaField(fresh)).toHaveValue('20000 100000');
		await expect(lab(fresh).getByText('Showing the scenario from the link.')).toBeVisible();
		await gotoStep(fresh, 3);
		await expect(throttled(fresh)).toHaveText('1');
		await other.close();
	});

	test('scenario text is shown as text and never run', async ({ page }) => {
		const evil = '<img src=x onerror=window.__pwned=1>';
		await open(page);
		await page.getByText('Edit the whole scenario as JSON').click();
		await page.getByTestId('scenario-json').fill(
			JSON.stringify({
				model: 'cgroups',
				title: evil,
				description: evil,
				processes: [{ name: evil, group: '/', cpu: 1 }],
				ops: [
					{ op: 'run', ticks: 3 },
					{ op: 'exit', name: evil }
				]
			})
		);
		await page.getByRole('button', { name: 'Apply JSON' }).click();
		await expect(page.getByTestId('scenario-title')).toHaveText(evil);
		await expect(page.getByTestId('scenario-description')).toHaveText(evil);
		await gotoStep(page, 4);
		await expect(player(page).locator('.narration')).toContainText(`“${evil}” exits`);
		// Through a share link too.
		await page.getByRole('button', { name: 'Copy share link' }).click();
		const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
		await open(page, link.replace(/^https?:\/\/[^/]+/, ''));
		await expect(page.getByTestId('scenario-title')).toHaveText(evil);
		await expect(lab(page).locator('img')).toHaveCount(0);
		expect(
			await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
		).toBeUndefined();
	});

	test('built-in scenarios: the OOM kill shows up, and the step is in the URL', async ({
		page
	}) => {
		await open(page);
		await page.getByTestId('cgroups-builtin').selectOption('memory-oom');
		await expect(page.getByTestId('cgroups-status')).toHaveText(
			'Opened the built-in scenario “A memory leak hits memory.max and the OOM killer”.'
		);
		await player(page).getByRole('button', { name: 'Last step' }).click();
		await expect(page.getByTestId('oom-limited')).toHaveText('1');
		await expect(page.getByTestId('oom-free')).toHaveText('0');
		await expect(page.getByTestId('timelines-limited')).toContainText('killed by the OOM killer');
		await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe('36');
		// Reset says what it did, in a status line that was there before it changed.
		await page.getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
		await expect(
			lab(page).getByRole('status').filter({ hasText: 'Back to the lesson’s own scenario.' })
		).toHaveCount(1);
		await expect(page.getByTestId('cgroups-status')).toHaveText('');
	});

	test('keyboard: the player steps with arrow keys; the table gives the numbers as text', async ({
		page
	}) => {
		await open(page);
		await player(page).focus();
		for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
		await expect(player(page)).toHaveAttribute('data-step', '7');
		await expect(throttled(page)).toHaveText('1');
		const table = page.getByTestId('timelines-limited').locator('details.table');
		await table.locator('summary').click();
		await expect(table.getByRole('row', { name: /\/batch/ })).toContainText('50 ms of 50 ms');
		await expect(page.getByTestId('timelines-limited').getByRole('img').first()).toHaveAttribute(
			'aria-label',
			/CPU of \/batch over 50 ticks; at tick 7/
		);
	});

	test('each chart marks the current tick, and its drawn past ends there', async ({ page }) => {
		await open(page);
		// Where each chart's marker stands and where the clip of its past ends, in the
		// chart's own pixels (its viewBox is its size).
		const marks = () =>
			lab(page)
				.locator('svg[data-metric]')
				.evaluateAll((charts) =>
					charts.map((chart) => {
						const left = chart.getBoundingClientRect().left;
						const marker = chart.querySelector('line.marker')!.getBoundingClientRect();
						const clip = chart.querySelector('clipPath > *') as SVGGraphicsElement;
						const past = clip.getBBox();
						return { marker: marker.left + marker.width / 2 - left, edge: past.x + past.width };
					})
				);
		await gotoStep(page, 2);
		const early = await marks();
		await gotoStep(page, 30);
		const later = await marks();
		expect(early.length).toBeGreaterThan(1);
		for (const [index, mark] of [...early, ...later].entries()) {
			expect(Math.abs(mark.marker - mark.edge), `chart ${index}`).toBeLessThan(0.5);
		}
		for (const [index, mark] of later.entries()) {
			expect(mark.marker, `chart ${index}`).toBeGreaterThan(early[index].marker + 10);
		}
	});
});

test.describe('cgroups lab: what a change says', () => {
	test('a built-in scenario is confirmed once: its narration is shown, not read over the status', async ({
		page
	}) => {
		await open(page);
		const narration = player(page).locator('.narration');
		await page.getByTestId('cgroups-builtin').selectOption('memory-oom');
		await expect(page.getByTestId('cgroups-status')).toHaveText(
			'Opened the built-in scenario “A memory leak hits memory.max and the OOM killer”.'
		);
		await expect(narration).toHaveAttribute('aria-live', 'off');
		// The next step is read out again.
		await player(page).focus();
		await page.keyboard.press('ArrowRight');
		await expect(narration).toHaveAttribute('aria-live', 'polite');
	});

	test('Apply JSON says “Applied.” as a form edit does, also after one', async ({ page }) => {
		await open(page);
		const editor = page.getByTestId('cgroups-editor');
		const applied = editor.getByText('Applied.', { exact: true });
		await quotaField(page).fill('20000 100000');
		await quotaField(page).blur();
		await expect(applied).toBeVisible();
		// "Applied." is what is read out: the new scenario's narration is shown, not read over it.
		await expect(player(page).locator('.narration')).toHaveAttribute('aria-live', 'off');
		await page.getByText('Edit the whole scenario as JSON').click();
		const json = page.getByTestId('scenario-json');
		// Filled as the editor opens, with the scenario just applied.
		await expect(json).toHaveValue(/"20000 100000"/);
		const good = await json.inputValue();
		// What the status line is given to say (each is read out, as it is added).
		await editor.locator('.messages').evaluate((messages) => {
			const said: string[] = [];
			(window as unknown as { __said: string[] }).__said = said;
			new MutationObserver((records) => {
				for (const record of records)
					for (const node of record.addedNodes)
						if (node instanceof Element) said.push((node.textContent ?? '').trim());
			}).observe(messages, { childList: true });
		});
		const said = () => page.evaluate(() => (window as unknown as { __said: string[] }).__said);
		// JSON that fails says so, and nothing says the form's edit was this JSON's.
		await json.fill('{"bad": ');
		await editor.getByRole('button', { name: 'Apply JSON' }).click();
		await expect(editor.getByRole('alert')).toContainText('is not valid JSON');
		await expect(applied).toHaveCount(0);
		await json.fill(good.replace('"20000 100000"', '"30000 100000"'));
		await editor.getByRole('button', { name: 'Apply JSON' }).click();
		await expect(applied).toBeVisible();
		await expect(quotaField(page)).toHaveValue('30000 100000');
		// Applied again, the line is said again: it changes, so a live region reads it.
		await json.fill(good.replace('"20000 100000"', '"40000 100000"'));
		await editor.getByRole('button', { name: 'Apply JSON' }).click();
		await expect(quotaField(page)).toHaveValue('40000 100000');
		await expect.poll(said).toEqual(['Applied.', 'Applied.']);
	});
});
