import { embedStarted, expect, test, type Page, playersReady } from './fixtures';

// Lesson 1's animation: one player, ten frames (0…9).
const LESSON = '/lessons/vms-and-containers';
const LAST = 9;

const player = (page: Page) => page.locator('.player').first();
const position = (page: Page) => player(page).locator('.position');
const stepOf = async (page: Page) => Number(await player(page).getAttribute('data-step'));

test.describe('player controls', () => {
	test('buttons step, jump to the ends, and keep narration in a live region', async ({ page }) => {
		await page.goto(LESSON);
		await expect(position(page)).toHaveText('Step 0 of 9');
		const live = player(page).locator('[aria-live="polite"]');
		await expect(live).toContainText('Two ways to run isolated software');
		await player(page).getByRole('button', { name: 'Next step' }).click();
		await expect(position(page)).toHaveText('Step 1 of 9');
		await expect(live).toContainText('physical machine');
		await player(page).getByRole('button', { name: 'Last step' }).click();
		await expect(position(page)).toHaveText(`Step ${LAST} of 9`);
		await expect(player(page).getByRole('button', { name: 'Next step' })).toBeDisabled();
		await player(page).getByRole('button', { name: 'Previous step' }).click();
		await expect(position(page)).toHaveText('Step 8 of 9');
		await player(page).getByRole('button', { name: 'First step' }).click();
		await expect(position(page)).toHaveText('Step 0 of 9');
		await expect(player(page).getByRole('button', { name: 'Previous step' })).toBeDisabled();
	});

	test('keyboard: arrows, Home, End and Space when the player has focus', async ({ page }) => {
		await page.goto(LESSON);
		await player(page).focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 2 of 9');
		await page.keyboard.press('ArrowLeft');
		await expect(position(page)).toHaveText('Step 1 of 9');
		await page.keyboard.press('End');
		await expect(position(page)).toHaveText('Step 9 of 9');
		await page.keyboard.press('Home');
		await expect(position(page)).toHaveText('Step 0 of 9');
		await page.keyboard.press(' ');
		await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible();
		await expect.poll(() => stepOf(page)).toBeGreaterThan(0);
		await page.keyboard.press(' ');
		await expect(player(page).getByRole('button', { name: 'Play' })).toBeVisible();
	});

	test('a screen reader is told the keys, and told when a key goes past either end', async ({
		page
	}) => {
		await page.goto(LESSON);
		await expect(player(page)).toHaveAccessibleDescription(
			/arrow keys, or Page Up and Page Down, step/
		);
		await expect(player(page)).toHaveAttribute('aria-keyshortcuts', /ArrowRight/);
		const edge = player(page).getByTestId('edge-note');
		await player(page).focus();
		await page.keyboard.press('ArrowLeft');
		await expect(edge).toHaveText('This is the first step.');
		await page.keyboard.press('ArrowRight');
		await expect(edge).toHaveText('');
		await page.keyboard.press('End');
		await page.keyboard.press('ArrowRight');
		await expect(edge).toHaveText('This is the last step.');
		await expect(position(page)).toHaveText(`Step ${LAST} of 9`);
	});

	test('a presenter’s clicker (Page Down, Page Up) steps the player on its region and buttons, not on its fields', async ({
		page
	}) => {
		await page.goto(LESSON);
		await expect(player(page)).toHaveAttribute('aria-keyshortcuts', /PageUp PageDown/);
		const scrolled = () => page.evaluate(() => window.scrollY);
		// Chosen by a click on the picture, which focuses the region.
		await player(page).locator('.drawing').click();
		const y = await scrolled();
		await page.keyboard.press('PageDown');
		await page.keyboard.press('PageDown');
		await expect(position(page)).toHaveText('Step 2 of 9');
		await page.keyboard.press('PageUp');
		await expect(position(page)).toHaveText('Step 1 of 9');
		// Stepping, not scrolling the picture off the screen.
		expect(await scrolled()).toBe(y);
		// On its buttons too.
		await player(page).getByRole('button', { name: 'Next step' }).click();
		await page.keyboard.press('PageDown');
		await expect(position(page)).toHaveText('Step 3 of 9');
		await page.keyboard.press('End');
		await page.keyboard.press('PageDown');
		await expect(player(page).getByTestId('edge-note')).toHaveText('This is the last step.');
		// The Speed picker and the scrubber keep their own keys (a select's, a slider's).
		const speed = player(page).locator('select');
		await speed.focus();
		await page.keyboard.press('PageUp');
		await expect(speed).toHaveValue('0.5');
		await expect(position(page)).toHaveText('Step 9 of 9');
		await player(page).getByRole('slider', { name: 'Step' }).focus();
		await page.keyboard.press('PageDown');
		await expect(position(page)).toHaveText('Step 8 of 9');
	});

	test('after a drag on the scrubber the focus is the player’s, where Page Down steps on; a key keeps it on the scrubber', async ({
		page
	}) => {
		await page.goto(LESSON);
		const scrubber = player(page).getByRole('slider', { name: 'Step' });
		await scrubber.evaluate((range) => range.scrollIntoView({ block: 'center' }));
		const box = (await scrubber.boundingBox())!;
		await page.mouse.move(box.x + 4, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2, { steps: 5 });
		// Let go below the track, off the scrubber.
		await page.mouse.move(box.x + box.width * 0.55, box.y + box.height + 60, { steps: 3 });
		await page.mouse.up();
		const dragged = await stepOf(page);
		expect(dragged).toBeGreaterThan(2);
		await expect(player(page)).toBeFocused();
		await page.keyboard.press('PageDown');
		await expect.poll(() => stepOf(page)).toBe(dragged + 1);
		// A click on the track is a pointer scrub too.
		await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
		await expect(position(page)).toHaveText('Step 9 of 9');
		await expect(player(page)).toBeFocused();
		// The keyboard's use of the scrubber leaves the focus on it.
		await scrubber.focus();
		await page.keyboard.press('ArrowLeft');
		await expect(position(page)).toHaveText('Step 8 of 9');
		await expect(scrubber).toBeFocused();
	});

	test('keys do nothing when the player does not have focus', async ({ page }) => {
		await page.goto(LESSON);
		await page.locator('body').press('ArrowRight');
		await page.locator('h1').click();
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 0 of 9');
	});

	test('the page moves no focus on load, and scrolls only from a link to a step, to its player', async ({
		page
	}) => {
		await page.goto(LESSON);
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
		expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
		// A lecturer's link to a step lands on the player it is for (tests/e2e/step-links.spec.ts).
		await page.goto(`${LESSON}?step=4`);
		await expect(position(page)).toHaveText('Step 4 of 9');
		const top = await player(page).evaluate((box) => box.getBoundingClientRect().top);
		expect(Math.abs(top)).toBeLessThan(1);
		expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
	});

	test('the scrubber jumps to any frame', async ({ page }) => {
		await page.goto(LESSON);
		const scrubber = player(page).getByRole('slider', { name: 'Step' });
		await scrubber.fill('6');
		await expect(position(page)).toHaveText('Step 6 of 9');
		await scrubber.focus();
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 7 of 9');
	});

	test('play runs to the end and stops, its narration not read out while it plays', async ({
		page
	}) => {
		await page.goto(`${LESSON}?step=6`);
		const narration = player(page).locator('.narration');
		await expect(narration).toHaveAttribute('aria-live', 'polite');
		await player(page).locator('select').selectOption('2');
		await player(page).getByRole('button', { name: 'Play' }).click();
		await expect(position(page)).toHaveText('Step 7 of 9');
		await expect(narration).toHaveAttribute('aria-live', 'off');
		await expect(position(page)).toHaveText('Step 9 of 9', { timeout: 5000 });
		await expect(player(page).getByRole('button', { name: 'Play' })).toBeVisible();
		await expect(narration).toHaveAttribute('aria-live', 'polite');
	});
});

