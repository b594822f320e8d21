import { sveltekit } from '@sveltejs/kit/vite';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { indexLessons } from './src/lib/content/lesson-index.js';
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

export default defineConfig({
	plugins: [lessonIndex(), sveltekit()],
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
