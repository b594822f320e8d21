/**
 * The 404 page (src/routes/404, docs/hosting.md) as the build writes it, for a site
 * in a folder (BASE_PATH): a static host serves it for any missing address at any
 * depth, so each of its addresses must be absolute and name a file of the build;
 * it must load no router (which would try to render the missing address); and it
 * lists every lesson folder. The other pages are folders (`lessons/x/index.html`),
 * whose relative addresses must lead to files of the build from the folder too,
 * on a plain static host. One real build, into folders of its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absoluteAddresses } from '../../src/lib/absolute-addresses';

describe('absoluteAddresses', () => {
	it('puts the base path in front of the relative addresses of a page at the root', () => {
		const html =
			'<a href="./">Home</a> <a href="./#lessons">L</a> <img src="./favicon.svg"> <a href="#main">Skip</a> <link href="./_app/x.css">';
		expect(absoluteAddresses(html, '/stepvisor')).toBe(
			'<a href="/stepvisor/">Home</a> <a href="/stepvisor/#lessons">L</a> <img src="/stepvisor/favicon.svg"> <a href="#main">Skip</a> <link href="/stepvisor/_app/x.css">'
		);
		expect(absoluteAddresses(html, '')).toContain('<img src="/favicon.svg">');
	});

	it('stops the build when an address it cannot make absolute is left', () => {
		expect(() => absoluteAddresses('<a href="../lessons/x">x</a>', '')).toThrow(/relative/);
		expect(() => absoluteAddresses('<a href=".">x</a>', '')).toThrow(/relative/);
	});
});

const folder = '/stepvisor';
const work = join('.svelte-kit', 'not-found-test');
const buildDir = join(work, 'build');

/**
 * The file of the build that `address` (under the folder) names, if any, as a plain
 * static host finds it (python3 -m http.server, a stock nginx): a file by its name,
 * a folder's index.html by the folder's address with its slash.
 */
function fileFor(address: string): string | null {
	const path = decodeURIComponent(new URL(address, 'http://host.example/').pathname);
	if (!path.startsWith(`${folder}/`)) return null;
	const inBuild = join(buildDir, path.slice(folder.length));
	const candidate = path.endsWith('/') ? join(inBuild, 'index.html') : inBuild;
	return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
}

/** Every HTML file under `dir`, as paths from the build's root with `/`. */
function pagesIn(dir: string, under = ''): string[] {
	return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
		const path = under ? `${under}/${entry.name}` : entry.name;
		if (entry.isDirectory()) return pagesIn(dir, path);
		return path.endsWith('.html') ? [path] : [];
	});
}

describe('a build in a folder', () => {
	let html = '';

	beforeAll(() => {
		rmSync(work, { recursive: true, force: true });
		// As `npm run build` runs it: not with Vitest's NODE_ENV (test), under which Vite
		// would resolve the development builds of packages and pages would be built for it.
		const outside = Object.entries(process.env).filter(
			([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')
		);
		const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
			env: {
				...Object.fromEntries(outside),
				BASE_PATH: folder,
				STEPVISOR_BUILD_DIR: buildDir,
				STEPVISOR_KIT_DIR: join(work, 'kit')
			},
			encoding: 'utf8'
		});
		if (result.status !== 0) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
		html = readFileSync(join(buildDir, '404.html'), 'utf8');
	}, 240_000);

	afterAll(() => rmSync(work, { recursive: true, force: true }));

	describe('its 404 page', () => {
		it('names only files of the build, by absolute addresses in the folder', () => {
			const addresses = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map(([, value]) => value);
			expect(addresses.length).toBeGreaterThan(10);
			for (const address of addresses) {
				if (address.startsWith('#') || address.startsWith('data:')) continue;
				expect(address.startsWith(`${folder}/`), address).toBe(true);
				// The same file whichever missing address the page is served for.
				for (const missing of ['/stepvisor/x', '/stepvisor/a/b/c', '/stepvisor/embed/x/y/'])
					expect(fileFor(new URL(address, `http://host.example${missing}`).href), address).not.toBe(
						null
					);
			}
			// Its script, its manifest and the header's picture among them.
			expect(addresses).toContain(`${folder}/manifest.webmanifest`);
			expect(addresses).toContain(`${folder}/favicon.svg`);
			expect(
				addresses.some((address) => address.startsWith(`${folder}/_app/lesson-boot.js?v=`))
			).toBe(true);
		});

		it('loads no router and no hydration', () => {
			expect(html).not.toMatch(/_app\/immutable\/(entry|nodes)\//);
			expect(html).not.toContain('modulepreload');
			expect(html).not.toContain('__sveltekit');
		});

		it('says the page is not found, links home and lists every lesson folder in order', () => {
			expect(html).toMatch(/<h1>Page not found<\/h1>/);
			expect(html).toContain(`href="${folder}/" data-testid="home"`);
			expect(html).toContain('data-testid="theme"');
			const slugs = readdirSync(join('content', 'lessons'))
				.filter((name) => /^\d+-/.test(name))
				.sort()
				.map((name) => name.replace(/^\d+-/, ''));
			expect(slugs.length).toBeGreaterThanOrEqual(7);
			const listed = [...html.matchAll(/<li value="\d+"[^>]*><a href="([^"]+)"/g)].map(
				([, href]) => href
			);
			expect(listed).toEqual(slugs.map((slug) => `${folder}/lessons/${slug}/`));
		});
	});

	describe('its pages, on a plain static host', () => {
		it('are folders whose addresses all lead to files of the build', () => {
			const pages = pagesIn(buildDir);
			// Every page but the 404 page and the embed demo is a folder's index.html.
			expect(pages.filter((page) => !page.endsWith('index.html')).sort()).toEqual([
				'404.html',
				'embed-demo.html'
			]);
			for (const page of ['index.html', 'review/index.html', 'glossary/index.html'])
				expect(pages).toContain(page);
			for (const kind of ['lessons', 'framed/lessons', 'embed'])
				expect(pages.filter((page) => page.startsWith(`${kind}/`)).length).toBeGreaterThan(6);
			const problems: string[] = [];
			for (const page of pages) {
				if (page === '404.html') continue;
				// Where a host serves it: a folder's index.html at the folder's address.
				const at = `http://host.example${folder}/${page.replace(/(^|\/)index\.html$/, '$1')}`;
				const text = readFileSync(join(buildDir, page), 'utf8');
				for (const [, value] of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
					if (/^(#|data:|https?:|mailto:)/.test(value)) continue;
					const address = new URL(value.replace(/&amp;/g, '&'), at).href;
					if (!fileFor(address)) problems.push(`${page}: ${value}`);
				}
			}
			expect(problems).toEqual([]);
		});
	});
});
