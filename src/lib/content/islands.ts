/**
 * The client half of a lesson's islands (see ./islands-build.js). After the page
 * has hydrated, each island in the prerendered prose is loaded and hydrated on
 * its own, in a task of its own, when it comes on screen (near it, once the
 * reader scrolls): a lesson's page carries only the code of what the learner is
 * looking at. Hydrating the whole lesson at once held a phone's main thread for
 * a quarter of a second or more, and loading every lab's code up front made a
 * lesson weigh up to four empty pages (`npm run bench`).
 *
 * Until an island is hydrated it is the server's picture of it, which is what
 * it shows when it starts. A learner who reaches it first (a click, a key, focus)
 * starts it at once, and the click or key is held and given to it when it has
 * started, so nothing the learner does is lost.
 */
import type { Component } from 'svelte';
import loaders from 'virtual:stepvisor-islands';
import { awaitFirstUse, type FirstUse } from './early-use';

// Svelte's runtime is loaded with the first island to start: a lesson page, which
// runs no router, loads no framework code until a part of it is on screen.
const svelte = () => import('svelte');

type Loaded = { default: Component<Record<string, unknown>> };

/** Lets the browser paint and handle input between two islands. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Until the reader scrolls, an island starts when a part of it is on screen;
 * from the first scroll on, when it comes within half a screen of the view, so
 * that one scrolled to at a reading pace is running when it appears (a lab's
 * served picture is a placeholder until its scenario is read, and the running
 * lab is taller). A reader who never scrolls does not load the lab just below
 * the first screen (30–60 KB on three lessons), and a phone does not spend the
 * page's first seconds hydrating it (Lighthouse's system-call page: 93–98).
 */
const ON_SCREEN = '0px';
const NEAR_SCREEN = '50% 0px';

/**
 * What of an island has to come on screen (or near it) for it to start: its
 * players, where it has any, else all it holds. A lab whose choices are at the
 * foot of the first screen and whose animation is below it (the system-call
 * comparison at 1280 × 720) waits, as a lab further down does, for the reader
 * to scroll or to use it: its served choices are the running lab's, and using
 * one starts it (see ./early-use.ts). Starting it for its choices alone loaded
 * that lesson's whole lab with its first screen, 2.8 empty pages' weight.
 *
 * Not on a page opened from a link with a query (a shared step, choices, the
 * storyboard view): the served picture is the lab's default, not what the link
 * asks for, so any part of it on screen starts it.
 */
function startWhenSeen(island: HTMLElement, servedIsDefault: boolean): Element[] {
	const players = island.querySelectorAll('.player');
	return servedIsDefault && players.length > 0 ? [...players] : [...island.children];
}

/**
 * Loads into `props` those an island's page gives as where to load them from
 * (`module#export`, see ./Island.svelte): a self-check's questions, which the
 * page already shows.
 */
async function loadRefs(island: HTMLElement, props: Record<string, unknown>): Promise<void> {
	const refs = Object.entries(JSON.parse(island.dataset.refs ?? '{}') as Record<string, string>);
	await Promise.all(
		refs.map(async ([prop, ref]) => {
			const [module, name] = ref.split('#');
			const load = loaders[module] as (() => Promise<Record<string, unknown>>) | undefined;
			if (!load) throw new Error(`no module ${module}`);
			props[prop] = (await load())[name];
		})
	);
}

/**
 * Hydrates the islands under `root` as they come on screen or near it (or are used);
 * returns what stops that and unmounts them. `context` is the page's (a player
 * host, say), which the islands would have had as children.
 */
