/**
 * A lab's scenario near the size limit (4 MiB of JSON): an edit that would take it
 * past the limit is refused, with the limit's message, and nothing changes; an edit
 * of a big scenario is kept as the draft even when the page is reloaded or left at
 * once, while its draft is still being written (src/lib/scenario/drafts.ts).
 */
import { afterNextPaint, expect, test, type Page, playersReady } from './fixtures';

test.describe.configure({ timeout: 120_000 });

const PIDNS = '/lessons/pid-namespaces';
const LAYERS = '/lessons/layers';

const storedDraft = (page: Page, key: string) =>
	page.evaluate((name) => localStorage.getItem(`stepvisor:draft:${name}`), key);

/** Opens `lesson` with `scenario` as the learner's saved draft. */
async function openWithDraft(page: Page, lesson: string, key: string, scenario: unknown) {
	await page.goto(lesson);
	await page.evaluate(([name, text]) => localStorage.setItem(`stepvisor:draft:${name}`, text), [
		key,
		JSON.stringify(scenario)
	] as const);
	await page.reload();
	await expect(page.getByTestId('opened-from')).toContainText('Showing your edited scenario');
}

test('a fork that would take the scenario past 4 MiB is refused with the limit, and nothing changes', async ({
	page
}) => {
	// 40 processes with names of 100,000 characters: 4,001,775 bytes of JSON.
	const ops = Array.from({ length: 40 }, (_, i) => ({
		op: 'fork',
		parent: 'init',
		name: `p${i}-${'n'.repeat(100_000)}`
	}));
	await openWithDraft(page, PIDNS, 'pid-namespaces', { model: 'pidns', ops });
	const lab = page.getByTestId('pidns-lab');
	const player = lab.locator('.player');
	const total = await player.getAttribute('data-total');
	const before = await storedDraft(page, 'pid-namespaces');

	await lab.getByTestId('new-name').fill(`big-${'y'.repeat(200_000)}`);
	await expect(lab.locator('.name-error')).toHaveText('');
	await lab.getByRole('button', { name: 'Fork', exact: true }).click();
	await expect(page.getByTestId('lab-status')).toHaveText(
		'Not added: (scenario): cannot grow past 4 MiB of JSON (the limit); this change would make it 4,201,819 bytes'
	);
	await expect(player).toHaveAttribute('data-total', total!);
	await afterNextPaint(page);
	expect(await storedDraft(page, 'pid-namespaces')).toBe(before);

	// A change that fits is taken as ever.
	await lab.getByTestId('new-name').fill('small');
	await lab.getByRole('button', { name: 'Fork', exact: true }).click();
	await expect(page.getByTestId('lab-status')).toContainText('Added: “init” forks “small”');
	await expect.poll(() => storedDraft(page, 'pid-namespaces')).toContain('"name":"small"');
});

/** A layers scenario of 20,000 entries: its draft's JSON is written over several tasks. */
function bigLayers() {
	const layers = [0, 1].map((n) => {
		const entries: Record<string, unknown> = {};
		for (let i = 0; i < 10_000; i++)
			entries[`/l${n}/d${i % 40}/e${i}`] = i % 2 ? { type: 'dir' } : `file ${i}`;
		return { name: `layer-${n}`, entries };
	});
	return {
		model: 'unionfs',
		title: 'Many small entries',
		layers,
		upper: { name: 'container', entries: {} },
		ops: [{ op: 'read', path: '/l0/d0/e0' }]
	};
}

async function run(page: Page, line: string) {
	const lab = page.getByTestId('unionfs-lab');
	await lab.getByTestId('shell-input').fill(line);
	await lab.getByTestId('shell-input').press('Enter');
	await expect(lab.getByTestId('shell-message')).toContainText(`Added: ${line}`);
}

test('an edit of a big scenario is kept when the page is reloaded or left right after it', async ({
	page
}) => {
	await openWithDraft(page, LAYERS, 'layers', bigLayers());
	const log = page.getByTestId('unionfs-lab').getByTestId('shell-log');

	// Reloaded at once.
	await run(page, 'mkdir /kept-on-reload');
	await page.reload();
	await expect(log).toContainText('mkdir /kept-on-reload');
	expect(await storedDraft(page, 'layers')).toContain('"/kept-on-reload"');

	// Left at once for another page, by its address.
	await run(page, 'mkdir /kept-on-leaving');
	await page.goto('/review');
	// The leaving page's write reaches the browser's storage in the background.
	await expect.poll(() => storedDraft(page, 'layers')).toContain('"/kept-on-leaving"');

	// Left at once by a link, and come back to.
	await page.goto(LAYERS);
	await playersReady(page);
	await expect(log).toContainText('mkdir /kept-on-leaving');
	await run(page, 'mkdir /kept-on-a-link');
	await page.getByRole('banner').getByRole('link', { name: 'Glossary' }).click();
	await page.waitForURL('**/glossary/');
	await page.goBack();
	await playersReady(page);
	await expect(log).toContainText('mkdir /kept-on-a-link');
	expect(await storedDraft(page, 'layers')).toContain('"/kept-on-a-link"');
});

test('the storage event of the draft this page read, heard late, does not stop its edits being saved', async ({
	page
}) => {
	await openWithDraft(page, LAYERS, 'layers', bigLayers());
	// As Chromium delivered it under load: the event of the write the previous page made as it
	// went away (the reload), after this page had read that very draft.
	await page.evaluate(() => {
		const key = 'stepvisor:draft:layers';
		dispatchEvent(new StorageEvent('storage', { key, newValue: localStorage.getItem(key) }));
	});
	await afterNextPaint(page);
	await run(page, 'mkdir /after-a-late-event');
	await expect.poll(() => storedDraft(page, 'layers')).toContain('"/after-a-late-event"');
	await expect(page.getByTestId('newer-draft')).toHaveCount(0);
});
