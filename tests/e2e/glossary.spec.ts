import AxeBuilder from '@axe-core/playwright';
import { expect, test, tipsOffScreen, type Page } from './fixtures';
import { GLOSSARY } from '../../content/glossary.js';
import { readManifests } from '../../src/lib/content/lesson-index';

/**
 * Terms each lesson must link (its first use goes to the glossary): its manifest's
 * `keyTerms`, only terms the lesson is about (the prose around them may change,
 * the subject will not).
 */
const KEY_TERMS = new Map(
	readManifests(process.cwd()).map(({ slug, manifest }) => [slug, manifest.keyTerms])
);

/** The box a term's definition shows in: its text (the term's description), its entry's link and Close. */
const definitionBox = (page: Page, id: string) =>
	page.locator(`.glossary-definition:has(> #glossary-definition-${id})`);

async function lessonPaths(page: Page): Promise<string[]> {
	await page.goto('/');
	return page
		.locator('.lessons a.card')
		.evaluateAll((links) =>
			links.map((link) => new URL((link as HTMLAnchorElement).href).pathname)
		);
}

test('every glossary link in every lesson resolves to an entry, and each lesson links its key terms', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto('/glossary');
	const ids = new Set(
		await page.locator('.entry[id]').evaluateAll((entries) => entries.map((entry) => entry.id))
	);
	expect([...ids].sort()).toEqual(GLOSSARY.map((entry) => entry.id).sort());

	const paths = await lessonPaths(page);
	expect(paths).toEqual([...KEY_TERMS.keys()].map((slug) => `/lessons/${slug}/`));
	for (const path of paths) {
		await page.goto(path);
		const links = await page.locator('a[data-glossary]').evaluateAll((anchors) =>
			anchors.map((anchor) => ({
				href: anchor.getAttribute('href') ?? '',
				id: (anchor as HTMLElement).dataset.glossary ?? '',
				inHeading: anchor.closest('h1, h2, h3, h4, h5, h6, code, pre') !== null,
				definition:
					document.getElementById(anchor.getAttribute('aria-describedby') ?? '')?.textContent ?? ''
			}))
		);
		const linked = links.map((link) => link.id);
		// One link per term: its first use only.
		expect(new Set(linked).size, path).toBe(linked.length);
		for (const link of links) {
			const url = new URL(link.href, 'http://x');
			expect(url.pathname, `${path} → ${link.href}`).toBe('/glossary/');
			expect(ids.has(url.hash.slice(1)), `${path} → ${link.href}`).toBe(true);
			expect(link.inHeading).toBe(false);
			const entry = GLOSSARY.find((candidate) => candidate.id === link.id);
			expect(link.definition, `${path} → ${link.id}`).toBe(entry?.definition);
		}
		const slug = path.split('/').filter(Boolean).pop() ?? '';
		for (const term of KEY_TERMS.get(slug) ?? ['(unknown lesson)']) {
			expect(linked, `${path} links ${term}`).toContain(term);
		}
	}
});

test('a term’s definition is reached by keyboard and announced with it; Escape hides it', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path');
	const term = page.locator('a[data-glossary="system-call"]');
	const definition = definitionBox(page, 'system-call');
	const entry = GLOSSARY.find((candidate) => candidate.id === 'system-call')!;
	await expect(definition).toBeHidden();

	// Tab from the start of the lesson's text until the term has focus.
	await page.locator('article h1').click();
	let reached = false;
	for (let i = 0; i < 40 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await term.evaluate((element) => element === document.activeElement);
	}
	expect(reached).toBe(true);
	await expect(term).toHaveAccessibleName('system call');
	await expect(term).toHaveAccessibleDescription(entry.definition);
	await expect(definition).toBeVisible();

	await page.keyboard.press('Escape');
	await expect(definition).toBeHidden();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Shift+Tab');
	await expect(definition).toBeVisible();

	// Enter follows the link to the entry.
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/glossary\/#system-call$/);
	await expect(page.locator('#system-call')).toContainText(entry.definition);
});

test('Escape pressed while the terms’ script is still loading hides the definition once it runs', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path');
	await page.waitForLoadState('networkidle');
	// The script a term's first use loads, slow to come.
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 400));
		await route.continue();
	});
	const definition = definitionBox(page, 'system-call');
	const term = page.locator('a[data-glossary="system-call"]');
	await term.focus();
	// Not shown until the script can place it on the screen.
	await expect(definition).toBeHidden();
	await page.keyboard.press('Escape');
	await expect(page.locator('[data-glossary-started]')).toBeAttached();
	await expect(definition).toBeHidden();
	// The term kept the focus: its definition comes back when the focus does.
	await expect(term).toBeFocused();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Shift+Tab');
	await expect(definition).toBeVisible();
});

