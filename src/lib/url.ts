/**
 * The page URL holds the state a link must reproduce (the step, a lesson's
 * choices). Updates are merged and debounced, and replace the history entry
 * rather than pushing one, so Back leaves the page instead of undoing steps.
 */
import { browser } from '$app/environment';

type ReplaceState = (url: URL) => void;
/**
 * SvelteKit's replaceState, given by the layout on pages that run the router (it
 * must know of every history entry it did not make). Lesson pages run no router:
 * importing `$app/navigation` here would load the router's code into every lab.
 */
let routerReplaceState: ReplaceState | null = null;

/** Called by the layout: the router's replaceState, for pages that run the router. */
export function useRouterReplaceState(replace: ReplaceState): void {
	routerReplaceState = replace;
}

const pending = new Map<string, string | null>();
let timer: ReturnType<typeof setTimeout> | undefined;
/** When the pending updates are due: `delay` after the last of them. */
let due = 0;
/** When the timer fires (a write with a shorter delay sets it sooner). */
let timerAt = 0;
/** The page the pending updates belong to. */
let pendingPage: string | undefined;

export function readParams(key: string): string[] {
	if (!browser) return [];
	return new URL(window.location.href).searchParams.getAll(key);
}

export function readParam(key: string): string | null {
	const values = readParams(key);
	return values.length === 1 ? values[0] : null;
}

function flush() {
	timer = undefined;
	// Written again since the timer was set: wait out the rest of the delay.
	const early = due - performance.now();
	if (early > 1) {
		schedule(early);
		return;
	}
	if (!browser || pending.size === 0) return;
	// Written on a page that has since been left (Back, a link to another lesson):
	// they would land in the next page's address, whose player would then open at
	// the step the learner had reached on the page before.
	if (window.location.pathname !== pendingPage) {
		pending.clear();
		return;
	}
	const url = new URL(window.location.href);
	for (const [key, value] of pending) {
		if (value === null) url.searchParams.delete(key);
		else url.searchParams.set(key, value);
	}
	pending.clear();
	if (url.href === window.location.href) return;
	if (routerReplaceState) {
		try {
			routerReplaceState(url);
			return;
		} catch {
			/* the router has not started yet: the plain API below */
		}
	}
	// No router on this page (or not started): the plain API, keeping the entry's state.
	try {
		history.replaceState(history.state, '', url);
	} catch {
		/* a sandboxed frame may refuse; the URL is a convenience, not state */
	}
}

/** Sets (or with null, removes) query parameters soon. */
export function writeParams(updates: Record<string, string | null>, delay = 120): void {
	if (!browser) return;
	if (pendingPage !== window.location.pathname) pending.clear();
	pendingPage = window.location.pathname;
	for (const [key, value] of Object.entries(updates)) pending.set(key, value);
	// One timer for a run of writes (a step each): clearing and setting a timer on
	// every step was about 0.1 ms of a step's script (a profile of stepping).
	due = performance.now() + delay;
	if (timer === undefined || timerAt > due) schedule(delay);
}

function schedule(delay: number) {
	clearTimeout(timer);
	timerAt = performance.now() + delay;
	timer = setTimeout(flush, delay);
}
