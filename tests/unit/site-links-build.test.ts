/**
 * A site hosted in a folder (BASE_PATH, docs/hosting.md): lesson prose links to the
 * site's pages and files go through `resolve` (relative once prerendered), and
 * svelte.config.js takes the folder only in the form SvelteKit needs.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonFolder } from '../../src/lib/content/lesson-index';
import { siteRelativeLinks } from '../../src/lib/content/site-links-build.js';

const lesson = (markup: string) => `<script context="module">
	export const metadata = { image: "/lessons/x.svg" };
</script>
<script>
	import StepvisorIsland from '$lib/content/Island.svelte';
</script>
${markup}`;

describe('siteRelativeLinks', () => {
	it('resolves links to the site’s pages and files, and only those', () => {
		const out = siteRelativeLinks(
			lesson(`<p><span class="glossary-term"><a
  href="/glossary/#trap"
  aria-describedby="glossary-definition-trap"
>trap</a></span>, <a href="/scenarios/syscall/native.json">native</a>,
<a href="/lessons/system-call-path/?step=2">next</a>, <a href="#intro">up</a>,
<a href="/embed-demo.html">demo</a>, <a href="/#lessons">lessons</a>,
<a href="https://kernel.org/">kernel</a>, <a href="//cdn.example/x">cdn</a>,
<img src="/favicon.svg" alt="" /> <code>href="/etc/passwd"</code></p>`)
		);
		expect(out).toContain(`href={stepvisorSiteHref("/glossary/#trap")}`);
		expect(out).toContain(`<a href={stepvisorSiteHref("/scenarios/syscall/native.json")}>`);
		expect(out).toContain(`<a href={stepvisorSiteHref("/lessons/system-call-path/?step=2")}>`);
		// A file's address (a dot in its last name) and the home page's take no slash.
		expect(out).toContain(`<a href={stepvisorSiteHref("/embed-demo.html")}>`);
		expect(out).toContain(`<a href={stepvisorSiteHref("/#lessons")}>`);
		for (const kept of [
			'href="#intro"',
			'href="https://kernel.org/"',
			'href="//cdn.example/x"',
			'<img src="/favicon.svg"',
			'<code>href="/etc/passwd"</code>',
			'image: "/lessons/x.svg"'
		])
			expect(out).toContain(kept);
		// Imported in the instance script, not the module one.
		expect(out).toMatch(
			/<script>\n\timport \{ resolve as stepvisorSiteHref \} from '\$app\/paths';\n\timport StepvisorIsland/
		);
	});

	it('adds an instance script where the lesson has none, and leaves a lesson without such links alone', () => {
		expect(siteRelativeLinks('<p><a href="/review/">Review</a></p>')).toBe(
			`<script>\n\timport { resolve as stepvisorSiteHref } from '$app/paths';\n</script>\n<p><a href={stepvisorSiteHref("/review/")}>Review</a></p>`
		);
		const plain = lesson('<p><a href="#x">x</a></p>');
		expect(siteRelativeLinks(plain)).toBe(plain);
	});

	// Pages are folders (src/routes/+layout.ts): `/lessons/x` would cost a redirect on
	// every host, and its relative form is wrong under a folder.
	it.each([
		['/lessons/system-call-path', '/lessons/system-call-path/'],
		['/lessons/system-call-path?step=2', '/lessons/system-call-path/?step=2'],
		['/glossary#trap', '/glossary/#trap'],
		['/review', '/review/']
	])('stops the build at a link to a page without its trailing slash: %s', (path, fixed) => {
		expect(() =>
			siteRelativeLinks(lesson(`<p><a href="${path}">x</a></p>`), 'content/lessons/01-x/index.md')
		).toThrow(
			`content/lessons/01-x/index.md: the link "${path}" names a page without its trailing slash: write "${fixed}"`
		);
	});

	it('is what the site build does to a lesson, and the SCORM build does not', () => {
		// The SCORM packages hand `/…` links to the public site (src/lib/scorm/links.ts).
		const root = process.cwd();
		const file = join(
			root,
			'content/lessons',
			lessonFolder(root, 'vms-and-containers'),
			'index.md'
		);
		const compiled = (target: string) =>
			spawnSync(
				process.execPath,
				[
					'--input-type=module',
					'-e',
					`import { preprocess } from 'svelte/compiler';
					import { readFileSync } from 'node:fs';
					const { default: config } = await import('./svelte.config.js');
					const file = ${JSON.stringify(file)};
					const out = await preprocess(readFileSync(file, 'utf8'), config.preprocess, { filename: file });
					console.log(out.code);`
				],
				{ env: { ...process.env, STEPVISOR_TARGET: target }, encoding: 'utf8' }
			).stdout;
		const site = compiled('');
		expect(site).toContain('href={stepvisorSiteHref("/lessons/system-call-path/")}');
		expect(site).toMatch(/href=\{stepvisorSiteHref\("\/glossary\/#[\w-]+"\)\}/);
		expect(site).not.toMatch(/href="\//);
		const scorm = compiled('scorm');
		expect(scorm).toContain('href="/lessons/system-call-path/"');
		expect(scorm).toMatch(/href="\/glossary\/#[\w-]+"/);
		expect(scorm).not.toContain('stepvisorSiteHref');
	});
});

describe('BASE_PATH', () => {
	/** svelte.config.js's paths.base for `basePath`, or the error it stops with. */
	const base = (basePath: string) => {
		const result = spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				"const { default: c } = await import('./svelte.config.js'); console.log(JSON.stringify(c.kit.paths));"
			],
			{ env: { ...process.env, BASE_PATH: basePath }, encoding: 'utf8' }
		);
		return result.status === 0 ? JSON.parse(result.stdout).base : result.stderr;
	};

	it('sets the base path of a site in a folder', () => {
		expect(base('')).toBe('');
		expect(base('/stepvisor')).toBe('/stepvisor');
		expect(base('/a/b-c_d.e')).toBe('/a/b-c_d.e');
	});

	it.each(['/stepvisor/', 'stepvisor', '/', '//x', '/a/../b', '/a b', 'https://x.example/y'])(
		'stops the build with a message for %j',
		(value) => {
			expect(base(value)).toMatch(/BASE_PATH must be empty or a folder such as \/stepvisor/);
		}
	);
});
