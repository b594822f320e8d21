import { embedStarted, encodeScenario, expect, test, type Page } from './fixtures';

/** An embed of the layers lab in a bare host page (on an http origin: frame-ancestors * needs one). */
async function hostWithEmbed(page: Page) {
	test.setTimeout(90_000);
	await page.route('**/host-under-test.html', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: '<!doctype html><title>Host</title><iframe id="layers-under-test" src="/embed/layers" width="900" height="700"></iframe>'
		})
	);
	await page.goto('/host-under-test.html');
	const frame = page.frameLocator('#layers-under-test');
	// Started, not just drawn: the prerendered player is visible before the embed's
	// script listens for messages, and a message sent then is lost.
	await embedStarted(frame);
	return frame;
}

const send = (page: Page, scenario: unknown) =>
	page.evaluate((value) => {
		const target = (document.getElementById('layers-under-test') as HTMLIFrameElement)
			.contentWindow!;
		target.postMessage({ type: 'stepvisor', command: 'setScenario', scenario: value }, '*');
	}, scenario);

test('setScenario problems name the page that sent the scenario, not a link', async ({ page }) => {
	const frame = await hostWithEmbed(page);
	await send(page, 'v1.!!not-base64!!');
	const alert = frame.getByRole('alert');
	await expect(alert).toContainText('The scenario sent by the page is damaged');
	await expect(alert).not.toContainText('link');
});

test('a setScenario over 4 MiB is refused with a message, not silently', async ({ page }) => {
	const frame = await hostWithEmbed(page);
	await send(page, 'v1.' + 'A'.repeat(4 * 1024 * 1024));
	await expect(frame.getByRole('alert')).toContainText(
		'The scenario sent by the page is larger than 4 MiB (the limit).'
	);
});

test('a setScenario with a sparse list as long as 2^32 - 1 is refused at once', async ({
	page
}) => {
	const frame = await hostWithEmbed(page);
	// Cloned cheaply (only its one element travels); walking its length froze the embed for minutes.
	await page.evaluate(() => {
		const layers: unknown[] = [];
		layers.length = 2 ** 32 - 1;
		layers[layers.length - 1] = { name: 'last', entries: {} };
		const target = (document.getElementById('layers-under-test') as HTMLIFrameElement)
			.contentWindow!;
		target.postMessage(
			{ type: 'stepvisor', command: 'setScenario', scenario: { model: 'unionfs', layers } },
			'*'
		);
	});
	await expect(frame.getByRole('alert')).toContainText(
		'The scenario sent by the page is larger than 4 MiB (the limit).'
	);
});

test('setScenario commands take effect in the order sent, whichever is checked first', async ({
	page
}) => {
	// The embed's workers: what they did ('started', then the type of each reply
	// handled), and their replies held back while `hold` is set, so that a check in
	// the worker ends only once the test says so.
	await page.addInitScript(() => {
		const seen: unknown[] = [];
		const held: { worker: Worker; data: unknown }[] = [];
		const workers = {
			hold: false,
			seen,
			release() {
				workers.hold = false;
				for (const { worker, data } of held.splice(0))
					worker.dispatchEvent(new MessageEvent('message', { data }));
			}
		};
		Object.assign(window, { workers });
		const NativeWorker = window.Worker;
		window.Worker = class extends NativeWorker {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				seen.push('started');
				// First of the worker's listeners: the page's own handler hears nothing held.
				this.addEventListener('message', (event) => {
					if (!workers.hold) return void seen.push(event.data?.type);
					event.stopImmediatePropagation();
					held.push({ worker: this, data: event.data });
				});
			}
		};
	});
	const frame = await hostWithEmbed(page);
	await page.evaluate(() => {
		const totals: number[] = [];
		Object.assign(window, { stepTotals: totals });
		addEventListener('message', (event) => {
			if (event.data?.event === 'step') totals.push(event.data.total);
		});
	});
	const embed = page.frame({ url: /\/embed\/layers/ })!;
	type Workers = { hold: boolean; seen: unknown[]; release(): void };
	const workersSeen = () =>
		embed.evaluate(() => (window as unknown as { workers: Workers }).workers.seen);
	const stat = { op: 'stat', path: '/etc/motd' };
	const big = {
		model: 'unionfs',
		layers: [{ name: 'base', entries: { '/etc/motd': 'hi' } }],
		upper: { name: 'up', entries: {} },
		ops: Array.from({ length: 3000 }, () => stat)
	};
	const small = {
		model: 'unionfs',
		layers: [{ name: 'small', entries: { '/a': 'x' } }],
		ops: [{ op: 'read', path: '/a' }]
	};
	const invalidBig = { ...big, ops: [...big.ops, { op: 'stat', path: 'not/absolute' }] };
	const player = frame.locator('.player').first();

	// The big one goes to the worker, and its check is held there until the small
	// one, sent after it and checked on the page at once, is shown.
	await embed.evaluate(() => {
		(window as unknown as { workers: Workers }).workers.hold = true;
	});
	await send(page, await encodeScenario(page, big));
	await expect.poll(workersSeen).toContain('started');
	await send(page, small);
	await expect(player).toHaveAttribute('data-total', '4');
	await embed.evaluate(() => (window as unknown as { workers: Workers }).workers.release());
	await expect.poll(workersSeen, { timeout: 60_000 }).toContain('done');

	// A later invalid one keeps its message, and the small one stays shown.
	await send(page, await encodeScenario(page, invalidBig));
	const alert = frame.getByRole('alert');
	await expect(alert).toContainText(
		'The scenario sent by the page is not a valid scenario for this animation:',
		{ timeout: 60_000 }
	);
	await expect(alert).toContainText('The animation keeps the scenario it showed.');
	await expect(player).toHaveAttribute('data-total', '4');
	expect(
		await frame
			.locator('[data-testid="union-bands"] g.band')
			.evaluateAll((all) => all.map((band) => band.getAttribute('data-layer')))
	).toContain('small');
	const totals = await page.evaluate(
		() => (window as unknown as { stepTotals: number[] }).stepTotals
	);
	expect(totals).not.toContain(9001);
});

