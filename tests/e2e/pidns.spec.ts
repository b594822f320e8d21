import { readFile } from 'node:fs/promises';
import {
	encodeScenario,
	expect,
	measureEachStep,
	test,
	type Page,
	playersReady,
	stepEveryFrame
} from './fixtures';

const LESSON = '/lessons/pid-namespaces';
const lab = (page: Page) => page.getByTestId('pidns-lab');
const player = (page: Page) => lab(page).locator('.player');
const node = (page: Page, name: string) =>
	lab(page).locator(`[data-testid="pidns-tree"] button[data-name="${name}"]`);
const tool = (page: Page, name: string | RegExp) =>
	lab(page).locator('.toolbar').getByRole('button', { name });

async function open(page: Page, url = LESSON) {
	await page.goto(url);
	// A page of its own (a phone-sized one, say) is not the fixture's: start its lab.
	await playersReady(page);
	await expect(player(page)).toBeVisible();
}

/** Focuses the player and presses a key (End: the scenario's last step). */
async function press(page: Page, key: string) {
	await player(page).focus();
	await page.keyboard.press(key);
}

test('a three-level tree built by keyboard: PIDs at every level, allocated level by level', async ({
	page
}) => {
	await open(page);
	await expect(lab(page).getByTestId('selected')).toHaveText('init');
	// init forks p8 into a new namespace; the new process is selected.
	await tool(page, 'Fork into a new namespace').focus();
	await page.keyboard.press('Enter');
	await expect(lab(page).getByTestId('selected')).toHaveText('p8');
	// The player is at the op's first frame: the new namespace hands out PID 1. The
	// lab's status says so; the narration is shown, not read out over it.
	const narration = player(page).locator('.narration');
	await expect(narration).toContainText('creates a level-1 namespace for “p8”');
	await expect(lab(page).getByTestId('lab-status')).toContainText('step where it begins');
	await expect(narration).toHaveAttribute('aria-live', 'off');
	await expect(node(page, 'p8')).toHaveAttribute('data-pids', '? · 1');
	await press(page, 'ArrowRight');
	await expect(narration).toHaveAttribute('aria-live', 'polite');
	await expect(node(page, 'p8')).toHaveAttribute('data-pids', '9 · 1');
	await expect(lab(page).locator('[data-counter="ns:init"]')).toContainText('8 → 9');
	// p8 forks p9 into a second new namespace, then p9 forks p10.
	await tool(page, 'Fork into a new namespace').focus();
	await page.keyboard.press('Enter');
	await expect(lab(page).getByTestId('selected')).toHaveText('p9');
	await tool(page, /^Fork$/).focus();
	await page.keyboard.press('Enter');
	await expect(lab(page).getByTestId('lab-status')).toContainText('“p9” forks “p10”');
	// Three alloc frames, innermost first, then the fork frame.
	await expect(node(page, 'p10')).toHaveAttribute('data-pids', '? · ? · 2');
	await press(page, 'ArrowRight');
	await expect(node(page, 'p10')).toHaveAttribute('data-pids', '? · 3 · 2');
	await press(page, 'End');
	await expect(node(page, 'p8')).toHaveAttribute('data-pids', '9 · 1');
	await expect(node(page, 'p9')).toHaveAttribute('data-pids', '10 · 2 · 1');
	await expect(node(page, 'p10')).toHaveAttribute('data-pids', '11 · 3 · 2');
	await expect(lab(page).locator('.box[data-ns="ns:p9"]')).toHaveAttribute('data-level', '2');
	// Arrow keys move the selection between processes.
	await node(page, 'p10').focus();
	await page.keyboard.press('ArrowUp');
	await expect(lab(page).getByTestId('selected')).toHaveText('p9');
	await expect(node(page, 'p9')).toBeFocused();
	// The edit survives a reload, with the step.
	const last = (await player(page).locator('.position').textContent())!.match(/of (\d+)/)![1];
	await expect(page).toHaveURL(new RegExp(`[?&]step=${last}\\b`));
	await page.reload();
	await expect(player(page).locator('.position')).toHaveText(`Step ${last} of ${last}`);
	await expect(node(page, 'p10')).toHaveAttribute('data-pids', '11 · 3 · 2');
});

