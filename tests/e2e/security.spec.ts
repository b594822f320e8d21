import { expect, test } from './fixtures';

test('every page has a script policy without unsafe-inline or unsafe-eval', async ({ page }) => {
	for (const path of ['/', '/review', '/lessons/system-call-path', '/embed/system-call-path']) {
		await page.goto(path);
		const policy = await page
			.locator('meta[http-equiv="content-security-policy"]')
			.getAttribute('content');
		expect(policy, path).toMatch(/script-src 'self'/);
		const scriptSrc = /script-src([^;]*)/.exec(policy ?? '')?.[1] ?? '';
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(scriptSrc).not.toContain('unsafe-eval');
		expect(policy).toContain("object-src 'none'");
	}
});

test('embed pages may be framed by any site, other pages only by the site', async ({ request }) => {
	const embed = await request.get('/embed/vms-and-containers');
	expect(embed.headers()['content-security-policy']).toBe('frame-ancestors *');
	expect(embed.headers()['x-frame-options']).toBeUndefined();
	const lesson = await request.get('/lessons/vms-and-containers');
	expect(lesson.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
	expect(lesson.headers()['x-frame-options']).toBe('SAMEORIGIN');
});

test('script text planted in every URL parameter never runs', async ({ page }) => {
	const payloads = [
		'<img src=x onerror="window.__pwned=1">',
		'<script>window.__pwned=1</script>',
		'"><svg onload="window.__pwned=1">',
		'javascript:window.__pwned=1'
	];
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	for (const payload of payloads) {
		const value = encodeURIComponent(payload);
		for (const path of [
			`/lessons/system-call-path?left=${value}&right=${value}&call=${value}&step=${value}&predict=${value}&io-left=${value}`,
			`/embed/system-call-path?step=${value}&speed=${value}&controls=${value}&theme=${value}&scenario=${value}&autoplay=${value}`,
			`/embed/vms-and-containers?src=${value}`,
			`/review?${value}=${value}`
		]) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			expect(
				await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
			).toBeUndefined();
			await expect(page.locator('.player, .review').first()).toBeVisible();
		}
	}
	expect(errors).toEqual([]);
});

test('oversized and corrupted share links show a message and the page stays usable', async ({
	page
}) => {
	const cases = [
		'v1.' + 'A'.repeat(250_000),
		'v1.' + '!!!!',
		'v2.abc',
		'v1.' + 'q1ZKzsnPS1WyUlAqTs0pTVE',
		'v1.' + Buffer.from('not deflate at all').toString('base64url')
	];
	for (const scenario of cases) {
		await page.goto(`/embed/system-call-path?scenario=${scenario}`);
		await expect(page.getByRole('alert')).toBeVisible();
		await page.locator('.player').focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('.player .position')).toHaveText('Step 1 of 5');
	}
});

test('a compressed bomb is refused without unpacking it all', async ({ page }) => {
	await page.goto('/embed/system-call-path');
	const bomb = await page.evaluate(async () => {
		const bytes = new Uint8Array(16 * 1024 * 1024).fill(32);
		const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
		const out = new Uint8Array(await new Response(stream).arrayBuffer());
		let binary = '';
		for (const b of out) binary += String.fromCharCode(b);
		return 'v1.' + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	});
	await page.goto(`/embed/system-call-path?scenario=${bomb}`);
	await expect(page.getByRole('alert')).toContainText('more than 4 MiB');
});
