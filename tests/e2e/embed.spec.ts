import { test as plain } from '@playwright/test';
import { readAnimations } from '../../src/lib/content/lesson-index';
import {
	blockStorage,
	encodeScenario,
	expect,
	fadeLines,
	loadedScripts,
	playersReady,
	test,
	type Page
} from './fixtures';

type Logged = { from: string; data: Record<string, unknown> };
const events = (page: Page) =>
	page.evaluate(() => (window as unknown as { __events: Logged[] }).__events);

test('an embed shows only the animation and its player', async ({ page }) => {
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	await page.goto('/embed/vms-and-containers');
	await expect(page.locator('.player')).toBeVisible();
	await expect(page.locator('header.site-header')).toHaveCount(0);
	await expect(page.locator('footer')).toHaveCount(0);
	await expect(page.locator('.selfcheck')).toHaveCount(0);
	// One landmark holds it all, for screen readers' landmark navigation.
	await expect(page.getByRole('main')).toHaveCount(1);
	await expect(page.getByRole('main').locator('.player')).toHaveCount(1);
	expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
	// It steps, with its own script and none of SvelteKit's start or router.
	await page.getByRole('button', { name: 'Next step' }).click();
	await expect(page.locator('.player .position')).toHaveText('Step 1 of 9');
	expect(scripts).toContain('/_app/embed-boot.js');
	expect(scripts.filter((path) => path.includes('/_app/immutable/entry/'))).toEqual([]);
});

test('an embed loads the self-check and the scenario code only when it is given them', async ({
	page
}) => {
	const scripts = loadedScripts(page);
	// Strings of the self-check (its default title) and of the share-link codec.
	const SELF_CHECK = 'Check yourself';
	const SHARE_CODEC = 'The shared scenario in this link';

	await page.goto('/embed/vms-and-containers');
	await page.getByRole('button', { name: 'Next step' }).click();
	await expect(page.locator('.player .position')).toHaveText('Step 1 of 9');
	await page.waitForLoadState('networkidle');
	let code = await scripts.text();
	expect(code).not.toContain(SELF_CHECK);
	expect(code).not.toContain(SHARE_CODEC);

	scripts.forget();
	await page.goto('/embed/system-call-path?selfcheck=1&scenario=v1.not-a-scenario');
	await expect(page.getByTestId('selfcheck')).toBeVisible();
	// An embed keeps no answers, and says so.
	await expect(page.getByTestId('selfcheck').locator('.progress')).toContainText(
		'Your answers are not kept once you leave this page.'
	);
	await expect(page.getByRole('alert')).toContainText('The shared scenario in this link');
	await page.waitForLoadState('networkidle');
	code = await scripts.text();
	expect(code).toContain(SELF_CHECK);
	expect(code).toContain(SHARE_CODEC);
});

test('parameters: step, controls, theme, selfcheck; bad values fall back with a notice', async ({
	page
}) => {
	await page.goto('/embed/system-call-path?step=3&controls=minimal&theme=dark&selfcheck=1');
	await expect(page.locator('.player .position')).toHaveText('Step 3 of 5');
	await expect(page.getByRole('button', { name: 'First step' })).toHaveCount(0);
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByTestId('selfcheck')).toBeVisible();

	await page.goto('/embed/system-call-path?speed=fast&controls=<b>&theme=neon&autoplay=maybe');
	const notice = page.getByRole('status').filter({ hasText: 'ignored' });
	await expect(notice).toContainText('speed="fast"');
	await expect(notice).toContainText('controls="<b>"');
	await expect(notice).toContainText('theme="neon"');
	await expect(page.getByRole('button', { name: 'First step' })).toBeVisible();
	expect(await page.locator('.embed b').count()).toBe(0);
});

test('controls=none hides the controls but keeps the narration', async ({ page }) => {
	await page.goto('/embed/vms-and-containers?controls=none&step=2');
	await expect(page.getByRole('button', { name: 'Next step' })).toHaveCount(0);
	await expect(page.locator('.player [aria-live="polite"]')).toContainText('host operating system');
});

