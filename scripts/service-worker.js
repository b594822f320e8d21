// The service worker that keeps the site working offline (issue 15), made by
// Workbox from the finished build: every page, script, style, picture and
// built-in scenario is precached under its content hash, so a new deployment
// installs as a whole and the old one keeps serving its own files until every
// tab of it is closed (no stale mix of old and new). vite.config.ts runs it
// after each site build; `npm run bench` reports the precache size.
import { generateSW, getManifest } from 'workbox-build';
import { join } from 'node:path';

/** What is precached from the build folder `dir`.
 * @param {string} dir
 */
export function precacheOptions(dir) {
	return {
		globDirectory: dir,
		globPatterns: ['**/*.{html,js,css,json,svg,png,webmanifest}'],
		// The worker itself, and the files for hosts and the embed demo, which the site never opens.
		globIgnores: ['sw.js', '_headers', 'embed-demo.*', 'embed-resizer.js'],
		maximumFileSizeToCacheInBytes: 4 * 1024 * 1024
	};
}

/** Writes `dir`/sw.js; returns how many files it precaches and their bytes.
 * @param {string} dir
 */
export async function writeServiceWorker(dir) {
	const { count, size, warnings } = await generateSW({
		...precacheOptions(dir),
		swDest: join(dir, 'sw.js'),
		mode: 'production',
		sourcemap: false,
		inlineWorkboxRuntime: true,
		cleanupOutdatedCaches: true,
		// A page's address carries its state (?step=, ?scenario=, ?view=): the page itself is one
		// file. So does the lesson and embed pages' script's (?v=<build version>): the precached
		// copy is that build's own.
		ignoreURLParametersMatching: [/.*/],
		// / is index.html (and Workbox tries /lessons/layers as lessons/layers.html).
		directoryIndex: 'index.html'
	});
	return { count, size, warnings };
}

/** The precache of `dir` without writing a worker (for the bench).
 * @param {string} dir
 */
export async function precacheSize(dir) {
	const { count, size } = await getManifest(precacheOptions(dir));
	return { count, size };
}
