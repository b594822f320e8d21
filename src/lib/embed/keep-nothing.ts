/**
 * An embed keeps nothing in the browser. Labs inside it write no draft, but
 * SvelteKit's router saves scroll positions and snapshots in sessionStorage
 * when the page is hidden or left; an embed has no use for them, so they are
 * removed right after (these listeners are added after the router's, so run
 * after them). Returns the cleanup, for onMount.
 */
const ROUTER_KEYS = ['sveltekit:scroll', 'sveltekit:snapshot'];

export function keepNothingInTheBrowser(): () => void {
	const forget = () => {
		try {
			for (const key of ROUTER_KEYS) sessionStorage.removeItem(key);
		} catch {
			/* storage blocked: nothing was kept */
		}
	};
	forget();
	const events = ['beforeunload', 'visibilitychange', 'pagehide'] as const;
	for (const name of events) addEventListener(name, forget);
	return () => {
		for (const name of events) removeEventListener(name, forget);
	};
}