test('a scenario in the link is validated: good shows, bad shows its messages', async ({
	page
}) => {
	await page.goto('/embed/system-call-path');
	const encode = (value: unknown) => encodeScenario(page, value);
	const good = await encode({
		model: 'syscall',
		title: 'Only KVM',
		platform: 'vm-hardware',
		syscalls: ['write']
	});
	await page.goto(`/embed/system-call-path?scenario=${good}`);
	await expect(page.locator('.given')).toContainText('Only KVM');
	await expect(page.locator('.player .position')).toHaveText('Step 0 of 11');
	// The comparison's own pickers do not take a scenario, but this embed just showed it.
	await expect(page.getByText('Ignored from the link')).toHaveCount(0);

	const bad = await encode({ model: 'syscall', platform: 'mainframe', syscalls: ['getpid'] });
	await page.goto(`/embed/system-call-path?scenario=${bad}`);
	await expect(page.getByRole('alert')).toContainText('not a valid scenario');
	await expect(page.getByRole('alert')).toContainText('platform: must be one of');
	// The problem's colon opens the list; which scenario is shown comes after it.
	await expect(page.getByRole('alert').locator('> *')).toHaveText([
		/is not a valid scenario for this animation:$/,
		/platform: must be one of/,
		'The animation shows its own scenario instead.'
	]);
	await expect(page.locator('.player .position')).toHaveText('Step 0 of 5');

	// A list cut short says so.
	const many = await encode({
		model: 'syscall',
		platform: 'vm-hardware',
		syscalls: Array.from({ length: 30 }, () => 'fork')
	});
	await page.goto(`/embed/system-call-path?scenario=${many}`);
	await expect(page.getByRole('alert').locator('li')).toHaveCount(21);
	await expect(page.getByRole('alert').locator('li').last()).toHaveText('… and 10 more problems');

	await page.goto(`/embed/system-call-path?scenario=${good.slice(0, 12)}`);
	await expect(page.getByRole('alert')).toContainText('damaged');
});

test('the demo host page: events out, commands in, resize', async ({ page }) => {
	await page.goto('/embed-demo.html');
	await expect
		.poll(async () => (await events(page)).filter((e) => e.data.event === 'ready').length)
		.toBe(2);
	const first = page.frameLocator('#first');
	await first.locator('.player').focus();
	await page.keyboard.press('End');
	await expect
		.poll(async () =>
			(await events(page)).some((e) => e.from === 'first' && e.data.event === 'complete')
		)
		.toBe(true);
	const steps = (await events(page)).filter((e) => e.from === 'first' && e.data.event === 'step');
	expect(steps.at(-1)?.data).toMatchObject({ step: 9, total: 10, animation: 'vms-and-containers' });

	await page.getByRole('button', { name: 'First: go to step 3' }).click();
	await expect(first.locator('.player .position')).toHaveText('Step 3 of 9');

	await page.getByRole('button', { name: 'Second: show Xen PV against native' }).click();
	const second = page.frameLocator('#second');
	await expect(second.locator('.given')).toContainText('Xen PV against Native');

	// Answer a self-check question inside the second embed.
	const form = second.locator('form[data-question="native-getpid"]');
	await form.getByLabel('0', { exact: true }).check();
	await form.getByRole('button', { name: 'Check answer' }).click();
	await expect
		.poll(async () => (await events(page)).find((e) => e.data.event === 'answer')?.data)
		.toMatchObject({ question: 'system-call-path/native-getpid', correct: true });

	// The resizer gave each iframe the height its content asked for.
	const resize = (await events(page))
		.filter((e) => e.from === 'second' && e.data.event === 'resize')
		.at(-1);
	await expect
		.poll(() => page.locator('#second').evaluate((f) => (f as HTMLIFrameElement).style.height))
		.toBe(`${resize?.data.height}px`);
});

