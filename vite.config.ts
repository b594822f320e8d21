import { sveltekit } from '@sveltejs/kit/vite';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { indexLessons, lessonFolder, readManifests } from './src/lib/content/lesson-index.js';
import { parseSrcAllow } from './src/lib/embed/src-allow.js';
import { islandNames } from './src/lib/content/islands-build.js';
import { writeServiceWorker } from './scripts/service-worker.js';
import { existsSync } from 'node:fs';

/**
 * A plugin that serves one virtual module, `id`, whose code `build` makes from the
 * project's folder at build time; a file it passes to `watch` rebuilds the module
 * when it changes (in development).
 */
function virtualModule(
	name: string,
	id: string,
	build: (root: string, watch: (file: string) => void) => string | Promise<string>
): Plugin {
	const resolved = `\0${id}`;
	let root = process.cwd();
	return {
		name,
		configResolved(config) {
			root = config.root;
		},
		resolveId(source) {
			return source === id ? resolved : undefined;
		},
		load(source) {
			if (source !== resolved) return undefined;
			return build(root, (file) => this.addWatchFile(file));
		}
	};
}

/** `virtual:stepvisor-lessons`: the lesson list (front matter and headings), read at build time. */
const lessonIndex = () =>
	virtualModule('stepvisor-lesson-index', 'virtual:stepvisor-lessons', (root, watch) => {
		const lessons = indexLessons(root);
		for (const lesson of lessons) watch(join(root, lesson.file));
		return `export default ${JSON.stringify(lessons)};`;
	});

/**
 * `virtual:stepvisor-manifests/<list>` (animations, scenarios or cards): one list
 * from every lesson's manifest, each entry with its lesson's slug, read at build
 * time. One module per list, so a page that needs the animations does not carry
 * the review cards (a JSON file shared by three imports would land in one chunk).
 */
function lessonManifests(): Plugin {
	const prefix = 'virtual:stepvisor-manifests/';
	const lists = ['animations', 'scenarios', 'cards'] as const;
	let root = process.cwd();
	return {
		name: 'stepvisor-lesson-manifests',
		configResolved(config) {
			root = config.root;
		},
		resolveId(source) {
			return source.startsWith(prefix) &&
				(lists as readonly string[]).includes(source.slice(prefix.length))
				? `\0${source}`
				: undefined;
		},
		load(source) {
			if (!source.startsWith(`\0${prefix}`)) return undefined;
			const list = source.slice(prefix.length + 1) as (typeof lists)[number];
			const lessons = readManifests(root);
			for (const { folder } of lessons)
				this.addWatchFile(join(root, 'content', 'lessons', folder, 'manifest.json'));
			const entries = lessons.flatMap(({ slug, manifest }) =>
				manifest[list].map((entry) => ({ ...entry, lesson: slug }))
			);
			return `export default ${JSON.stringify(entries)};`;
		}
	};
}

/**
 * `virtual:stepvisor-islands`: a loader for each component that a lesson's prose
 * holds (src/lib/content/islands-build.js), by the name its island goes by, and
 * for each module of a lesson's own that a part's props are loaded from (its
 * questions), read from the lessons at build time.
 */
const lessonIslands = () =>
	virtualModule('stepvisor-lesson-islands', 'virtual:stepvisor-islands', (root, watch) => {
		for (const lesson of indexLessons(root)) watch(join(root, lesson.file));
		const loaders = islandNames(root).map(
			(name) => `\t${JSON.stringify(name)}: () => import(${JSON.stringify(name)})`
		);
		return `export default {\n${loaders.join(',\n')}\n};`;
	});

/**
 * `virtual:stepvisor-docker-frames`: the Docker animation's frames, made at build
 * time from its story (the `docker` lesson's story.ts) by the same model the
 * tests run ($lib/sim/docker/frames), and its Dockerfile's lines. The animation
 * has no scenario a learner can change, so the page carries its eleven frames
 * (2 KB gzipped) instead of the union file system's simulator that makes them
 * and the story's files (17 KB).
 */