test('a tree a little taller than its box gets room for all of it: the root’s header is not cut', async ({
	page
}) => {
	// Two forks into new namespaces make the lesson's tree 64 px taller than the box's
	// cap (600 px at this size): the box scrolled 64 px to show the new process, and
	// the root namespace's header was cut in half.
	await page.setViewportSize({ width: 1280, height: 800 });
	await open(page);
	for (let i = 0; i < 2; i++) {
		const total = Number(await player(page).getAttribute('data-total'));
		await tool(page, 'Fork into a new namespace').click();
		await expect
			.poll(async () => Number(await player(page).getAttribute('data-total')))
			.toBeGreaterThan(total);
	}
	const box = lab(page).locator('.scroller');
	await expect
		.poll(() => box.evaluate((element) => element.scrollHeight - element.clientHeight))
		.toBeLessThanOrEqual(0);
	expect(await box.evaluate((element) => element.scrollTop)).toBe(0);
	// A tree far taller still scrolls in a box of the cap's height.
	for (let i = 0; i < 4; i++) await tool(page, 'Fork into a new namespace').click();
	await expect
		.poll(() => box.evaluate((element) => element.scrollHeight - element.clientHeight))
		.toBeGreaterThan(100);
	expect(await box.evaluate((element) => element.clientHeight)).toBe(600);
});

test('view as an inner process: ps lists what it sees, the rest is dimmed', async ({ page }) => {
	await open(page);
	await press(page, 'End');
	await node(page, 'job').click();
	await tool(page, 'View as “job”').click();
	const ps = lab(page).getByTestId('ps-panel');
	await expect(ps).toContainText('ps as “job” would print it');
	const rows = ps.locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toHaveText(/1\s*sandbox/);
	await expect(rows.nth(1)).toHaveText(/2\s*job/);
	await expect(node(page, 'init')).toHaveAttribute('data-visible', 'false');
	await expect(node(page, 'app')).toHaveAttribute('data-visible', 'false');
	await expect(node(page, 'job')).toHaveAttribute('data-visible', 'true');
	await expect(lab(page).locator('.box[data-ns="ns:init"]')).toHaveClass(/dim/);
	// The scenario's own ps step shows its result.
	await press(page, 'Home');
	for (let i = 0; i < 40; i++) {
		if ((await ps.locator('h3').textContent())?.includes('this step’s result')) break;
		await press(page, 'ArrowRight');
	}
	await expect(ps.locator('h3')).toHaveText('ps run in “web” (this step’s result)');
	await expect(ps.locator('tbody tr')).toHaveCount(5);
	await expect(ps.locator('tbody tr').first()).toHaveText(/1\s*app/);
	// Viewing as and stopping are said; the Stop viewing button's focus goes to View as.
	await expect(lab(page).getByTestId('lab-status')).toContainText('Viewing as “job”');
	await press(page, 'End');
	await node(page, 'app').click();
	await lab(page).getByRole('button', { name: 'Stop viewing', exact: true }).click();
	await expect(lab(page).getByTestId('lab-status')).toHaveText('Stopped viewing as “job”.');
	await expect(tool(page, 'View as “app”')).toBeFocused();
});

test('killing a namespace init kills everything in it and below it', async ({ page }) => {
	await open(page);
	await press(page, 'End');
	await node(page, 'app').click();
	await tool(page, 'Kill (SIGKILL)').click();
	await expect(player(page).locator('.narration')).toContainText(
		'“app”, init of a level-1 namespace, is killed with SIGKILL'
	);
	await expect(lab(page).locator('.box[data-ns="ns:app"]')).toHaveClass(/collapsing/);
	await press(page, 'ArrowRight');
	await expect(player(page).locator('.narration')).toContainText('The kernel kills');
	await press(page, 'End');
	// The last victim is drawn dying, hanging from its dead ancestors.
	await expect(node(page, 'job')).toHaveAttribute('data-alive', 'false');
	for (const name of ['app', 'sandbox']) {
		await expect(node(page, name)).toHaveAttribute('data-alive', 'false');
	}
	// Operations on a dead process are refused by the toolbar.
	await node(page, 'job').click();
	await expect(tool(page, /^Fork$/)).toBeDisabled();
	// One step later (a ps from the host) they are all gone.
	await node(page, 'init').click();
	await tool(page, 'Run ps').click();
	for (const name of ['app', 'web', 'worker', 'sandbox', 'job']) {
		await expect(node(page, name)).toHaveCount(0);
	}
	await expect(node(page, 'runc')).toHaveAttribute('data-pids', '3');
	const rows = lab(page).getByTestId('ps-panel').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(2)).toHaveText(/3\s*runc/);
});