test('hostile messages are ignored without errors', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('/embed-demo.html');
	await expect
		.poll(async () => (await events(page)).filter((e) => e.data.event === 'ready').length)
		.toBe(2);
	const frame = page.frame({ url: /embed\/vms-and-containers/ })!;
	await page.evaluate(() => {
		const target = (document.getElementById('first') as HTMLIFrameElement).contentWindow!;
		const cyclic: Record<string, unknown> = { type: 'stepvisor', command: 'setScenario' };
		cyclic.scenario = cyclic;
		const messages: unknown[] = [
			null,
			42,
			'goto',
			{ type: 'stepvisor' },
			{ type: 'stepvisor', command: 'goto', step: -1 },
			{ type: 'stepvisor', command: 'goto', step: '3' },
			{ type: 'stepvisor', command: 'goto', step: 1e12 },
			{ type: 'stepvisor', command: 'eval', code: 'window.__pwned = 1' },
			{ type: 'stepvisor', command: 'setScenario', scenario: 'x'.repeat(5 * 1024 * 1024) },
			cyclic,
			{ type: 'other', command: 'goto', step: 2 },
			{
				type: 'stepvisor',
				command: 'setScenario',
				scenario: { model: '<img src=x onerror="window.__pwned=1">' }
			}
		];
		for (const message of messages) target.postMessage(message, '*');
	});
	await page.waitForTimeout(500);
	await expect(page.frameLocator('#first').locator('.player .position')).toHaveText('Step 0 of 9');
	expect(
		await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
	).toBeUndefined();
	expect(errors).toEqual([]);
});

test('messages from a window other than the parent are ignored', async ({ page }) => {
	await page.goto('/embed/vms-and-containers');
	await page.evaluate(() =>
		window.postMessage({ type: 'stepvisor', command: 'goto', step: 4 }, '*')
	);
	await page.waitForTimeout(200);
	await expect(page.locator('.player .position')).toHaveText('Step 0 of 9');
});

test('the Embed button gives a snippet with title, allowfullscreen and lazy loading', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path?step=2');
	await page.locator('.compare').first().getByRole('button', { name: 'Embed' }).click();
	const snippet = await page.locator('.compare').first().locator('textarea').inputValue();
	expect(snippet).toMatch(
		/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/system-call-path\/\?step=2"/
	);
	expect(snippet).toContain('title="The system-call path, side by side (Stepvisor)"');
	expect(snippet).toContain('allowfullscreen');
	expect(snippet).toContain('loading="lazy"');
});

test('reached from the home page, a lesson loads as a page of its own, and its Embed snippet points at the embed', async ({
	page
}) => {
	// The teacher's way: home, a lesson, Embed. Rendered by the home page's router, the
	// lesson read the site's root from a link made for the home page: /lessons/embed/….
	await page.goto('/');
	const documents: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
	});
	await page
		.getByRole('link', { name: /system-call path/i })
		.first()
		.click();
	await expect(page).toHaveURL(/\/lessons\/system-call-path\//);
	expect(documents).toContain('/lessons/system-call-path/');
	// Reached by a click, not page.goto: wait for the lesson's parts as goto does.
	await page.waitForLoadState('load');
	await playersReady(page);
	const compare = page.locator('.compare').first();
	await compare.getByRole('button', { name: 'Embed' }).click();
	const snippet = await compare.locator('textarea').inputValue();
	expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/system-call-path\/[?"]/);
});

test('the Embed link carries the scenario the learner chose, and the embed opens it', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path?left=vm-paravirt&right=container&call=write');
	const compare = page.locator('.compare').first();
	await compare.getByRole('button', { name: 'Embed' }).click();
	const snippet = await compare.locator('textarea').inputValue();
	const src = /src="([^"]+)"/.exec(snippet)![1].replaceAll('&amp;', '&');
	expect(new URL(src).searchParams.get('scenario')).toMatch(/^v1\./);
	await page.goto(src);
	await expect(page.locator('.embed')).toContainText(
		'VM: paravirtualized (Xen PV, 64-bit) against Container'
	);
});

test('an embed works with storage blocked (third-party cookies and storage off)', async ({
	page
}) => {
	await blockStorage(page, { cookies: true });
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto('/embed/system-call-path?selfcheck=1');
	await page.waitForLoadState('networkidle');
	await page.locator('.player').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('.player .position')).toHaveText('Step 1 of 5');
	const form = page.locator('form[data-question="native-getpid"]');
	await form.getByLabel('0', { exact: true }).check();
	await form.getByRole('button', { name: 'Check answer' }).click();
	await expect(form.locator('.explanation')).toContainText('Right.');
	expect(errors).toEqual([]);
});

