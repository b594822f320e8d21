/**
 * No lost work: whatever replaces a learner's saved scenario instead of editing
 * it (Reset, a file, an example, Clear, the first edit of a link's scenario)
 * puts the old one aside, and one button brings it back. Also what goes with
 * it: a control disabled under the focus hands it to the player, and messages
 * about a scenario go once another is shown.
 */
import { afterNextPaint, blockStorage, expect, test, type Page, playersReady } from './fixtures';

const PIDNS = '/lessons/pid-namespaces';
const LAYERS = '/lessons/layers';
const pidLab = (page: Page) => page.getByTestId('pidns-lab');
const replaced = (page: Page) => page.getByTestId('replaced-draft');

/** Forks one process named `name` from the selected one (init at first). */
async function fork(page: Page, name: string) {
	await pidLab(page).getByTestId('new-name').fill(name);
	await pidLab(page).getByRole('button', { name: 'Fork', exact: true }).click();
	await expect(page.getByTestId('lab-status')).toContainText(name);
}

/** Whether the PID lab's last step shows a process named `name`. */
async function showsAtEnd(page: Page, name: string, count: number) {
	await pidLab(page).locator('.player').focus();
	await page.keyboard.press('End');
	await expect(pidLab(page).locator(`button[data-name="${name}"]`)).toHaveCount(count);
}

/** The names of the processes in the saved draft, once it is written (after the edit is painted). */
async function draftNames(page: Page): Promise<string[]> {
	await afterNextPaint(page);
	return page.evaluate(() => {
		const raw = localStorage.getItem('stepvisor:draft:pid-namespaces');
		const ops: { name?: string }[] = raw ? JSON.parse(raw).ops : [];
		return ops.map((op) => op.name ?? '');
	});
}

test('editing a link’s scenario puts the learner’s own aside, and it comes back', async ({
	page,
	browser
}) => {
	await page.goto(PIDNS);
	await playersReady(page);
	await fork(page, 'alpha');
	expect(await draftNames(page)).toContain('alpha');

	// A link made elsewhere, from a scenario without alpha.
	const other = await browser.newPage();
	await other.goto(PIDNS);
	await playersReady(other);
	await fork(other, 'beta');
	await pidLab(other).getByRole('button', { name: 'Copy share link' }).click();
	const link = await pidLab(other).getByRole('textbox', { name: 'Share link' }).inputValue();
	await other.close();

	await page.goto(link);
	await playersReady(page);
	// Only opening the link changes nothing saved.
	await expect(replaced(page)).toHaveCount(0);
	await fork(page, 'gamma');
	const names = await draftNames(page);
	expect(names).toContain('gamma');
	expect(names).not.toContain('alpha');
	// The learner's alpha was put aside, and is offered back on the lesson itself too.
	await page.goto(PIDNS);
	await playersReady(page);
	await expect(replaced(page)).toBeVisible();
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await expect.poll(() => draftNames(page)).toContain('alpha');
	expect(await draftNames(page)).not.toContain('gamma');
	await showsAtEnd(page, 'alpha', 1);
	// And the other way again: the link's edited scenario was put aside in its turn.
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await expect.poll(() => draftNames(page)).toContain('gamma');
	await replaced(page).getByRole('button', { name: 'Forget it' }).click();
	await expect(replaced(page)).toHaveCount(0);
	await expect(pidLab(page).locator('.player')).toBeFocused();
	await page.reload();
	await playersReady(page);
	await expect(replaced(page)).toHaveCount(0);
});

test('Reset and an example put the edited scenario aside; Bring back restores it', async ({
	page
}) => {
	await page.goto(PIDNS);
	await playersReady(page);
	await fork(page, 'mine');
	await pidLab(page).getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
	await showsAtEnd(page, 'mine', 0);
	await expect(replaced(page)).toBeVisible();
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await showsAtEnd(page, 'mine', 1);
	// What it replaced was the lesson's own scenario: nothing of the learner's to swap back to.
	await expect(replaced(page)).toHaveCount(0);

	await pidLab(page).getByTestId('pidns-example').selectOption('init-dies');
	await pidLab(page).getByRole('button', { name: 'Open example' }).click();
	await showsAtEnd(page, 'mine', 0);
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await showsAtEnd(page, 'mine', 1);
});

test('layers: Clear all can be taken back, and the shell’s message goes with the commands', async ({
	page
}) => {
	await page.goto(LAYERS);
	await playersReady(page);
	const input = page.getByTestId('shell-input');
	await input.fill('echo my notes > /app/notes.txt');
	await input.press('Enter');
	await expect(page.getByTestId('shell-message')).toContainText('Added');
	const clear = page.getByRole('button', { name: 'Clear all commands' });
	await clear.focus();
	await page.keyboard.press('Enter');
	await expect(clear).toBeDisabled();
	// The message about the command just added no longer stands above an empty list.
	await expect(page.getByTestId('shell-message')).toHaveText('');
	// The button went disabled under the focus: the player has it, not the page.
	await expect(page.getByTestId('unionfs-lab').locator('.player')).toBeFocused();
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await expect(clear).toBeEnabled();
	await expect(page.getByTestId('unionfs-lab')).toContainText('echo my notes > /app/notes.txt');
});

