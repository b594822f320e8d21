import AxeBuilder from '@axe-core/playwright';
import { readAnimations } from '../../src/lib/content/lesson-index';
import { readLessons } from '../../src/lib/scorm/lms-package.js';
import { expect, playersReady, test, type Page } from './fixtures';

/** Every page and every embed; lessons and animations come from the lesson folders and manifests, so new ones are covered. */
const EMBEDS = readAnimations(process.cwd()).map((animation) => `/embed/${animation.id}/`);
const PATHS = [
	'/',
	'/review/',
	'/glossary/',
	// The 404 page, as a host serves it for a missing address.
	'/lessons/no/such/page',
	...readLessons('.').map((lesson) => `/lessons/${lesson.slug}/`),
	...EMBEDS,
	// What an LMS shows in its frame: the lesson without the site's header and main.
	...readLessons('.').map((lesson) => `/framed/lessons/${lesson.slug}/`)
];

const THEMES = ['light', 'dark', 'projector'] as const;
/**
 * Embeds draw the lessons' renderers in the same colour tokens; their projector
 * colours are checked on the lesson pages, so an embed is checked in light and dark.
 */
const EMBED_THEMES = ['light', 'dark'] as const;
/**
 * What a framed lesson adds to the lesson's own parts (src/routes/framed/lessons):
 * its bar and the notice that nothing is kept. The colour rules check only these
 * there, in every theme; the lesson's prose, labs and self-check are the same
 * components in the same colour tokens as on its lesson page, checked in every
 * theme. Every other rule runs on the whole framed page.
 */
const FRAMED_CHROME = ['.framed > header.bar', '[data-testid="not-kept"]'];
/** The rules whose outcome depends on the colours: the only ones worth re-running per theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/**
 * axe's best practices that WCAG's tags leave out but screen-reader users move by: a
 * skipped heading level (an embed's h1 straight to h3) and two landmarks of one name.
 */
const NAVIGATION_RULES = {
	'heading-order': { enabled: true },
	'landmark-unique': { enabled: true },
	// An embed's title bar was a banner inside its main landmark.
	'landmark-banner-is-top-level': { enabled: true },
	'landmark-one-main': { enabled: true },
	// A framed lesson's prose sat outside every landmark, out of reach by landmark.
	region: { enabled: true },
	'landmark-no-duplicate-main': { enabled: true },
	'page-has-heading-one': { enabled: true }
};

// One test per page: every rule in the light theme, then the colour rules again in the dark
// (and, on pages other than embeds, projector) themes, switched on the same page the way the theme menu switches them
// (loading each page three times made this file a third of the suite's time), and a framed
// lesson's colours only where it differs from its lesson page.
for (const path of PATHS) {
	const themes: readonly string[] = path.startsWith('/embed/') ? EMBED_THEMES : THEMES;
	test(`no WCAG 2.2 AA violations on ${path} in the ${themes.join(', ')} themes`, async ({
		page
	}) => {
		test.slow(); // three axe runs on the page
		// No animation: each step lands at once, in the colours it ends with.
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto(path.startsWith('/embed/') ? `${path}?selfcheck=1` : path);
		await page.waitForLoadState('networkidle');
		// Step twice so the picture holds a hop, a highlight or a token.
		const player = page.locator('.player').first();
		if (await player.count()) {
			await player.focus();
			await page.keyboard.press('ArrowRight');
			await page.keyboard.press('ArrowRight');
			await page.waitForTimeout(100);
		}
		const problems: string[] = [];
		const framed = path.startsWith('/framed/');
		const report = (
			theme: string,
			violations: { id: string; nodes: { target: unknown[] }[] }[]
		) => {
			for (const violation of violations)
				problems.push(
					`${theme}: ${violation.id} (${violation.nodes.length}): ${violation.nodes
						.slice(0, 3)
						.map((node) => node.target.join(' '))
						.join(' | ')}`
				);
		};
		for (const theme of themes) {
			await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
			await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
			if (theme === 'light') {
				// Every rule on the whole page; a framed lesson's colours are checked below, on its chrome.
				const every = new AxeBuilder({ page })
					.options({ rules: NAVIGATION_RULES })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
				if (framed) every.disableRules(COLOUR_RULES);
				report(theme, (await every.analyze()).violations);
				if (!framed) continue;
			}
			const colours = new AxeBuilder({ page }).withRules(COLOUR_RULES);
			if (framed) for (const selector of FRAMED_CHROME) colours.include(selector);
			const results = await colours.analyze();
			report(theme, results.violations);
			// The colour rules ran on this page's text (a page with no text would prove nothing).
			expect(results.passes.length + results.violations.length).toBeGreaterThan(0);
		}
		expect(problems).toEqual([]);
	});
}

test('every lesson on the home page is checked', async ({ page }) => {
	await page.goto('/');
	const linked = await page
		.locator('.lessons a.card')
		.evaluateAll((links) =>
			links.map((link) => new URL((link as HTMLAnchorElement).href).pathname)
		);
	expect(linked.length).toBeGreaterThan(0);
	for (const path of linked) expect(PATHS).toContain(path);
	// And every embed (an empty list would silently check none).
	expect(EMBEDS.length).toBeGreaterThanOrEqual(8);
});

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

/** Each of `paths` `width` px wide with its text at 200%: no wider than the screen (page.goto starts the labs). */
async function fitsWithLargeText(page: Page, paths: string[], width = 390) {
	await page.setViewportSize({ width, height: 844 });
	for (const path of paths) {
		await page.goto(path);
		await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			path
		).toBeLessThanOrEqual(width);
	}
}

test('at 320 px with text at 200%, the player’s buttons and an embed’s buttons fit the screen', async ({
	page
}) => {
	await fitsWithLargeText(page, ['/lessons/docker', '/embed/docker'], 320);
});

