/**
 * The whole of a lesson page's own script. Lesson pages are prerendered and run
 * no SvelteKit router (`csr = false` in src/routes/lessons/[slug]/+page.ts): the
 * router and the page's hydration were most of what a lesson loaded, and its
 * longest task while loading on a phone (`npm run bench`). What the page does on
 * the client is here: its islands (./islands.ts, which load Svelte's runtime with
 * the first of them), the glossary's Escape, the theme menu of the site header,
 * and the offline worker. Links to other pages load them as any static site does.
 * A lesson framed by an LMS (`/framed/lessons/<slug>`) runs it too: there it keeps
 * nothing in the browser, sends links to other pages to a new tab, tells the LMS
 * its height (`lti.frameResize`), and leaves the theme alone.
 *
 * The build writes it to `_app/lesson-boot.js` (vite.config.ts), a name the
 * page can link without knowing the build's hashes; in development the page
 * runs the router as every other page does, and this file is not used. The 404
 * page (src/routes/404) runs it too, for its header's theme menu: it finds no
 * lesson there, and starts nothing else.
 */
import { hydrateIslands } from './islands';
import { awaitFirstUse } from './early-use';
import { registerServiceWorker } from '$lib/components/offline';
import { applyTheme, isTheme, loadTheme } from '$lib/components/theme';
import { keepNothingOnThisPage } from '$lib/components/storage-policy';
import { pageKindContext } from '$lib/embed/page-kind-key';

function start(): void {
	const body = document.querySelector<HTMLElement>('[data-prerendered-lesson]');
	const article = document.querySelector<HTMLElement>('article');
	// The same lesson framed by an LMS (`/framed/lessons/<slug>`).
	const framed = body?.dataset.prerenderedLesson?.startsWith('framed/') ?? false;
	if (framed) {
		// Before the lesson's parts start, so the self-check and the labs never read a
		// previous learner's answers or drafts.
		keepNothingOnThisPage();
		// Loaded only here: the lesson pages of the site itself never need them.
		void Promise.all([import('./framed-links'), import('./framed-height')]).then(
			([{ openOtherPagesInNewTabs }, { reportFrameHeight }]) => {
				if (article) openOtherPagesInNewTabs(article);
				reportFrameHeight();
			}
		);
	}
	if (body) hydrateIslands(body, framed ? pageKindContext('framed') : undefined);
	if (article) startGlossaryAtFirstUse(article);
	registerServiceWorker();
	// A framed lesson has no theme menu and keeps nothing: the reader's choice is not read.
	if (framed) return;

	const themes = document.querySelector<HTMLSelectElement>('select[data-testid="theme"]');
	const theme = loadTheme();
	applyTheme(theme, false);
	if (themes) {
		themes.value = theme;
		themes.addEventListener('change', () => {
			if (isTheme(themes.value)) applyTheme(themes.value);
		});
	}
}

/**
 * The glossary terms' script (./glossary-tips.ts: Escape, placing a definition on
 * the screen, a tap that shows it, its Close button) is loaded when a term is first
 * used, not with the page. CSS shows a definition on hover and focus, but only once
 * the script has run and can place it on the screen (app.css): a pointer or the focus
 * on a term starts it, and the definition shows, placed, as soon as it runs. A click
 * or key that came first is held and given to it once it runs, as a lesson's parts
 * do (./early-use.ts), so a first tap shows the definition rather than following the
 * link, and an Escape hides it.
 */
function startGlossaryAtFirstUse(article: HTMLElement): void {
	const terms = [...article.querySelectorAll<HTMLElement>('.glossary-term')];
	if (!terms.length) return;
	// The kind of the last press, which tells a tap from a click once the script runs.
	let pointerType = '';
	const notePointer = (event: PointerEvent) => void (pointerType = event.pointerType);
	addEventListener('pointerdown', notePointer, true);
	let starting: Promise<void> | undefined;
	// Escape while the script loads (a term just reached with Tab) hides the definition
	// once it runs: a definition must be dismissible (WCAG 1.4.13).
	let escaped = false;
	const noteEscape = (event: KeyboardEvent) => void (escaped ||= !!starting && event.key === 'Escape');
	addEventListener('keydown', noteEscape, true);
	const uses = terms.map((term) =>
		awaitFirstUse(term, () => {
			starting ??= import('./glossary-tips').then(({ dismissGlossaryOnEscape }) => {
				removeEventListener('pointerdown', notePointer, true);
				removeEventListener('keydown', noteEscape, true);
				dismissGlossaryOnEscape(article, pointerType);
				for (const use of uses) use.stop();
				for (const use of uses) use.replay();
				if (escaped)
					(document.activeElement ?? document).dispatchEvent(
						new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
					);
			});
		})
	);
}

start();