test('the full-screen button puts the embed in full screen and back', async ({ page }) => {
	await page.goto('/embed/vms-and-containers');
	await page.getByRole('button', { name: 'Full screen' }).click();
	await expect
		.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? ''))
		.toContain('embed');
	await page.getByRole('button', { name: 'Exit full screen' }).click();
	await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test('src= loads a scenario file, validated like any other', async ({ page }) => {
	await page.goto('/embed/system-call-path?src=/scenarios/syscall/vm-hardware.json');
	await expect(page.locator('.given')).toContainText('VM, hardware-assisted');
	await expect(page.locator('.player')).toHaveAttribute('data-total', '20');
	// A relative address is read from the embeds' folder, /embed/, whatever the embed's own.
	await page.goto('/embed/system-call-path/?src=../scenarios/syscall/vm-trap-emulate.json');
	await expect(page.locator('.given')).toContainText('VM, trap and emulate');
	await page.goto('/embed/system-call-path?src=/scenarios/nothing-here.json');
	await expect(page.getByRole('alert')).toContainText('could not be loaded');
	await page.goto('/embed/system-call-path?src=javascript:alert(1)');
	await expect(page.getByRole('status').filter({ hasText: 'ignored' })).toContainText(
		'src must be an http(s) address'
	);
});

test('autoplay plays, speed sets the speed, predict starts predict mode', async ({ page }) => {
	await page.goto('/embed/vms-and-containers?autoplay=1&speed=4');
	await expect(page.locator('.player select')).toHaveValue('4');
	await expect
		.poll(async () => Number(await page.locator('.player').getAttribute('data-step')))
		.toBeGreaterThan(1);
	await page.goto('/embed/system-call-path?predict=1');
	await expect(page.getByLabel('Predict each hop')).toBeChecked();
});

