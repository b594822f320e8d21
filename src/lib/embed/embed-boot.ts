/**
 * The whole of an embed page's own script at load. Embeds are prerendered and run
 * no SvelteKit router (`csr = false` in src/routes/embed/[animation]/+page.ts): the
 * router was a fifth of what an embed loaded, and an embed never navigates.
 *
 * The server's HTML is the animation's first frame, as the running view draws
 * it. An embed opened as it is served (no query: the scenario, step and theme
 * are the defaults) shows that HTML and starts (./embed-start.ts: Svelte's
 * runtime, the view, the animation's code and model, two to three times an empty
 * page) when it is used: a pointer over it, focus, a click or a key, the
 * first of which is held and given to it once it runs (see
 * $lib/content/early-use.ts), or a command from its host. An LMS page with
 * several animations on it loads only what its learners use, as a video
 * service's embed does with a facade. Until then this script tells the host
 * that the embed is ready (with the served trace's length) and how tall it is,
 * and holds the host's commands, which the view does once it runs. A link with
 * a query asks for something the served HTML does not show, and starts the view
 * at once.
 *
 * The build writes it to `_app/embed-boot.js` (vite.config.ts), a name the page
 * can link without knowing the build's hashes; in development the page runs the
 * router as every other page does, and this file is not used.
 */
import { awaitFirstUse } from '$lib/content/early-use';
import { registerServiceWorker } from '$lib/components/offline';
import { MESSAGE_TYPE, postToHost, reportHeight } from './messages';
import { findAnimation } from './registry';

function boot(): void {
	const root = document.querySelector<HTMLElement>('[data-embed]');
	if (!root) return;
	const animation = (JSON.parse(root.dataset.embed ?? '{}') as { id?: string }).id ?? '';
	const heldMessages: MessageEvent[] = [];
	let readyPosted = false;
	let starting = false;
	let stopWaiting = () => {};

	async function start(): Promise<void> {
		if (starting || !root) return;
		starting = true;
		stopWaiting();
		try {
			const entry = findAnimation(animation);
			if (!entry) throw new Error(`no animation ${animation}`);
			// Both at once: the view's code and the animation's are a round trip each.
			const [{ startEmbed }, component] = await Promise.all([
				import('./embed-start'),
				entry.load()
			]);
			startEmbed(root, { readyPosted, heldMessages, component });
			root.dataset.hydrated = 'true';
			firstUse.stop();
			firstUse.replay();
		} catch (error) {
			// The server's picture stays, and the page's script-failure notice
			// (FrameProblem, from src/app.html's check) says why it does not step.
			root.dataset.hydrated = 'failed';
			firstUse.stop();
			document.documentElement.classList.add('sv-load-failed');
			console.error('Stepvisor: the embed did not start', error);
		}
	}

	const firstUse = awaitFirstUse(root, () => void start());
	// An embed is one animation, the whole page: a presenter's clicker (Page Down, Page
	// Up) steps it wherever the focus is in it, as on its player, except on what has keys
	// of its own (a field, a list, a panel) or inside the player, which decides for
	// itself. Given to the player as a key of its own; before the view runs, that is held
	// and given again once it does (awaitFirstUse).
	addEventListener('keydown', (event) => {
		const player = root.querySelector('.player');
		const target = event.target;
		if (
			(event.key === 'PageDown' || event.key === 'PageUp') &&
			!(event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) &&
			player &&
			target instanceof Element &&
			!player.contains(target) &&
			!target.closest('input, select, textarea, [contenteditable], [data-own-keys]')
		) {
			event.preventDefault();
			player.dispatchEvent(
				new KeyboardEvent('keydown', { key: event.key, bubbles: true, cancelable: true })
			);
		}
	});
	if (location.search.length > 1) {
		void start();
	} else {
		// A command from the host starts the view, which then does it (EmbedView's
		// checks: only the parent frame, only well-formed commands).
		const onmessage = (event: MessageEvent) => {
			if (event.source !== window.parent || window.parent === window) return;
			const data = event.data as { type?: unknown } | null;
			if (data?.type !== MESSAGE_TYPE) return;
			heldMessages.push(event);
			void start();
		};
		addEventListener('message', onmessage);
		const total = Number(root.querySelector('.player')?.getAttribute('data-total') ?? 0);
		postToHost({ event: 'ready', animation, total });
		readyPosted = true;
		// The view reports its height from its start on; the served page's changes
		// with the frame's width.
		const stopReportingHeight = reportHeight(animation);
		stopWaiting = () => {
			removeEventListener('message', onmessage);
			stopReportingHeight();
		};
	}
	registerServiceWorker();
}

boot();
