import { sveltekit } from '@sveltejs/kit/vite';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { indexLessons, readManifests } from './src/lib/content/lesson-index.js';
import { parseSrcAllow } from './src/lib/embed/src-allow.js';

/** `virtual:stepvisor-lessons`: the lesson list (front matter and headings), read at build time. */
function lessonIndex(): Plugin {
	const id = 'virtual:stepvisor-lessons';
	const resolved = `\0${id}`;
	let root = process.cwd();
	return {
		name: 'stepvisor-lesson-index',
		configResolved(config) {
			root = config.root;
		},
		resolveId(source) {
			return source === id ? resolved : undefined;
		},
		load(source) {
			if (source !== resolved) return undefined;
			const lessons = indexLessons(root);
			for (const lesson of lessons) this.addWatchFile(join(root, lesson.file));
			return `export default ${JSON.stringify(lessons)};`;
		}
	};
}

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

export default defineConfig({
	plugins: [lessonIndex(), lessonManifests(), sveltekit()],
	// Which hosts an embed's `src=` may fetch from (docs/hosting.md); a bad list stops the build.
	define: {
		__STEPVISOR_SRC_ALLOW__: JSON.stringify(parseSrcAllow(process.env.STEPVISOR_SRC_ALLOW))
	},
	server: { fs: { allow: ['content'] } },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000
	}
});
