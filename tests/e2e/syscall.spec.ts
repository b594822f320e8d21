import { expect, measureEachStep, test, type Page } from './fixtures';

const LESSON = '/lessons/system-call-path';
const compare = (page: Page) => page.locator('.compare').first();
const counter = (page: Page, side: 'left' | 'right', name: string) =>
	compare(page).getByTestId(`counters-${side}`).locator(`[data-counter="${name}"]`);

test('side by side, stepped by keyboard: counters and narration at given steps', async ({
	page
}) => {
	await page.goto(LESSON);
	const player = compare(page).locator('.player');
	await expect(player.locator('.position')).toHaveText('Step 0 of 5');
	// Both sides say the same at step 0: it is said once, not once per side (and the
	// label is not said again by the trace's first sentence).
	const live = player.locator('[aria-live="polite"]').first();
	await expect(live).toHaveText(/^\s*The app is about to make a system call\.\s*$/);
	await player.focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	// Step 2: trap-and-emulate's getpid has trapped into the hypervisor; the container's into the kernel.
	await expect(counter(page, 'left', 'hypervisor')).toHaveText('1');
	await expect(counter(page, 'right', 'hypervisor')).toHaveText('0');
	await expect(counter(page, 'left', 'hops')).toHaveText('1');
	await expect(player.locator('[aria-live="polite"]')).toContainText(
		'the trap lands in the hypervisor'
	);
	await page.keyboard.press('End');
	// getpid: 4 hops and 2 hypervisor entries in the VM; 2 hops and none in the container.
	await expect(counter(page, 'left', 'hops')).toHaveText('4');
	await expect(counter(page, 'left', 'hypervisor')).toHaveText('2');
	await expect(counter(page, 'right', 'hops')).toHaveText('2');
	await expect(counter(page, 'right', 'hypervisor')).toHaveText('0');
	await expect(counter(page, 'right', 'cycles')).toHaveText('≈ 146');
	// The shorter trace holds its last frame.
	await expect(player.locator('[aria-live="polite"]')).toContainText('one trap in, one return out');
});

test('choosing platforms and call goes into the URL and survives a reload', async ({ page }) => {
	await page.goto(LESSON);
	await compare(page).getByTestId('left-platform').selectOption('vm-hardware');
	await compare(page).getByTestId('right-platform').selectOption('native');
	await compare(page).getByTestId('syscall').selectOption('write');
	await compare(page).locator('.player').focus();
	await page.keyboard.press('End');
	await expect(page).toHaveURL(/left=vm-hardware/);
	await expect(page).toHaveURL(/right=native/);
	await expect(page).toHaveURL(/call=write/);
	await expect(page).toHaveURL(/step=11/);
	await page.reload();
	await expect(compare(page).getByTestId('left-platform')).toHaveValue('vm-hardware');
	await expect(compare(page).getByTestId('syscall')).toHaveValue('write');
	await expect(compare(page).locator('.player .position')).toHaveText('Step 11 of 11');
	await expect(counter(page, 'left', 'hypervisor')).toHaveText('2');
	await expect(counter(page, 'left', 'hops')).toHaveText('10');
	await expect(counter(page, 'right', 'hops')).toHaveText('4');
	// QEMU's system call into KVM is inside the exit's figure (hop 2), not free; the
	// completion interrupt has no figure.
	const hops = compare(page).locator('.side').first().locator('.hops li');
	await expect(hops.nth(7)).toContainText('in hop 2’s figure');
	await expect(hops.nth(5)).toContainText('not priced');
});

test('a bad platform in the link falls back with a notice', async ({ page }) => {
	await page.goto(`${LESSON}?left=<b>x</b>&call=fork`);
	const notice = compare(page).locator('.notice');
	await expect(notice).toHaveAttribute('role', 'status');
	await expect(notice).toContainText('Ignored from the link');
	await expect(notice).toContainText('<b>x</b>');
	await expect(compare(page).getByTestId('left-platform')).toHaveValue('vm-trap-emulate');
	await expect(compare(page).getByTestId('syscall')).toHaveValue('getpid');
	expect(await page.locator('.compare b').count()).toBe(0);
});