test('share link, download and upload carry the same tree', async ({ page, context }) => {
	await open(page);
	await lab(page).getByTestId('new-name').fill('shared-one');
	await tool(page, 'Fork into a new namespace').click();
	await press(page, 'End');
	await expect(node(page, 'shared-one')).toHaveAttribute('data-pids', '9 · 1');
	// Opened again, the lab says the tree is the learner's own, kept in this browser.
	await open(page);
	await expect(lab(page).getByTestId('opened-from')).toContainText(
		'Showing your edited scenario, kept in this browser'
	);

	await lab(page).getByRole('button', { name: 'Copy share link' }).click();
	const link = await lab(page).getByRole('textbox', { name: 'Share link' }).inputValue();
	expect(link).toMatch(/[?&]scenario=v1\./);
	const other = await context.browser()!.newPage();
	await other.goto(link);
	await playersReady(other);
	await expect(player(other)).toBeVisible();
	await expect(lab(other).getByTestId('opened-from')).toHaveText(
		'Showing the scenario from the link.'
	);
	await press(other, 'End');
	await expect(node(other, 'shared-one')).toHaveAttribute('data-pids', '9 · 1');
	await expect(node(other, 'job')).toHaveAttribute('data-pids', '8 · 5 · 2');
	await other.close();

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		lab(page).getByRole('button', { name: 'Download JSON' }).click()
	]);
	expect(download.suggestedFilename()).toBe('pid-namespaces.json');
	const path = await download.path();
	const saved = JSON.parse(await readFile(path, 'utf8'));
	expect(saved.model).toBe('pidns');
	expect(saved.ops.at(-1)).toEqual({ op: 'fork', parent: 'init', name: 'shared-one', newns: true });

	await lab(page).getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
	await expect(
		lab(page).getByRole('status').filter({ hasText: 'Back to the lesson’s own scenario.' })
	).toHaveCount(1);
	await expect(lab(page).getByTestId('opened-from')).toHaveCount(0);
	await press(page, 'End');
	await expect(node(page, 'shared-one')).toHaveCount(0);
	await lab(page)
		.locator('input[type="file"]')
		.setInputFiles({
			name: 'pid-namespaces.json',
			mimeType: 'application/json',
			buffer: await readFile(path)
		});
	await expect(lab(page).locator('.share [role="status"]')).toContainText(
		'Opened pid-namespaces.json'
	);
	await press(page, 'End');
	await expect(node(page, 'shared-one')).toHaveAttribute('data-pids', '9 · 1');
});

test('a bad scenario link shows a message and the lesson’s scenario', async ({ page }) => {
	await open(page, `${LESSON}?scenario=v1.not-a-scenario`);
	const problem = lab(page).getByTestId('scenario-problem');
	await expect(problem).toBeVisible();
	await expect(problem).toContainText('The lesson’s own scenario is shown instead');
	await press(page, 'End');
	await expect(node(page, 'job')).toHaveAttribute('data-pids', '8 · 5 · 2');

	// A well-formed link whose scenario is invalid names the problem.
	const bad = await encodeScenario(page, {
		model: 'pidns',
		ops: [{ op: 'exit', name: '<b>ghost</b>' }]
	});
	await open(page, `${LESSON}?scenario=${bad}`);
	await expect(problem).toContainText('not valid here');
	await expect(problem).toContainText('no fork in this scenario creates "<b>ghost</b>"');
	expect(await lab(page).locator('b').count()).toBe(0);
	await press(page, 'End');
	await expect(node(page, 'job')).toHaveAttribute('data-pids', '8 · 5 · 2');
});

