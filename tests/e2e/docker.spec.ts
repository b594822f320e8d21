import { expect, measureEachStep, test, type Page } from './fixtures';

const LESSON = '/lessons/docker';
const player = (page: Page) => page.locator('.player').first();
// Every frame is laid out, hidden under the one shown (FrameStack): look in that one.
const shown = (page: Page) => player(page).locator('[data-current]');

async function press(page: Page, key: string) {
	await player(page).focus();
	await page.keyboard.press(key);
}

test('the Dockerfile builds one layer per file-changing instruction', async ({ page }) => {
	await page.goto(LESSON);
	await expect(player(page)).toBeVisible();
	const count = shown(page).getByTestId('layer-count');
	const current = shown(page).locator('[data-testid="dockerfile-line"][aria-current="step"]');
	await expect(current).toContainText('FROM debian');
	await expect(count).toHaveText('1');
	await press(page, 'ArrowRight');
	await expect(current).toContainText('RUN apt-get');
	await expect(count).toHaveText('2');
	const before = await shown(page).getByTestId('storage-cow').textContent();
	// RUN rm, shown as the mistake it is: a layer of whiteouts; the image does not get smaller.
	await press(page, 'ArrowRight');
	await expect(current).toContainText('RUN rm');
	await expect(count).toHaveText('3');
	await expect(shown(page).getByTestId('image-layer').first()).toContainText('whiteout');
	await expect(shown(page).getByTestId('storage-cow')).toHaveText(before!);
	// COPY comes last of the file layers, so a code change rebuilds only its layer.
	await press(page, 'ArrowRight');
	await expect(current).toContainText('COPY app/');
	await expect(count).toHaveText('4');
	// ENV and CMD: metadata only.
	await press(page, 'ArrowRight');
	await expect(current).toContainText('ENV PORT=8080');
	await expect(count).toHaveText('4');
	await press(page, 'ArrowRight');
	await expect(count).toHaveText('4');
	await expect(shown(page).getByTestId('image-config')).toContainText('CMD');
	await expect(shown(page).getByTestId('image-config')).toContainText('PORT=8080');
});

test('two containers share the image: storage with copy-on-write against full copies', async ({
	page
}) => {
	await page.goto(`${LESSON}?step=6`);
	await expect(shown(page).getByTestId('container')).toHaveCount(1);
	// Image: 73.8 MB + 46.9 MB + 2.4 kB; an empty container adds nothing with copy-on-write,
	// while a full copy of what it sees (the image less the whited-out lists) costs 102.0 MB.
	// The sizes are chosen so that the rounded figures on screen add up.
	await expect(shown(page).getByTestId('storage-cow')).toHaveText('120.7 MB');
	await expect(shown(page).getByTestId('storage-copy')).toHaveText('222.7 MB');
	await expect(shown(page).getByTestId('storage-upper')).toHaveText('0 B');
	await press(page, 'ArrowRight');
	await expect(shown(page).getByTestId('container')).toHaveCount(2);
	await expect(shown(page).getByTestId('storage-cow')).toHaveText('120.7 MB');
	await expect(shown(page).getByTestId('storage-copy')).toHaveText('324.7 MB');
	// web-1 appends to /etc/passwd: copied up into its own layer only.
	await press(page, 'ArrowRight');
	const first = shown(page).locator('[data-testid="container"][data-name="web-1"]');
	await expect(first).toContainText('/etc/passwd');
	await expect(first).toContainText('copied up');
	await expect(shown(page).getByTestId('storage-upper')).toHaveText('956 B');
	await expect(shown(page).locator('[data-testid="container"][data-name="web-2"]')).toContainText(
		'empty'
	);
	await expect(shown(page).getByTestId('served-file')).toHaveText(
		/\/etc\/passwd\s+copied up by web-1/
	);
	await press(page, 'ArrowRight');
	await expect(shown(page).locator('[data-testid="container"][data-name="web-2"]')).toContainText(
		"print('hello from the app')"
	);
	// The file web-2 reads is marked in the layer that serves it, COPY's.
	const served = shown(page).getByTestId('served-file');
	await expect(served).toHaveText(/\/srv\/app\/main\.py\s+read by web-2/);
	await expect(
		shown(page)
			.getByTestId('image-layer')
			.filter({ has: page.getByTestId('served-file') })
			.locator('.lname')
	).toContainText('COPY app/ /srv/app/');
	await press(page, 'End');
	await expect(shown(page).locator('[data-testid="container"][data-name="web-2"]')).toContainText(
		'/srv/app/config.ini'
	);
	await expect(shown(page).getByTestId('storage-upper')).toHaveText('966 B');
});

