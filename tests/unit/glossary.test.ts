// The glossary data and the build step that links a lesson's terms to it.
import { compile } from 'mdsvex';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, GLOSSARY_GROUPS } from '../../content/glossary.js';
import glossaryLinks, { termMatcher } from '../../src/lib/content/glossary-links.js';

const REQUIRED = [
	'vm-exit',
	'ept-npt',
	'hypercall',
	'ring',
	'trap',
	'trap-and-emulate',
	'reflect',
	'binary-translation',
	'paravirtualization',
	'virtqueue',
	'hypervisor',
	'system-call',
	'page-table',
	'shadow-page-table',
	'namespace',
	'pid-namespace',
	'init',
	'subreaper',
	'mount-namespace',
	'pivot-root',
	'user-namespace',
	'uid-map',
	'capability',
	'cgroup',
	'memory-max-high',
	'cpu-max-weight',
	'oom-kill',
	'union-file-system',
	'overlayfs',
	'lower-upper-layer',
	'whiteout',
	'opaque-directory',
	'copy-up',
	'copy-on-write',
	'image-layer',
	'container'
];

async function linked(markdown: string): Promise<string> {
	const out = await compile(markdown, {
		rehypePlugins: [[glossaryLinks, { entries: GLOSSARY }]]
	});
	// mdsvex pretty-prints the HTML: compare it with one space for any run of spaces.
	return (out?.code ?? '').replace(/\s+/g, ' ').replace(/ >/g, '>');
}

const links = (html: string) =>
	[...html.matchAll(/data-glossary="([^"]+)"[^>]*>([^<]*)</g)].map(
		([, id, text]) => `${id}:${text}`
	);

describe('glossary data', () => {
	it('has every required term once, each with a definition and a source', () => {
		const ids = GLOSSARY.map((entry) => entry.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of REQUIRED) expect(ids).toContain(id);
		const groups = GLOSSARY_GROUPS.map(([id]) => id);
		for (const entry of GLOSSARY) {
			expect(entry.id).toMatch(/^[a-z0-9-]+$/);
			expect(groups).toContain(entry.group);
			expect(entry.definition.length, entry.id).toBeGreaterThan(60);
			expect(entry.source.length, entry.id).toBeGreaterThan(5);
			expect(entry.aliases.length, entry.id).toBeGreaterThan(0);
			// Definitions land in Svelte templates and in an attribute-free span: plain text only.
			expect(entry.definition + entry.source, entry.id).not.toMatch(/[{}<>]/);
		}
	});

	it('gives no alias to two entries', () => {
		expect(() => termMatcher(GLOSSARY)).not.toThrow();
		expect(() =>
			termMatcher([
				{ ...GLOSSARY[0], id: 'a', aliases: ['trap'] },
				{ ...GLOSSARY[0], id: 'b', aliases: ['Trap'] }
			])
		).toThrow(/two entries/);
	});
});

describe('glossary links in a lesson', () => {
	it('links only the first use of each term, with the definition as its description', async () => {
		const html = await linked(
			'A system call traps. Another system call traps again, and a hypercall too.\n'
		);
		expect(links(html)).toEqual(['system-call:system call', 'trap:traps', 'hypercall:hypercall']);
		const entry = GLOSSARY.find((candidate) => candidate.id === 'trap')!;
		expect(html).toContain(
			'<a href="/glossary/#trap" aria-describedby="glossary-definition-trap" data-glossary="trap">traps</a>'
		);
		// The description is the definition alone; after it, the entry's link (out of the
		// Tab order: the term is that link) and a button that closes it.
		expect(html).toContain(
			`<span class="glossary-definition"><span id="glossary-definition-trap" role="tooltip">${entry.definition}</span><a href="/glossary/#trap" tabindex="-1">Glossary entry</a><button type="button" class="button">Close</button></span>`
		);
	});

	it('leaves headings, code, links, components and HTML alone', async () => {
		const html = await linked(
			[
				'<script>import X from "./x";</script>',
				'',
				'## A whiteout in a heading',
				'',
				'Inline `whiteout` code, a [whiteout link](/x), and <X label="whiteout" />.',
				'',
				'```',
				'whiteout in a block',
				'```',
				'',
				'Here the whiteout counts.'
			].join('\n')
		);
		expect(links(html)).toEqual(['whiteout:whiteout']);
		expect(html).toMatch(/Here the <span class="glossary-term"><a href="\/glossary\/#whiteout"/);
		expect(html).toContain('<h2>A whiteout in a heading</h2>');
	});

	it('prefers the longest term and matches whole words in any case', async () => {
		const html = await linked(
			'During trap and emulate, the initial PID namespace and its Init; Copy-Up happens.\n'
		);
		expect(links(html)).toEqual([
			'trap-and-emulate:trap and emulate',
			'pid-namespace:PID namespace',
			'init:Init',
			'copy-up:Copy-Up'
		]);
	});
});