test.describe('the controls stay put', () => {
	// A learner clicking Next again and again: the button must not move from under the
	// pointer. The narration keeps room for its longest sentence, the system-call
	// comparison lays out every hop of the call from the start (and the cycles caveat a
	// later step adds), and the PID tree keeps room for its tallest. The Docker build and
	// the namespaces comparison lay out every frame, hidden under the one shown.
	for (const [path, width] of [
		['/lessons/vms-and-containers', 1280],
		['/lessons/docker', 1280],
		// Not the Docker build at 390 px: under 600 px it keeps no room for its tallest
		// frame, as the Player keeps none for its stage (frame-room.spec.ts), or its
		// picture and Next were never on a phone's screen together.
		['/lessons/namespaces', 390],
		['/lessons/system-call-path', 1280],
		['/lessons/cgroups', 1280],
		// The PID tree grows with every process: the picture keeps room for its tallest.
		['/lessons/pid-namespaces', 1280],
		['/lessons/vms-and-containers', 390],
		// At 390 px the current hop's route, in bold, wraps where the others do not.
		['/lessons/system-call-path', 390]
	] as const) {
		test(`Next stays where it is at every step: ${path} at ${width} px`, async ({ page }) => {
			await page.setViewportSize({ width, height: 800 });
			await page.goto(path);
			await playersReady(page);
			await player(page).scrollIntoViewIfNeeded();
			const next = player(page).getByRole('button', { name: 'Next step' });
			const total = Number(await player(page).getAttribute('data-total'));
			const top = async () =>
				(await next.evaluate((el) => el.getBoundingClientRect().top)) +
				(await page.evaluate(() => window.scrollY));
			const first = await top();
			for (let step = 1; step < Math.min(total, 26); step++) {
				await next.click();
				await expect(player(page)).toHaveAttribute('data-step', String(step));
				expect(await top(), `Next at step ${step}`).toBe(first);
			}
			// The room is not read out: only the live narration is.
			await expect(player(page).getByTestId('narration-room')).toHaveAttribute(
				'aria-hidden',
				'true'
			);
		});
	}
});

