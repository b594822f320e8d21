/**
 * What an LMS's editor does to the embed snippet, tried with TinyMCE itself (the
 * editor of Moodle 4.x and of Canvas): the snippet goes through setContent and
 * getContent, as when a teacher saves a page, with
 *   - TinyMCE 6.8 and `sandbox_iframes: true`, as Moodle configures it;
 *   - TinyMCE 6.8 with its defaults;
 *   - TinyMCE 7.x with its defaults (sandbox_iframes on by default since 7.0);
 *   - TinyMCE 7.x with the site's host in `sandbox_iframes_exclusions`.
 * What survives is what docs/lms.md tells teachers. Then the snippet as TinyMCE
 * leaves it is loaded in another origin's page: a working player where the iframe
 * survived, the "sandboxed" message and a link where it did not.
 */
import { readAnimations } from '../../src/lib/content/lesson-index';
import { iframeSnippet } from '../../src/lib/embed/snippet';
import { startHost, lmsPage, type Host } from './cross-origin-host';
import { expect, test, type Page } from './fixtures';

/** The lessons' animations, from their manifests. */
const ANIMATION_INFO = readAnimations(process.cwd());

// Whole lessons in frames, and editors booting: slow on a loaded machine, not a speed test.
test.describe.configure({ timeout: 90_000 });

let host: Host;
test.beforeAll(async () => {
	host = await startHost();
});
test.afterAll(async () => {
	await host.close();
});

type Editor = { version: 'tinymce6' | 'tinymce7'; options: Record<string, unknown> };
const MOODLE: Editor = { version: 'tinymce6', options: { sandbox_iframes: true } };
const TINY6_DEFAULTS: Editor = { version: 'tinymce6', options: {} };
// TinyMCE 7 asks for a license key; 'gpl' is the open-source one.
const TINY7_DEFAULTS: Editor = { version: 'tinymce7', options: { license_key: 'gpl' } };
const tiny7Excluding = (hostname: string): Editor => ({
	version: 'tinymce7',
	options: { license_key: 'gpl', sandbox_iframes_exclusions: [hostname] }
});

const ALLOWING = 'allow-scripts allow-same-origin allow-popups allow-forms';

function snippetFor(baseURL: string, id = 'system-call-path'): string {
	const animation = ANIMATION_INFO.find((a) => a.id === id)!;
	return iframeSnippet({
		src: `${baseURL}/embed/${id}/?step=1`,
		title: `${animation.title} (Stepvisor)`,
		width: animation.width,
		height: animation.height
	});
}

/** `html` after a round trip through the editor (setContent, then getContent). */
async function throughEditor(page: Page, editor: Editor, html: string): Promise<string> {
	await page.goto(
		host.page(
			`/editor-${editor.version}`,
			`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Editor</title></head><body><textarea id="editor"></textarea><script src="/${editor.version}/tinymce.min.js"></script></body></html>`
		)
	);
	return page.evaluate(
		async ({ options, html }) => {
			const tinymce = (window as unknown as { tinymce: TinyMCE }).tinymce;
			const [instance] = await tinymce.init({ selector: '#editor', ...options });
			instance.setContent(html);
			const out = instance.getContent();
			instance.remove();
			return out;
		},
		{ options: editor.options, html }
	);
}

interface TinyMCE {
	init(
		options: Record<string, unknown>
	): Promise<{ setContent(html: string): void; getContent(): string; remove(): void }[]>;
}

const attribute = (html: string, name: string): string | null => {
	const tag = /<iframe\b[^>]*>/.exec(html)?.[0] ?? '';
	const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return found ? found[1] : null;
};