test('a scenario link on the lesson page is not silently dropped: the notice says where it opens', async ({
	page
}) => {
	await page.goto(`${LESSON}?scenario=v1.x`);
	const notice = compare(page).locator('.notice');
	await expect(notice).toContainText('Ignored from the link: a scenario');
	await expect(notice).toContainText('opens in its embed');
	await expect(compare(page).getByTestId('left-platform')).toHaveValue('vm-trap-emulate');
});

test('two players on one page do not interfere', async ({ page }) => {
	await page.goto(LESSON);
	const first = page.locator('.compare').nth(0).locator('.player');
	const second = page.locator('.compare').nth(1).locator('.player');
	await expect(second.locator('.position')).toHaveText('Step 0 of 11');
	await second.focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(second.locator('.position')).toHaveText('Step 3 of 11');
	await expect(first.locator('.position')).toHaveText('Step 0 of 5');
	await first.getByRole('button', { name: 'Next step' }).click();
	await expect(first.locator('.position')).toHaveText('Step 1 of 5');
	await expect(second.locator('.position')).toHaveText('Step 3 of 11');
	await expect(page).toHaveURL(/[?&]step=1\b/);
	await expect(page).toHaveURL(/[?&]io-step=3\b/);
	await page.reload();
	await expect(first.locator('.position')).toHaveText('Step 1 of 5');
	await expect(second.locator('.position')).toHaveText('Step 3 of 11');
});

test('predict mode asks before each hop and then shows it', async ({ page }) => {
	await page.goto(LESSON);
	await compare(page).getByLabel('Predict each hop').check();
	const player = compare(page).locator('.player');
	await player.getByRole('button', { name: 'Next step' }).click();
	// Frame 1 is the app calling getpid: no hop yet, so no question.
	await expect(player.locator('.position')).toHaveText('Step 1 of 5');
	await player.getByRole('button', { name: 'Next step' }).click();
	const question = compare(page).getByRole('group', { name: /where does the call go next/ });
	await expect(question).toBeVisible();
	await expect(player.locator('.position')).toHaveText('Step 1 of 5');
	const vm = question.getByRole('group', { name: 'VM: trap and emulate' });
	await vm.getByLabel('Hypervisor').check();
	const container = question.getByRole('group', { name: 'Container' });
	await container.getByLabel('App in a container').check();
	await question.getByRole('button', { name: 'Check' }).click();
	await expect(vm.getByRole('status')).toHaveText(/Right: it goes to the Hypervisor/);
	await expect(container.getByRole('status')).toHaveText(/Not quite: it goes to the Host kernel/);
	// Check gives way to Show the hop, which takes the focus and carries the verdicts.
	const show = question.getByRole('button', { name: 'Show the hop' });
	await expect(show).toBeFocused();
	await expect(show).toHaveAccessibleDescription(/Right: it goes to the Hypervisor.*Not quite/);
	await page.keyboard.press('Enter');
	await expect(player.locator('.position')).toHaveText('Step 2 of 5');
	await expect(compare(page).getByText('Predicted 1 of 2 hops.')).toBeVisible();
	// The box went with the focus in it: the player has it, and → asks the next hop.
	await expect(player).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(question).toBeVisible();
	await expect(page).toHaveURL(/predict=1/);
});

test('cost sources show on focus', async ({ page }) => {
	await page.goto(`${LESSON}?step=2`);
	const cost = compare(page)
		.getByRole('button', { name: /cycles/ })
		.first();
	await cost.focus();
	await expect(compare(page).getByRole('tooltip').first()).toBeVisible();
	await expect(compare(page).getByRole('tooltip').first()).toContainText('KUtrace');
});

test('the self-check remembers answers in this browser only', async ({ page }) => {
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.method()));
	await page.goto(LESSON);
	const form = page.locator('form[data-question="trap-emulate-getpid"]');
	await form.getByLabel('2', { exact: true }).check();
	await form.getByRole('button', { name: 'Check answer' }).click();
	await expect(form.locator('.explanation')).toContainText('Right.');
	const wrong = page.locator('form[data-question="os-path"]');
	await wrong.getByLabel(/container runtime process/).check();
	await wrong.getByRole('button', { name: 'Check answer' }).click();
	await expect(wrong.locator('.explanation')).toContainText('Not quite.');
	await expect(page.getByTestId('selfcheck').locator('.progress')).toContainText(
		'2 of 9 answered, 1 right'
	);
	// Check answer goes away under the focus: the verdict and its explanation take it.
	await expect(wrong.locator('.explanation')).toBeFocused();
	await page.reload();
	await expect(
		page.locator('form[data-question="trap-emulate-getpid"]').locator('.explanation')
	).toContainText('Right.');
	expect(requests.filter((method) => method !== 'GET')).toEqual([]);
	// So does Clear my answers: the focus goes to the top of the questions.
	await page.getByRole('button', { name: 'Clear my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Check yourself' })).toBeFocused();
});