test.describe('the stage does not shrink back', () => {
	// The namespaces lab draws a scenario's trace, which may be too long to lay out
	// ahead: the stage keeps the tallest height it has had, so once a learner has
	// stepped through, going back moves nothing below the picture (its controls come
	// first, so they never move: namespaces.spec.ts). The layers lab, which this held
	// too, now keeps room for its trace's tallest lines from the start (layers.spec.ts).
	for (const path of ['/embed/namespaces-lab']) {
		test(`stepping back through ${path} leaves the picture's end where it was`, async ({
			page
		}) => {
			await page.setViewportSize({ width: 1000, height: 900 });
			await page.goto(path);
			const started = await embedStarted(page);
			const next = started.getByRole('button', { name: 'Next step' });
			const previous = started.getByRole('button', { name: 'Previous step' });
			const stage = started.locator('.stage');
			const end = () => stage.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
			const steps = Math.min(Number(await started.getAttribute('data-total')) - 1, 14);
			const ends: number[] = [await end()];
			for (let step = 1; step <= steps; step++) {
				await next.click();
				await expect(started).toHaveAttribute('data-step', String(step));
				ends.push(await end());
			}
			// It did grow on the way (else this test would show nothing)...
			expect(Math.max(...ends)).toBeGreaterThan(ends[0]);
			const lowest = await end();
			for (let step = steps - 1; step >= 0; step--) {
				await previous.click();
				await expect(started).toHaveAttribute('data-step', String(step));
				// ...and it does not come back up.
				expect(await end(), `the picture's end at step ${step}`).toBe(lowest);
			}
		});
	}
});