export function hydrateIslands(root: HTMLElement, context?: Map<unknown, unknown>): () => void {
	const islands = [...root.querySelectorAll<HTMLElement>('[data-island]:not([data-hydrated])')];
	const mounted: Record<string, unknown>[] = [];
	let runtime: Awaited<ReturnType<typeof svelte>> | null = null;
	/** Each island that has begun to start, with its start (settled once hydrated or failed). */
	const started = new Map<HTMLElement, Promise<void>>();
	/** Per island, what starts it at a learner's first use and holds that use. */
	const uses = new Map<HTMLElement, FirstUse>();
	let stopped = false;
	let observer: IntersectionObserver | null = null;
	let stopWatchingScroll = () => {};
	let stopWatchingTab = () => {};
	// Read once: a lab that has started writes its state into the address.
	const servedIsDefault = location.search.length <= 1;
	const seen = (island: HTMLElement) => startWhenSeen(island, servedIsDefault);

	function start(island: HTMLElement): Promise<void> {
		if (stopped) return Promise.resolve();
		let starting = started.get(island);
		if (!starting) started.set(island, (starting = hydrateOne(island)));
		return starting;
	}

	async function hydrateOne(island: HTMLElement): Promise<void> {
		for (const box of seen(island)) observer?.unobserve(box);
		try {
			const load = loaders[island.dataset.island ?? ''] as (() => Promise<Loaded>) | undefined;
			if (!load) throw new Error(`no island ${island.dataset.island}`);
			const props = JSON.parse(island.dataset.props ?? '{}') as Record<string, unknown>;
			const [{ default: Part }, loaded] = await Promise.all([
				load(),
				svelte(),
				loadRefs(island, props)
			]);
			runtime = loaded;
			await nextTask();
			if (stopped) return;
			mounted.push(runtime.hydrate(Part, { target: island, props, context }));
			// Its effects (bind:this, onMount) run now, not after this task: a held click
			// replayed below may need the elements they bind (the embed's Full screen did).
			runtime.flushSync();
			island.dataset.hydrated = 'true';
			uses.get(island)?.stop();
			uses.get(island)?.replay();
		} catch (error) {
			// The prerendered picture stays; the rest of the page still works.
			island.dataset.hydrated = 'failed';
			uses.get(island)?.stop();
			console.error(`Stepvisor: the part ${island.dataset.island} did not start`, error);
		}
	}

	// The players a step in the address is for (`?step=30`, `?io-step=6`: each player has
	// its own key): each one whose transcript, or where the server drew no player its
	// placeholder, carries such a key. They start at once, not when they are seen, so
	// that the link's step replaces the served first step as soon as their code is in
	// (until then the page says "Loading step 30…" there: src/app.html); and the page
	// lands on the first, its top at the window's top, at once (the site scrolls nowhere
	// smoothly). Not when the link has a fragment to go to instead, nor once the reader
	// has scrolled, nor on a reload or Back, where the browser puts the page back where
	// the reader had it (`history.scrollRestoration` stays `auto`).
	const query = new URLSearchParams(location.search);
	const linkedParts = [
		...new Set(
			[...root.querySelectorAll<HTMLElement>('[data-step-key]')]
				.filter((mark) => query.has(mark.dataset.stepKey!))
				.map((mark) => mark.closest<HTMLElement>('[data-island]'))
		)
	].filter((island) => island !== null);
	for (const island of linkedParts) void start(island);
	const [linked] = linkedParts;
	if (linked) {
		const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		// The player, or the placeholder that stands for it (the first in the page's order).
		const box = linked.querySelector('.player, [data-step-key]')!;
		if (navigation?.type === 'navigate' && !location.hash && !scrollY)
			scrollTo(0, box.getBoundingClientRect().top);
	}

	void (async () => {
		// Not in the page's own hydration: starting a load adds a <link rel=modulepreload>
		// to the head for each module the island needs (Vite's preload helper), 7 ms
		// of a lab's on this machine.
		await nextTask();
		if (stopped) return;
		for (const island of islands) uses.set(island, awaitFirstUse(island, () => void start(island)));
		// A reader moving by Tab goes through the page in its order, which a part that
		// has not started does not have yet: a self-check's choices are made when it
		// starts, and a lab puts its player above its served controls. Tab would skip
		// them, and a part starting above the focus would push it off the screen. The
		// first Tab press starts them all, in the page's order.
		const startAll = () => {
			for (const island of islands) void start(island);
		};
		const startAllOnTab = (event: KeyboardEvent) => {
			if (event.key !== 'Tab') return;
			stopWatchingTab();
			startAll();
		};
		addEventListener('keydown', startAllOnTab, { capture: true });
		stopWatchingTab = () => removeEventListener('keydown', startAllOnTab, { capture: true });
		// Printing cannot wait for code to load once it has begun: the browser lays the
		// page out for paper as soon as `beforeprint` returns. What prints of a part not
		// started by then is the server's picture, with no transcript and no choices, and
		// a line that says so (app.css); printing starts every part, so the next print is
		// whole. Never removed: once stopped, `start` does nothing.
		addEventListener('beforeprint', startAll);
		const allStarted = () => islands.every((island) => island.dataset.hydrated);
		/** Starts every part, then prints, once each has started (or failed to). */
		const printWhole = () =>
			void Promise.all(islands.map(start))
				.then(() => new Promise(requestAnimationFrame))
				.then(() => print());
		// Ctrl+P (⌘P) is held until every part has started, then prints: the first print
		// is whole. Not in a frame (an LMS's activity), where the key prints the host's
		// page and print() would print the frame alone.
		addEventListener(
			'keydown',
			(event) => {
				const printKey = event.key.toLowerCase() === 'p' && (event.ctrlKey || event.metaKey);
				if (!printKey || event.altKey || event.shiftKey || stopped) return;
				if (window.self !== window.top) return;
				if (allStarted()) return;
				event.preventDefault();
				printWhole();
			},
			{ capture: true }
		);
		// So is the page's own Print… button (the storyboard's), which asks by this event
		// ($lib/export/print-request.ts); in a frame too, where the button means the frame.
		addEventListener('stepvisor:print', (event) => {
			if (stopped || allStarted()) return;
			event.preventDefault();
			printWhole();
		});
		// The browser's own Print command cannot be held: every part starts as soon as
		// the reader may be heading for it, so that by the time it is chosen they have
		// started. That is when the pointer leaves the page through its top edge (for the
		// browser's toolbar and menu, or the system's menu bar) and when the page's context
		// menu opens (it has Print). The code of the parts the reader never scrolled to is
		// loaded then, not with the page. Not the page losing the focus: that is every
		// switch to another tab or window. Not where the pointer is a finger: on a phone
		// these are a long press on a word.
		if (matchMedia('(pointer: fine)').matches) {
			const startAllOnLeavingTop = (event: MouseEvent) => {
				if (event.relatedTarget === null && event.clientY <= 0) startAll();
			};
			document.addEventListener('mouseout', startAllOnLeavingTop);
			addEventListener('contextmenu', startAll);
		}
		if (typeof IntersectionObserver === 'undefined') return startAll();
		const watch = (rootMargin: string) => {
			observer?.disconnect();
			observer = new IntersectionObserver(
				(entries) => {
					for (const entry of entries) {
						const island = entry.target.closest<HTMLElement>('[data-island]');
						if (entry.isIntersecting && island) void start(island);
					}
				},
				{ rootMargin }
			);
			// An island's element draws no box of its own (display: contents): what
			// comes into view is what it holds.
			for (const island of islands) {
				if (started.has(island)) continue;
				const boxes = seen(island);
				if (boxes.length === 0) void start(island);
				for (const box of boxes) observer.observe(box);
			}
		};
		// A framed lesson (an LMS's activity) is often as tall as its content, sized by
		// its host: the host's page scrolls, not this one, so the scroll below may never
		// come. There the half screen applies from the start, as it always did.
		if (window.self !== window.top) return watch(NEAR_SCREEN);
		watch(ON_SCREEN);
		const nearOnScroll = () => {
			if (!stopped) watch(NEAR_SCREEN);
		};
		addEventListener('scroll', nearOnScroll, { once: true, passive: true });
		stopWatchingScroll = () => removeEventListener('scroll', nearOnScroll);
	})();

	return () => {
		stopped = true;
		observer?.disconnect();
		stopWatchingScroll();
		stopWatchingTab();
		for (const use of uses.values()) use.stop();
		for (const part of mounted) void runtime?.unmount(part);
	};
}

/**
 * `use:islands={{ context }}` on the element that holds a prerendered lesson's
 * prose: drops the server's mark (this page's prose is hydrated now; a later load
 * must load the lesson), hydrates the islands, and unmounts them with the element.
 */
export function islands(
	node: HTMLElement,
	options: { context?: Map<unknown, unknown> }
): { destroy: () => void } {
	node.removeAttribute('data-prerendered-lesson');
	return { destroy: hydrateIslands(node, options.context) };
}

/**
 * Whether the page on screen is `route`'s lesson `slug`, prerendered and not yet
 * hydrated: then its prose is already there, and the client need not load it.
 * The server marks the prose (`data-prerendered-lesson`, ./LessonBody.svelte),
 * and hydration removes the mark, so a later load loads the lesson.
 */
export function prerenderedHere(route: string, slug: string): boolean {
	if (typeof document === 'undefined') return false;
	const key = `${route}/${slug}`;
	return [...document.querySelectorAll('[data-prerendered-lesson]')].some(
		(element) => element.getAttribute('data-prerendered-lesson') === key
	);
}
