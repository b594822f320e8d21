/**
 * The inline script of src/app.html (the frame check) is allowed by the hash of its
 * text, which svelte.config.js computes from that file. Here the script itself runs
 * with a stand-in page: it marks <html> `sv-js`, or `sv-origin-null` in a frame
 * sandboxed without allow-same-origin. The messages these classes show are checked
 * in Chromium by tests/e2e/lms.spec.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import config from '../../svelte.config.js';

const template = readFileSync('src/app.html', 'utf8');
const scripts = [...template.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

test('app.html has one inline script, and the script policy allows it by its hash', () => {
	expect(scripts).toHaveLength(1);
	const hash = `sha256-${createHash('sha256').update(scripts[0]).digest('base64')}`;
	expect(config.kit?.csp?.directives?.['script-src']).toContain(hash);
});

test('the frame check marks the page, and marks a null origin apart', () => {
	const run = (origin: string) => {
		const classes: string[] = [];
		const listeners: string[] = [];
		new Function('document', 'self', 'addEventListener', scripts[0])(
			{ documentElement: { classList: { add: (name: string) => classes.push(name) } } },
			{ origin },
			(type: string) => listeners.push(type)
		);
		return { classes, listeners };
	};
	expect(run('https://stepvisor.example')).toEqual({
		classes: ['sv-js'],
		listeners: ['unhandledrejection', 'error']
	});
	expect(run('null').classes).toEqual(['sv-origin-null']);
});
