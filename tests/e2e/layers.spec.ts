import { readFile } from 'node:fs/promises';
import {
	encodeScenario,
	expect,
	measureEachStep,
	test,
	type Page,
	playersReady,
	stepEveryFrame
} from './fixtures';

const LESSON = '/lessons/layers';
const lab = (page: Page) => page.getByTestId('unionfs-lab');
const player = (page: Page) => lab(page).locator('.player');
const narration = (page: Page) => player(page).locator('.narration');
const input = (page: Page) => lab(page).getByTestId('shell-input');
const message = (page: Page) => lab(page).getByTestId('shell-message');
const band = (page: Page, name: string) =>
	lab(page).locator(`[data-testid="union-bands"] g.band[data-layer="${name}"]`);
const chip = (page: Page, layer: string, path: string) =>
	lab(page).locator(
		`[data-testid="union-bands"] g.chip-pos[data-layer="${layer}"][data-path="${path}"]`
	);

async function open(page: Page, url = LESSON) {
	await page.goto(url);
	await expect(player(page)).toBeVisible();
}

async function type(page: Page, line: string) {
	await input(page).fill(line);
	await input(page).press('Enter');
}

async function press(page: Page, key: string) {
	await player(page).focus();
	await page.keyboard.press(key);
}

test('cat walks down the layers: the probe stops where the kernel stops', async ({ page }) => {
	await open(page);
	await type(page, 'cat /bin/sh');
	await expect(message(page)).toContainText('Added: cat /bin/sh');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText('#!ELF dash');
	// First frame of the new op: no probe yet; then the probe at the base layer, found.
	await expect(narration(page)).toContainText('The container reads /bin/sh');
	await expect(lab(page).getByTestId('probe')).toHaveCount(0);
	// The answer waits for the lookup: the merged view names the path only.
	await expect(lab(page).getByTestId('merged-at')).toContainText('not looked up yet');
	await expect(lab(page).getByTestId('merged-at')).not.toContainText('base');
	await press(page, 'ArrowRight');
	await expect(lab(page).getByTestId('probe')).toHaveAttribute('data-outcome', 'hit');
	await expect(band(page, 'base')).toHaveAttribute('data-state', 'probe');
	await expect(band(page, 'app')).toHaveAttribute('data-state', 'passed');
	await expect(narration(page)).toContainText('Layer “base” has /bin/sh');
	await expect(lab(page).getByTestId('merged-at')).toContainText('file from base');

	// A whiteout stops the lookup above the layer that still has the file.
	await type(page, 'cat /etc/issue');
	await press(page, 'ArrowRight');
	await expect(lab(page).getByTestId('probe')).toHaveAttribute('data-outcome', 'whiteout');
	await expect(band(page, 'app')).toHaveAttribute('data-state', 'probe');
	await expect(band(page, 'base')).toHaveAttribute('data-state', 'below-stop');
	await expect(lab(page).getByTestId('stop-line')).toHaveCount(1);
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		'cat: /etc/issue: No such file or directory'
	);
});

test.describe('on a phone', () => {
	test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

	test('the shell keeps the keyboard: Run tapped leaves the focus in the field, which is not corrected', async ({
		page
	}) => {
		await open(page);
		await expect(input(page)).toHaveAttribute('autocorrect', 'off');
		await expect(input(page)).toHaveAttribute('autocapitalize', 'off');
		await expect(input(page)).toHaveAttribute('enterkeyhint', 'go');
		await input(page).tap();
		await input(page).fill('cat /bin/sh');
		await lab(page).getByRole('button', { name: 'Run', exact: true }).tap();
		await expect(message(page)).toContainText('Added: cat /bin/sh');
		// Focus on the button would close the phone's keyboard after every command.
		await expect(input(page)).toBeFocused();
	});
});

