/**
 * Export and transcript (issue 15): the current frame as a self-contained SVG and a
 * PNG twice its size, built from the renderer's own drawing; the transcript lists
 * every step's narration in order and each entry moves the player there.
 */
import { readFile } from 'node:fs/promises';
import { encodeScenario, expect, test, type Page } from './fixtures';

const player = (page: Page) => page.locator('.player').first();

async function exportFile(page: Page, button: string) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		player(page).getByRole('button', { name: button }).click()
	]);
	const path = await download.path();
	return { name: download.suggestedFilename(), bytes: await readFile(path!) };
}

test('the two-stacks frame exports as a self-contained SVG that draws what the renderer draws', async ({
	page
}) => {
	await page.goto('/lessons/vms-and-containers?step=3');
	await expect(player(page)).toHaveAttribute('data-step', '3');
	const narration = (await player(page).locator('.narration').innerText()).trim();
	const drawn = await player(page)
		.locator('.stage svg')
		.first()
		.evaluate((svg) => ({
			rects: svg.querySelectorAll('rect').length,
			texts: [...svg.querySelectorAll('text')].map((text) => text.textContent?.trim())
		}));
	await player(page).getByRole('button', { name: 'Export' }).click();
	const { name, bytes } = await exportFile(page, 'Save SVG');
	expect(name).toBe('stepvisor-vms-and-containers-step-3.svg');
	const svg = bytes.toString('utf8');
	expect(svg).not.toMatch(
		/<script|javascript:|on[a-z]+=|url\(\s*['"]?https?:|(?:href|src)="https?:/i
	);
	const parsed = await page.evaluate((source) => {
		const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
		const error = doc.querySelector('parsererror');
		const root = doc.documentElement;
		const inner = root.querySelector('svg');
		return {
			error: error?.textContent ?? null,
			root: root.localName,
			rects: inner ? inner.querySelectorAll('rect').length : -1,
			texts: inner ? [...inner.querySelectorAll('text')].map((t) => t.textContent?.trim()) : [],
			caption: [...root.querySelectorAll(':scope > text')].map((t) => t.textContent).join(' '),
			width: Number(root.getAttribute('width')),
			height: Number(root.getAttribute('height'))
		};
	}, svg);
	expect(parsed.error).toBeNull();
	expect(parsed.root).toBe('svg');
	// The same drawing: every shape and every label of the renderer's frame.
	expect(parsed.rects).toBe(drawn.rects);
	expect(parsed.texts).toEqual(drawn.texts);
	// The step as the player counts it ("Step 3 of 9"), then the animation's title.
	const position = (await player(page).locator('.position').innerText()).trim();
	expect(parsed.caption.replace(/\s+/g, ' ')).toContain(
		`${position} — Virtual machines and containers, layer by layer, Stepvisor`
	);
	expect(parsed.caption.replace(/\s+/g, ' ')).toContain(narration.replace(/\s+/g, ' '));

	// The PNG is the same picture at twice the size.
	const png = await exportFile(page, 'Save PNG (2×)');
	expect(png.name).toBe('stepvisor-vms-and-containers-step-3.png');
	expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect(png.bytes.readUInt32BE(16)).toBe(parsed.width * 2);
	expect(png.bytes.readUInt32BE(20)).toBe(parsed.height * 2);
});

test('a frame drawn in HTML (the PID tree) exports too, in light colours when asked, from an embed', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/embed/pid-namespaces?step=2');
	await player(page).getByRole('button', { name: 'Export' }).click();
	await player(page).getByRole('checkbox', { name: 'Light colours (for print)' }).check();
	const { bytes } = await exportFile(page, 'Save SVG');
	const svg = bytes.toString('utf8');
	expect(svg).toContain('<foreignObject');
	expect(svg).toContain('sshd');
	expect(svg).not.toMatch(/<script|(?:href|src)="https?:/i);
	// The background is the light theme's, although the page is dark, and the page stays dark.
	const background = svg.match(/<rect x="0" y="0" width="\d+" height="\d+" fill="([^"]+)"/)?.[1];
	const light = await page.evaluate(() => {
		document.documentElement.setAttribute('data-theme', 'light');
		const value = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
		document.documentElement.removeAttribute('data-theme');
		return value;
	});
	expect(background).toBe(light);
	expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBeNull();
	const png = await exportFile(page, 'Save PNG (2×)');
	expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	await expect(player(page).getByTestId('export-status')).toContainText('Saved');
});

test('names holding control characters or half a surrogate pair still export as well-formed SVG and as PNG', async ({
	page
}) => {
	await page.goto('/embed/pid-namespaces');
	const scenario = await encodeScenario(page, {
		model: 'pidns',
		ops: [
			{ op: 'fork', parent: 'init', name: 'ctl\u0001\u001fname' },
			{ op: 'fork', parent: 'init', name: 'half\ud800pair' }
		]
	});
	await page.goto(`/embed/pid-namespaces?scenario=${scenario}`);
	await player(page).focus();
	await page.keyboard.press('End');
	await player(page).getByRole('button', { name: 'Export' }).click();
	const { bytes } = await exportFile(page, 'Save SVG');
	const problem = await page.evaluate(
		(text) =>
			new DOMParser()
				.parseFromString(text, 'image/svg+xml')
				.querySelector('parsererror')
				?.textContent?.slice(0, 200) ?? null,
		bytes.toString('utf8')
	);
	expect(problem).toBeNull();
	expect(bytes.toString('utf8')).toContain('ctl\ufffd\ufffdname');
	const png = await exportFile(page, 'Save PNG (2×)');
	expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	await expect(player(page).getByTestId('export-status')).toContainText('Saved');
});

test('a picture that lays out every frame (Docker) exports the frame shown and no other', async ({
	page
}) => {
	await page.goto('/embed/docker?step=2');
	await expect(player(page)).toHaveAttribute('data-step', '2');
	await player(page).getByRole('button', { name: 'Export' }).click();
	const svg = (await exportFile(page, 'Save SVG')).bytes.toString('utf8');
	const drawn = await page.evaluate((source) => {
		const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
		const object = doc.querySelector('foreignObject');
		return {
			// One Dockerfile (each frame draws one), and one image heading: the third frame's
			// (h2 in an embed, h3 in a lesson).
			dockerfiles: [...(object?.querySelectorAll('h2, h3') ?? [])].filter(
				(h) => h.textContent?.trim() === 'Dockerfile'
			).length,
			image: [...(object?.querySelectorAll('h2, h3') ?? [])]
				.map((h) => h.textContent?.replace(/\s+/g, ' ').trim() ?? '')
				.filter((text) => text.startsWith('Image:'))
		};
	}, svg);
	expect(drawn.dockerfiles).toBe(1);
	expect(drawn.image).toHaveLength(1);
	expect(drawn.image[0]).toMatch(/^Image: 3 layers/);
});

test('the system-call token, moved on a layer of its own, is exported where it is drawn', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path?step=3');
	await expect(player(page)).toHaveAttribute('data-step', '3');
	/** Where each token is, from the top left of the picture (on screen, or in the file). */
	const tokens = (root: Element) => {
		const origin = root.getBoundingClientRect();
		return [...root.querySelectorAll('circle[r="10"]')].map((circle) => {
			const box = circle.getBoundingClientRect();
			return { x: Math.round(box.x - origin.x), y: Math.round(box.y - origin.y) };
		});
	};
	const drawn = await player(page).locator('.stage').evaluate(tokens);
	expect(drawn).toHaveLength(2);
	await player(page).getByRole('button', { name: 'Export' }).click();
	const { bytes } = await exportFile(page, 'Save SVG');
	const exported = await page.evaluate(
		({ source, tokens }) => {
			const holder = document.createElement('div');
			holder.style.cssText = 'position: fixed; left: 0; top: 0';
			holder.innerHTML = source;
			document.body.append(holder);
			const where = new Function(`return (${tokens})`)()(holder.querySelector('svg'));
			holder.remove();
			return where;
		},
		{ source: bytes.toString('utf8'), tokens: tokens.toString() }
	);
	expect(exported).toEqual(drawn);
});