test('markup in a process name is shown as text and never runs', async ({ page }) => {
	const evil = '<img src=x onerror=window.__pwned=1>';
	await open(page);
	await lab(page).getByTestId('new-name').fill(evil);
	await expect(lab(page).locator('.name-error')).toHaveText('');
	await tool(page, /^Fork$/).click();
	await press(page, 'End');
	const evilNode = lab(page).locator('[data-testid="pidns-tree"] button[title="' + evil + '"]');
	await expect(evilNode).toHaveAttribute('data-pids', '9');
	await expect(lab(page).getByTestId('selected')).toHaveText(evil);
	await tool(page, `View as “${evil}”`).click();
	await expect(lab(page).getByTestId('ps-panel')).toContainText(evil);
	// A name already used is refused with a message.
	await lab(page).getByTestId('new-name').fill('web');
	await expect(lab(page).locator('.name-error')).toContainText('already used');
	await expect(tool(page, /^Fork$/)).toBeDisabled();
	expect(await lab(page).locator('img').count()).toBe(0);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);

	// The same name arriving in a shared link is text too, in the tree, the ps panel and the narration.
	const link = await encodeScenario(page, {
		model: 'pidns',
		ops: [
			{ op: 'fork', parent: 'init', name: evil, newns: true },
			{ op: 'ps', from: evil }
		]
	});
	await open(page, `${LESSON}?scenario=${link}`);
	await press(page, 'End');
	await expect(lab(page).getByTestId('ps-panel')).toContainText(evil);
	await expect(player(page).locator('.narration')).toContainText(evil);
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
});

test('the self-check asks about the learner’s own tree', async ({ page }) => {
	await open(page);
	const check = page.getByTestId('selfcheck');
	await expect(check).toContainText(
		'running ps inside a container lists every process on the machine'
	);
	await expect(check).toContainText('“job” forks a new process');
	// Its live progress line is kept, not made again, across the lab's operations: a
	// line re-inserted would be read out after each of them.
	const progress = await check.locator('.progress').elementHandle();
	await press(page, 'End');
	await node(page, 'job').click();
	await tool(page, 'Fork into a new namespace').click();
	await expect(check).toContainText('“p8” forks a new process');
	expect(await progress!.evaluate((line) => line.isConnected)).toBe(true);
});

test('phone width: controls reflow and the picture scrolls inside its own box', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
	await open(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	for (const button of await lab(page).locator('.toolbar button').all()) {
		const box = (await button.boundingBox())!;
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
	}
	await press(page, 'End');
	const nodeBox = (await node(page, 'job').boundingBox())!;
	expect(nodeBox.height).toBeGreaterThanOrEqual(44);
	// Each namespace's "last PID" counter is on screen without scrolling sideways: a
	// header too wide for the phone puts it on a second line (it was cut to "last PID 0 ·").
	const scroller = (await lab(page).locator('.scroller').boundingBox())!;
	const counters = lab(page).locator('[data-counter]');
	await expect(counters).toHaveCount(3);
	for (const counter of await counters.all()) {
		const box = (await counter.boundingBox())!;
		expect(box.x + box.width, (await counter.textContent()) ?? '').toBeLessThanOrEqual(
			scroller.x + scroller.width
		);
	}
	await page.close();
});

