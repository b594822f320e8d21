/**
 * Big scenarios are read, parsed and simulated off the main thread or in slices
 * (src/lib/scenario/simulate.worker.ts, json-slices.ts): while one opens, the page
 * shows progress and a Cancel button, and no task on the main thread takes 200 ms
 * or more, from the moment the learner acts to the drawn result (hydration
 * included, for a link). Simulated on the main thread, these scenarios block it
 * for seconds. The tests run in the `quiet` project (playwright.config.ts), after
 * every other test and one at a time, so that no second browser stretches the
 * tasks; E2E_LONG_TASK_MS sets another bound for a slower machine.
 * Cancel keeps the scenario shown before.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeScenario as largeCgroups } from '../../src/lib/sim/cgroups/bench';
import { largeScenario as largeNamespaces } from '../../src/lib/sim/namespaces/bench';
import { embedStarted, encodeScenario, expect, test, type Page } from './fixtures';

const LONG_TASK_MS = Number(process.env.E2E_LONG_TASK_MS ?? 200);

test.describe.configure({ timeout: 180_000 });

/**
 * Records long tasks and the moments the simulation notice appears and goes
 * away, in every frame of the page.
 */
async function watchMainThread(page: Page) {
	await page.addInitScript(() => {
		const log = { tasks: [] as { start: number; duration: number }[] };
		(window as unknown as { __mainThread: typeof log }).__mainThread = log;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				log.tasks.push({ start: entry.startTime, duration: entry.duration });
			}
		}).observe({ type: 'longtask', buffered: true });
	});
}

/**
 * Long tasks (ms) that ended after `from` (the page's clock): reading, parsing,
 * checking, simulating and drawing a scenario opened at `from`.
 */
async function tasksSince(target: Page | import('@playwright/test').Frame, from = 0) {
	return target.evaluate((from) => {
		const log = (
			window as unknown as {
				__mainThread: { tasks: { start: number; duration: number }[] };
			}
		).__mainThread;
		return log.tasks
			.filter((task) => task.start + task.duration > from)
			.map((task) => Math.round(task.duration));
	}, from);
}

const now = (target: Page | import('@playwright/test').Frame) =>
	target.evaluate(() => performance.now());

/**
 * Presses Cancel from inside the page the moment progress shows: on a fast machine a
 * big simulation ends within a second or two, before a click sent from the test arrives.
 * Resolves to the status text Cancel was pressed at.
 */
async function cancelOnProgress(target: Page | import('@playwright/test').Frame, scope: string) {
	await target.evaluate((scope) => {
		new MutationObserver((_, observer) => {
			const status = document.querySelector(`${scope} [data-testid="simulation-status"]`);
			const cancel = status?.querySelector('button');
			if (cancel && /Simulating… \d+ %/.test(status!.textContent ?? '')) {
				observer.disconnect();
				(window as unknown as { __cancelledAt: string }).__cancelledAt = status!.textContent!;
				cancel.click();
			}
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	}, scope);
	return () =>
		expect
			.poll(
				() =>
					target.evaluate(() => (window as unknown as { __cancelledAt?: string }).__cancelledAt),
				{ timeout: 60_000 }
			)
			.toMatch(/Simulating… \d+ %/);
}

/** Two traces of 99,997 frames each: 8,333 writes, paravirtualized and in a container. */
function longestSyscalls() {
	return ['vm-paravirt', 'container'].map((platform) => ({
		model: 'syscall',
		platform,
		syscalls: Array(8_333).fill('write')
	}));
}

/** 32 nested PID namespaces and 2,000 forks in the deepest: 65,536 frames. */
function deepPidns() {
	const ops: object[] = [];
	let parent = 'init';
	for (let level = 1; level < 32; level++) {
		ops.push({ op: 'fork', parent, name: `ns${level}`, newns: true });
		parent = `ns${level}`;
	}
	for (let i = 0; ops.length < 2_000; i++) ops.push({ op: 'fork', parent, name: `p${i}` });
	return { model: 'pidns', title: 'Deep', ops };
}

/**
 * 256 layers and 10,000 ops as far as 4 MiB of JSON allows (850 entries a layer);
 * every `stat` walks all 256 layers.
 */
function wideUnionfs() {
	const layers = Array.from({ length: 256 }, (_, l) => ({
		name: `l${l}`,
		entries: Object.fromEntries(Array.from({ length: 850 }, (_, i) => [`/d/f${l}_${i}`, 'x']))
	}));
	const ops = Array.from({ length: 10_000 }, (_, i) =>
		i % 4 === 0
			? { op: 'write', path: `/w${i % 50}`, content: 'y' }
			: { op: 'stat', path: `/d/f255_${i % 850}` }
	);
	return { model: 'unionfs', layers, upper: { name: 'up', entries: {} }, ops };
}

test('a 32-level, 2,000-fork PID link is simulated off the main thread, with progress', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await watchMainThread(page);
	await page.goto('/lessons/pid-namespaces');
	const link = await encodeScenario(page, deepPidns());
	await page.goto(`/lessons/pid-namespaces?scenario=${link}`);
	const lab = page.getByTestId('pidns-lab');
	const status = lab.getByTestId('simulation-status');
	await expect(status).toContainText(/Simulating… \d+ %|Checking the scenario…/);
	await expect(status.getByRole('button', { name: 'Cancel' })).toBeVisible();
	await expect(lab.locator('.player')).toHaveAttribute('data-total', '65536', {
		timeout: 150_000
	});
	await expect(status).toHaveCount(0);
	// Every task since the page began: hydrating, unpacking, parsing, simulating, drawing.
	const long = await tasksSince(page);
	expect(Math.max(0, ...long), `long tasks opening the link: ${long.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);
	expect(errors).toEqual([]);
});

/**
 * The embed `id` in a host page of another address, watched by watchMainThread, once
 * ready: its frame, its first trace's length, and `send`, which posts it setScenario.
 */
async function embedOnHost(page: Page, id: string) {
	await watchMainThread(page);
	await page.route('**/__offthread-host.html', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<!doctype html><title>host</title><iframe src="/embed/${id}" width="900" height="900"></iframe>`
		})
	);
	await page.goto('/__offthread-host.html');
	const embed = page.frameLocator('iframe');
	const frame = page.frames()[1];
	// Started as a reader's pointer starts it, so that what is timed is the scenario's.
	await embedStarted(embed);
	const total = (await embed.locator('.player').first().getAttribute('data-total'))!;
	const send = (scenario: unknown) =>
		page.evaluate(
			(message) =>
				document
					.querySelector('iframe')!
					.contentWindow!.postMessage({ type: 'stepvisor', ...message }, '*'),
			{ command: 'setScenario', scenario }
		);
	return { embed, frame, total, send };
}

