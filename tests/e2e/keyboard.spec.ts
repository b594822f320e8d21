import { expect, test, type Page } from './fixtures';

async function lessonPaths(page: Page): Promise<string[]> {
	await page.goto('/');
	return page
		.locator('.lessons a.card')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** The focused element and whether it shows a focus ring. */
const focusState = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { tag: 'body', ring: false, player: false };
		const style = getComputedStyle(el);
		const ring =
			(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
			style.boxShadow !== 'none';
		return {
			tag: el.tagName.toLowerCase(),
			ring,
			player: el.classList.contains('player'),
			inSelfCheck: !!el.closest('[data-testid="selfcheck"]'),
			// Past the self-check in the page's order (the pager's link to the next lesson).
			afterSelfCheck: !!(
				document.querySelector('[data-testid="selfcheck"]')?.compareDocumentPosition(el) &&
				document.querySelector('[data-testid="selfcheck"]')!.compareDocumentPosition(el) &
					Node.DOCUMENT_POSITION_FOLLOWING &&
				!el.closest('[data-testid="selfcheck"]')
			),
			type: (el as HTMLInputElement).type ?? ''
		};
	});

test('keyboard only: reach the player, step to the end, answer the self-check, focus always visible', async ({
	page
}) => {
	test.setTimeout(180_000);
	for (const path of await lessonPaths(page)) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		// Tab until the first player has focus; every stop shows a focus ring.
		let reached = false;
		for (let i = 0; i < 80 && !reached; i++) {
			await page.keyboard.press('Tab');
			const state = await focusState(page);
			expect(state.ring, `${path}: focus ring on ${state.tag} after ${i + 1} tabs`).toBe(true);
			reached = state.player;
		}
		expect(reached, `${path}: player reachable by Tab`).toBe(true);
		await page.keyboard.press('End');
		const player = page.locator('.player').first();
		await expect(player).toHaveAttribute(
			'data-step',
			String(Number(await player.getAttribute('data-total')) - 1)
		);
		// On to the self-check: the first radio button of its first question.
		let inQuestion = false;
		for (let i = 0; i < 400 && !inQuestion; i++) {
			await page.keyboard.press('Tab');
			const state = await focusState(page);
			expect(state.ring, `${path}: focus ring on ${state.tag}`).toBe(true);
			// In the page's order: Tab must not pass a self-check that has not started yet.
			expect(state.afterSelfCheck, `${path}: Tab went past the self-check`).toBe(false);
			inQuestion = !!state.inSelfCheck && state.type === 'radio';
		}
		expect(inQuestion, `${path}: self-check reachable by Tab`).toBe(true);
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		const first = page.getByTestId('selfcheck').locator('form').first();
		await expect(first.locator('.explanation')).toContainText(/Right\.|Not quite\./);
		await expect(first.locator('.explanation')).toBeFocused();
	}
});