test('at 390 px a header of a long init name keeps two lines: its title beside the level mark', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(LESSON);
	// Namespaces nested four deep, each started by an init of a long name.
	const ops = [{ op: 'fork', parent: 'init', name: 'containerd-shim-runc-v2' }];
	let parent = 'containerd-shim-runc-v2';
	for (let level = 1; level <= 4; level++) {
		const name = `level-${level}-init-with-a-rather-long-name`;
		ops.push({ op: 'fork', parent, name, newns: true } as (typeof ops)[number]);
		parent = name;
	}
	const scenario = { model: 'pidns', title: 'Long init names', ops };
	await open(page, `${LESSON}?scenario=${await encodeScenario(page, scenario)}`);
	const steps = await measureEachStep(player(page), (player, at) =>
		[...player.querySelectorAll('[data-testid="pidns-tree"] .header.wrapped')].flatMap((header) => {
			const box = (el: Element) => el.getBoundingClientRect();
			const [mark, title, counter, own] = [
				box(header.querySelector('.level-mark')!),
				box(header.querySelector('.title')!),
				box(header.querySelector('.counter')!),
				box(header)
			];
			// The title on the level mark's line (shortened), the counter below, nothing cut.
			const sameLine = Math.abs(title.top + title.bottom - mark.top - mark.bottom) / 2 < 4;
			const inside = counter.bottom <= own.bottom + 0.5 && mark.top >= own.top - 0.5;
			return sameLine && inside ? [] : [`step ${at}: ${header.textContent!.trim()}`];
		})
	);
	expect(steps.length).toBeGreaterThan(4);
	expect(steps.flat()).toEqual([]);
	await page.close();
});

test('a tree wider than a phone shades the edge it scrolls on to, and only that edge', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
	await open(page);
	// The lesson's own tree fits a phone: the example that nests namespaces deep does not,
	// by step 30, where a desktop's picture still holds it.
	await lab(page).getByTestId('pidns-example').selectOption('counters');
	await lab(page).getByRole('button', { name: 'Open example' }).click();
	const deep = () => player(page).getByRole('slider', { name: 'Step' }).fill('30');
	await deep();
	const tree = lab(page).locator('.tree-frame');
	const scroller = tree.locator('.scroller');
	const shade = async () =>
		tree
			.locator('.more-cue')
			.evaluateAll((cues) => cues.map((cue) => getComputedStyle(cue).opacity));
	// Touch screens show no scrollbar: the shade is the only sign of the rest.
	expect(await scroller.evaluate((box) => box.scrollWidth - box.clientWidth)).toBeGreaterThan(40);
	// The player scrolls to the step's process on the next frame: scroll back until it has.
	const atStart = async () => {
		await scroller.evaluate((box) => box.scrollTo({ left: 0, behavior: 'instant' }));
		return shade();
	};
	await expect.poll(atStart).toEqual(['0', '1']);
	await scroller.evaluate((box) => box.scrollTo({ left: 20, behavior: 'instant' }));
	await expect.poll(shade).toEqual(['1', '1']);
	await scroller.evaluate((box) => box.scrollTo({ left: box.scrollWidth, behavior: 'instant' }));
	await expect.poll(shade).toEqual(['1', '0']);
	// A tree that fits has nothing beyond its edges: the first step's, and the
	// same tree in a wider window.
	await press(page, 'Home');
	expect(await scroller.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
	await expect.poll(shade).toEqual(['0', '0']);
	await deep();
	await expect.poll(atStart).toEqual(['0', '1']);
	await page.setViewportSize({ width: 1280, height: 800 });
	expect(await scroller.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
	await expect.poll(shade).toEqual(['0', '0']);
	await page.close();
});

test('a process name longer than 64 characters is taken, as a scenario may hold one', async ({
	page
}) => {
	await open(page);
	const name = `worker-${'x'.repeat(93)}`;
	await lab(page).getByTestId('new-name').fill(name);
	await expect(lab(page).getByTestId('new-name')).toHaveValue(name);
	await expect(lab(page).locator('.name-error')).toHaveText('');
	await tool(page, /^Fork$/).click();
	await expect(lab(page).getByTestId('lab-status')).toContainText(`forks “${name}”`);
	await press(page, 'End');
	await expect(node(page, name)).toHaveCount(1);
	await expect(lab(page).getByTestId('selected')).toHaveText(name);
	// Kept as the draft, as any other name is.
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('stepvisor:draft:pid-namespaces') ?? ''))
		.toContain(`"name":"${name}"`);
});

