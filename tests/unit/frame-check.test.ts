/**
 * The inline script of src/app.html is allowed by its hash (svelte.config.js hashes
 * FRAME_CHECK): the page must carry exactly that text, or the policy blocks it and
 * every embed would show its "cannot run" message. The end-to-end tests check the
 * message itself (tests/e2e/lms.spec.ts).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { FRAME_CHECK } from '../../src/lib/embed/frame-check.js';

test('src/app.html carries the frame check exactly as hashed', () => {
	const html = readFileSync('src/app.html', 'utf8');
	const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
	expect(scripts).toEqual([FRAME_CHECK]);
});

test('the frame check marks the page, and marks a null origin apart', () => {
	const run = (origin: string) => {
		const classes = new Set<string>();
		const listeners: string[] = [];
		const scope = {
			document: { documentElement: { classList: { add: (name: string) => classes.add(name) } } },
			self: { origin },
			addEventListener: (type: string) => listeners.push(type)
		};
		new Function('document', 'self', 'addEventListener', FRAME_CHECK)(
			scope.document,
			scope.self,
			scope.addEventListener
		);
		return { classes: [...classes], listeners };
	};
	expect(run('https://stepvisor.example')).toEqual({
		classes: ['sv-js'],
		listeners: ['unhandledrejection', 'error']
	});
	expect(run('null').classes).toEqual(['sv-origin-null']);
});