test('another trace starts again from its own height', async ({ page }) => {
	// The comparison asked another question is another trace: a taller one does not
	// leave its height behind when the learner goes back to the shorter one.
	await page.setViewportSize({ width: 1000, height: 900 });
	await page.goto('/embed/namespaces-compare');
	const started = await embedStarted(page);
	const stageHeight = () =>
		started
			.locator('.stage')
			.first()
			.evaluate((el) => el.getBoundingClientRect().height);
	const command = page.getByTestId('compare-command');
	const first = await stageHeight();
	await command.selectOption('ip addr');
	await expect.poll(stageHeight).toBeGreaterThan(first);
	await command.selectOption('hostname');
	await expect.poll(stageHeight).toBe(first);
});

test.describe('the URL holds the step', () => {
	test('a deep link opens that frame, and stepping replaces the URL', async ({ page }) => {
		await page.goto(`${LESSON}?step=3`);
		await expect(position(page)).toHaveText('Step 3 of 9');
		const historyLength = await page.evaluate(() => history.length);
		await player(page).getByRole('button', { name: 'Next step' }).click();
		await expect(page).toHaveURL(/[?&]step=4\b/);
		await player(page).getByRole('button', { name: 'Next step' }).click();
		await expect(page).toHaveURL(/[?&]step=5\b/);
		expect(await page.evaluate(() => history.length)).toBe(historyLength);
		await page.reload();
		await expect(position(page)).toHaveText('Step 5 of 9');
	});

	const bad: [string, number][] = [
		['-1', 0],
		['abc', 0],
		['1e99', 0],
		['99999999999999999999', 0],
		['999', LAST],
		['10', LAST],
		['2.5', 0],
		['', 0],
		['%00', 0],
		['<script>alert(1)</script>', 0]
	];
	for (const [value, expected] of bad) {
		test(`step=${value} opens frame ${expected}`, async ({ page }) => {
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			await page.goto(`${LESSON}?step=${encodeURIComponent(value)}`);
			await expect(page.locator('h1')).toHaveText('Virtual machines and containers');
			await expect(position(page)).toHaveText(`Step ${expected} of 9`);
			// A number past the end is the last step, as asked; anything else is said.
			const note = player(page).locator('.url-note');
			if (expected === LAST) await expect(note).toHaveCount(0);
			else
				await expect(note).toHaveText(
					`This link’s step=${JSON.stringify(value)} is not a step number; the first step is shown.`
				);
			expect(errors).toEqual([]);
		});
	}

	test('a repeated step parameter is ignored, and said once', async ({ page }) => {
		await page.goto(`${LESSON}?step=3&step=5`);
		await expect(page.locator('h1')).toBeVisible();
		await expect(position(page)).toHaveText('Step 0 of 9');
		const note = page.locator('.url-note');
		await expect(note).toHaveText('This link gives step= 2 times; the first step is shown.');
		// Said above the picture, where it stays: Next does not move at the next step.
		const next = player(page).getByRole('button', { name: 'Next step' });
		const fromTop = () =>
			next.evaluate((button) => {
				const box = button.closest('.player')!.getBoundingClientRect();
				return button.getBoundingClientRect().top - box.top;
			});
		const before = await fromTop();
		await next.click();
		await expect(page).toHaveURL(/[?&]step=1$/);
		expect(await fromTop()).toBe(before);
		await expect(note).toBeVisible();
	});

	test('a lab says a bad step in its link; an embed says it once, in its own notices', async ({
		page
	}) => {
		await page.goto('/lessons/pid-namespaces?step=x');
		await expect(page.locator('.url-note')).toHaveText(
			'This link’s step="x" is not a step number; the first step is shown.'
		);
		await page.goto('/embed/vms-and-containers?step=x');
		await embedStarted(page);
		await expect(page.getByText('step="x" is not a step number', { exact: false })).toHaveCount(1);
		await expect(page.locator('.url-note')).toHaveCount(0);
	});
});