test('a panel whose code cannot load says so, and the player goes on', async ({ page }) => {
	await page.goto('/lessons/vms-and-containers');
	await expect(player(page)).toHaveAttribute('data-ready', 'true');
	// The site as if it were updated (or the connection lost) since the page loaded.
	await page.route('**/_app/immutable/**', (route) => route.abort());
	for (const [button, words] of [
		['Export', 'The export menu could not load'],
		['Embed', 'The embed code could not load']
	]) {
		await player(page).getByRole('button', { name: button, exact: true }).click();
		await expect(player(page).getByRole('status').filter({ hasText: words })).toBeVisible();
		await expect(player(page).getByRole('button', { name: button, exact: true })).toHaveAttribute(
			'aria-expanded',
			'false'
		);
	}
	await player(page).getByRole('button', { name: 'Next step' }).click();
	await expect(player(page)).toHaveAttribute('data-step', '1');
});

test('a save, a share link or a file opened when their code cannot load say so', async ({
	page
}) => {
	await page.goto('/lessons/layers');
	const lab = page.getByTestId('unionfs-lab');
	await expect(lab.locator('.player')).toHaveAttribute('data-ready', 'true');
	await lab.getByRole('button', { name: 'Export', exact: true }).click();
	await expect(lab.getByRole('button', { name: 'Save SVG' })).toBeVisible();
	await page.route('**/_app/immutable/**', (route) => route.abort());
	await lab.getByRole('button', { name: 'Save SVG' }).click();
	await expect(lab.getByTestId('export-status')).toContainText('The SVG could not be made');
	await lab.getByRole('button', { name: 'Copy share link' }).click();
	await expect(
		lab.getByRole('status').filter({ hasText: 'The link could not be made' })
	).toBeVisible();
	await expect(lab.getByLabel('Share link')).toHaveCount(0);
	// A valid file is not called invalid JSON because the parser's code did not come.
	await lab.locator('input[type="file"]').setInputFiles({
		name: 'mine.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ model: 'unionfs', layers: [], ops: [] }))
	});
	await expect(lab.locator('.share [role="status"]')).toContainText(
		'mine.json could not be read (check the connection and reload the page); nothing was changed.'
	);
});