test('echo > copies up, rm leaves a whiteout, errors read as the shell prints them', async ({
	page
}) => {
	await open(page);
	await type(page, "echo 'hello there' > /etc/motd");
	await expect(message(page)).toContainText('Added');
	// Step to the copy-up frame: the file now sits in the writable layer.
	for (let i = 0; i < 6; i++) {
		if ((await narration(page).textContent())?.includes('Copy-up')) break;
		await press(page, 'ArrowRight');
	}
	await expect(narration(page)).toContainText(
		'Copy-up: /etc/motd is copied whole from layer “app”'
	);
	await expect(chip(page, 'container', '/etc/motd')).toBeVisible();
	await press(page, 'End');
	await expect(chip(page, 'app', '/etc/motd')).toHaveAttribute('data-shadowed', 'true');
	await type(page, 'cat /etc/motd');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		'hello there'
	);

	await type(page, 'rm /bin/sh');
	await press(page, 'End');
	await expect(chip(page, 'container', '/bin/sh')).toHaveAttribute('data-kind', 'whiteout');
	await expect(chip(page, 'base', '/bin/sh')).toHaveAttribute('data-shadowed', 'true');

	await type(page, 'rm /bin/sh');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		"rm: cannot remove '/bin/sh': No such file or directory"
	);
	await type(page, 'mkdir /etc');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		"mkdir: cannot create directory '/etc': File exists"
	);
	await type(page, 'cat /etc');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		'cat: /etc: Is a directory'
	);

	// Bad input changes nothing.
	const before = await lab(page).getByTestId('shell-log').locator('li').count();
	await type(page, 'cat etc/motd');
	await expect(message(page)).toContainText('relative path');
	await expect(input(page)).toHaveAttribute('aria-invalid', 'true');
	await type(page, 'frob /x');
	await expect(message(page)).toContainText('frob: command not found');
	await type(page, "echo 'open > /x");
	await expect(message(page)).toContainText('never closed');
	await type(page, 'cat /etc/../passwd');
	await expect(message(page)).toContainText('not supported');
	await expect(lab(page).getByTestId('shell-log').locator('li')).toHaveCount(before);
});

test('the lesson’s merged tree fits its box at every step (no row cut at the edge)', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await open(page);
	const tree = lab(page).getByRole('list', { name: 'The merged file tree' });
	const { measured } = await stepEveryFrame(page, player(page), () =>
		tree.evaluate((list) => list.scrollHeight - list.clientHeight)
	);
	expect(Math.max(...measured)).toBeLessThanOrEqual(0);
});

test('a read-only union answers echo > with Read-only file system', async ({ page }) => {
	await open(page);
	await lab(page).getByRole('button', { name: 'Edit the layers' }).click();
	await lab(page).getByRole('button', { name: 'Remove layer “container”' }).click();
	await expect(lab(page).getByTestId('editor-status')).toContainText('read-only');
	// A removed item's focus goes to the next item's Remove, else the previous one's,
	// else the layer's heading: never to the page (WCAG 2.4.3).
	const editor = lab(page).getByTestId('layer-editor');
	await expect(editor.getByRole('button', { name: 'Remove layer “app”' })).toBeFocused();
	await editor.getByRole('button', { name: 'Remove /app/server.py from app' }).click();
	await expect(editor.getByRole('button', { name: 'Remove /etc/motd from app' })).toBeFocused();
	await editor.getByRole('button', { name: 'Remove layer “base”' }).click();
	await expect(editor.getByRole('button', { name: 'Remove layer “python”' })).toBeFocused();
	await editor.getByRole('button', { name: 'Remove /usr/bin/python3 from python' }).focus();
	for (const next of ['/etc/motd', '/var/cache/apt/python3.deb']) {
		await page.keyboard.press('Enter');
		await expect(editor.getByRole('button', { name: `Remove ${next} from python` })).toBeFocused();
	}
	await page.keyboard.press('Enter');
	await expect(editor.locator('li.layer[data-layer="python"] .head')).toBeFocused();
	await type(page, 'echo x > /etc/x');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		'bash: /etc/x: Read-only file system'
	);
});