test.describe('what TinyMCE does to the snippet', () => {
	test('Moodle (6.8, sandbox_iframes: true): every iframe gets sandbox="", even one that allows scripts', async ({
		page,
		baseURL
	}) => {
		const plain = await throughEditor(page, MOODLE, snippetFor(baseURL!));
		expect(plain).toMatch(/^<p><iframe\b/);
		expect(attribute(plain, 'sandbox')).toBe('');
		expect(attribute(plain, 'src')).toBe(`${baseURL}/embed/system-call-path/?step=1`);
		const explicit = await throughEditor(
			page,
			MOODLE,
			snippetFor(baseURL!).replace('<iframe ', `<iframe sandbox="${ALLOWING}" `)
		);
		expect(attribute(explicit, 'sandbox')).toBe('');
	});

	test('6.8 with its defaults leaves the snippet alone (an explicit sandbox too)', async ({
		page,
		baseURL
	}) => {
		const plain = await throughEditor(page, TINY6_DEFAULTS, snippetFor(baseURL!));
		expect(attribute(plain, 'sandbox')).toBeNull();
		expect(attribute(plain, 'title')).toBe('The system-call path, side by side (Stepvisor)');
		expect(attribute(plain, 'allowfullscreen')).not.toBeNull();
		expect(attribute(plain, 'height')).toBe('1080');
		const explicit = await throughEditor(
			page,
			TINY6_DEFAULTS,
			snippetFor(baseURL!).replace('<iframe ', `<iframe sandbox="${ALLOWING}" `)
		);
		expect(attribute(explicit, 'sandbox')).toBe(ALLOWING);
	});

	test('7.x with its defaults sandboxes it like Moodle; an exclusion for the site lets it through', async ({
		page,
		baseURL
	}) => {
		const plain = await throughEditor(page, TINY7_DEFAULTS, snippetFor(baseURL!));
		expect(attribute(plain, 'sandbox')).toBe('');
		const explicit = await throughEditor(
			page,
			TINY7_DEFAULTS,
			snippetFor(baseURL!).replace('<iframe ', `<iframe sandbox="${ALLOWING}" `)
		);
		expect(attribute(explicit, 'sandbox')).toBe('');
		const excluded = await throughEditor(
			page,
			tiny7Excluding(new URL(baseURL!).hostname),
			snippetFor(baseURL!)
		);
		expect(attribute(excluded, 'sandbox')).toBeNull();
	});

	test('the resizer <script> never survives, whatever the settings', async ({ page, baseURL }) => {
		const resizer = `<p>Before</p><script src="${baseURL}/embed-resizer.js" defer></script>`;
		for (const editor of [MOODLE, TINY6_DEFAULTS, TINY7_DEFAULTS]) {
			const out = await throughEditor(page, editor, resizer);
			expect(out).toContain('Before');
			expect(out).not.toContain('<script');
		}
	});
});

test.describe('the snippet as TinyMCE leaves it, on the course page', () => {
	test('where the iframe survives (6.8 defaults; 7.x with the exclusion): a working player', async ({
		page,
		baseURL
	}) => {
		for (const editor of [TINY6_DEFAULTS, tiny7Excluding(new URL(baseURL!).hostname)]) {
			const saved = await throughEditor(page, editor, snippetFor(baseURL!));
			await page.goto(host.page(`/course-${editor.version}`, lmsPage(saved)));
			const frame = page.frameLocator('iframe');
			const player = frame.locator('.player').first();
			await expect(player).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
			await expect(player.locator('.position').first()).toHaveText(/^Step 1 of \d+$/);
			await player.getByRole('button', { name: 'Next step' }).first().click();
			await expect(player.locator('.position').first()).toHaveText(/^Step 2 of \d+$/);
			await expect(frame.getByTestId('frame-problem-scripts')).toBeHidden();
		}
	});

	test("where Moodle's editor sandboxed it: the message and a link to the animation", async ({
		page,
		baseURL
	}) => {
		const saved = await throughEditor(page, MOODLE, snippetFor(baseURL!));
		await page.goto(host.page('/course-moodle', lmsPage(saved)));
		const frame = page.frameLocator('iframe');
		const message = frame.getByTestId('frame-problem-scripts');
		await expect(message).toBeVisible();
		await expect(message).toContainText('sandboxed by the page');
		const href = await message.getByTestId('frame-problem-link').getAttribute('href');
		expect(new URL(href!, `${baseURL}/embed/system-call-path/`).href).toBe(
			`${baseURL}/embed/system-call-path/`
		);
	});
});