test('an embed opened as served runs none of its view until used or commanded, and loses neither', async ({
	page
}) => {
	// Svelte's runtime names its error pages in production builds too.
	const SVELTE_RUNTIME = 'svelte.dev/e/';
	const scripts = loadedScripts(page);
	await page.route('**/facade-host.html', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<!doctype html><title>Host</title>
<script>
window.__events = [];
addEventListener('message', (e) => {
	if (!e.data || e.data.type !== 'stepvisor') return;
	const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
	window.__events.push({ from: from ? from.id : '', data: e.data });
});
</script>
<iframe id="pid" src="/embed/pid-namespaces" width="784" height="700"></iframe>
<iframe id="vms" src="/embed/vms-and-containers" width="784" height="560"></iframe>`
		})
	);
	await page.goto('/facade-host.html');
	// Each tells its host, from the served page, that it is ready (the trace's
	// length is the served one) and how tall it is.
	await expect
		.poll(async () =>
			(await events(page))
				.filter((e) => e.data.event === 'ready')
				.map((e) => `${e.from} ${e.data.total}`)
				.sort()
		)
		.toEqual(['pid 25', 'vms 10']);
	expect((await events(page)).filter((e) => e.data.event === 'resize').map((e) => e.from)).toEqual(
		expect.arrayContaining(['pid', 'vms'])
	);
	await page.waitForLoadState('networkidle');
	const pid = page.frameLocator('#pid');
	const vms = page.frameLocator('#vms');
	await expect(pid.locator('.player')).toHaveAttribute('data-ready', 'false');
	await expect(pid.locator('[data-embed]')).not.toHaveAttribute('data-hydrated');
	expect(await scripts.text()).not.toContain(SVELTE_RUNTIME);

	// A command from the host starts it, and is done.
	await page.evaluate(() =>
		(document.getElementById('pid') as HTMLIFrameElement).contentWindow!.postMessage(
			{ type: 'stepvisor', command: 'goto', step: 4 },
			'*'
		)
	);
	await expect(pid.locator('.player')).toHaveAttribute('data-step', '4');
	await expect(pid.locator('.player')).toHaveAttribute('data-ready', 'true');
	expect(await scripts.text()).toContain(SVELTE_RUNTIME);
	// Not a second `ready`: the host was told once.
	expect((await events(page)).filter((e) => e.data.event === 'ready')).toHaveLength(2);

	// The other is still served; a click on Next, its first use, is held and done.
	await expect(vms.locator('[data-embed]')).not.toHaveAttribute('data-hydrated');
	await vms.getByRole('button', { name: 'Next step' }).click();
	await expect(vms.locator('.player .position')).toHaveText('Step 1 of 9');
	await expect
		.poll(async () =>
			(await events(page)).some(
				(e) => e.from === 'vms' && e.data.event === 'step' && e.data.step === 1
			)
		)
		.toBe(true);
});

// Without the fixture, which starts every part of a page it loads.
plain(
	'an embed opened on its own starts when the pointer comes over it, or at a key',
	async ({ page }) => {
		await page.goto('/embed/cgroups');
		await page.waitForLoadState('networkidle');
		const embed = page.locator('[data-embed]');
		await expect(embed).not.toHaveAttribute('data-hydrated');
		await page.locator('.player').hover();
		await expect(embed).toHaveAttribute('data-hydrated', 'true');
		await expect(page.locator('.player')).toHaveAttribute('data-ready', 'true');

		await page.reload();
		await page.waitForLoadState('networkidle');
		await expect(embed).not.toHaveAttribute('data-hydrated');
		// Tab to the player, then a key before its code has run: held, then done.
		await page.locator('.player').focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('.player')).toHaveAttribute('data-step', '1');
	}
);

const EMBEDS = readAnimations(process.cwd()).map((animation) => animation.id);
for (const width of [784, 390]) {
	plain(
		`at ${width} px, what is below an embed's picture stays put when the embed starts`,
		async ({ browser }) => {
			const page = await browser.newPage({
				viewport: { width, height: 2000 },
				serviceWorkers: 'block'
			});
			const where = () =>
				page.evaluate(() => {
					const next = document.querySelector('.player [aria-label="Next step"]');
					return {
						next: Math.round(next?.getBoundingClientRect().top ?? -1),
						height: document.documentElement.scrollHeight
					};
				});
			for (const id of EMBEDS) {
				await page.goto(`/embed/${id}`);
				await page.waitForLoadState('networkidle');
				const served = await where();
				await page.locator('h1').hover();
				await expect(page.locator('[data-embed]')).toHaveAttribute('data-hydrated', 'true');
				await expect(page.locator('.player').first()).toHaveAttribute('data-ready', 'true');
				expect({ id, ...(await where()) }).toEqual({ id, ...served });
			}
			await page.close();
		}
	);
}

for (const [width, height] of [
	[1280, 900],
	[390, 844],
	[320, 640]
])
	test(`at ${width} × ${height}, a tall embed keeps the step’s narration in view, above the pinned controls`, async ({
		browser
	}) => {
		const page = await browser.newPage({ viewport: { width, height } });
		// The Docker picture is taller than the frame: its narration would be below it.
		await page.goto('/embed/docker');
		// A page of its own is not the fixture's: wait until Next is the player's.
		await playersReady(page);
		const next = page.getByRole('button', { name: 'Next step' });
		await next.click();
		// Step 1, the first RUN (the test expected FROM, step 0's, and passed only while its
		// click came before the player was ready and did nothing).
		await expect(page.locator('.player').first()).toHaveAttribute('data-step', '1');
		const narration = page.locator('.player > .narration-box');
		await expect(narration).toContainText('RUN runs a command');
		const controls = page.locator('.player > .controls');
		await expect
			.poll(async () => {
				const text = (await narration.boundingBox())!;
				const bar = (await controls.boundingBox())!;
				return (
					text.y >= 0 &&
					// On a phone it is kept to a few lines: the picture keeps most of the screen.
					text.height + bar.height <= height / 2 &&
					Math.round(text.y + text.height) <= Math.round(bar.y) &&
					bar.y + bar.height <= height
				);
			})
			.toBe(true);
		await page.close();
	});

test('on a phone, the pinned narration shows whole lines and fades its last while more is below', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
	await page.goto('/embed/docker?step=2');
	await playersReady(page);
	const box = page.locator('.player > .narration-box');
	await expect(box).toContainText('show a mistake');
	const fit = await box.evaluate((element) => {
		const line = element.querySelector('.narration p')!;
		const top = line.getBoundingClientRect().top - element.getBoundingClientRect().top;
		const lineHeight = parseFloat(getComputedStyle(line).lineHeight);
		return (element.clientHeight - top) / lineHeight;
	});
	// Four lines and no part of a fifth (at 6.5em the fourth was cut through).
	expect(fit).toBeGreaterThan(3.98);
	expect(fit).toBeLessThan(4.1);
	// Touch screens show no scroll bar: the box says there is more, until it is read.
	await expect(box).toHaveClass(/\bmore\b/);
	expect(await fadeLines(box)).toBeCloseTo(1.5, 1);
	await box.evaluate((element) => (element.scrollTop = element.scrollHeight));
	await expect(box).not.toHaveClass(/\bmore\b/);
	const textEnd = () =>
		box.evaluate(
			(element) =>
				element.querySelector('.narration')!.lastElementChild!.getBoundingClientRect().bottom -
				element.getBoundingClientRect().bottom
		);
	// Scrolled to its end, the box ends with the narration's last line (within its two
	// paddings), not with blank room kept for a longer narration; and a swipe past its
	// end goes on to scroll the page.
	expect(await textEnd()).toBeGreaterThan(-20);
	expect(await box.evaluate((element) => getComputedStyle(element).overscrollBehaviorY)).toBe(
		'auto'
	);
	// A narration whose text fits in the box scrolls no further than its own bottom
	// padding (it scrolled 117 px of blank room kept for a longer narration).
	await page.goto('/embed/docker?step=4');
	await playersReady(page);
	await expect(box).not.toHaveClass(/\bmore\b/);
	expect(
		await box.evaluate((element) => element.scrollHeight - element.clientHeight)
	).toBeLessThanOrEqual(20);
	// A narration that fits (the two stacks' are short) has no cue.
	await page.goto('/embed/vms-and-containers?step=2');
	await playersReady(page);
	await expect.poll(textEnd).toBeLessThanOrEqual(1);
	await expect(box).not.toHaveClass(/\bmore\b/);
	await page.close();
});