// Parts start when they come near the screen; the first Tab starts them all, so that
// Tab meets each player and the self-check in the page's order, not past them.
for (const lesson of ['vms-and-containers', 'layers']) {
	test(`Tab from the top of ${lesson} meets every player, then the self-check`, async ({
		page
	}) => {
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto(`/lessons/${lesson}`);
		await page.waitForLoadState('networkidle');
		const playersMet = new Set<number>();
		let inSelfCheck = false;
		for (let i = 0; i < 150 && !inSelfCheck; i++) {
			await page.keyboard.press('Tab');
			const where = await page.evaluate(() => {
				const el = document.activeElement!;
				const check = document.querySelector('[data-testid="selfcheck"]')!;
				return {
					player: [...document.querySelectorAll('.player')].indexOf(el),
					inSelfCheck: check.contains(el),
					after: !!(check.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
				};
			});
			expect(where.after && !where.inSelfCheck, `Tab ${i + 1} went past the self-check`).toBe(
				false
			);
			if (where.player >= 0) playersMet.add(where.player);
			inSelfCheck = where.inSelfCheck;
		}
		expect(inSelfCheck).toBe(true);
		expect(playersMet.size).toBe(await page.locator('.player').count());
	});
}

test('narration is read from a polite live region at each step', async ({ page }) => {
	await page.goto('/lessons/system-call-path?step=2');
	const live = page.locator('.compare').first().locator('[aria-live="polite"]').first();
	await expect(live).toHaveAttribute('aria-atomic', 'true');
	await expect(live).toContainText(
		'VM: trap and emulate: getpid() is a supervisor call (SVC) that traps'
	);
	await page.locator('.compare .player').first().focus();
	await page.keyboard.press('ArrowRight');
	await expect(live).toContainText('reflects it to the guest kernel');
	await expect(live).toContainText('Container: SYSRET returns the PID');
});

// 320 px: the width at which WCAG's reflow (1.4.10) asks for no sideways scrolling.
for (const width of [320, 390, 640]) {
	test(`every page fits ${width} px without sideways scrolling${width === 640 ? ' (200 % zoom)' : ''}`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		await page.setViewportSize({ width, height: 800 });
		const paths = ['/', '/review', ...(await lessonPaths(page))];
		for (const path of paths) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(1);
		}
	});
}

test('a step button that disables itself hands the focus to its player, whose keys still step', async ({
	page
}) => {
	await page.goto('/embed/docker');
	const player = page.locator('.player').first();
	const last = Number(await player.getAttribute('data-total')) - 1;
	await page.goto(`/embed/docker?step=${last - 1}`);
	await expect(player).toHaveAttribute('data-step', String(last - 1));
	// Next, pressed with the keyboard, reaches the last step and is disabled under the focus.
	await page.getByRole('button', { name: 'Next step' }).focus();
	await page.keyboard.press('Enter');
	await expect(player).toHaveAttribute('data-step', String(last));
	await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled();
	await expect(player).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await expect(player).toHaveAttribute('data-step', String(last - 1));
	// The same at the other end, with First step.
	await page.getByRole('button', { name: 'First step' }).focus();
	await page.keyboard.press('Enter');
	await expect(player).toHaveAttribute('data-step', '0');
	await expect(player).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(player).toHaveAttribute('data-step', '1');
});

test('Escape closes the Embed and Export panels and leaves the focus on their button', async ({
	page
}) => {
	await page.goto('/lessons/vms-and-containers');
	for (const name of ['Embed', 'Export']) {
		const button = page.getByRole('button', { name, exact: true }).first();
		await button.focus();
		await page.keyboard.press('Enter');
		await expect(button).toHaveAttribute('aria-expanded', 'true');
		// From inside the panel too: Tab into it first.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Escape');
		await expect(button).toHaveAttribute('aria-expanded', 'false');
		await expect(button).toBeFocused();
	}
});

test('keys on a link in the Embed or Export panel are the link’s; the player’s own buttons still step', async ({
	page
}) => {
	await page.goto('/lessons/vms-and-containers');
	const player = page.locator('.player').first();
	for (const [name, link] of [
		['Embed', 'Open the embed'],
		['Export', 'Storyboard: every step on one page, to print or save as PDF']
	] as const) {
		const button = player.getByRole('button', { name, exact: true });
		await button.focus();
		await page.keyboard.press('Enter');
		await expect(button).toHaveAttribute('aria-expanded', 'true');
		await player.getByRole('link', { name: link }).focus();
		for (const key of ['ArrowRight', 'End', 'Space']) await page.keyboard.press(key);
		await expect(player, `a key on the ${name} panel's link moved the player`).toHaveAttribute(
			'data-step',
			'0'
		);
		await expect(player.getByRole('button', { name: 'Pause' })).toHaveCount(0);
		// The panel's button is the player's: an arrow on it steps.
		await button.focus();
		await page.keyboard.press('ArrowRight');
		await expect(player).toHaveAttribute('data-step', '1');
		await page.keyboard.press('Home');
		await expect(player).toHaveAttribute('data-step', '0');
		await page.keyboard.press('Escape');
	}
});