test('edit the layers, share the link and reopen it; download and upload the JSON', async ({
	page,
	context
}) => {
	await open(page);
	await lab(page).getByRole('button', { name: 'Edit the layers' }).click();
	const editor = lab(page).getByTestId('layer-editor');
	await editor.getByTestId('new-layer-name').fill('patch');
	await editor.getByRole('button', { name: 'Add layer' }).click();
	await expect(band(page, 'patch')).toBeVisible();
	await editor.getByTestId('entry-layer').selectOption({ label: 'patch' });
	await editor.getByTestId('entry-kind').selectOption('whiteout');
	await editor.getByTestId('entry-path').fill('/etc/passwd');
	await editor.getByRole('button', { name: 'Add entry' }).click();
	await expect(chip(page, 'patch', '/etc/passwd')).toHaveAttribute('data-kind', 'whiteout');
	// A refused field is marked and described by a message that names it in words.
	const newName = editor.getByTestId('new-layer-name');
	await newName.fill('app');
	await editor.getByRole('button', { name: 'Add layer' }).click();
	await expect(newName).toHaveAttribute('aria-invalid', 'true');
	await expect(newName).toHaveAccessibleDescription('“app” is already the name of another layer');
	await newName.fill('');
	// An invalid edit is refused with the schema's message.
	await editor.getByTestId('entry-kind').selectOption('file');
	await editor.getByTestId('entry-path').fill('relative/path');
	await editor.getByRole('button', { name: 'Add entry' }).click();
	await expect(editor.getByTestId('editor-status')).toContainText('must be an absolute path');
	const pathField = editor.getByTestId('entry-path');
	await expect(pathField).toHaveAttribute('aria-invalid', 'true');
	await expect(pathField).toHaveAccessibleDescription(
		'Path must be an absolute path (starting with “/”)'
	);
	await expect(editor.getByTestId('editor-status')).not.toContainText('layers[');
	// A file whose content is markup: shown as text, never run.
	await editor.getByTestId('entry-path').fill('/srv/evil.html');
	await editor.getByTestId('entry-content').fill('<img src=x onerror=window.__pwned=1>');
	await editor.getByRole('button', { name: 'Add entry' }).click();
	await expect(pathField).not.toHaveAttribute('aria-invalid');
	await type(page, 'cat /srv/evil.html');
	await expect(lab(page).getByTestId('shell-log').locator('li').last()).toContainText(
		'<img src=x onerror=window.__pwned=1>'
	);
	await press(page, 'End');
	await expect(lab(page).getByTestId('merged-at')).toContainText('<img src=x');
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);

	// The edit survives a reload (draft).
	await page.reload();
	await expect(band(page, 'patch')).toBeVisible();

	// Share link: opens the same scenario in a fresh page (no draft there).
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await lab(page).getByRole('button', { name: 'Copy share link' }).click();
	const link = await lab(page)
		.getByLabel('Share link')
		.inputValue()
		.catch(async () => page.evaluate(() => navigator.clipboard.readText()));
	expect(link).toContain('scenario=v1.');
	const other = await context.browser()!.newPage();
	await other.goto(link);
	await playersReady(other);
	await expect(
		other.getByTestId('unionfs-lab').locator('g.band[data-layer="patch"]')
	).toBeVisible();
	await expect(other.getByTestId('unionfs-lab').getByTestId('opened-from')).toHaveText(
		'Showing the scenario from the link.'
	);
	await other.close();

	// Download, then reset, then upload the file back.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		lab(page).getByRole('button', { name: 'Download JSON' }).click()
	]);
	const file = await download.path();
	const text = await readFile(file!, 'utf8');
	expect(JSON.parse(text).layers[0].name).toBe('patch');
	await lab(page).getByRole('button', { name: 'Reset to the lesson’s scenario' }).click();
	await expect(
		lab(page).getByRole('status').filter({ hasText: 'Back to the lesson’s own scenario.' })
	).toHaveCount(1);
	await expect(band(page, 'patch')).toHaveCount(0);
	// The file input is worked by its button, and only the button is in the accessibility tree.
	await expect(lab(page).getByRole('button', { name: /JSON file/ })).toHaveText('Open JSON file…');
	await lab(page).locator('input[type="file"]').setInputFiles(file!);
	await expect(band(page, 'patch')).toBeVisible();
});

