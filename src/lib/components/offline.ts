/**
 * Registers the offline service worker (static build only: sw.js is written by
 * scripts/service-worker.js after each build). Where a service worker is not
 * allowed (a sandboxed or storage-partitioned LMS frame, a browser that refuses
 * it, plain http to another host) the page simply keeps working online.
 */
import { dev } from '$app/environment';
import { siteRoot } from '$lib/site-root';

export function registerServiceWorker(): void {
	if (dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const register = async () => {
		const script = new URL('sw.js', siteRoot());
		if (await retiredWorker(script)) return;
		await navigator.serviceWorker.register(script).catch(() => {
			/* not allowed here: nothing is cached, nothing else changes */
		});
	};
	// Once the page has loaded and the browser is idle: on a first visit the worker
	// precaches the whole site (about 2.6 MiB), which should not compete with the
	// page's own files and start.
	const whenIdle = () =>
		'requestIdleCallback' in window
			? requestIdleCallback(() => void register(), { timeout: 3000 })
			: setTimeout(() => void register(), 500);
	if (document.readyState === 'complete') whenIdle();
	else addEventListener('load', whenIdle, { once: true });
}

/**
 * When the site no longer has a worker (offline support removed, the site moved
 * away), a browser keeps the one it has and its precache answers every page with
 * the old site for good: a failed update check leaves the active worker in place.
 * So a page this worker controls asks whether sw.js still exists, and if the host
 * says it does not (404 or 410), unregisters it and deletes its caches; the next
 * visit then gets the current site. A network error says nothing about the site:
 * offline, the worker must keep serving it. Returns whether the worker was retired.
 */
async function retiredWorker(script: URL): Promise<boolean> {
	const registration = await navigator.serviceWorker.getRegistration(script.href).catch(() => {});
	const worker =
		registration && (registration.active ?? registration.waiting ?? registration.installing);
	// A worker of another site higher up on the same origin is not this site's to retire.
	if (!registration || worker?.scriptURL !== script.href) return false;
	let status: number;
	try {
		// HEAD and no-store: the host's answer, not a cached copy, and not the worker's body.
		status = (await fetch(script, { method: 'HEAD', cache: 'no-store' })).status;
	} catch {
		return false;
	}
	if (status !== 404 && status !== 410) return false;
	await registration.unregister();
	// Workbox names its caches after the worker's scope (workbox-precache-v2-<scope>):
	// only this site's, not those of another site in a folder of the same origin.
	for (const name of await caches.keys()) {
		if (name.startsWith('workbox-') && name.endsWith(`-${registration.scope}`))
			await caches.delete(name);
	}
	return true;
}