test.describe('motion', () => {
	test('a single step animates; with reduced motion nothing animates', async ({ browser }) => {
		for (const reducedMotion of ['no-preference', 'reduce'] as const) {
			const context = await browser.newContext({ reducedMotion });
			const page = await context.newPage();
			await page.goto(`${LESSON}?step=1`);
			await playersReady(page);
			await expect(position(page)).toHaveText('Step 1 of 9');
			await player(page).getByRole('button', { name: 'Next step' }).click();
			const running = await page.evaluate(() => document.getAnimations().length);
			if (reducedMotion === 'reduce') expect(running).toBe(0);
			else expect(running).toBeGreaterThan(0);
			await context.close();
		}
	});

	// Chromium's compositor can run a transition of an HTML box's transform or opacity
	// without the page; anything else (an SVG shape, a width, a tweened attribute) lays
	// out and paints the page on every frame of it.
	for (const lesson of ['system-call-path', 'cgroups', 'pid-namespaces']) {
		test(`stepping ${lesson} only animates what the compositor can move`, async ({ page }) => {
			await page.goto(`/lessons/${lesson}`);
			await playersReady(page);
			const seen = new Set<string>();
			const next = player(page).getByRole('button', { name: 'Next step' });
			for (let i = 0; i < 6 && (await next.isEnabled()); i++) {
				// At a reading pace: steps faster than about six a second are shown at once.
				await page.waitForTimeout(250);
				await next.click();
				const running = await page.evaluate(() =>
					document.getAnimations().map((animation) => {
						const effect = animation.effect as KeyframeEffect | null;
						const target = effect?.target;
						const properties =
							animation instanceof CSSTransition
								? [animation.transitionProperty]
								: (effect?.getKeyframes() ?? []).flatMap((frame) =>
										Object.keys(frame).filter(
											(key) => !['offset', 'computedOffset', 'easing', 'composite'].includes(key)
										)
									);
						const html = target instanceof HTMLElement;
						return `${html ? 'html' : target?.nodeName}:${[...new Set(properties)].join('+')}`;
					})
				);
				for (const kind of running) seen.add(kind);
			}
			for (const kind of seen)
				expect(kind).toMatch(/^html:(transform|opacity)(\+(transform|opacity))?$/);
			// Something did move: this is not a lesson with motion switched off.
			if (lesson !== 'cgroups') expect(seen.size).toBeGreaterThan(0);
		});
	}

	// Entrances are started by hand (src/lib/viz/entrance.svelte.ts), not by Svelte's
	// `in:`: what the page opens with must still stand still.
	for (const lesson of ['vms-and-containers', 'pid-namespaces']) {
		test(`opening ${lesson} at a step moves nothing`, async ({ page }) => {
			await page.goto(`/lessons/${lesson}?step=4`);
			await playersReady(page);
			await expect(player(page)).toHaveAttribute('data-step', '4');
			expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
			await player(page).getByRole('button', { name: 'Next step' }).click();
			await expect
				.poll(() => page.evaluate(() => document.getAnimations().length))
				.toBeGreaterThan(0);
		});
	}

	test('a held key shows each step at once and leaves nothing moving', async ({ page }) => {
		await page.goto(`${LESSON}?step=1`);
		await playersReady(page);
		const moving = () =>
			page.evaluate(
				() =>
					document.getAnimations().filter((animation) => animation.timeline === document.timeline)
						.length
			);
		await player(page).focus();
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 2 of 9');
		expect(await moving()).toBeGreaterThan(0);
		// Presses as fast as a held key's (30 ms apart, timed in the page: a busy machine
		// can stretch the test's own round trips past the pace that still moves): the
		// first move is ended, and none starts.
		const left = await player(page).evaluate(async (region) => {
			for (let i = 0; i < 3; i++) {
				region.dispatchEvent(
					new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true })
				);
				await new Promise((resolve) => setTimeout(resolve, 30));
			}
			return document
				.getAnimations()
				.filter((animation) => animation.timeline === document.timeline).length;
		});
		await expect(position(page)).toHaveText('Step 5 of 9');
		expect(left).toBe(0);
		// At a reading pace the next step moves again.
		await page.waitForTimeout(700);
		await page.keyboard.press('ArrowRight');
		await expect(position(page)).toHaveText('Step 6 of 9');
		expect(await moving()).toBeGreaterThan(0);
	});

	test('a jump is immediate', async ({ page }) => {
		await page.goto(LESSON);
		await expect(position(page)).toHaveText('Step 0 of 9');
		await player(page).getByRole('button', { name: 'Last step' }).click();
		expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
	});
});