test('on a phone, a command breaks between its words, not after a flag’s hyphen', async ({
	page
}) => {
	// The image layer's header read "RUN apt-get update && apt-get install -" /
	// "y python3" at 390 px: Chromium breaks a line after any hyphen.
	for (const width of [390, 320]) {
		await page.setViewportSize({ width, height: 844 });
		for (const path of [LESSON, '/embed/docker']) {
			await page.goto(path);
			const broken = await measureEachStep(player(page), (root, at) => {
				const problems: string[] = [];
				const frame = root.querySelector('[data-current]') ?? root;
				const commands = frame.querySelectorAll(
					'[data-testid="dockerfile-line"] code, .lname code, .cmd code, [data-testid="image-config"] code'
				);
				for (const code of commands) {
					// The code's text, and where each character of it is.
					const chars: [Text, number][] = [];
					const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
					for (let node = walker.nextNode(); node; node = walker.nextNode())
						for (let k = 0; k < (node as Text).data.length; k++) chars.push([node as Text, k]);
					const text = chars.map(([node, k]) => node.data[k]).join('');
					const line = code.parentElement!.getBoundingClientRect().width;
					for (const word of text.matchAll(/\S+/g)) {
						const range = document.createRange();
						const [startNode, start] = chars[word.index];
						const [endNode, end] = chars[word.index + word[0].length - 1];
						range.setStart(startNode, start);
						range.setEnd(endNode, end + 1);
						const boxes = [...range.getClientRects()];
						const tops = new Set(boxes.map((box) => Math.round(box.top)));
						const wide = boxes.reduce((sum, box) => sum + box.width, 0);
						// A word wider than its line may wrap inside: it has to.
						if (tops.size > 1 && wide < line - 1)
							problems.push(`step ${at}: “${word[0]}” broken in “${text}”`);
					}
				}
				return problems;
			});
			expect(broken.flat(), `${path} at ${width} px`).toEqual([]);
		}
	}
	// And a page of them still fits a 320 px screen with the text at 200%.
	await page.setViewportSize({ width: 320, height: 844 });
	for (const path of [LESSON, '/embed/docker']) {
		await page.goto(path);
		await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth),
			path
		).toBeLessThanOrEqual(320);
	}
});

test('on a lesson page Next and the newest layer are in view together; an embed keeps its controls last', async ({
	page
}) => {
	// The player is taller than a 1280 × 800 screen: with its controls under the
	// picture, Next was a screen below the layer a step adds at the picture's top.
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto(LESSON);
	const next = player(page).getByRole('button', { name: 'Next step' });
	await next.click();
	await next.click();
	await player(page).evaluate((element) => element.scrollIntoView({ block: 'start' }));
	const layer = player(page).locator('[data-current] .layer.fresh');
	for (const part of [next, layer]) {
		const box = (await part.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThanOrEqual(800);
	}
	await page.goto('/embed/docker');
	const controls = page.locator('.player > .controls');
	await expect(controls).toBeVisible();
	// After the picture and the narration, pinned at the bottom edge (EmbedView).
	expect(
		await controls.evaluate((element) =>
			element.previousElementSibling?.classList.contains('narration-box')
		)
	).toBe(true);
});