test('an embed simulates a big setScenario off the main thread; Cancel keeps the scenario it showed; a link bomb is refused in short tasks', async ({
	page
}) => {
	const { embed, frame, total, send } = await embedOnHost(page, 'pid-namespaces');

	const cancelled = await cancelOnProgress(frame, 'body');
	await send(deepPidns());
	const status = embed.getByTestId('simulation-status');
	await cancelled();
	await expect(status).toHaveCount(0);
	await expect(embed.getByRole('alert')).toContainText(
		'Opening the scenario sent by the page was cancelled.'
	);
	await expect(embed.locator('.player')).toHaveAttribute('data-total', total);

	// The same scenario again, to its end.
	const sent = await now(frame);
	await send(deepPidns());
	await expect(embed.locator('.player')).toHaveAttribute('data-total', '65536', {
		timeout: 150_000
	});
	const long = await tasksSince(frame, sent);
	expect(Math.max(0, ...long), `long tasks opening it: ${long.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);

	// A link that unpacks to 100 MiB: refused, with no long task on the way.
	const bomb = await frame.evaluate(async () => {
		const bytes = new Uint8Array(100 * 1024 * 1024).fill(32);
		const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
		const out = new Uint8Array(await new Response(stream).arrayBuffer());
		let binary = '';
		for (let i = 0; i < out.length; i += 0x8000) {
			binary += String.fromCharCode(...out.subarray(i, i + 0x8000));
		}
		return 'v1.' + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	});
	const before = await now(frame);
	await send(bomb);
	await expect(embed.getByRole('alert')).toContainText('more than 4 MiB');
	const unpacking = await tasksSince(frame, before);
	expect(Math.max(0, ...unpacking), `long tasks: ${unpacking.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);
	await expect(embed.locator('.player')).toHaveAttribute('data-total', '65536');
});

test('Cancel while a big uploaded file is simulated leaves the layers lab as it was', async ({
	page
}) => {
	await watchMainThread(page);
	await page.goto('/lessons/layers');
	const lab = page.getByTestId('unionfs-lab');
	await expect(lab.locator('.player')).toHaveAttribute('data-ready', 'true');
	const total = await lab.locator('.player').getAttribute('data-total');
	const file = join(tmpdir(), `stepvisor-wide-${process.pid}.json`);
	await writeFile(file, JSON.stringify(wideUnionfs()));
	const cancelled = await cancelOnProgress(page, '[data-testid="unionfs-lab"]');
	const chosen = await now(page);
	await lab.locator('input[type="file"]').setInputFiles(file);
	const status = lab.getByTestId('simulation-status');
	await cancelled();
	await expect(status).toHaveCount(0);
	const long = await tasksSince(page, chosen);
	await expect(lab.getByRole('status').filter({ hasText: 'cancelled' })).toContainText(
		/was cancelled; nothing was changed/
	);
	await expect(lab.locator('.player')).toHaveAttribute('data-total', total!);
	await expect(lab.locator('[data-testid="union-bands"] g.band[data-layer="app"]')).toBeVisible();
	expect(Math.max(0, ...long), `long tasks opening the file: ${long.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);
});

/**
 * Opens `scenario` in a lab through its "Open JSON file…" button, once the page is
 * ready (watched by watchMainThread), and returns the long tasks from the choice on.
 */
async function openFile(page: Page, labId: string, name: string, scenario: unknown) {
	const lab = page.getByTestId(labId);
	await expect(lab.locator('.player')).toHaveAttribute('data-ready', 'true');
	const file = join(tmpdir(), `${name}-${process.pid}.json`);
	await writeFile(file, JSON.stringify(scenario));
	const chosen = await now(page);
	await lab.locator('input[type="file"]').setInputFiles(file);
	await expect(lab.getByRole('status').filter({ hasText: 'Opened' })).toContainText(
		`Opened ${name}-${process.pid}.json`,
		{ timeout: 150_000 }
	);
	return { lab, long: () => tasksSince(page, chosen) };
}

test('the biggest upload the limits allow (4 MiB, 256 layers, 10,000 ops) opens with no long task, and is drawn', async ({
	page
}) => {
	const scenario = wideUnionfs();
	expect(JSON.stringify(scenario).length).toBeGreaterThan(4_000_000);
	await watchMainThread(page);
	await page.goto('/lessons/layers');
	const { lab, long } = await openFile(page, 'unionfs-lab', 'stepvisor-wide-full', scenario);
	await expect(lab.locator('.player')).toHaveAttribute('data-total', /^\d{5,}$/);
	await expect(lab.locator('[data-testid="union-bands"] g.band[data-layer="l0"]')).toBeVisible();
	const tasks = await long();
	expect(Math.max(0, ...tasks), `long tasks opening the file: ${tasks.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);
});

test('the biggest namespaces scenario (10,000 files and ops, 1,000 processes) opens with no long task, and the comparison follows it', async ({
	page
}) => {
	await watchMainThread(page);
	await page.goto('/lessons/namespaces');
	const { lab, long } = await openFile(page, 'ns-lab', 'stepvisor-ns-full', largeNamespaces());
	await expect(lab.locator('.player')).toHaveAttribute('data-total', /^\d{5,}$/);
	// 40 of the 10,000 questions are listed, around the current one.
	await expect(lab.getByTestId('ns-ops').locator('li')).toHaveCount(40);
	await expect(lab.getByTestId('ns-ops-after')).toContainText('9,960 later not listed');
	// The comparison above the lab asks its question of the new processes, in the worker.
	await expect(page.getByTestId('compare-column-0').locator('h3')).toHaveText('p0', {
		timeout: 60_000
	});
	const tasks = await long();
	expect(Math.max(0, ...tasks), `long tasks opening the file: ${tasks.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);
	// A long process list is written when the learner reaches it, and every process is in it.
	const ask = lab.getByTestId('ask-process');
	await ask.focus();
	await expect(ask.locator('option')).toHaveCount(1_000);
	await ask.selectOption('p999');
	await expect(ask).toHaveValue('p999');
});

test('the biggest cgroups scenario (16 groups, 32 processes, 10,000 ticks) opens with no long task, drawn with and without limits', async ({
	page
}) => {
	await watchMainThread(page);
	await page.goto('/lessons/cgroups');
	const { lab, long } = await openFile(page, 'cgroups-lab', 'stepvisor-cg-full', largeCgroups());
	await expect(lab.locator('.player')).toHaveAttribute('data-total', '10101');
	// Drawn a few groups per task: at the end, every group on both sides.
	for (const side of ['limited', 'free']) {
		await expect(lab.getByTestId(`timelines-${side}`).locator('.group')).toHaveCount(16);
	}
	const tasks = await long();
	expect(Math.max(0, ...tasks), `long tasks opening the file: ${tasks.join(', ')}`).toBeLessThan(
		LONG_TASK_MS
	);
});

// The 4 MiB union goes as the compressed string (docs/embed-api.md): sent as an object,
// the browser copies it into the embed in one task of ~0.7 s before any of our code runs.
for (const { id, scenario, compressed } of [
	{ id: 'layers', scenario: wideUnionfs, compressed: true },
	{ id: 'namespaces-lab', scenario: largeNamespaces, compressed: false },
	{ id: 'cgroups', scenario: largeCgroups, compressed: false },
	{ id: 'system-call-path', scenario: longestSyscalls, compressed: false }
]) {
	test(`the ${id} embed shows the biggest scenario a host can send with no long task`, async ({
		page
	}) => {
		const { embed, frame, total, send } = await embedOnHost(page, id);
		const message = compressed ? await encodeScenario(page, scenario()) : scenario();
		const sent = await now(frame);
		await send(message);
		const player = embed.locator('.player').first();
		await expect(player).not.toHaveAttribute('data-total', total, { timeout: 150_000 });
		await expect(player).toHaveAttribute('data-total', /^\d{5,}$/);
		await expect(embed.getByTestId('simulation-status')).toHaveCount(0);
		const long = await tasksSince(frame, sent);
		expect(Math.max(0, ...long), `long tasks showing it: ${long.join(', ')}`).toBeLessThan(
			LONG_TASK_MS
		);
	});
}
