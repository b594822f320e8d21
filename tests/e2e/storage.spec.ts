/**
 * What a lab keeps in the browser: inside an embed nothing at all (after a
 * learner's edits, localStorage, sessionStorage, cookies and IndexedDB are
 * empty), and on a lesson page a draft that another tab never silently replaces.
 */
import { readAnimations } from '../../src/lib/content/lesson-index';
import { readFileSync } from 'node:fs';
import { afterNextPaint, expect, test, type Page, playersReady } from './fixtures';

/** The lessons' animations, from their manifests. */
const ANIMATION_INFO = readAnimations(process.cwd());

/** Ops in the PID lesson's own scenario (a draft holds these and the learner's). */
const OWN: number = JSON.parse(readFileSync('static/scenarios/pidns/lesson.json', 'utf8')).ops
	.length;

/** What a learner does in each embed: the edits its lab allows, else stepping and playing. */
const EDITS: Record<string, (page: Page) => Promise<void>> = {
	'pid-namespaces': async (page) => {
		const fork = page.getByTestId('pidns-lab').getByRole('button', { name: 'Fork', exact: true });
		await fork.click();
		await fork.click();
		await expect(page.getByTestId('lab-status')).toContainText('Added');
	},
	layers: async (page) => {
		await page.getByTestId('shell-input').fill('echo hi > /etc/motd');
		await page.getByTestId('shell-input').press('Enter');
		await expect(page.getByTestId('shell-message')).toContainText('Added');
	},
	'namespaces-lab': async (page) => {
		await page.getByRole('button', { name: 'Add question' }).click();
		await expect(page.getByTestId('ns-status')).toContainText('Added');
	},
	cgroups: async (page) => {
		await page.getByTestId('cgroups-builtin').selectOption('weights');
		await expect(page.getByTestId('scenario-title')).not.toBeEmpty();
	},
	'system-call-path': async (page) => {
		await page.getByTestId('left-platform').selectOption({ index: 1 });
	}
};

async function storedAnything(page: Page) {
	return page.evaluate(async () => ({
		local: Object.keys(localStorage),
		session: Object.keys(sessionStorage),
		cookie: document.cookie,
		idb: (await indexedDB.databases()).map((db) => db.name)
	}));
}

for (const { id } of ANIMATION_INFO) {
	test(`the ${id} embed keeps nothing in the browser after the learner's edits`, async ({
		page
	}) => {
		await page.goto(`/embed/${id}`);
		const player = page.locator('.player').first();
		await expect(player).toBeVisible();
		await EDITS[id]?.(page);
		await player.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('End');
		await page.reload();
		await expect(player).toBeVisible();
		expect(await storedAnything(page)).toEqual({ local: [], session: [], cookie: '', idb: [] });
	});
}

test('an embed with its self-check keeps no answers in the browser', async ({ page }) => {
	await page.goto('/embed/cgroups?selfcheck=1');
	const check = page.getByTestId('selfcheck');
	const form = check.locator('form[data-question]').first();
	await expect(form.locator('.choice').first()).toBeVisible();
	await form.getByRole('radio').first().check();
	await form.getByRole('button', { name: 'Check answer' }).click();
	await expect(form.locator('.explanation')).toContainText(/Right\.|Not quite\./);
	expect(await storedAnything(page)).toEqual({ local: [], session: [], cookie: '', idb: [] });
});

const PIDNS = '/lessons/pid-namespaces';
const draftOf = (page: Page) =>
	page.evaluate(() => JSON.parse(localStorage.getItem('stepvisor:draft:pid-namespaces') ?? 'null'));

/** The draft once it holds `count` ops: a draft is written once the edit that made it is painted. */
async function draftWith(page: Page, count: number) {
	await expect.poll(async () => (await draftOf(page))?.ops?.length).toBe(count);
	return draftOf(page);
}

async function fork(page: Page, times: number) {
	// A background tab gets no animation frames, so clicks in it would wait.
	await page.bringToFront();
	// A page from context.newPage() is not the fixture's page, so nothing waited for hydration.
	await playersReady(page);
	const button = page.getByTestId('pidns-lab').getByRole('button', { name: 'Fork', exact: true });
	for (let i = 0; i < times; i++) {
		const before = await page.getByTestId('lab-status').textContent();
		await button.click();
		// A fork re-simulates the scenario; a tab that has just hydrated on a busy machine
		// can take longer than the default five seconds to say so.
		await expect(page.getByTestId('lab-status')).not.toHaveText(before ?? '', { timeout: 20_000 });
	}
}

test('an embed in another tab neither reads nor replaces the lesson’s draft', async ({
	context
}) => {
	test.slow(); // several tabs, each hydrating on a shared machine
	const lesson = await context.newPage();
	await lesson.goto(PIDNS);
	await fork(lesson, 3);
	const draft = await draftWith(lesson, OWN + 3);
	const embed = await context.newPage();
	await embed.goto('/embed/pid-namespaces');
	// The embed shows the lesson's own scenario, not the learner's draft.
	await expect(embed.getByTestId('pidns-lab').locator('button[data-name="p10"]')).toHaveCount(0);
	await fork(embed, 1);
	expect(await draftOf(lesson)).toEqual(draft);
	await expect(lesson.getByTestId('newer-draft')).toHaveCount(0);
});

test('two tabs of a lesson: a newer draft from the other tab is never silently replaced', async ({
	context
}) => {
	test.slow(); // several tabs, each hydrating on a shared machine
	const first = await context.newPage();
	const second = await context.newPage();
	await first.goto(PIDNS);
	await second.goto(PIDNS);
	// The second tab's lab is running, as once its learner has scrolled to it (a lab
	// that starts later reads the newest draft, and there is nothing to tell).
	await playersReady(second);
	await fork(first, 3);
	const newer = await draftWith(first, OWN + 3);
	// The second tab is told, and its own edit does not overwrite the first tab's draft.
	await expect(second.getByTestId('newer-draft')).toBeVisible();
	await fork(second, 1);
	// A draft is written in a task once the edit is painted: once a later one has run,
	// a write, had there been one, would be there.
	await afterNextPaint(second);
	expect(await draftOf(second)).toEqual(newer);
	// Choosing the newer version shows it here.
	await second.bringToFront();
	await second.getByRole('button', { name: 'Open the newer version' }).click();
	await expect(second.getByTestId('newer-draft')).toHaveCount(0);
	await second.locator('.player').focus();
	await second.keyboard.press('End');
	await expect(second.locator('button[data-name="p10"]')).toHaveCount(1);
	await expect(second.locator('button[data-name="p11"]')).toHaveCount(0);
	// Keeping one's own version is a choice too: the draft becomes it, and the other tab is told.
	await fork(second, 1);
	await draftWith(second, OWN + 4);
	await expect(first.getByTestId('newer-draft')).toBeVisible();
	await first.bringToFront();
	await first.getByRole('button', { name: 'Keep this tab’s version' }).click();
	await expect(first.getByTestId('newer-draft')).toHaveCount(0);
	await expect.poll(() => draftOf(first)).toEqual(newer);
	await expect(second.getByTestId('newer-draft')).toBeVisible();
});
