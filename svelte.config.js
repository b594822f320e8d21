import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import rehypeSlug from 'rehype-slug';
import { GLOSSARY } from './content/glossary.js';
import glossaryLinks from './src/lib/content/glossary-links.js';
import tableRegions from './src/lib/content/table-regions.js';
import { parseSrcAllow } from './src/lib/embed/src-allow.js';
import { rewriteIslands } from './src/lib/content/islands-build.js';
import { siteRelativeLinks } from './src/lib/content/site-links-build.js';
import { lessonAliases } from './src/lib/content/lesson-folders.js';
import { compactCss } from './scripts/compact-css.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The inline script of src/app.html (the frame check), allowed by the hash of its text.
const appTemplate = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const templateScriptHashes = [...appTemplate.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
	([, text]) =>
		/** @type {`sha256-${string}`} */ (
			`sha256-${createHash('sha256').update(text).digest('base64')}`
		)
);

// `STEPVISOR_TARGET=scorm` builds the copy that goes into SCORM packages (see
// scripts/package-scorm.js and docs/lms.md): hash router and one inlined bundle, so
// it runs from any LMS path and even from file://, with its own small route tree.
const scorm = process.env.STEPVISOR_TARGET === 'scorm';

// Separate output folders let two builds run side by side (e.g. two test runs).
// Vitest gets its own: each process that loads the SvelteKit plugin rewrites every
// generated file (root.svelte among them), and `npm test` runs Vitest while the site
// is built, so a shared folder let a build read a half-written file and ship a site
// whose pages could not start.
const buildDir = process.env.STEPVISOR_BUILD_DIR ?? 'build';
const kitDir =
	process.env.STEPVISOR_KIT_DIR ?? (process.env.VITEST ? '.svelte-kit/vitest' : '.svelte-kit');

// Where an embed's `src=` may fetch a scenario from: any https address unless the
// site narrows it (docs/hosting.md). The pages' connect-src follows the same list.
const srcAllow = parseSrcAllow(process.env.STEPVISOR_SRC_ALLOW);

// A site hosted in a folder (a GitHub Pages project site: BASE_PATH=/repo) needs
// the folder only where a path cannot be relative: the 404 page, which is served
// for any address at any depth (src/hooks.server.ts makes its addresses absolute),
// and the router's own links (docs/hosting.md).
const basePath = process.env.BASE_PATH ?? '';
if (!/^(\/[\w.~-]+)*$/.test(basePath) || /\/\.{1,2}(\/|$)/.test(basePath)) {
	throw new Error(
		`BASE_PATH must be empty or a folder such as /stepvisor (a leading slash, none at the end), not "${basePath}".`
	);
}

/**
 * The allow-list's entries are checked by parseSrcAllow (https origins or prefixes).
 * @typedef {NonNullable<NonNullable<NonNullable<NonNullable<import('@sveltejs/kit').Config['kit']>['csp']>['directives']>['connect-src']>} ConnectSources
 */

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [
		vitePreprocess(),
		mdsvex({
			extensions: ['.md'],
			// Each term's first use in a lesson links to the glossary, with its definition;
			// each table scrolls in a box of its own.
			rehypePlugins: [rehypeSlug, [glossaryLinks, { entries: GLOSSARY }], tableRegions]
		}),
		// Each animation, lab and self-check in a lesson becomes an island: the prose
		// around them is prerendered and never hydrated (src/lib/content/islands-build.js).
		// Its links to the site's pages and files are made relative to the page, so
		// a site in a folder works (src/lib/content/site-links-build.js).
		{
			name: 'stepvisor-lesson-islands',
			markup({ content, filename }) {
				const folder = /[\\/]content[\\/]lessons[\\/]([^\\/]+)[\\/]index\.md$/.exec(
					filename ?? ''
				)?.[1];
				if (!folder) return undefined;
				const code = rewriteIslands(content, folder);
				return {
					code: scorm ? code : siteRelativeLinks(code, `content/lessons/${folder}/index.md`)
				};
			}
		},
		// A component's styles travel as Svelte writes them, in its script and in each
		// page that draws it: without their comments and indentation (scripts/compact-css.js).
		{
			name: 'stepvisor-compact-styles',
			style({ content }) {
				return { code: compactCss(content) };
			}
		}
	],
	kit: {
		// No SPA fallback: 404.html is a page of its own (src/routes/404), which runs no router.
		adapter: adapter({ pages: buildDir, assets: buildDir, strict: true }),
		outDir: kitDir,
		paths: { base: /** @type {'' | `/${string}`} */ (scorm ? '' : basePath) },
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		// `$lesson/<slug>` is that lesson's folder, whatever its number: code names a
		// lesson's files by slug (`$lesson/docker/story`), so renumbering a folder
		// moves the lesson and breaks no import (src/lib/content/lesson-folders.js).
		alias: {
			$content: 'content',
			...lessonAliases(fileURLToPath(new URL('.', import.meta.url)))
		},
		// The site's own two stylesheets (about 8 KiB) go into each page: a linked
		// stylesheet holds the first paint back by a round trip or two on a phone network.
		inlineStyleThreshold: 16 * 1024,
		// Scripts only from the site itself (SvelteKit hashes its own inline bootstrap,
		// and templateScriptHashes allow app.html's own inline script); no eval. Styles may be
		// inline: Svelte sets style attributes for positions.
		// frame-ancestors cannot live in a <meta> policy: the hosting headers
		// (static/_headers, docs/hosting.md) set it, framable for /embed/ and /framed/ only.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...templateScriptHashes],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				// An embed may fetch a scenario file named by its `src` parameter.
				'connect-src': ['self', .../** @type {ConnectSources} */ (srcAllow ?? ['https:'])],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-src': ['self'],
				// The simulation worker (src/lib/scenario/simulate.worker.ts), a file of the site.
				'worker-src': ['self']
			}
		},
		...(scorm && {
			adapter: adapter({ pages: '.svelte-kit/scorm-site', strict: false }),
			outDir: '.svelte-kit/scorm',
			files: { routes: 'src/lib/scorm/routes' },
			router: { type: 'hash' },
			output: { bundleStrategy: 'inline' }
		})
	},
	vitePlugin: {
		// The components' styles travel with them: server rendering puts a <style> for
		// each one a page shows into that page, and nothing else. Kept as .css files,
		// every lesson page linked every lab's stylesheets (the lessons share one route,
		// which loads its lesson with a dynamic import): fourteen render-blocking
		// requests, which on a slow phone network held the first paint back by a second.
		dynamicCompileOptions({ filename }) {
			if (/[\\/]src[\\/]lib[\\/]/.test(filename)) return { css: 'injected' };
		}
	}
};

export default config;