test('a bad ?scenario= shows a message and the lesson’s scenario', async ({ page }) => {
	await page.goto(LESSON);
	const bad = await encodeScenario(page, { model: 'unionfs', layers: [], ops: [] });
	await open(page, `${LESSON}?scenario=${bad}`);
	await expect(lab(page).getByTestId('scenario-problem')).toContainText('not valid here');
	await expect(lab(page).getByTestId('scenario-problem')).toContainText('at least one lower layer');
	await expect(band(page, 'app')).toBeVisible();
	await open(page, `${LESSON}?scenario=v1.garbage!`);
	await expect(lab(page).getByTestId('scenario-problem')).toBeVisible();
});

test('a shared scenario with markup in a file is shown as text', async ({ page }) => {
	await page.goto(LESSON);
	const scenario = {
		model: 'unionfs',
		layers: [{ name: '<b>x</b>', entries: { '/a': '<img src=x onerror=window.__pwned=1>' } }],
		upper: { name: 'c', entries: {} },
		ops: [{ op: 'read', path: '/a' }]
	};
	await open(page, `${LESSON}?scenario=${await encodeScenario(page, scenario)}`);
	await press(page, 'End');
	await expect(lab(page).getByTestId('shell-log')).toContainText('<img src=x onerror');
	await expect(band(page, '<b>x</b>')).toBeVisible();
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
});

test('at 1280 px, Next stays put through the whole lesson scenario', async ({ page }) => {
	// The command line and the merged view's line about its path wrap to one line or
	// six; each keeps room for the trace's tallest, so the picture's height holds.
	await page.setViewportSize({ width: 1280, height: 900 });
	await open(page);
	await playersReady(page);
	const pathLine = lab(page).getByTestId('merged-at');
	const { nextTops, measured } = await stepEveryFrame(page, player(page), async (at) =>
		// The text's own height (the line is stretched to the room's); step 0 has no path.
		at === 0
			? null
			: pathLine.evaluate((line) => {
					const range = document.createRange();
					range.selectNodeContents(line);
					return Math.round(range.getBoundingClientRect().height);
				})
	);
	const lineHeights = new Set(measured.filter((height) => height !== null));
	// The shown line does change height (so the test could fail), and Next does not move.
	expect(lineHeights.size).toBeGreaterThan(2);
	expect(Math.max(...nextTops) - Math.min(...nextTops)).toBeLessThanOrEqual(1);
});

test('twelve layers with long names at 390 px: no word over another or past its chip, and the layers not drawn are summed up readably', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(LESSON);
	// Dockerfile lines for layer names (as `docker history` shows them), more layers than drawn.
	const scenario = JSON.parse(await readFile('tests/fixtures/unionfs-many-layers.json', 'utf8'));
	await open(page, `${LESSON}?scenario=${await encodeScenario(page, scenario)}`);
	const steps = await measureEachStep(player(page), (player, at, { overlapping, shownTexts }) => {
		const texts = shownTexts(player, '.stage svg text');
		// And no chip's words run past its edge (a caption of capitals, say).
		const spilling = [...player.querySelectorAll('.stage svg g.chip')]
			.filter((chip) => !chip.closest('[aria-hidden="true"]'))
			.flatMap((chip) => {
				const edge = Number(chip.querySelector('rect.chip-bg')!.getAttribute('width'));
				return [...chip.querySelectorAll<SVGTextElement>('text')]
					.filter((text) => {
						const box = text.getBBox();
						return box.x + box.width > edge - 2;
					})
					.map((text) => `step ${at}: “${text.textContent}” runs past its chip`);
			});
		// Nor a band's name, tag or words on the right past the band's edge.
		const pastBand = [...player.querySelectorAll('.stage svg g.band')]
			.filter((band) => !band.closest('[aria-hidden="true"]'))
			.flatMap((band) => {
				const bg = band.querySelector('rect.band-bg')!;
				const edge = Number(bg.getAttribute('x')) + Number(bg.getAttribute('width'));
				return [...band.querySelectorAll<SVGTextElement>('text')]
					.filter((text) => {
						const box = text.getBBox();
						return box.x + box.width > edge - 2;
					})
					.map((text) => `step ${at}: “${text.textContent}” runs past its band`);
			});
		return [...overlapping(texts).map((pair) => `step ${at}: ${pair}`), ...spilling, ...pastBand];
	});
	// Three operations' walks down the twelve layers.
	expect(steps.length).toBeGreaterThan(8);
	expect(steps.flat()).toEqual([]);
	// The band that sums up the layers not drawn: its words stand out from its fill, in
	// both colour schemes (WCAG contrast of at least 4.5).
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		await press(page, 'Home');
		const contrast = await lab(page)
			.locator('[data-testid="union-bands"] g.band')
			.filter({ hasText: 'more layers' })
			.evaluate((band) => {
				const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
				const luminance = (colour: number[]) => {
					const [r, g, b] = colour.map((v) => {
						const c = v / 255;
						return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
					});
					return 0.2126 * r + 0.7152 * g + 0.0722 * b;
				};
				const fill = (selector: string) =>
					rgb(getComputedStyle(band.querySelector(selector)!).fill);
				const [a, b] = [luminance(fill('.band-name')), luminance(fill('.band-bg'))];
				return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			});
		expect(contrast, colorScheme).toBeGreaterThanOrEqual(4.5);
	}
});

