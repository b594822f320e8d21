/**
 * Playwright's `test` with one addition: after every navigation, wait until each
 * player on the page is hydrated (its keys and buttons work). Under load, a test
 * that presses a key straight after `goto` would otherwise race the page's script.
 */
import { test as base, expect } from '@playwright/test';
import { partsReady } from '../../scripts/start-islands';

export { partsReady as playersReady };

/**
 * A share link's `scenario=` value for `scenario`, made in `page` the way the site
 * makes them: `v1.`, then the JSON deflated (raw) and in base64url.
 */
export async function encodeScenario(
	page: import('@playwright/test').Page,
	scenario: unknown
): Promise<string> {
	return page.evaluate(async (text) => {
		const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
		const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
		let binary = '';
		// In slices: a big scenario's bytes are too many for one call's arguments.
		for (let i = 0; i < bytes.length; i += 0x8000)
			binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return `v1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
	}, JSON.stringify(scenario));
}

/**
 * The text of every script `page` loads from now on, to tell which code a page
 * fetched; `forget` drops those loaded so far (before the next page).
 */
export function loadedScripts(page: import('@playwright/test').Page) {
	const bodies: Promise<string>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') bodies.push(response.text());
	});
	return {
		text: async () => (await Promise.all(bodies)).join('\n'),
		forget: () => {
			bodies.length = 0;
		}
	};
}

/**
 * Starts an embed framed by a host page (or opened in a page of its own) the way
 * a learner's pointer does (src/lib/embed/embed-boot.ts), and waits until its
 * player runs: the fixture below starts only the parts of the page it loads.
 */
export async function embedStarted(
	embed: import('@playwright/test').FrameLocator | import('@playwright/test').Page
) {
	const player = embed.locator('.player').first();
	// The snippet's frame loads lazily, so its host's page may be loaded and the player
	// drawn before the embed's script has run: a pointer that arrived first started
	// nothing. A pointer moving on inside the frame, over another of its boxes, does
	// (each move onto a new box is a pointerover).
	let corner = false;
	await expect(async () => {
		corner = !corner;
		await player.hover({ position: corner ? { x: 4, y: 4 } : undefined });
		await expect(player).toHaveAttribute('data-ready', 'true', { timeout: 3_000 });
	}).toPass({ timeout: 30_000 });
	return player;
}

/**
 * Steps `player` through every frame of its trace with the arrow keys, from its
 * first, and once each frame is drawn (two animation frames later) reads where
 * its Next button is in the page (not the window, which focusing may scroll) and
 * what `measure` says of that step.
 */
export async function stepEveryFrame<T>(
	page: import('@playwright/test').Page,
	player: import('@playwright/test').Locator,
	measure: (at: number) => Promise<T>
): Promise<{ nextTops: number[]; measured: T[] }> {
	const next = player.getByRole('button', { name: 'Next step' });
	await player.focus();
	await page.keyboard.press('Home');
	const total = Number(await player.getAttribute('data-total'));
	const nextTops: number[] = [];
	const measured: T[] = [];
	for (let at = 0; at < total; at++) {
		if (at > 0) await page.keyboard.press('ArrowRight');
		await expect(player).toHaveAttribute('data-step', String(at));
		await page.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
		nextTops.push(
			await next.evaluate((button) => button.getBoundingClientRect().top + window.scrollY)
		);
		measured.push(await measure(at));
	}
	return { nextTops, measured };
}

/** Helpers a `measureEachStep` measure gets, in the page. */
export interface StepHelpers {
	/** Whether two boxes do not overlap (by more than `slack` px, 1 unless given). */
	apart: (a: DOMRect, b: DOMRect, slack?: number) => boolean;
	/** A text's own extent, not its box's (a word wider than its column spills out). */
	textBox: (element: Element) => DOMRect;
	/** Each pair of `elements` whose boxes overlap, as “one” × “other”. */
	overlapping: (elements: Element[]) => string[];
	/**
	 * The elements under `root` matching `selector` that a reader sees, with words in
	 * them: not in a hidden copy (aria-hidden, laid out to keep room), not hidden.
	 */
	shownTexts: (root: Element, selector: string) => Element[];
}

/**
 * Steps `player` from its first frame to its last inside the page (Next, then the
 * step's DOM), calling `measure` at each: one round trip in all, where stepping by
 * key presses costs two round trips and two frames a step. `measure` runs in the
 * page, so it can use only its arguments.
 */
export async function measureEachStep<T>(
	player: import('@playwright/test').Locator,
	measure: (player: HTMLElement, at: number, helpers: StepHelpers) => T
): Promise<T[]> {
	const walk = `async (player) => {
		const measure = ${measure.toString()};
		const helpers = {
			apart: (a, b, slack = 1) =>
				a.right <= b.left + slack ||
				b.right <= a.left + slack ||
				a.bottom <= b.top + slack ||
				b.bottom <= a.top + slack,
			textBox: (element) => {
				const range = document.createRange();
				range.selectNodeContents(element);
				return range.getBoundingClientRect();
			},
			shownTexts: (root, selector) =>
				[...root.querySelectorAll(selector)].filter(
					(element) =>
						!element.closest('[aria-hidden="true"]') &&
						getComputedStyle(element).visibility !== 'hidden' &&
						element.textContent.trim() !== ''
				),
			overlapping: (elements) => {
				const boxes = elements.map((element) => element.getBoundingClientRect());
				const pairs = [];
				for (let i = 0; i < elements.length; i++)
					for (let j = i + 1; j < elements.length; j++)
						if (!helpers.apart(boxes[i], boxes[j]))
							pairs.push('“' + elements[i].textContent + '” × “' + elements[j].textContent + '”');
				return pairs;
			}
		};
		const next = player.querySelector('button[aria-label="Next step"]');
		const first = player.querySelector('button[aria-label="First step"]');
		if (first && !first.disabled) first.click();
		const total = Number(player.getAttribute('data-total'));
		const measured = [];
		for (let at = 0; at < total; at++) {
			if (at > 0) next.click();
			await new Promise((done) => setTimeout(done));
			if (player.getAttribute('data-step') !== String(at)) throw new Error('step ' + at + ' not reached');
			measured.push(measure(player, at, helpers));
		}
		return measured;
	}`;
	// Playwright sends a function to the page as its source: this one's source calls the walk.
	const run = new Function('player', `return (${walk})(player);`) as (
		player: Element
	) => Promise<T[]>;
	return player.evaluate(run);
}

/**
 * Focuses each of `triggers` (a selector of elements described by a tip:
 * `aria-describedby`) in turn, where the page scrolls it to and again at the foot
 * of the screen, and says of each tip that shows off the screen where it is, and
 * of each that widens the page how wide it makes it. Each is named by its
 * `data-glossary`, else as the `noun` with its number; the tip is called `tip`.
 */
export function tipsOffScreen(
	page: import('@playwright/test').Page,
	triggers: string,
	{ noun, tip: tipNoun }: { noun: string; tip: string }
): Promise<string[]> {
	return page.evaluate(
		({ triggers, noun, tipNoun }) => {
			const problems: string[] = [];
			const all = [...document.querySelectorAll<HTMLElement>(triggers)].filter((trigger) =>
				trigger.hasAttribute('aria-describedby')
			);
			if (all.length === 0) problems.push(`no ${noun} with a ${tipNoun}`);
			// How wide the page is with no tip shown: a tip must not widen it.
			const atRest = document.documentElement.scrollWidth;
			for (const [i, trigger] of all.entries()) {
				// A glossary term's description is the text of its definition's box.
				const described = document.getElementById(trigger.getAttribute('aria-describedby') ?? '');
				const tip = described?.closest('.glossary-definition') ?? described;
				const name = trigger.dataset.glossary ?? `${noun} ${i}`;
				for (const where of ['in view', 'at the foot'] as const) {
					if (where === 'in view') {
						trigger.focus();
					} else {
						trigger.blur();
						window.scrollBy(0, trigger.getBoundingClientRect().bottom - (window.innerHeight - 4));
						trigger.focus({ preventScroll: true });
					}
					if (!tip || getComputedStyle(tip).display === 'none') {
						problems.push(`${name} (${where}): no ${tipNoun} shown`);
						continue;
					}
					const box = tip.getBoundingClientRect();
					const edges = [box.left, box.top, box.right, box.bottom].map(Math.round).join(', ');
					if (
						box.left < 0 ||
						box.top < 0 ||
						box.right > window.innerWidth ||
						box.bottom > window.innerHeight
					) {
						problems.push(`${name} (${where}): ${tipNoun} at ${edges} on ${window.innerWidth} px`);
					}
					const wide = document.documentElement.scrollWidth;
					if (wide !== atRest) problems.push(`${name} (${where}): page ${wide} px wide`);
				}
				trigger.blur();
			}
			return problems;
		},
		{ triggers, noun, tipNoun }
	);
}

export const test = base.extend({
	page: async ({ page, reuseContext }, use) => {
		// An exception no code caught fails the test that caused it, whatever it checks.
		const uncaught: string[] = [];
		page.on('pageerror', (error) => uncaught.push(error.stack ?? error.message));
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			await partsReady(page);
			return response;
		};
		const reload = page.reload.bind(page);
		page.reload = async (options) => {
			const response = await reload(options);
			await partsReady(page);
			return response;
		};
		await use(page);
		if (reuseContext) {
			// Playwright resets storage, routes, init scripts and emulation before the next
			// test in this context, but not these (playwright.config.ts reuses contexts).
			await page.context().setOffline(false);
			await page.context().clearPermissions();
		}
		expect(uncaught, 'exceptions thrown in the page and not caught').toEqual([]);
	}
});

export { expect };
export type { Page, Locator, FrameLocator } from '@playwright/test';

/**
 * Makes the browser refuse this site's storage from the page's start, as with
 * cookies and site data blocked (`cookies`: document.cookie too).
 */
export async function blockStorage(
	page: import('@playwright/test').Page,
	{ cookies = false } = {}
) {
	await page.addInitScript((cookies) => {
		const deny = () => {
			throw new DOMException('The operation is insecure.', 'SecurityError');
		};
		Object.defineProperty(window, 'localStorage', { get: deny });
		Object.defineProperty(window, 'sessionStorage', { get: deny });
		if (cookies) Object.defineProperty(document, 'cookie', { get: deny, set: deny });
	}, cookies);
}

/**
 * Waits until a draft saved by an edit before the call is written: a lab writes
 * a (small) draft in a task queued once the edit has been painted
 * (src/lib/scenario/drafts.ts), so a task queued the same way after it runs
 * later. A page that paints no frame writes it within 500 ms; this waits a second.
 */
export async function afterNextPaint(page: import('@playwright/test').Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((done) => {
				requestAnimationFrame(() => setTimeout(done, 0));
				setTimeout(done, 1000);
			})
	);
}

/**
 * The fade over a narration box's last line while more is below
 * (src/lib/player/narration-more.css), in lines of its text; 0 with none.
 */
export async function fadeLines(box: import('@playwright/test').Locator): Promise<number> {
	return box.evaluate((element) => {
		const fade = getComputedStyle(element, '::after');
		const text = element.querySelector('.narration p') ?? element;
		const line = parseFloat(getComputedStyle(text).lineHeight);
		return fade.content === 'none' ? 0 : Math.round((parseFloat(fade.height) / line) * 100) / 100;
	});
}
