import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';

/** Every page and every embed; lessons are read from the home page so new ones are covered. */
async function allPaths(page: Page): Promise<string[]> {
	await page.goto('/');
	const lessons = await page
		.locator('.lessons a.card')
		.evaluateAll((links) =>
			links.map((link) => new URL((link as HTMLAnchorElement).href).pathname)
		);
	// Every embeddable animation.
	const registry = readFileSync('src/lib/embed/animations.ts', 'utf8');
	const embeds = [...registry.matchAll(/^\t\tid: '([a-z0-9-]+)'/gm)].map((m) => `/embed/${m[1]}`);
	return ['/', '/review', '/glossary', ...lessons, ...embeds];
}

const THEMES = ['light', 'dark', 'projector'] as const;

for (const theme of THEMES) {
	test(`no WCAG 2.2 AA violations in the ${theme} theme`, async ({ page }) => {
		test.setTimeout(120_000);
		const paths = await allPaths(page);
		const problems: string[] = [];
		for (const path of paths) {
			await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
			await page.goto(path.startsWith('/embed/') ? `${path}?selfcheck=1&theme=${theme}` : path);
			if (!path.startsWith('/embed/')) {
				await page.evaluate((t) => {
					if (t === 'projector') document.documentElement.setAttribute('data-theme', t);
				}, theme);
			}
			await page.waitForLoadState('networkidle');
			// Step once so the picture holds a hop, a highlight or a token.
			const player = page.locator('.player').first();
			if (await player.count()) {
				await player.focus();
				await page.keyboard.press('ArrowRight');
				await page.keyboard.press('ArrowRight');
				await page.waitForTimeout(700);
			}
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				.analyze();
			for (const violation of results.violations) {
				problems.push(
					`${path}: ${violation.id} (${violation.nodes.length}): ${violation.nodes
						.slice(0, 3)
						.map((node) => node.target.join(' '))
						.join(' | ')}`
				);
			}
		}
		expect(problems).toEqual([]);
	});
}

test('every control’s accessible name contains its visible text (WCAG 2.5.3 Label in Name)', async ({
	page
}) => {
	test.setTimeout(240_000);
	const problems: string[] = [];
	// The pages whose controls draw text of their own (chips, bands, tables), lesson and embed.
	const paths = ['pid-namespaces', 'layers', 'namespaces', 'cgroups'].flatMap((slug) => [
		`/lessons/${slug}`,
		`/embed/${slug === 'namespaces' ? 'namespaces-lab' : slug}`
	]);
	for (const path of paths) {
		await page.goto(path);
		// At the last step every process, chip and hop of the default scenario is drawn.
		const player = page.locator('.player').first();
		if (await player.count()) {
			await player.focus();
			await page.keyboard.press('End');
		}
		// axe ships this rule as experimental, so it is asked for by name.
		const results = await new AxeBuilder({ page })
			.withRules(['label-content-name-mismatch'])
			.analyze();
		for (const violation of results.violations)
			problems.push(`${path}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
		expect(results.passes.length + results.violations.length + results.inapplicable.length).toBe(1);
	}
	expect(problems).toEqual([]);
});