test('a self-check question that quotes a long path does not widen the page at 390 px', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await page.goto(LESSON);
	// A path of 300 characters with nowhere to break (no space, no hyphen), read by the
	// scenario's one op.
	const path = `/opt/${'areallylongdirectoryname/'.repeat(11)}settings.conf`;
	const scenario = {
		model: 'unionfs',
		layers: [{ name: 'base', entries: { [path]: 'x=1' } }],
		upper: { name: 'container', entries: {} },
		ops: [{ op: 'read', path }]
	};
	await open(page, `${LESSON}?scenario=${await encodeScenario(page, scenario)}`);
	const question = page.locator('legend', { hasText: 'settings.conf' });
	await expect(question).toBeVisible();
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
	).toBeLessThanOrEqual(0);
});

test('at 320 px no word in the layers picture is drawn over another', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await open(page);
	const steps = await measureEachStep(player(page), (player, at, { overlapping, shownTexts }) => {
		const texts = shownTexts(player, '.stage svg text');
		return {
			headers: texts.filter((text) => text.matches('.probe-label')).length,
			problems: overlapping(texts).map((pair) => `step ${at}: ${pair}`)
		};
	});
	const found = {
		headers: steps.reduce((sum, step) => sum + step.headers, 0),
		problems: steps.flatMap((step) => step.problems)
	};
	// The lookup's verdict shares a layer's header with its name at many steps.
	expect(found.headers).toBeGreaterThan(10);
	expect(found.problems).toEqual([]);
});

test('a screen reader hears each entry of the merged tree by its whole path and its layer', async ({
	page
}) => {
	await open(page);
	const tree = lab(page).getByRole('list', { name: 'The merged file tree' });
	const items = await tree.getByRole('listitem').evaluateAll((rows) =>
		rows.map((row) => {
			// The text a screen reader reads: what is not aria-hidden.
			const walk = (node: Node): string =>
				node.nodeType === Node.TEXT_NODE
					? (node.textContent ?? '')
					: node instanceof Element && node.getAttribute('aria-hidden') === 'true'
						? ''
						: [...node.childNodes].map(walk).join('');
			return walk(row).replace(/\s+/g, ' ').trim();
		})
	);
	expect(items.length).toBeGreaterThan(3);
	// Two directories of one name in different places are told apart by their paths.
	expect(items).toContain('/bin/, from base');
	expect(items).toContain('/bin/sh, from base');
	for (const item of items) expect(item).toMatch(/^\/\S*, (from|merged:) /);
});