test('on a phone, an open Export panel and the narration cover at most half the screen', async ({
	browser
}) => {
	// Pinned with the controls, the panel and the narration covered 62–71 % of the screen.
	const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
	await page.goto('/embed/docker?step=1');
	await playersReady(page);
	const controls = page.locator('.player > .controls');
	const narration = page.locator('.player > .narration-box');
	const covered = () =>
		page.evaluate(() =>
			[...document.querySelectorAll('.player > .controls, .player > .narration-box')]
				.filter((element) => getComputedStyle(element).position === 'sticky')
				.reduce((sum, element) => sum + element.getBoundingClientRect().height, 0)
		);
	await expect.poll(() => narration.evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
	await controls.getByRole('button', { name: 'Export' }).click();
	const panel = controls.getByRole('group', { name: 'Export this step' });
	await expect(panel).toBeVisible();
	// The panel stays in view where it was opened, and leaves the picture most of the screen.
	expect(await covered()).toBeLessThan(740 / 2);
	await expect(panel).toBeInViewport();
	await controls.getByRole('button', { name: 'Export' }).click();
	await expect(panel).toHaveCount(0);
	expect(await narration.evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
	await page.close();
});

test('in a phone held sideways, the controls stay on screen with the picture they change', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 844, height: 390 } });
	await page.goto('/embed/system-call-path');
	await playersReady(page);
	const next = page.locator('.player').first().getByRole('button', { name: 'Next step' });
	await next.click();
	await next.click();
	await expect(next).toBeInViewport();
	// The controls are one row: pinned, they leave the picture most of the frame.
	const height = await page
		.locator('.player > .controls')
		.first()
		.evaluate((e) => e.getBoundingClientRect().height);
	expect(height).toBeLessThan(390 / 3);
	await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
	await expect(next).toBeInViewport();
	await page.close();
});