test('a share link’s message goes when the lab shows another scenario', async ({ page }) => {
	await page.goto(PIDNS);
	await playersReady(page);
	await fork(page, 'shared');
	await pidLab(page).getByRole('button', { name: 'Copy share link' }).click();
	await expect(pidLab(page).getByRole('textbox', { name: 'Share link' })).toBeVisible();
	await fork(page, 'later');
	// The link was of the scenario before this fork: it would share the wrong one.
	await expect(pidLab(page).getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
	await expect(pidLab(page).locator('.share [role="status"]')).toHaveText('');
});

test('a file of another lab is named for what it is, not listed field by field', async ({
	page
}) => {
	await page.goto(PIDNS);
	await playersReady(page);
	const layers = { model: 'unionfs', layers: [{ name: 'base', entries: [] }], ops: [] };
	await pidLab(page)
		.locator('input[type="file"]')
		.setInputFiles({
			name: 'layers.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(layers))
		});
	const status = pidLab(page).locator('.share [role="status"]');
	await expect(status).toHaveText(
		'layers.json holds a “unionfs” scenario, which another lesson’s lab opens; this lab opens “pidns” scenarios. Nothing was changed.'
	);
	await expect(status.locator('li')).toHaveCount(0);
});

/** Fills localStorage as other labs' big drafts can: a few bytes at most stay free. */
async function fillStorage(page: Page) {
	await page.evaluate(() => {
		let chunk = 'x'.repeat(1024 * 1024);
		for (let n = 0; chunk.length >= 8; n++) {
			try {
				localStorage.setItem(`stepvisor:filler:${n}`, chunk);
			} catch {
				chunk = chunk.slice(0, chunk.length / 2);
			}
		}
	});
}

test('a change a full storage cannot keep is said at once, and a reload does not pass off the older draft', async ({
	page
}) => {
	await page.goto(PIDNS);
	await playersReady(page);
	await fork(page, 'beta');
	expect(await draftNames(page)).toContain('beta');
	await expect(page.getByTestId('draft-not-kept')).toHaveCount(0);
	await fillStorage(page);
	await fork(page, 'gamma');
	await expect(page.getByTestId('draft-not-kept')).toContainText(
		'could not be saved in this browser, because its storage is full'
	);
	expect(await draftNames(page)).not.toContain('gamma');

	await page.reload();
	await playersReady(page);
	// The draft shown is beta's, and the notice says it is not the latest.
	await expect(page.getByTestId('opened-from')).toContainText('as this browser last kept it');
	await showsAtEnd(page, 'beta', 1);
	await showsAtEnd(page, 'gamma', 0);

	// Once storage has room again, a change is kept and nothing is said against it.
	await page.evaluate(() => {
		for (const key of Object.keys(localStorage))
			if (key.startsWith('stepvisor:filler:')) localStorage.removeItem(key);
	});
	await fork(page, 'delta');
	await expect.poll(() => draftNames(page)).toContain('delta');
	await expect(page.getByTestId('draft-not-kept')).toHaveCount(0);
	await page.reload();
	await playersReady(page);
	await expect(page.getByTestId('opened-from')).toHaveText(
		'Showing your edited scenario, kept in this browser (Reset brings back the lesson’s).'
	);
});

test('a framed lesson does not say a scenario put aside is kept in the browser', async ({
	page
}) => {
	await page.goto('/framed/lessons/pid-namespaces');
	await playersReady(page);
	await fork(page, 'mine');
	await pidLab(page).getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
	await expect(replaced(page)).toContainText('lasts only until you leave or reload the page');
	await expect(replaced(page)).not.toContainText('kept in this browser');
	expect(await page.evaluate(() => localStorage.length)).toBe(0);
	// It is kept on the page, as said.
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await showsAtEnd(page, 'mine', 1);
});

test('where the browser blocks storage, the lab says so of each change and of a scenario put aside', async ({
	page
}) => {
	await blockStorage(page);
	await page.goto(PIDNS);
	await playersReady(page);
	await fork(page, 'mine');
	await expect(page.getByTestId('draft-not-kept')).toContainText(
		'This browser does not let the site save your changes'
	);
	await pidLab(page).getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
	await expect(replaced(page)).toContainText('This browser could not keep it');
	await expect(replaced(page)).not.toContainText('kept in this browser');
	await replaced(page).getByRole('button', { name: 'Bring back the previous scenario' }).click();
	await showsAtEnd(page, 'mine', 1);
});