/**
 * Hovers (or focuses) the term `id` of `path` at `size` while the terms' script is slow
 * to come, and records at every frame drawn whether its definition shows and where:
 * each box shown, in the window's coordinates.
 */
async function firstUseFrames(
	page: Page,
	path: string,
	id: string,
	how: 'hover' | 'focus' | 'tap',
	size: { width: number; height: number }
) {
	await page.setViewportSize(size);
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	await expect(page.locator('[data-glossary-started]')).toHaveCount(0);
	const term = page.locator(`a[data-glossary="${id}"]`);
	// The term near the foot of the screen: a definition under it would run past that edge.
	await term.evaluate((link) => {
		window.scrollBy(0, link.getBoundingClientRect().bottom - (window.innerHeight - 30));
	});
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 600));
		await route.continue();
	});
	await page.evaluate((id) => {
		const box = document.querySelector(`a[data-glossary="${id}"] ~ .glossary-definition`)!;
		const seen: { shown: boolean; left: number; top: number; right: number; bottom: number }[] = [];
		(window as unknown as { __seen: typeof seen }).__seen = seen;
		const look = () => {
			const { left, top, right, bottom } = box.getBoundingClientRect();
			seen.push({ shown: getComputedStyle(box).display !== 'none', left, top, right, bottom });
			requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	}, id);
	if (how === 'hover') await term.hover();
	else if (how === 'tap') await term.tap();
	else await term.focus();
	await expect(page.locator('[data-glossary-started]')).toBeAttached();
	await expect(definitionBox(page, id)).toBeVisible();
	await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
	return page.evaluate(
		() =>
			(
				window as unknown as {
					__seen: { shown: boolean; left: number; top: number; right: number; bottom: number }[];
				}
			).__seen
	);
}

/** The frames in which a definition showed past an edge of a `width` × `height` window. */
const offScreen = (
	seen: { shown: boolean; left: number; top: number; right: number; bottom: number }[],
	{ width, height }: { width: number; height: number }
) =>
	seen.filter(
		(box) => box.shown && (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height)
	);

// Terms near the right edge of the text at these widths (a definition under one, lined
// up with its start, ran 70–330 px past the screen's right edge before the script placed it).
for (const { path, id, size, how } of [
	{ path: '/lessons/pid-namespaces', id: 'init', size: { width: 700, height: 900 }, how: 'hover' },
	{
		path: '/lessons/system-call-path',
		id: 'ring',
		size: { width: 1280, height: 800 },
		how: 'focus'
	},
	{ path: '/lessons/layers', id: 'copy-up', size: { width: 853, height: 480 }, how: 'hover' }
] as const) {
	test(`a definition shown at a term’s first use (${how}, ${size.width} px) is never off the screen while its script loads`, async ({
		page
	}) => {
		const seen = await firstUseFrames(page, path, id, how, size);
		expect(seen.filter((box) => box.shown).length).toBeGreaterThan(0);
		expect(offScreen(seen, size)).toEqual([]);
	});
}

test('a definition has a link to its entry and a Close button that the keyboard reaches', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path');
	const term = page.locator('a[data-glossary="system-call"]');
	const box = definitionBox(page, 'system-call');
	const close = box.getByRole('button', { name: 'Close' });
	await term.focus();
	await expect(box).toBeVisible();
	await expect(box.getByRole('link', { name: 'Glossary entry' })).toHaveAttribute(
		'href',
		/\/glossary\/#system-call$/
	);
	// The term is that link for the keyboard: the next Tab stop is Close, and the
	// definition stays while it has the focus.
	await page.keyboard.press('Tab');
	await expect(close).toBeFocused();
	await expect(box).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(box).toBeHidden();
	await expect(term).toBeFocused();
	// Shown again once the focus comes back; Escape on Close hides it as well.
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Tab');
	await expect(box).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(close).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(box).toBeHidden();
	await expect(term).toBeFocused();
});