test('a lab’s controls, which come first, stay at the top edge with the narration under them', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
	// A packet's question: the network picture makes the lab taller than the frame.
	await page.goto('/embed/namespaces-lab?step=44');
	await expect(page.locator('.player').first()).toHaveAttribute('data-ready', 'true');
	const narration = page.locator('.player > .narration-box');
	const controls = page.locator('.player > .controls');
	// Scrolled down to the player's end.
	await page.evaluate(() => {
		const player = document.querySelector('.player')!;
		window.scrollTo({
			top: player.getBoundingClientRect().bottom + window.scrollY - 600,
			behavior: 'instant'
		});
	});
	expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
	await expect
		.poll(async () => {
			const text = (await narration.boundingBox())!;
			const bar = (await controls.boundingBox())!;
			return (
				Math.round(bar.y) === 0 &&
				Math.round(text.y) >= Math.round(bar.y + bar.height) &&
				text.y + text.height <= 600
			);
		})
		.toBe(true);
	await page.close();
});

test('on a phone, a lab field stays where it was when a soft keyboard makes the frame lower', async ({
	browser
}) => {
	// Where a keyboard resizes the page, the frame is under 480 px high while it is open:
	// the narration's cap switched off there, and the field below it moved down, under
	// the keyboard (cgroups 120 px, namespaces 43 px).
	const page = await browser.newPage({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	for (const [path, selector] of [
		['/embed/cgroups', 'input[data-field="groups[0].memory.max"]'],
		['/embed/namespaces-lab', '[data-testid="send-to"]']
	]) {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(path);
		await playersReady(page);
		const field = page.locator(selector).first();
		// The field 300 px down the screen, in the part a keyboard leaves, then tapped.
		await field.evaluate((input) =>
			window.scrollBy({ top: input.getBoundingClientRect().top - 300, behavior: 'instant' })
		);
		await field.tap();
		await expect(field).toBeFocused();
		const where = () =>
			field.evaluate(async (input) => {
				// After the layout and the observers that follow a resize.
				await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
				const box = input.getBoundingClientRect();
				return { top: box.top, bottom: box.bottom, scrollY: window.scrollY };
			});
		const before = await where();
		await page.setViewportSize({ width: 390, height: 400 });
		const after = await where();
		expect(Math.abs(after.top - before.top), path).toBeLessThan(2);
		expect(Math.abs(after.scrollY - before.scrollY), path).toBeLessThan(2);
		expect(after.bottom, path).toBeLessThanOrEqual(400);
		await expect(field).toBeFocused();
	}
	await page.close();
});

// Without the fixture, which starts the embed: here the click is its first use.
plain(
	'a first click on Full screen, before the embed has started, puts it in full screen with the focus on the player',
	async ({ page }) => {
		await page.goto('/embed/docker');
		await page.waitForLoadState('networkidle');
		const embed = page.locator('[data-embed]');
		await expect(embed).not.toHaveAttribute('data-hydrated');
		// The view's code arrives well after the click, which is held and given again.
		await page.route('**/_app/immutable/**', async (route) => {
			await new Promise((done) => setTimeout(done, 300));
			await route.continue();
		});
		await page.getByRole('button', { name: 'Full screen' }).click();
		await expect(embed).toHaveAttribute('data-hydrated', 'true');
		await expect
			.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? ''))
			.toContain('embed');
		await expect(page.getByRole('button', { name: 'Exit full screen' })).toBeVisible();
		// The player has the focus, not Exit full screen: a clicker's Page Down steps, and
		// Space plays instead of leaving full screen.
		const player = page.locator('.player');
		await expect(player).toBeFocused();
		await page.keyboard.press('PageDown');
		await expect(player).toHaveAttribute('data-step', '1');
		await page.keyboard.press(' ');
		await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
		expect(await page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
		expect(await page.locator('.notice').count()).toBe(0);
	}
);

plain(
	'in an embed, Page Down and Page Up step the animation wherever the focus is, except on what has keys of its own',
	async ({ page }) => {
		await page.goto('/embed/vms-and-containers');
		await page.waitForLoadState('networkidle');
		const player = page.locator('.player');
		await expect(page.locator('[data-embed]')).not.toHaveAttribute('data-hydrated');
		// Nothing focused, the embed not started: the first press starts it and is done.
		expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
		await page.keyboard.press('PageDown');
		await expect(player).toHaveAttribute('data-step', '1');
		await page.keyboard.press('PageDown');
		await expect(player).toHaveAttribute('data-step', '2');
		await page.keyboard.press('PageUp');
		await expect(player).toHaveAttribute('data-step', '1');
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
		// On a button outside the player (the header's): the same.
		await page.getByRole('button', { name: 'Full screen' }).focus();
		await page.keyboard.press('PageDown');
		await expect(player).toHaveAttribute('data-step', '2');
		// The Speed picker keeps its own keys.
		const speed = player.locator('select');
		await speed.focus();
		await page.keyboard.press('PageUp');
		await expect(speed).toHaveValue('0.5');
		await expect(player).toHaveAttribute('data-step', '2');
	}
);

test('full screen draws the animation as large as the screen’s height allows, and back', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await page.goto('/embed/vms-and-containers?step=5');
	await expect(page.locator('.player')).toHaveAttribute('data-ready', 'true');
	// A label's drawn height: the SVG's own text, zoomed with its picture.
	const label = page.locator('.player .drawing svg text').first();
	const labelHeight = async () => (await label.boundingBox())!.height;
	const before = await labelHeight();
	await page.getByRole('button', { name: 'Full screen' }).click();
	await expect
		.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? ''))
		.toContain('embed');
	// The labels grow with the screen (the drawing does not only stretch wider) …
	await expect.poll(labelHeight).toBeGreaterThan(before * 1.5);
	// … as far as the player, its narration and controls, still fits the screen.
	await expect
		.poll(() =>
			page.evaluate(() => document.querySelector('.player')!.getBoundingClientRect().bottom)
		)
		.toBeLessThanOrEqual(1080);
	await page.evaluate(() => document.exitFullscreen());
	await expect.poll(labelHeight).toBeCloseTo(before, 0);
	expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('');
	await page.close();
});