test('src= stops reading a response without Content-Length once it passes 4 MiB', async ({
	page
}) => {
	// A body of 64 MiB, made as it is read, with no Content-Length: how much of it the embed took.
	await page.addInitScript(() => {
		const sent = { bytes: 0, cancelled: false };
		Object.assign(window, { endlessBody: sent });
		const nativeFetch = window.fetch.bind(window);
		window.fetch = (input, init) => {
			const url = input instanceof Request ? input.url : String(input);
			if (!url.endsWith('/endless-scenario.json')) return nativeFetch(input, init);
			const chunk = new Uint8Array(64 * 1024).fill(0x61);
			const body = new ReadableStream<Uint8Array>(
				{
					pull(controller) {
						if (sent.bytes >= 64 * 1024 * 1024) return controller.close();
						const bytes = sent.bytes === 0 ? Uint8Array.of(0x22, ...chunk.subarray(1)) : chunk;
						sent.bytes += bytes.length;
						controller.enqueue(bytes);
					},
					cancel() {
						sent.cancelled = true;
					}
				},
				{ highWaterMark: 0 }
			);
			return Promise.resolve(
				new Response(body, { headers: { 'content-type': 'application/json' } })
			);
		};
	});
	await page.goto('/embed/layers?src=/endless-scenario.json');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('The scenario file at src is larger than 4 MiB (the limit).');
	await expect(alert).toContainText('The animation shows its own scenario instead.');
	const read = await page.evaluate(
		() => (window as unknown as { endlessBody: { bytes: number; cancelled: boolean } }).endlessBody
	);
	expect(read.cancelled).toBe(true);
	expect(read.bytes).toBeLessThanOrEqual(4 * 1024 * 1024 + 2 * 64 * 1024);
});

test('src= over plain http to another host is refused with a notice', async ({ page }) => {
	await page.goto('/embed/layers?src=http://example.invalid/scenario.json');
	await expect(page.getByRole('status').filter({ hasText: 'ignored' })).toContainText(
		'src must be an https address (or on this site); it was ignored.'
	);
});

test('a saved draft that fails validation is reported, and kept', async ({ page }) => {
	await page.goto('/lessons/layers');
	const poisoned = JSON.stringify({ layers: 'not a list', ops: 7 });
	await page.evaluate((value) => localStorage.setItem('stepvisor:draft:layers', value), poisoned);
	await page.reload();
	const notice = page.getByTestId('scenario-problem');
	await expect(notice).toContainText(
		'Your saved scenario from an earlier visit could not be restored'
	);
	await expect(notice).toContainText('The lesson’s own scenario is shown instead.');
	expect(await page.evaluate(() => localStorage.getItem('stepvisor:draft:layers'))).toBe(poisoned);
});