test('an example scenario opens from the list', async ({ page }) => {
	await open(page);
	// A name refused in this scenario…
	await lab(page).getByTestId('new-name').fill('init');
	await expect(lab(page).locator('.name-error')).toContainText('first process');
	// Arrowing through the closed list picks an example; only its button opens it.
	await lab(page).getByTestId('pidns-example').focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(lab(page).getByRole('button', { name: 'Open example' })).toBeEnabled();
	await expect(lab(page).getByTestId('lab-status')).not.toContainText('Opened');
	await expect(page.getByTestId('replaced-draft')).toHaveCount(0);
	await lab(page).getByTestId('pidns-example').selectOption('init-dies');
	await lab(page).getByRole('button', { name: 'Open example' }).click();
	await expect(lab(page).getByTestId('lab-status')).toContainText('When a container’s init dies');
	// The status says what was opened; the example's first narration is shown, not read
	// out over it (as Open and every other lab's built-in picker do).
	await expect(player(page).locator('.narration')).toHaveAttribute('aria-live', 'off');
	// …goes with it: the field and its message are cleared, not read out again.
	await expect(lab(page).getByTestId('new-name')).toHaveValue('');
	await expect(lab(page).locator('.name-error')).toHaveText('');
	await press(page, 'End');
	await expect(player(page).locator('.narration')).toContainText('ESRCH');
	await expect(node(page, 'runc')).toHaveAttribute('data-pids', '2');
	await expect(node(page, 'plugin')).toHaveCount(0);
});

test('at 390 px, Next stays put while the tree grows, and the keyboard meets the controls first', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await open(page);
	const tree = lab(page).getByTestId('pidns-tree');
	const { nextTops: tops, measured: heights } = await stepEveryFrame(page, player(page), async () =>
		tree.evaluate((box) => box.getBoundingClientRect().height)
	);
	// The tree does grow by more than half a screen, and Next does not move.
	expect(Math.max(...heights) - Math.min(...heights)).toBeGreaterThan(400);
	expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(1);
	// The controls are above the tree in the page's order too: Tab from the player reaches them first.
	await player(page).focus();
	await page.keyboard.press('Tab');
	await expect(player(page).getByRole('button', { name: 'First step' })).toBeFocused();
});

test('at 1024 × 768 and 200 %, the step about the root’s last PID keeps that header in the tree’s box', async ({
	page
}) => {
	// CSS 512 × 384: the tree's box is 288 px tall and the lesson's tree 388 px. At the
	// step "The root namespace hands “worker” PID 6 (its last PID goes from 5 to 6)"
	// the box kept worker in view and scrolled the root's header, which shows that
	// change, out of it. Both do not fit: the header, which the narration is about.
	await page.setViewportSize({ width: 512, height: 384 });
	await open(page, `${LESSON}?step=11`);
	const inBox = (target: import('@playwright/test').Locator) =>
		target.evaluate((element) => {
			const box = element.closest('.scroller')!.getBoundingClientRect();
			const part = element.getBoundingClientRect();
			return part.top >= box.top - 1 && part.bottom <= box.bottom + 1;
		});
	const rootHeader = lab(page).locator('[data-counter="ns:init"]');
	const worker = node(page, 'worker');
	// The level-1 namespace's PID for worker: worker, under that namespace's header.
	await expect.poll(() => inBox(worker)).toBe(true);
	await expect.poll(() => inBox(lab(page).locator('[data-counter="ns:app"]'))).toBe(true);
	expect(await inBox(rootHeader)).toBe(false);
	await press(page, 'ArrowRight');
	await expect(player(page).locator('.narration')).toContainText('its last PID goes from 5 to 6');
	await expect(rootHeader).toContainText('5 → 6');
	await expect.poll(() => inBox(rootHeader)).toBe(true);
	// Worker is born at the next step: it is brought back into view.
	await press(page, 'ArrowRight');
	await expect.poll(() => inBox(worker)).toBe(true);
	// Opened from a link at that step, too.
	await open(page, `${LESSON}?step=12`);
	await expect.poll(() => inBox(rootHeader)).toBe(true);
	await page.waitForTimeout(300);
	expect(await inBox(rootHeader)).toBe(true);
});
