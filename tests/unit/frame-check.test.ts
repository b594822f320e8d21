/**
 * The inline scripts of src/app.html are allowed by the hashes of their text, which
 * svelte.config.js computes from that file. Here each runs with a stand-in page.
 *
 * The first, the frame check, marks <html> `sv-js`, or `sv-origin-null` in a frame
 * sandboxed without allow-same-origin. The messages these classes show are checked
 * in Chromium by tests/e2e/lms.spec.ts.
 *
 * The second writes a style for each step key of the address (`?step=12`), which
 * keeps a lesson's player from showing its served first step as the link's step
 * until it has started; tests/e2e/step-links.spec.ts checks it in Chromium.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import config from '../../svelte.config.js';

const template = readFileSync('src/app.html', 'utf8');
const scripts = [...template.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

test('app.html has two inline scripts, and the script policy allows each by its hash', () => {
	expect(scripts).toHaveLength(2);
	for (const script of scripts) {
		const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
		expect(config.kit?.csp?.directives?.['script-src']).toContain(hash);
	}
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

/** The style the second script writes for an address's query (`''`: none written). */
function pendingStyle(search: string): string {
	const written: string[] = [];
	const attributes: string[] = [];
	const listeners: [string, () => void][] = [];
	const document = {
		createElement: () => ({ textContent: '' }),
		head: { appendChild: (style: { textContent: string }) => written.push(style.textContent) },
		documentElement: { setAttribute: (name: string) => attributes.push(name) },
		addEventListener: (type: string, listener: () => void) => listeners.push([type, listener])
	};
	new Function('document', 'location', scripts[1])(document, { search });
	expect(written.length).toBeLessThanOrEqual(1);
	// With a style, every player's step is hidden until the page is parsed.
	expect(listeners.map(([type]) => type)).toEqual(written.length ? ['DOMContentLoaded'] : []);
	for (const [, listener] of listeners) listener();
	expect(attributes).toEqual(written.length ? ['data-parsed'] : []);
	return written[0] ?? '';
}

test('a step link’s player is marked as loading that step, by its own key', () => {
	const style = pendingStyle('?io-step=6');
	expect(style).toContain('.player[data-ready=false]:has(~[data-step-key="io-step"])');
	expect(style).toContain('--sv-link-note:"Loading step 6…"');
	expect(style).toContain('--sv-link-hide:hidden');
	expect(style).toContain(
		'html:not([data-parsed]) .player[data-ready=false]{--sv-link-hide:hidden}'
	);
	// Only until the part has started or failed, and only where scripts load: app.css
	// reads the two properties only there.
	const css = readFileSync('src/app.css', 'utf8');
	for (const property of ['--sv-link-note', '--sv-link-hide']) {
		const rule = css.slice(0, css.indexOf(`var(${property}`));
		const selector = rule.slice(rule.lastIndexOf('}') + 1);
		expect(selector).toContain('.sv-js:not(.sv-load-failed)');
		expect(selector).toContain("[data-island]:not([data-hydrated='failed'])");
		expect(selector).toContain(".player[data-ready='false']");
	}
	// Each key its own rules, with its own step; other parameters are not step keys.
	const two = pendingStyle('?left=vm-paravirt&step=012&io-step=6');
	expect(two).toContain('[data-step-key="step"]');
	expect(two).toContain('--sv-link-note:"Loading step 12…"');
	expect(two).toContain('[data-step-key="io-step"]');
	expect(two).not.toContain('[data-step-key="left"]');
});

test('no style for a link without a step, at the first step, or with a step the player refuses', () => {
	for (const search of [
		'',
		'?step=0',
		'?step=000',
		'?step=abc',
		'?step=-3',
		'?step=1e3',
		'?step=3&step=4',
		'?step=1234567890123456',
		// A key that is not a plain name is never written into the style.
		'?a"]{}*{display:none}[b=1',
		'?x%22%5D%7B%7D=5'
	]) {
		expect(pendingStyle(search), search).toBe('');
	}
});
