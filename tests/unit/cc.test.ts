/**
 * The thin Common Cartridge (scripts/package-cc.js): built here, unzipped, and its
 * shape checked: IMS CC 1.3 and 1.1 manifests, unique identifiers, every resource file
 * present, one module named for the course with a web link per lesson (title, an
 * absolute URL to the framed lesson view). The Moodle copy is validated against the
 * CC 1.1 schemas as Moodle's importer validates it before it converts anything
 * (tests/fixtures/cc11-schemas). That the links are served framable and work inside
 * a cross-origin frame is tests/e2e/lms.spec.ts.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import {
	CARTRIDGE_GENERAL_SUMMARY,
	CARTRIDGE_MODULE_TITLE,
	commonCartridge,
	readLessons
} from '../../src/lib/scorm/lms-package.js';

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
	{ version: '1.3', file: 'stepvisor-canvas.imscc', v: '3', lms: 'Canvas' },
	{ version: '1.1', file: 'stepvisor-moodle.imscc', v: '1', lms: 'Moodle' }
])('thin Common Cartridge $version (for $lms)', ({ version, file, v, lms }) => {
	const CP = `http://www.imsglobal.org/xsd/imsccv1p${v}/imscp_v1p1`;
	const WL = `http://www.imsglobal.org/xsd/imsccv1p${v}/imswl_v1p${v}`;
	const LOM = `http://ltsc.ieee.org/xsd/imsccv1p${v}/LOM/manifest`;
	const LOM_RESOURCE = `http://ltsc.ieee.org/xsd/imsccv1p${v}/LOM/resource`;
	let files: Record<string, Uint8Array>;
	let manifest: Document;
	const lessons = readLessons(ROOT);

	beforeAll(() => {
		const result = build([BASE + '/']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/\d+(\.\d+)? (B|KiB|MiB) +dist-packages\/stepvisor-canvas/);
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

	test('one organization: a named module with an item per lesson, in lesson order', () => {
		const organizations = all(manifest, CP, 'organization');
		expect(organizations).toHaveLength(1);
		expect(organizations[0].getAttribute('structure')).toBe('rooted-hierarchy');
		const root = Array.from(organizations[0].childNodes).filter(
			(node): node is Element => node.nodeType === 1 && (node as Element).localName === 'item'
		);
		expect(root).toHaveLength(1);
		// Each item under the root becomes a Canvas module or a Moodle course section.
		const topics = Array.from(root[0].childNodes).filter(
			(node): node is Element => node.nodeType === 1 && (node as Element).localName === 'item'
		);
		const module = topics.at(-1)!;
		const title = Array.from(module.childNodes).find(
			(node) => node.nodeType === 1 && (node as Element).localName === 'title'
		);
		expect(title?.textContent).toBe(CARTRIDGE_MODULE_TITLE);
		expect(CARTRIDGE_MODULE_TITLE).toBe('Stepvisor: virtual machines and containers');
		if (lms === 'Moodle') {
			// Moodle numbers sections from 0 ("General"): a first item with no link keeps the
			// lessons out of General, in a section of their own; its title is General's summary.
			expect(topics).toHaveLength(2);
			expect(topics[0].getAttribute('identifierref')).toBeNull();
			expect(all(topics[0], CP, 'item')).toHaveLength(0);
			expect(all(topics[0], CP, 'title').map((t) => t.textContent)).toEqual([
				CARTRIDGE_GENERAL_SUMMARY
			]);
		} else {
			expect(topics).toHaveLength(1);
		}
		const linked = all(organizations[0], CP, 'item').filter((item) =>
			item.getAttribute('identifierref')
		);
		expect(all(module, CP, 'item')).toEqual(linked);
		expect(linked).toHaveLength(lessons.length);
		expect(linked.map((item) => all(item, CP, 'title')[0]?.textContent)).toEqual(
			lessons.map((lesson) => `Lesson ${lesson.number}: ${lesson.title}`)
		);
	});

	test('every item has a title, and no resource carries LOM general metadata', () => {
		// Both are what the CC profiles require; Moodle refuses a manifest without them.
		for (const item of all(manifest, CP, 'item').filter(
			(i) => i.getAttribute('identifier') !== 'root'
		))
			expect(all(item, CP, 'title').length, item.getAttribute('identifier') ?? '').toBeGreaterThan(
				0
			);
		expect(all(manifest, LOM_RESOURCE, 'general')).toHaveLength(0);
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

	test('a lesson is named by slug, so renumbering its folder keeps its identifiers', () => {
		const resources = all(manifest, CP, 'resource').map((r) => r.getAttribute('identifier'));
		expect(resources).toEqual(lessons.map((lesson) => `res-${lesson.slug}`));
		expect(Object.keys(files).filter((name) => name.startsWith('weblinks/'))).toEqual(
			expect.arrayContaining(lessons.map((lesson) => `weblinks/${lesson.slug}.xml`))
		);
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

	test('each web link has a title and a URL to its framed lesson on the given site', () => {
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
		// Each page is a folder: its address ends with a slash, so a plain static host
		// serves its index.html without a redirect.
		expect(urls).toEqual(lessons.map((lesson) => `${BASE}/framed/lessons/${lesson.slug}/`));
	});

	test('the base URL comes from STEPVISOR_SITE_URL, and a bad one is refused', () => {
		try {
			const fromEnv = build([], { STEPVISOR_SITE_URL: 'http://localhost:4173' });
			expect(fromEnv.status, fromEnv.stderr).toBe(0);
			const zipped = unzipSync(readFileSync(join(ROOT, 'dist-packages', file)));
			const first = Object.keys(zipped).find((name) => name.startsWith('weblinks/'))!;
			expect(new TextDecoder().decode(zipped[first])).toContain(
				'href="http://localhost:4173/framed/lessons/'
			);
			expect(fromEnv.stderr).toBe('');
			expect(build(['javascript:alert(1)']).status).not.toBe(0);
			// Links on http would be blocked as mixed content inside an https LMS.
			const plain = build(['http://stepvisor.school.example']);
			expect(plain.status).toBe(0);
			expect(plain.stderr).toMatch(/http, not https.*mixed content/);
		} finally {
			// Leave the default package behind, as `npm run package:cc` would.
			build([]);
		}
	});
});

describe('the Moodle cartridge passes the schema check Moodle runs before it converts', () => {
	// Moodle's imscc11 converter validates imsmanifest.xml against backup/cc/schemas11
	// (through cc11libxml2validator.xsd) and stops the restore on any error.
	const dir = resolve('tests/fixtures/cc11-schemas');
	const schemaFiles = readdirSync(dir).filter((name) => name.endsWith('.xsd'));
	const preload = schemaFiles.map((fileName) => ({
		fileName,
		contents: readFileSync(join(dir, fileName), 'utf8')
	}));
	const lessons = readLessons(ROOT);
	const validate = (xml: string, schema: string) =>
		validateXML({
			xml: { fileName: 'imsmanifest.xml', contents: xml },
			schema: preload.find((file) => file.fileName === schema)!,
			preload
		});

	test('the manifest and every web link are valid', async () => {
		const files = commonCartridge(lessons, BASE, '1.1');
		const manifest = await validate(files['imsmanifest.xml'], 'cc11libxml2validator.xsd');
		expect(manifest.errors.map((error) => error.rawMessage)).toEqual([]);
		expect(manifest.valid).toBe(true);
		for (const [name, xml] of Object.entries(files)) {
			if (!name.startsWith('weblinks/')) continue;
			const link = await validate(xml, 'ccv1p1_imswl_v1p1.xsd');
			expect(link.valid, `${name}: ${link.rawOutput}`).toBe(true);
		}
	});

	test('the check has teeth: the manifest of before (an untitled item, LOM general) fails it', async () => {
		const files = commonCartridge(lessons, BASE, '1.1');
		const untitled = files['imsmanifest.xml'].replace(
			/<item identifier="section-general">[\s\S]*?<\/item>/,
			'<item identifier="section-general"/>'
		);
		expect(untitled).not.toBe(files['imsmanifest.xml']);
		expect((await validate(untitled, 'cc11libxml2validator.xsd')).valid).toBe(false);
		const described = files['imsmanifest.xml'].replace(
			'<file href=',
			'<metadata><lom:lom xmlns:lom="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"><lom:general><lom:description><lom:string>x</lom:string></lom:description></lom:general></lom:lom></metadata><file href='
		);
		expect((await validate(described, 'cc11libxml2validator.xsd')).valid).toBe(false);
	});
});
