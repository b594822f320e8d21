/**
 * Colour is never the only carrier of meaning: each state a colour marks also
 * has a shape or a text label, so it reads the same in greyscale, to a
 * colour-blind learner, and on a washed-out projector.
 */
import { expect, test, type Page } from './fixtures';

/** WCAG 2's contrast ratio of two sRGB colours (their first three numbers, 0–255). */
function wcagRatio(a: number[], b: number[]): number {
	const luminance = (colour: number[]) => {
		const [r, g, b] = colour.slice(0, 3).map((v) => {
			const c = v / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

interface ContrastHelper {
	wcagRatio: typeof wcagRatio;
}

/** Puts `wcagRatio` in the page, for the measurements that run there (it closes over nothing). */
async function installWcagRatio(page: Page) {
	await page.evaluate(`window.wcagRatio = ${wcagRatio.toString()}`);
}

async function stepToEnd(
	page: Page,
	player: ReturnType<Page['locator']>,
	visit: () => Promise<void>
) {
	await player.focus();
	await page.keyboard.press('Home');
	for (let guard = 0; guard < 400; guard++) {
		await visit();
		const [step, total] = await player.evaluate((el) => [
			Number(el.getAttribute('data-step')),
			Number(el.getAttribute('data-total'))
		]);
		if (step >= total - 1) return;
		await page.keyboard.press('ArrowRight');
	}
	throw new Error('the player never reached its last step');
}

/**
 * The contrast of each "hidden from above" entry's name and caption against the chip
 * behind them, as drawn: a faded chip is mixed into its band's fill, and a faded band
 * into the page behind the picture (WCAG's relative luminance).
 */
async function hiddenEntryContrasts(lab: ReturnType<Page['locator']>) {
	await installWcagRatio(lab.page());
	return lab.locator('g.chip.shadowed').evaluateAll((chips) => {
		const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
		const mix = (a: number[], b: number[], t: number) => a.map((v, i) => v * t + b[i] * (1 - t));
		const ratio = (window as unknown as ContrastHelper).wcagRatio;
		const fill = (el: Element) => rgb(getComputedStyle(el).fill);
		const opacity = (from: Element, to: Element) => {
			let alpha = 1;
			for (let el: Element | null = from; el && el !== to; el = el.parentElement)
				alpha *= Number(getComputedStyle(el).opacity);
			return alpha;
		};
		return chips.flatMap((chip) => {
			const svg = chip.closest('svg')!;
			let page: Element | null = svg;
			while (page && getComputedStyle(page).backgroundColor === 'rgba(0, 0, 0, 0)')
				page = page.parentElement;
			const pageColour = rgb(getComputedStyle(page ?? document.body).backgroundColor);
			const layer = chip.closest('[data-layer]')!.getAttribute('data-layer')!;
			const bandRect = svg.querySelector(`g.band[data-layer="${CSS.escape(layer)}"] .band-bg`)!;
			const band = mix(fill(bandRect), pageColour, opacity(bandRect, svg));
			const chipBg = chip.querySelector('.chip-bg')!;
			const behind = mix(fill(chipBg), band, opacity(chipBg, svg));
			return [...chip.querySelectorAll('text')].map((text) => ({
				text: text.textContent,
				size: getComputedStyle(text).fontSize,
				ratio: ratio(mix(fill(text), behind, opacity(text, svg)), behind)
			}));
		});
	});
}

test('layers: each lookup outcome has a mark and its own words', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/lessons/layers');
	const lab = page.getByTestId('unionfs-lab');
	const player = lab.locator('.player');
	const labels = new Map<string, Set<string>>();
	const hidden: { text: string | null; size: string; ratio: number }[] = [];
	await stepToEnd(page, player, async () => {
		hidden.push(...(await hiddenEntryContrasts(lab)));
		const probe = lab.getByTestId('probe');
		if ((await probe.count()) === 0) return;
		const outcome = (await probe.getAttribute('data-outcome')) ?? '';
		// The lens carries a drawn mark (tick, cross or bar), not only a stroke colour.
		await expect(probe.locator('.mark, .stop-mark')).toHaveCount(1);
		const label = (await lab.getByTestId('probe-label').textContent())?.trim() ?? '';
		if (!labels.has(outcome)) labels.set(outcome, new Set());
		labels.get(outcome)!.add(label);
	});
	// The default scenario finds a file, stops at a whiteout and at an opaque directory.
	expect([...labels.keys()].sort()).toEqual(expect.arrayContaining(['hit', 'opaque', 'whiteout']));
	// Every probe is labelled in words, and no wording is used for two outcomes.
	const wordings = [...labels.values()].map((set) => [...set]);
	for (const list of wordings) for (const label of list) expect(label).not.toBe('');
	expect(new Set(wordings.flat()).size).toBe(wordings.flat().length);
	// Whiteout chips carry their icon and a word, not only a tint.
	const whiteouts = lab.locator('g.chip.whiteout');
	expect(await whiteouts.count()).toBeGreaterThan(0);
	for (const chip of await whiteouts.all()) {
		await expect(chip.locator('.icon')).toHaveCount(1);
		expect((await chip.locator('text').allTextContents()).join(' ').trim()).not.toBe('');
	}
	// An entry hidden from above says so by its strike-through and caption, at 4.5:1 in
	// both themes, also below where the lookup stops: it was faded to 2.3–3.5:1.
	expect(hidden.length).toBeGreaterThan(0);
	await page.emulateMedia({ colorScheme: 'dark' });
	const dark = await hiddenEntryContrasts(lab);
	expect(dark.length).toBeGreaterThan(0);
	hidden.push(...dark);
	for (const { text, size, ratio } of hidden)
		expect(ratio, `“${text}” at ${size}`).toBeGreaterThanOrEqual(4.5);
});

test('PID namespaces: every namespace box and PID chip names its level', async ({ page }) => {
	await page.goto('/lessons/pid-namespaces');
	// At the last step the default scenario has nested namespaces and many processes.
	await page.locator('.player').first().focus();
	await page.keyboard.press('End');
	const boxes = page.locator('[data-level]');
	expect(await boxes.count()).toBeGreaterThan(1);
	for (const box of await boxes.all()) {
		const level = await box.getAttribute('data-level');
		await expect(box.locator('.level-mark').first()).toHaveText(`L${level}`);
	}
	const chips = page.locator('.chip .lv');
	expect(await chips.count()).toBeGreaterThan(1);
	for (const text of await chips.allTextContents()) expect(text).toMatch(/^\d+$/);
});

test('cgroups: limit lines are dashed, and the legend says which dash is which', async ({
	page
}) => {
	await page.goto('/lessons/cgroups');
	const limits = page.locator('path.limit');
	expect(await limits.count()).toBeGreaterThan(0);
	for (const limit of await limits.all()) {
		const dash = await limit.evaluate((el) => getComputedStyle(el).strokeDasharray);
		expect(dash).not.toBe('none');
	}
	await expect(page.getByText('limit (dashed: max, dotted: memory.high)').first()).toBeVisible();
});

/**
 * The lowest contrast of each shown text field's and picker's edge against its own
 * fill and against what is behind it (WCAG 1.4.11: what identifies a control).
 */
async function fieldEdgeContrasts(page: Page) {
	await installWcagRatio(page);
	return page.evaluate(() => {
		const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
		const ratio = (window as unknown as ContrastHelper).wcagRatio;
		const opaque = (colour: string) => colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent';
		const behind = (element: Element) => {
			for (let el = element.parentElement; el; el = el.parentElement) {
				const colour = getComputedStyle(el).backgroundColor;
				if (opaque(colour)) return colour;
			}
			return getComputedStyle(document.documentElement).backgroundColor;
		};
		const fields = document.querySelectorAll(
			'select, textarea, input:not([type="checkbox"], [type="radio"], [type="range"], [type="file"], [type="hidden"])'
		);
		return [...fields]
			.filter((field) => (field as HTMLElement).offsetParent !== null)
			.filter((field) => parseFloat(getComputedStyle(field).borderTopWidth) > 0)
			.map((field) => {
				const style = getComputedStyle(field);
				const edge = rgb(style.borderTopColor);
				const around = rgb(behind(field));
				const fill = opaque(style.backgroundColor) ? rgb(style.backgroundColor) : around;
				const name =
					field.getAttribute('aria-label') ??
					field.getAttribute('data-testid') ??
					field.closest('label')?.firstElementChild?.textContent?.trim() ??
					field.localName;
				return { name, contrast: Math.min(ratio(edge, fill), ratio(edge, around)) };
			});
	});
}

for (const theme of ['light', 'dark'] as const)
	test(`text fields’ and pickers’ edges stand 3:1 from the field and the page, ${theme}`, async ({
		page
	}) => {
		await page.emulateMedia({ colorScheme: theme });
		for (const path of ['/lessons/cgroups', '/lessons/layers', '/lessons/pid-namespaces']) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
			const json = page.getByText('Edit the whole scenario as JSON');
			if (await json.count()) await json.click();
			const edges = await fieldEdgeContrasts(page);
			expect(edges.length, path).toBeGreaterThan(2);
			for (const { name, contrast } of edges)
				expect(contrast, `${path}: ${name}`).toBeGreaterThanOrEqual(3);
		}
	});

test('cgroups: with forced colours, the legend’s keys keep the charts’ colours', async ({
	page
}) => {
	await page.goto('/lessons/cgroups?step=20');
	const keys = page.locator('.legend .key');
	const colours = () =>
		keys.evaluateAll((all) =>
			all.map((key) => {
				const style = getComputedStyle(key);
				return `${key.className.replace(/\s*svelte-\w+/, '')}: ${style.backgroundColor} ${style.borderTopColor} ${style.borderBottomColor}`;
			})
		);
	const normal = await colours();
	expect(normal.length).toBe(8);
	await page.emulateMedia({ forcedColors: 'active' });
	expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
	expect(await colours()).toEqual(normal);
	// The chart's fill that the CPU key stands for is the key's colour still.
	const cpuFill = await page
		.getByTestId('timelines-limited')
		.locator('path.area.cpu')
		.first()
		.evaluate((el) => getComputedStyle(el).fill);
	expect(
		await page.locator('.legend .key.cpu').evaluate((el) => getComputedStyle(el).backgroundColor)
	).toBe(cpuFill);
});

test('namespaces: with forced colours, the namespace asked and the mount-table row used are ringed, not only bold', async ({
	page
}) => {
	await page.goto('/embed/namespaces-lab?step=20');
	await expect(page.locator('.player')).toHaveAttribute('data-ready', 'true');
	await page.emulateMedia({ forcedColors: 'active' });
	expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
	// The frames of the question laid out hidden under the shown one are left out.
	const ring = (selector: string) =>
		page.locator(`.player ${selector}`).evaluateAll((all) =>
			all
				.filter((element) => element.checkVisibility({ visibilityProperty: true }))
				.map((element) => {
					const style = getComputedStyle(element);
					return {
						text: element.textContent?.replace(/\s+/g, ' ').trim(),
						outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
						// Forced colours keep a system colour as it is: the ring is Highlight's.
						highlight: style.outlineColor
					};
				})
		);
	const highlight = await page.evaluate(() => {
		const probe = document.createElement('span');
		probe.style.cssText = 'color: Highlight; forced-color-adjust: none';
		document.body.append(probe);
		const colour = getComputedStyle(probe).color;
		probe.remove();
		return colour;
	});
	// Step 20 asks about "/data" in web-mnt, the mount namespace's chip; the /data row is used.
	for (const selector of ['.chips li.picked', 'tr.used']) {
		const marked = await ring(selector);
		expect(marked.length, selector).toBe(1);
		expect(marked[0].outline, `${selector} ${marked[0].text}`).toBeGreaterThanOrEqual(2);
		expect(marked[0].highlight, selector).toBe(highlight);
	}
	expect((await ring('tr.used'))[0].text).toContain('/data');
	expect((await ring('.chips li.picked'))[0].text).toContain('web-mnt');
	// The rows not used have none.
	const others = await ring('tr:not(.used)');
	expect(others.length).toBeGreaterThan(0);
	for (const row of others) expect(row.outline, row.text).toBe(0);
});

test('docker: with forced colours, the storage bars keep a fill, not only their outlines', async ({
	page
}) => {
	await page.goto('/embed/docker?step=6');
	await expect(page.locator('.player')).toHaveAttribute('data-ready', 'true');
	await page.emulateMedia({ forcedColors: 'active' });
	expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
	// The frames laid out hidden under the shown one are left out.
	const bars = await page.locator('.bar-row .bar').evaluateAll((all) =>
		all
			.filter((bar) => bar.checkVisibility({ visibilityProperty: true }))
			.map((bar) => {
				const style = getComputedStyle(bar);
				const probe = document.createElement('span');
				probe.style.cssText = 'background: Canvas; forced-color-adjust: none';
				document.body.append(probe);
				const canvas = getComputedStyle(probe).backgroundColor;
				probe.remove();
				return {
					name: bar.className.replace(/\s*svelte-\w+/, ''),
					width: bar.getBoundingClientRect().width,
					// A fill: a colour that is not the page's, or a pattern.
					filled:
						(style.backgroundColor !== canvas && style.backgroundColor !== 'rgba(0, 0, 0, 0)') ||
						style.backgroundImage.includes('gradient')
				};
			})
	);
	expect(bars.map((bar) => bar.name)).toEqual(['bar cow', 'bar copy']);
	for (const bar of bars) {
		expect(bar.width, bar.name).toBeGreaterThan(10);
		expect(bar.filled, bar.name).toBe(true);
	}
});