test('copying the picture says whether the browser allowed it', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/lessons/docker');
	await player(page).getByRole('button', { name: 'Export' }).click();
	await player(page).getByRole('button', { name: 'Copy image' }).click();
	await expect(player(page).getByTestId('export-status')).toHaveText(
		'The picture is on the clipboard.'
	);
	const types = await page.evaluate(async () =>
		(await navigator.clipboard.read()).flatMap((item) => item.types)
	);
	expect(types).toContain('image/png');
});

test('the transcript lists every step’s narration in order, and a step link moves the player', async ({
	page
}) => {
	await page.goto('/lessons/system-call-path');
	const total = Number(await player(page).getAttribute('data-total'));
	const transcript = page.getByTestId('transcript').first();
	await transcript.locator('summary').click();
	const items = transcript.locator('ol > li');
	await expect(items).toHaveCount(total);
	// Each entry says what the player says at that step, both sides.
	for (const step of [0, 2, total - 1]) {
		await player(page).getByRole('slider', { name: 'Step' }).fill(String(step));
		const said = (await player(page).locator('.narration').innerText()).replace(/\s+/g, ' ').trim();
		const entry = (await items.nth(step).innerText()).replace(/\s+/g, ' ').trim();
		expect(entry).toBe(`Step ${step} ${said}`);
	}
	await items.nth(3).getByRole('link', { name: 'Step 3' }).click();
	await expect(player(page)).toHaveAttribute('data-step', '3');
});

test('printed, a lesson has light colours, no site chrome and no player controls', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/lessons/layers');
	await expect(player(page).locator('.controls')).toBeVisible();
	const dark = await page.evaluate(
		() => getComputedStyle(document.documentElement).backgroundColor
	);
	await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
	await expect(player(page).locator('.controls')).toBeHidden();
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(player(page).locator('.stage').first()).toBeVisible();
	await expect(player(page).locator('.narration')).toBeVisible();
	const printed = await page.evaluate(
		() => getComputedStyle(document.documentElement).backgroundColor
	);
	expect(printed).not.toBe(dark);
	expect(printed).toBe('rgb(255, 255, 255)');
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
