import { embedStarted, expect, test, type Page } from './fixtures';

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
