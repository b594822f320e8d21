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
	const register = () =>
		navigator.serviceWorker.register(new URL('sw.js', siteRoot())).catch(() => {
			/* not allowed here: nothing is cached, nothing else changes */
		});
	// Once the page has loaded and the browser is idle: on a first visit the worker
	// precaches the whole site (about 2 MB), which should not compete with the
	// page's own files and start.
	const whenIdle = () =>
		'requestIdleCallback' in window
			? requestIdleCallback(() => void register(), { timeout: 3000 })
			: setTimeout(() => void register(), 500);
	if (document.readyState === 'complete') whenIdle();
	else addEventListener('load', whenIdle, { once: true });
}