test('a pointer moving from a term to its definition’s link keeps it, and Close hides it', async ({
	page
}) => {
	await page.goto('/lessons/vms-and-containers');
	const term = page.locator('a[data-glossary="hypervisor"]');
	const box = definitionBox(page, 'hypervisor');
	await term.hover();
	await expect(box).toBeVisible();
	// Slowly, across the gap between the term and its definition (it hid there).
	const link = (await box.getByRole('link', { name: 'Glossary entry' }).boundingBox())!;
	await page.mouse.move(link.x + 10, link.y + link.height / 2, { steps: 30 });
	await expect(box).toBeVisible();
	await box.getByRole('button', { name: 'Close' }).click();
	await expect(box).toBeHidden();
	await page.mouse.move(0, 0);
	await term.hover();
	await expect(box).toBeVisible();
	await box.getByRole('link', { name: 'Glossary entry' }).click();
	await expect(page).toHaveURL(/\/glossary\/#hypervisor$/);
});

test('the definition shows on hover and stays while the pointer moves onto it', async ({
	page
}) => {
	await page.goto('/lessons/layers');
	const term = page.locator('a[data-glossary="whiteout"]');
	const definition = definitionBox(page, 'whiteout');
	await term.hover();
	await expect(definition).toBeVisible();
	await definition.hover();
	await expect(definition).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(definition).toBeHidden();
});

test('at 390 px the definition fits on the screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await page.goto('/lessons/layers');
	await startGlossary(page);
	const term = page.locator('a[data-glossary="copy-up"]');
	await term.focus();
	const box = await definitionBox(page, 'copy-up').boundingBox();
	expect(box).not.toBeNull();
	expect(box!.x).toBeGreaterThanOrEqual(0);
	expect(box!.x + box!.width).toBeLessThanOrEqual(390);
	expect(box!.y + box!.height).toBeLessThanOrEqual(800);
});

test('at 390 px a term focused near the foot of the screen is not hidden by its definition', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await page.goto('/lessons/layers');
	const term = page.locator('a[data-glossary="copy-up"]');
	// The term in the last 60 px of the screen, where the pinned definition stands.
	await term.evaluate((link) => {
		const { bottom } = link.getBoundingClientRect();
		window.scrollBy(0, bottom - (window.innerHeight - 20));
	});
	await term.focus();
	const own = (await term.boundingBox())!;
	expect(own.y + own.height).toBeGreaterThan(720);
	// Measured again until it holds: a part of the lesson starting meanwhile may move the
	// page, and the definition is placed again in the frame after a scroll.
	await expect(async () => {
		const own = (await term.boundingBox())!;
		const box = (await definitionBox(page, 'copy-up').boundingBox())!;
		expect(box.y + box.height <= own.y || box.y >= own.y + own.height).toBe(true);
		expect(box.y).toBeGreaterThanOrEqual(0);
	}).toPass({ timeout: 5_000 });
});

/**
 * Starts the terms' script, which a lesson loads at a term's first use
 * (lesson-boot.ts), and waits for it: until it runs, a definition shows by CSS
 * alone, not yet placed on the screen.
 */
async function startGlossary(page: Page) {
	await page.locator('.glossary-term').first().dispatchEvent('focusin');
	await expect(page.locator('[data-glossary-started]')).toBeAttached();
}

/** Each term's definition, where it shows (see `tipsOffScreen`). */
const definitionsOffScreen = async (page: Page) => {
	await startGlossary(page);
	return tipsOffScreen(page, '.glossary-term > a', { noun: 'term', tip: 'definition' });
};

const SIZES = [
	...[700, 1024, 1280].flatMap((width) => [
		{ width, text: '100%' },
		{ width, text: '200%' }
	]),
	// The phone layout (pinned to the foot of the screen) with doubled text.
	{ width: 320, text: '200%' },
	{ width: 390, text: '200%' }
];

for (const { width, text } of SIZES) {
	test(`every definition in every lesson stays on the screen at ${width} px with text at ${text}`, async ({
		page
	}) => {
		test.setTimeout(90_000);
		const paths = await lessonPaths(page);
		await page.setViewportSize({ width, height: width < 640 ? 640 : 900 });
		const problems: string[] = [];
		for (const path of paths) {
			await page.goto(path);
			await page.evaluate((size) => (document.documentElement.style.fontSize = size), text);
			// With doubled text some pages are wider than the screen before any definition
			// shows (on a phone the theme menu, at 1280 px a table of the cgroups lesson).
			if (text === '100%') {
				expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBe(width);
			}
			for (const problem of await definitionsOffScreen(page)) problems.push(`${path}: ${problem}`);
		}
		expect(problems).toEqual([]);
	});
}