test('at 320 px nothing in either picture or hop list is drawn over something else', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/lessons/system-call-path');
	const players = page.locator('.player');
	await expect(players).toHaveCount(2);
	for (let k = 0; k < 2; k++) {
		const steps = await measureEachStep(players.nth(k), (player, at, helpers) => {
			const seen = (el: Element) =>
				!el.closest('[aria-hidden="true"]') && getComputedStyle(el).visibility !== 'hidden';
			const problems: string[] = [];
			let paths = 0;
			for (const svg of player.querySelectorAll('.stage .picture > svg')) {
				const texts = [...svg.querySelectorAll('text')].filter(seen);
				for (const pair of helpers.overlapping(texts)) problems.push(`step ${at}: ${pair}`);
				// The privilege lines end before the path begins.
				const starts = [...svg.querySelectorAll('.segment path')].map(
					(path) => path.getBoundingClientRect().left
				);
				paths += starts.length;
				for (const line of svg.querySelectorAll('.band-privilege'))
					if (starts.length && line.getBoundingClientRect().right > Math.min(...starts))
						problems.push(`step ${at}: “${line.textContent}” runs under the path`);
			}
			for (const hop of [...player.querySelectorAll('.hops li')].filter(seen)) {
				const route = hop.querySelector('.route > span')!;
				const count = hop.querySelector('.amount, .none');
				if (count && !helpers.apart(helpers.textBox(route), count.getBoundingClientRect()))
					problems.push(`step ${at}: “${route.textContent}” × its count`);
			}
			return { problems, paths };
		});
		const found = {
			paths: steps.reduce((sum, step) => sum + step.paths, 0),
			problems: steps.flatMap((step) => step.problems)
		};
		expect(found.paths).toBeGreaterThan(0);
		expect(found.problems).toEqual([]);
	}
});

test('the current hop’s label and the hop numbers sit off the bands’ edges, and the token leaves the arrowhead in view', async ({
	page
}) => {
	// "syscall", "return" and hop 1's number sat on the App/Host kernel border, and
	// "device I/O" on the current Disk band's outline, its arrowhead under the ✓.
	await page.emulateMedia({ reducedMotion: 'reduce' });
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(LESSON);
		const players = page.locator('.player');
		await expect(players).toHaveCount(2);
		for (let k = 0; k < 2; k++) {
			const steps = await measureEachStep(players.nth(k), (player, at) => {
				const problems: string[] = [];
				for (const picture of player.querySelectorAll('.stage .picture')) {
					const svg = picture.querySelector(':scope > svg')!;
					// Each band's outline, 2.5 px wide on the current band.
					const edges = [...svg.querySelectorAll('.band rect')].flatMap((rect) => {
						const box = rect.getBoundingClientRect();
						return [box.top, box.bottom];
					});
					const texts = [...svg.querySelectorAll('.hop-label, .hop-number')];
					for (const text of texts) {
						const box = text.getBoundingClientRect();
						for (const y of edges)
							if (box.top < y + 1.25 && box.bottom > y - 1.25)
								problems.push(`step ${at}: “${text.textContent}” on an edge`);
					}
					const line = svg.querySelector<SVGPathElement>('.segment.current path');
					const token = picture.querySelector('.token-track svg.token');
					if (!line || !token) continue;
					const end = line.getPointAtLength(line.getTotalLength());
					const tip = new DOMPoint(end.x, end.y).matrixTransform(line.getScreenCTM()!);
					const disc = token.getBoundingClientRect();
					const gap = Math.hypot(
						tip.x - (disc.left + disc.width / 2),
						tip.y - (disc.top + disc.height / 2)
					);
					// The token's radius with its stroke (11 px), and the head's tip (2 px) past the line's end.
					if (gap < 13 - 0.5) problems.push(`step ${at}: the arrowhead under the token (${gap})`);
				}
				return problems;
			});
			expect(steps.flat(), `player ${k + 1} at ${width} px`).toEqual([]);
		}
	}
});