test.describe('player on a touch screen', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('a vertical scroll that starts on the scrubber leaves the step where it was', async ({
		page
	}) => {
		await page.goto(LESSON);
		await player(page).getByRole('button', { name: 'Next step' }).tap();
		await expect(position(page)).toHaveText('Step 1 of 9');
		const scrubber = player(page).locator('input[type="range"]');
		await scrubber.evaluate((input) => input.scrollIntoView({ block: 'center' }));
		const box = (await scrubber.boundingBox())!;
		const x = box.x + box.width * 0.7;
		const y = box.y + box.height / 2;
		const scrolledFrom = await page.evaluate(() => window.scrollY);
		// Real touch events, as a finger makes them: the browser pans the page and cancels
		// the pointer, which Playwright's own touchscreen cannot show.
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Input.dispatchTouchEvent', {
			type: 'touchStart',
			touchPoints: [{ x, y, id: 1 }]
		});
		for (let i = 1; i <= 12; i++) {
			await cdp.send('Input.dispatchTouchEvent', {
				type: 'touchMove',
				touchPoints: [{ x, y: y - (250 * i) / 12, id: 1 }]
			});
			await page.waitForTimeout(16);
		}
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await cdp.detach();
		await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledFrom);
		await expect(position(page)).toHaveText('Step 1 of 9');
		await expect(page).toHaveURL(/[?&]step=1(&|$)/);

		// A tap on the track still moves there.
		await scrubber.evaluate((input) => input.scrollIntoView({ block: 'center' }));
		const now = (await scrubber.boundingBox())!;
		await page.touchscreen.tap(now.x + now.width * 0.9, now.y + now.height / 2);
		await expect(position(page)).not.toHaveText('Step 1 of 9');
	});
});

for (const [width, height] of [
	[844, 390],
	[740, 360]
] as const)
	test.describe(`a lesson’s player on a phone held sideways (${width} × ${height})`, () => {
		test.use({ viewport: { width, height }, isMobile: true, hasTouch: true });

		// The system-call comparison's controls come before its picture, the namespaces
		// comparison's after it; both pictures are taller than the screen's room.
		for (const slug of ['system-call-path', 'namespaces'])
			test(`on /lessons/${slug}, Next and the picture it changes are on screen together`, async ({
				page
			}) => {
				await page.goto(`/lessons/${slug}`);
				const lesson = page.locator('.player').first();
				const stage = lesson.locator('.stage');
				const next = lesson.getByRole('button', { name: 'Next step' });
				// The learner looks at the picture, then taps Next (which, not pinned, was
				// out of sight: tapping it scrolled the picture off the screen).
				await stage.evaluate((picture) => picture.scrollIntoView({ block: 'start' }));
				await next.tap();
				await expect(lesson).toHaveAttribute('data-step', '1');
				await expect(next).toBeInViewport();
				await expect(stage).toBeInViewport();
				// A phone held upright is as it was: the controls scroll with the page.
				await page.setViewportSize({ width: height, height: width });
				await expect
					.poll(() => lesson.locator('.controls').evaluate((e) => getComputedStyle(e).position))
					.toBe('static');
			});
	});