test('a picture’s labels grow with the reader’s text size, as far as the picture’s width allows', async ({
	page
}) => {
	// The drawings' labels are px, so they stayed put while the prose grew; each picture
	// is now zoomed by the text's scale, capped where its layout would get too narrow.
	const labelHeight = (selector: string) =>
		page
			.locator(selector)
			.first()
			.evaluate((label) => label.getBoundingClientRect().height);
	const pictures = [
		['/lessons/vms-and-containers', '.picture svg text.side-title'],
		['/lessons/system-call-path', '.picture svg text'],
		['/lessons/pid-namespaces', '[data-testid="pidns-tree"] .name'],
		['/lessons/cgroups', '.chart svg text']
	];
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		for (const [path, label] of pictures) {
			await page.goto(path);
			const before = await labelHeight(label);
			await page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
			await expect
				.poll(() => labelHeight(label), `${path} at ${width} px`)
				.toBeGreaterThan(before * 1.04);
			// Never more than the text grew; on a phone the two stacks' picture, whose layout
			// needs 300 px, can grow only by the few px it has beyond that.
			const most = width === 390 && path === '/lessons/vms-and-containers' ? 1.1 : 1.5;
			expect(await labelHeight(label), `${path} at ${width} px`).toBeLessThanOrEqual(
				before * most + 1
			);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				width
			);
		}
	}
});

test('with text at 125–175%, no system-call hop’s route runs under its cycle count', async ({
	page
}) => {
	// Between the sizes where the count sits beside the route and where it goes under
	// it, the route's column shrank to nothing and its words ran under the count.
	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/lessons/system-call-path');
		for (const size of ['125%', '150%', '175%']) {
			await page.evaluate((size) => (document.documentElement.style.fontSize = size), size);
			const overlaps = await page.locator('.hops li').evaluateAll((rows) =>
				rows.flatMap((row) => {
					const extent = (selector: string) => {
						const part = row.querySelector(selector);
						if (!part) return null;
						const range = document.createRange();
						range.selectNodeContents(part);
						return range.getBoundingClientRect();
					};
					const route = extent('.route > span');
					const count = extent('.cost .amount, .none');
					if (!route || !count || !route.width || !count.width) return [];
					const apart =
						route.right <= count.left + 1 ||
						count.right <= route.left + 1 ||
						route.bottom <= count.top + 1 ||
						count.bottom <= route.top + 1;
					return apart ? [] : [row.textContent!.trim().slice(0, 40)];
				})
			);
			expect(overlaps, `${width} px, text at ${size}`).toEqual([]);
		}
	}
});

test('at 390 px with text at 200%, the header and a lab’s pickers fit the screen', async ({
	page
}) => {
	await fitsWithLargeText(page, ['/', '/lessons/layers', '/lessons/cgroups']);
});

test('at 390 px with text at 200%, long words wrap, the system-call hops stack and a prose table scrolls in its own box', async ({
	page
}) => {
	// The glossary's file paths, the lessons' titles ("namespaces"), the namespace
	// kinds' table, the system-call lab's hop list.
	await fitsWithLargeText(page, [
		'/glossary',
		'/lessons/namespaces',
		'/lessons/pid-namespaces',
		'/lessons/system-call-path',
		'/lessons/vms-and-containers'
	]);
	// Scrolling the table is a keyboard's job too: its box is a named stop.
	await page.goto('/lessons/namespaces');
	const table = page.getByRole('region', { name: 'Table: kind, what it separates, asked by' });
	await expect(table).toHaveAttribute('tabindex', '0');
});

test('the two-stacks picture says each side, and each guest with its own blocks, at every step', async ({
	page
}) => {
	await page.goto('/lessons/vms-and-containers');
	const picture = page.locator('.player').first().getByRole('img');
	await expect(picture).toHaveAccessibleName(
		'Virtual machines: nothing yet. Containers: nothing yet.'
	);
	await page.locator('.player').first().focus();
	for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
	await expect(picture).toHaveAccessibleName(
		'Virtual machines, from the bottom: Server hardware, Host OS, Hypervisor; on top, left VM: Guest OS: Linux, Bins/libs, App A; right VM: Guest OS: Windows, Bins/libs, App B. ' +
			'Containers, from the bottom: Server hardware, Host OS (one kernel); on top, left container: Bins/libs: Ubuntu, App A; right container: Bins/libs: SUSE, App B.'
	);
	// A highlighted block's badge is said after its side, as it is drawn on it.
	await page.keyboard.press('ArrowRight');
	await expect(picture).toHaveAccessibleName(
		/Marked “a kernel”: Host OS, Guest OS: Linux of the left VM, Guest OS: Windows of the right VM\. Containers/
	);
	await page.keyboard.press('ArrowRight');
	await expect(picture).toHaveAccessibleName(/Marked “shared kernel”: Host OS \(one kernel\)\.$/);
});

test.describe('on a touch screen', () => {
	test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

	test('every text field and picker is at least 16 px, so iOS does not zoom into it', async ({
		page
	}) => {
		// The cgroups fields were 15.2 px, the JSON editor 12.8, the labs' pickers 14.4.
		for (const path of ['/lessons/cgroups', '/lessons/namespaces', '/lessons/pid-namespaces']) {
			await page.goto(path);
			await playersReady(page);
			const sizes = await page.evaluate(() =>
				[
					...document.querySelectorAll(
						'select, textarea, input:not([type=checkbox], [type=radio], [type=range], [type=file])'
					)
				].map((field) => parseFloat(getComputedStyle(field).fontSize))
			);
			expect(sizes.length, path).toBeGreaterThan(0);
			expect(Math.min(...sizes), path).toBeGreaterThanOrEqual(16);
		}
	});
});