test('at 700 px a definition under the pointer stays on the screen and reads in full', async ({
	page
}) => {
	await page.setViewportSize({ width: 700, height: 900 });
	await page.goto('/lessons/vms-and-containers');
	await startGlossary(page);
	const definition = definitionBox(page, 'virtual-machine');
	await page.locator('a[data-glossary="virtual-machine"]').hover();
	await expect(definition).toBeVisible();
	const box = (await definition.boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(700);
	expect(box.y + box.height).toBeLessThanOrEqual(900);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(700);
	// Wide enough to read: not squeezed to a column by the edge of the screen.
	expect(box.width).toBeGreaterThan(300);
	// It stays while the pointer moves onto it, where it now is.
	await definition.hover();
	await expect(definition).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
	test(`no WCAG 2.2 AA violations on /glossary and a lesson with a definition open (${scheme})`, async ({
		page
	}) => {
		test.setTimeout(150_000);
		await page.emulateMedia({ colorScheme: scheme });
		const problems: string[] = [];
		for (const path of ['/glossary#whiteout', '/lessons/layers']) {
			await page.goto(path);
			if (path.startsWith('/lessons/')) await page.locator('a[data-glossary="whiteout"]').focus();
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				.analyze();
			for (const violation of results.violations) {
				problems.push(`${path}: ${violation.id} ${violation.nodes.map((n) => n.target).join(' ')}`);
			}
		}
		expect(problems).toEqual([]);
	});
}

test('the site navigation and footer link to the glossary', async ({ page }) => {
	await page.goto('/');
	await expect(
		page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Glossary' })
	).toHaveAttribute('href', '/glossary/');
	await expect(page.locator('footer').getByRole('link', { name: 'Glossary' })).toHaveAttribute(
		'href',
		'/glossary/'
	);
});

test.describe('on a touch screen', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('a tap on a term shows its definition, a second tap follows the link, and a tap elsewhere or Escape hides it', async ({
		page
	}) => {
		await page.goto('/lessons/vms-and-containers');
		const term = page.locator('a[data-glossary="hypervisor"]');
		const definition = definitionBox(page, 'hypervisor');
		await term.evaluate((link) => link.scrollIntoView({ block: 'center' }));
		await expect(definition).toBeHidden();
		// The terms' script is loaded at a term's first use, not with the page, and the
		// code it brings is slow to come here: the tap is held for it, not lost to the link.
		await page.waitForLoadState('networkidle');
		await expect(page.locator('[data-glossary-started]')).toHaveCount(0);
		await page.route('**/_app/immutable/**', async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 400));
			await route.continue();
		});

		await term.tap();
		await expect(page.locator('[data-glossary-started]')).toBeAttached();
		await expect(definition).toBeVisible();
		await expect(page).toHaveURL(/\/lessons\/vms-and-containers/);
		await page.locator('article h1').tap();
		await expect(definition).toBeHidden();

		await term.tap();
		await expect(definition).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(definition).toBeHidden();

		await term.tap();
		await expect(definition).toBeVisible();
		await term.tap();
		await expect(page).toHaveURL(/\/glossary\/#hypervisor$/);
	});

	test('a definition shown at a first tap near the screen’s right edge is never off the screen', async ({
		page
	}) => {
		const seen = await firstUseFrames(page, '/lessons/pid-namespaces', 'init', 'tap', {
			width: 390,
			height: 844
		});
		expect(seen.filter((box) => box.shown).length).toBeGreaterThan(0);
		expect(offScreen(seen, { width: 390, height: 844 })).toEqual([]);
	});

	test('a shown definition has its own Close button and a link to its entry', async ({ page }) => {
		await page.goto('/lessons/vms-and-containers');
		const term = page.locator('a[data-glossary="hypervisor"]');
		const box = definitionBox(page, 'hypervisor');
		await term.evaluate((link) => link.scrollIntoView({ block: 'center' }));
		await term.tap();
		await expect(box).toBeVisible();
		// Both on the screen, where the definition is pinned, and big enough for a finger.
		const close = box.getByRole('button', { name: 'Close' });
		const entry = box.getByRole('link', { name: 'Glossary entry' });
		for (const target of [close, entry]) {
			await expect(target).toBeInViewport({ ratio: 1 });
			expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(43);
		}
		await close.tap();
		await expect(box).toBeHidden();
		await expect(page).toHaveURL(/\/lessons\/vms-and-containers/);

		await term.tap();
		await expect(box).toBeVisible();
		await entry.tap();
		await expect(page).toHaveURL(/\/glossary\/#hypervisor$/);
	});
});