test('Undo and Clear say what they removed; an added command says at which step it begins', async ({
	page
}) => {
	await open(page);
	await type(page, 'cat /bin/sh');
	await expect(message(page)).toContainText(
		/Added: cat \/bin\/sh\. The player is at the step where it begins, step \d+ of \d+\./
	);
	const [, at, last] = /step (\d+) of (\d+)/.exec((await message(page).textContent())!)!;
	await expect(player(page)).toHaveAttribute('data-step', at);
	await expect(player(page).locator('.position')).toHaveText(`Step ${at} of ${last}`);
	// The message says it; the narration that came with the jump is not read over it.
	await expect(narration(page)).toHaveAttribute('aria-live', 'off');
	const status = lab(page).getByTestId('undo-status');
	await lab(page).getByRole('button', { name: 'Undo last command' }).click();
	await expect(status).toHaveText('Removed the last command: cat /bin/sh.');
	await expect(status).toHaveAttribute('role', 'status');
	await expect(narration(page)).toHaveAttribute('aria-live', 'off');
	await player(page).getByRole('button', { name: 'Previous step' }).click();
	await expect(narration(page)).toHaveAttribute('aria-live', 'polite');
	await type(page, 'cat /bin/sh');
	await expect(status).toHaveText('');
	const count = await lab(page).getByTestId('shell-log').locator('li').count();
	await lab(page).getByRole('button', { name: 'Clear all commands' }).click();
	await expect(status).toHaveText(
		count === 1 ? 'Removed the one command.' : `Removed all ${count} commands.`
	);
});

test('adding a layer leaves the other layers’ colours, and neighbours differ', async ({ page }) => {
	// The colour followed the band's place: "Add layer" turned app from green to
	// orange, python from orange to purple and base from purple to teal.
	await open(page);
	const fills = () =>
		lab(page)
			.locator('[data-testid="union-bands"] g.band')
			.evaluateAll((bands) =>
				bands.map((band) => [
					band.getAttribute('data-layer'),
					getComputedStyle(band.querySelector('rect.band-bg')!).fill
				])
			);
	const before = Object.fromEntries(await fills());
	await lab(page).getByRole('button', { name: 'Edit the layers' }).click();
	const editor = lab(page).getByTestId('layer-editor');
	await editor.getByTestId('new-layer-name').fill('patch');
	await editor.getByRole('button', { name: 'Add layer' }).click();
	await expect(band(page, 'patch')).toBeVisible();
	const after = await fills();
	expect(after.map(([name]) => name)).toEqual(['container', 'patch', 'app', 'python', 'base']);
	for (const [name, fill] of after) if (name !== 'patch') expect(fill, name!).toBe(before[name!]);
	for (let k = 1; k < after.length; k++) expect(after[k][1]).not.toBe(after[k - 1][1]);
});

test('the layer editor’s toggle keeps its name, says its state, and Escape closes the editor', async ({
	page
}) => {
	await open(page);
	const toggle = lab(page).getByRole('button', { name: 'Edit the layers' });
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(toggle).toHaveAccessibleName('Edit the layers');
	const editor = lab(page).getByTestId('layer-editor');
	// From inside the editor, as from the Embed and Export panels: closed, with the focus on its button.
	await editor.getByTestId('entry-path').focus();
	await page.keyboard.press('Escape');
	await expect(editor).toHaveCount(0);
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(toggle).toBeFocused();
	// And from the button itself.
	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Escape');
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

for (const [url, width, height] of [
	['/embed/layers?step=15', 1366, 768],
	['/lessons/layers?step=15', 911, 512],
	['/lessons/layers?step=15', 390, 844]
] as const)
	test(`at ${width} × ${height} on ${url}, a card's caption (its file's preview, or "hidden") keeps room from its right border`, async ({
		browser
	}) => {
		const page = await browser.newPage({ viewport: { width, height } });
		await page.goto(url);
		await playersReady(page);
		const captions = await page.locator('[data-testid="union-bands"] g.chip').evaluateAll((chips) =>
			chips.flatMap((chip) => {
				const caption = chip.querySelector<SVGTextElement>('.chip-detail');
				const width = Number(chip.querySelector('.chip-bg')?.getAttribute('width'));
				if (!caption?.textContent) return [];
				const end = Number(caption.getAttribute('x')) + caption.getComputedTextLength();
				return [{ text: caption.textContent, room: Math.round((width - end) * 10) / 10 }];
			})
		);
		// Among them previews cut short ("“Welcome to th…”") and entries hidden from the
		// container, which once ran into the border or past it.
		expect(captions.some(({ text }) => text.endsWith('…”'))).toBe(true);
		expect(captions.some(({ text }) => text.startsWith('hidden'))).toBe(true);
		for (const { text, room } of captions) expect(room, text).toBeGreaterThanOrEqual(4);
		await page.close();
	});