const dockerFrames = () =>
	virtualModule(
		'stepvisor-docker-frames',
		'virtual:stepvisor-docker-frames',
		async (root, watch) => {
			const story = join(root, 'content', 'lessons', lessonFolder(root, 'docker'), 'story.ts');
			const model = join(root, 'src', 'lib', 'sim', 'docker', 'frames.ts');
			watch(story);
			watch(model);
			// tsx, as `npm run trace` runs the core: Node cannot import TypeScript itself.
			const { tsImport } = await import('tsx/esm/api');
			const { dockerFrames: framesOf } = await tsImport(model, import.meta.url);
			const { STORY } = await tsImport(story, import.meta.url);
			const built = {
				frames: framesOf(STORY),
				dockerfile: STORY.instructions.map((instruction: { text: string }) => instruction.text)
			};
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(built))});`;
		}
	);

/**
 * In development, an edit to a lesson (its prose, questions or story) reloads the
 * page: the client never loads a prerendered lesson's prose, only its islands
 * (src/lib/content/islands.ts), so there is no module in the browser to update.
 */
function lessonReload(): Plugin {
	return {
		name: 'stepvisor-lesson-reload',
		apply: 'serve',
		handleHotUpdate({ file, server }) {
			if (!/[\\/]content[\\/]lessons[\\/]/.test(file)) return undefined;
			server.ws.send({ type: 'full-reload' });
			return [];
		}
	};
}

/**
 * After the site is built (SvelteKit's adapter has written every page), the
 * offline service worker is made from the finished folder. Not for the SCORM copy,
 * which must run without one.
 */
function serviceWorker(): Plugin {
	let root = process.cwd();
	return {
		name: 'stepvisor-service-worker',
		apply: 'build',
		configResolved(config) {
			root = config.root;
		},
		closeBundle: {
			sequential: true,
			order: 'post',
			async handler() {
				if (process.env.STEPVISOR_TARGET === 'scorm') return;
				// resolve, not join: the folder may be given as an absolute path.
				const dir = resolve(root, process.env.STEPVISOR_BUILD_DIR ?? 'build');
				// Called for each of SvelteKit's builds: only the last one has the finished site.
				if (!existsSync(join(dir, 'index.html'))) return;
				const { count, size, warnings } = await writeServiceWorker(dir);
				for (const warning of warnings) this.warn(warning);
				this.info?.(`service worker: ${count} files precached, ${(size / 1024).toFixed(0)} KiB`);
			}
		}
	};
}

/**
 * The scripts of the pages that run no router, each added to the browser's build
 * as a chunk of its own under a fixed name the page links without knowing the
 * build's hashes: lessons (src/lib/content/lesson-boot.ts) and embeds
 * (src/lib/embed/embed-boot.ts). SvelteKit links no script into such pages. They
 * share the other chunks (Svelte's runtime, the labs) with the rest of the site.
 * Not in the SCORM build, whose lessons run the router.
 */
const PAGE_SCRIPTS = {
	'_app/lesson-boot.js': 'src/lib/content/lesson-boot.ts',
	'_app/embed-boot.js': 'src/lib/embed/embed-boot.ts'
};

function pageScripts(): Plugin {
	return {
		name: 'stepvisor-page-scripts',
		apply: 'build',
		buildStart() {
			if (process.env.STEPVISOR_TARGET === 'scorm') return;
			if (this.environment.config.consumer !== 'client') return;
			for (const [fileName, source] of Object.entries(PAGE_SCRIPTS)) {
				this.emitFile({ type: 'chunk', id: join(this.environment.config.root, source), fileName });
			}
		}
	};
}

export default defineConfig({
	plugins: [
		pageScripts(),
		lessonIndex(),
		lessonManifests(),
		lessonIslands(),
		dockerFrames(),
		lessonReload(),
		sveltekit(),
		serviceWorker()
	],
	// Which hosts an embed's `src=` may fetch from (docs/hosting.md); a bad list stops the build.
	define: {
		__STEPVISOR_SRC_ALLOW__: JSON.stringify(parseSrcAllow(process.env.STEPVISOR_SRC_ALLOW))
	},
	// The simulation worker as a module (offthread.ts starts it with type: 'module'):
	// it then fetches only the model a scenario names ($lib/sim's lazy registry),
	// where the default (one classic script) would hold every model.
	worker: { format: 'es' },
	server: { fs: { allow: ['content'] } },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000
	}
});