test('in full screen a lab’s picture and its controls come before its editing toolbar', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
	await page.goto('/embed/pid-namespaces?step=12');
	const player = page.locator('.player');
	await expect(player).toHaveAttribute('data-ready', 'true');
	const toolbar = page.getByRole('button', { name: 'Run ps' });
	const top = async (locator: import('@playwright/test').Locator) =>
		(await locator.boundingBox())!.y;
	expect(await top(toolbar)).toBeLessThan(await top(player));
	await page.getByRole('button', { name: 'Full screen' }).click();
	await expect
		.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? ''))
		.toContain('embed');
	await expect.poll(async () => (await top(player)) < (await top(toolbar))).toBe(true);
	// The picture's process in question is on the screen.
	await expect(page.locator('[data-name="worker"]')).toBeInViewport();
	await page.close();
});

test('in a low frame of any shape (4:3 at 200 %: 512 × 384) an embed pins its controls', async ({
	browser
}) => {
	const page = await browser.newPage({ viewport: { width: 512, height: 384 } });
	await page.goto('/embed/system-call-path?step=3');
	await expect(page.locator('.player')).toHaveAttribute('data-ready', 'true');
	const next = page.locator('.player').getByRole('button', { name: 'Next step' });
	await expect(next).toBeInViewport();
	await page.evaluate(() => window.scrollTo({ top: 300, behavior: 'instant' }));
	await expect(next).toBeInViewport();
	// Without the narration: the picture keeps most of the frame.
	expect(
		await page.locator('.player > .narration-box').evaluate((e) => getComputedStyle(e).position)
	).toBe('static');
	// A phone held upright, taller than 480 px, keeps its controls as before: pinned
	// with the narration at the bottom edge.
	for (const [width, height] of [
		[390, 844],
		[360, 640]
	]) {
		await page.setViewportSize({ width, height });
		await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
		await expect(next).toBeInViewport();
		const box = (await page.locator('.player > .controls').boundingBox())!;
		expect(Math.round(box.y + box.height)).toBe(height);
		expect(
			await page.locator('.player > .narration-box').evaluate((e) => getComputedStyle(e).position)
		).toBe('sticky');
	}
	await page.close();
});
