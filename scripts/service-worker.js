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

/**
 * Every page is a folder (`lessons/layers/index.html`, linked as `/lessons/layers/`):
 * Workbox finds `/lessons/layers/` in the precache as its index.html
 * (`directoryIndex`). An address without the slash (an older link, a bookmark, an
 * LMS link: `/lessons/layers?step=3`) is no file, and the host would redirect it;
 * this route does the same in the worker, so it works offline too. It sees only
 * what the precache did not answer; both functions run in the worker, written
 * into sw.js as their source text, so they use nothing from this module.
 */
export const folderPageRoute = {
	/** @param {{ request: Request, url: URL }} options */
	urlPattern: ({ request, url }) =>
		request.mode === 'navigate' &&
		url.origin === self.location.origin &&
		/\/[^/.]+$/.test(url.pathname),
	/** @param {{ request: Request, url: URL }} options */
	handler: ({ request, url }) => {
		const page = new URL(`${url.pathname}/`, url.href);
		// Precached under its revision (index.html?__WB_REVISION__=…): the query is ignored.
		return caches
			.match(new URL('index.html', page).href, { ignoreSearch: true })
			.then((cached) => (cached ? Response.redirect(page.href + url.search, 308) : fetch(request)));
	}
};

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
		// A folder's address is its index.html: / and /lessons/layers/.
		directoryIndex: 'index.html',
		runtimeCaching: [folderPageRoute]
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
