/**
 * The thin Common Cartridge (scripts/package-cc.js): built here, unzipped, and its
 * shape checked: IMS CC 1.3 and 1.1 manifests, unique identifiers, every resource file
 * present, one web link per lesson with a title and an absolute URL.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readLessons } from '../../src/lib/scorm/lms-package.js';

const ROOT = resolve('.');
const BASE = 'https://lessons.example.edu/stepvisor';

const parse = (bytes: Uint8Array): Document =>
	new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'application/xml');
const all = (doc: Document | Element, ns: string, name: string): Element[] =>
	Array.from(doc.getElementsByTagNameNS(ns, name));

function build(args: string[], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, ['scripts/package-cc.js', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, ...env }
	});
	return result;
}

describe.each([
	{ version: '1.3', file: 'stepvisor-cc.imscc', v: '3' },
	{ version: '1.1', file: 'stepvisor-cc-1.1.imscc', v: '1' }
])('thin Common Cartridge $version', ({ version, file, v }) => {
	const CP = `http://www.imsglobal.org/xsd/imsccv1p${v}/imscp_v1p1`;
	const WL = `http://www.imsglobal.org/xsd/imsccv1p${v}/imswl_v1p${v}`;
	const LOM = `http://ltsc.ieee.org/xsd/imsccv1p${v}/LOM/manifest`;
	let files: Record<string, Uint8Array>;
	let manifest: Document;
	const lessons = readLessons(ROOT);

	beforeAll(() => {
		const result = build([BASE + '/']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/\d+(\.\d+)? (B|KiB|MiB) +dist-packages\/stepvisor-cc/);
		expect(result.stdout).toContain(`dist-packages/${file}`);
		files = unzipSync(readFileSync(join(ROOT, 'dist-packages', file)));
		manifest = parse(files['imsmanifest.xml']);
	});

	test(`the manifest is an IMS Common Cartridge ${version}.0 manifest`, () => {
		const root = manifest.documentElement!;
		expect(root.localName).toBe('manifest');
		expect(root.namespaceURI).toBe(CP);
		expect(root.getAttribute('xmlns:lomimscc')).toBe(LOM);
		expect(all(manifest, CP, 'schema')[0]?.textContent).toBe('IMS Common Cartridge');
		expect(all(manifest, CP, 'schemaversion')[0]?.textContent).toBe(`${version}.0`);
		expect(all(manifest, LOM, 'lom')).toHaveLength(1);
		expect(root.getAttribute('xsi:schemaLocation')).toContain(CP);
	});

	test('one organization: a module with an item per lesson, in lesson order', () => {
		const organizations = all(manifest, CP, 'organization');
		expect(organizations).toHaveLength(1);
		expect(organizations[0].getAttribute('structure')).toBe('rooted-hierarchy');
		const linked = all(organizations[0], CP, 'item').filter((item) =>
			item.getAttribute('identifierref')
		);
		expect(linked).toHaveLength(lessons.length);
		expect(linked.map((item) => all(item, CP, 'title')[0]?.textContent)).toEqual(
			lessons.map((lesson) => `Lesson ${lesson.number}: ${lesson.title}`)
		);
	});

	test('identifiers are unique and every reference resolves', () => {
		const ids = [...all(manifest, CP, 'item'), ...all(manifest, CP, 'resource')]
			.map((element) => element.getAttribute('identifier'))
			.concat([manifest.documentElement!.getAttribute('identifier')]);
		ids.push(...all(manifest, CP, 'organization').map((o) => o.getAttribute('identifier')));
		expect(ids.every(Boolean)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		const resources = new Set(
			all(manifest, CP, 'resource').map((r) => r.getAttribute('identifier'))
		);
		for (const item of all(manifest, CP, 'item')) {
			const ref = item.getAttribute('identifierref');
			if (ref) expect(resources.has(ref), ref).toBe(true);
		}
	});

	test('every resource is a web link whose files are in the package', () => {
		const listed = new Set<string>();
		for (const resource of all(manifest, CP, 'resource')) {
			expect(resource.getAttribute('type')).toBe(`imswl_xmlv1p${v}`);
			const resourceFiles = all(resource, CP, 'file');
			expect(resourceFiles).toHaveLength(1);
			for (const file of resourceFiles) {
				const href = file.getAttribute('href') ?? '';
				expect(files[href], href).toBeDefined();
				listed.add(href);
			}
		}
		// Nothing in the package that the manifest does not account for.
		expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', ...listed].sort());
	});

	test('each web link has a title and a URL to its lesson on the given site', () => {
		const urls = all(manifest, CP, 'resource').map((resource) => {
			const href = all(resource, CP, 'file')[0].getAttribute('href') ?? '';
			const link = parse(files[href]);
			expect(link.documentElement!.localName).toBe('webLink');
			expect(link.documentElement!.namespaceURI).toBe(WL);
			expect(all(link, WL, 'title')[0]?.textContent?.trim()).toMatch(/^Lesson \d+: \S/);
			const url = all(link, WL, 'url');
			expect(url).toHaveLength(1);
			return url[0].getAttribute('href');
		});
		expect(urls).toEqual(lessons.map((lesson) => `${BASE}/lessons/${lesson.slug}`));
	});

	test('the base URL comes from STEPVISOR_SITE_URL, and a bad one is refused', () => {
		try {
			const fromEnv = build([], { STEPVISOR_SITE_URL: 'http://localhost:4173' });
			expect(fromEnv.status, fromEnv.stderr).toBe(0);
			const zipped = unzipSync(readFileSync(join(ROOT, 'dist-packages', file)));
			const first = Object.keys(zipped).find((name) => name.startsWith('weblinks/'))!;
			expect(new TextDecoder().decode(zipped[first])).toContain(
				'href="http://localhost:4173/lessons/'
			);
			expect(build(['javascript:alert(1)']).status).not.toBe(0);
		} finally {
			// Leave the default package behind, as `npm run package:cc` would.
			build([]);
		}
	});
});
