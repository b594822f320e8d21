// Node-side helpers shared by scripts/package-scorm.js and scripts/package-cc.js:
// the lesson list (read by src/lib/content/lesson-folders.js, as the site reads it),
// the SCORM 1.2 and Common Cartridge 1.3 manifests, and zip writing. Never imported
// by the app.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

/** The lessons, in order, with their front matter: the site's own reader. */
export { readLessons } from '../content/lesson-folders.js';

/**
 * What a package needs of a lesson (readLessons gives more).
 * @typedef {{ folder: string, slug: string, number: number, title: string, summary: string }} Lesson
 */

/** @param {string} value */
export function xmlEscape(value) {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/**
 * Every file under `dir`, as forward-slash paths relative to it, sorted.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
	/** @type {string[]} */
	const out = [];
	/** @param {string} at */
	const walk = (at) => {
		for (const name of readdirSync(at)) {
			const path = join(at, name);
			if (statSync(path).isDirectory()) walk(path);
			else out.push(relative(dir, path).split(sep).join('/'));
		}
	};
	walk(dir);
	return out.sort();
}

/**
 * imsmanifest.xml of a one-lesson SCORM 1.2 package: one organization, one item,
 * one SCO resource listing every file.
 * @param {Lesson} lesson
 * @param {string[]} files paths in the package (imsmanifest.xml itself excluded)
 * @param {{ mastery?: number | null }} [options] a mastery score (0–100) makes the LMS
 *   judge passed/failed; without one the lesson reports `completed` with its score.
 */
export function scormManifest(lesson, files, { mastery = null } = {}) {
	// By slug, not folder: renumbering a lesson must not make an LMS that updates the
	// package see a new one (Moodle keeps learners' attempts by these identifiers).
	const id = `stepvisor-${lesson.slug}`;
	const title = xmlEscape(`Lesson ${lesson.number}: ${lesson.title}`);
	const list = files.map((file) => `\t\t\t<file href="${xmlEscape(file)}"/>`).join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
	xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
	xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
	<metadata>
		<schema>ADL SCORM</schema>
		<schemaversion>1.2</schemaversion>
	</metadata>
	<organizations default="${id}-org">
		<organization identifier="${id}-org">
			<title>${title}</title>
			<item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
				<title>${title}</title>
${mastery === null ? '' : `				<adlcp:masteryscore>${mastery}</adlcp:masteryscore>\n`}			</item>
		</organization>
	</organizations>
	<resources>
		<resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${list}
		</resource>
	</resources>
</manifest>
`;
}

/** @typedef {'1.3' | '1.1'} CartridgeVersion */

/**
 * Namespaces and names of a Common Cartridge version: 1.3 is the current one
 * (Canvas, Brightspace, Blackboard); Moodle imports only 1.0 and 1.1.
 * @param {CartridgeVersion} version
 */
export function cartridgeNames(version) {
	const v = version === '1.1' ? '1' : '3';
	return {
		manifest: `http://www.imsglobal.org/xsd/imsccv1p${v}/imscp_v1p1`,
		lom: `http://ltsc.ieee.org/xsd/imsccv1p${v}/LOM/manifest`,
		webLink: `http://www.imsglobal.org/xsd/imsccv1p${v}/imswl_v1p${v}`,
		webLinkType: `imswl_xmlv1p${v}`,
		schemaVersion: `1.${v}.0`,
		manifestXsd: `http://www.imsglobal.org/profile/cc/ccv1p${v}/ccv1p${v}_imscp_v1p2_v1p0.xsd`,
		lomXsd: `http://www.imsglobal.org/profile/cc/ccv1p${v}/LOM/ccv1p${v}_lommanifest_v1p0.xsd`,
		webLinkXsd: `http://www.imsglobal.org/profile/cc/ccv1p${v}/ccv1p${v}_imswl_v1p${v}.xsd`
	};
}

/**
 * A Common Cartridge web link.
 * @param {string} title
 * @param {string} url
 * @param {CartridgeVersion} [version]
 */
export function webLinkXml(title, url, version = '1.3') {
	const names = cartridgeNames(version);
	return `<?xml version="1.0" encoding="UTF-8"?>
<webLink xmlns="${names.webLink}"
	xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
	xsi:schemaLocation="${names.webLink} ${names.webLinkXsd}">
	<title>${xmlEscape(title)}</title>
	<url href="${xmlEscape(url)}" target="_blank"/>
</webLink>
`;
}

/** The module (Canvas) or section (Moodle) that holds the lesson links. */
export const CARTRIDGE_MODULE_TITLE = 'Stepvisor: virtual machines and containers';

/** Moodle's General section's summary (the Moodle cartridge's first item). */
export const CARTRIDGE_GENERAL_SUMMARY = 'The Stepvisor lessons are in the next section.';

/**
 * Where a cartridge link points: the lesson view made to be framed, since Moodle
 * shows every imported link inside its own page (Display: Embed) and Canvas may too.
 * @param {string} base the public site's address, without a trailing slash
 * @param {Lesson} lesson
 */
export function framedLessonUrl(base, lesson) {
	return `${base}/framed/lessons/${lesson.slug}/`;
}

/**
 * A thin Common Cartridge: one organization whose module holds a web link per
 * lesson, to `<base>/framed/lessons/<slug>/`.
 *
 * Moodle's converter (backup/cc/cc2moodle.php) makes one course section of each
 * item under the root, numbering them from 0, and section 0 is "General". So the
 * Moodle copy (1.1) starts with an item with no link that stands for "General", and the
 * lessons' module becomes section 1, its title the section's summary. Canvas makes
 * a module of each item under the root, so the Canvas copy (1.3) has only the one.
 * @param {Lesson[]} lessons
 * @param {string} base the public site's address, without a trailing slash
 * @param {CartridgeVersion} [version]
 * @returns {Record<string, string>} file path → content
 */
export function commonCartridge(lessons, base, version = '1.3') {
	const names = cartridgeNames(version);
	/** @type {Record<string, string>} */
	const files = {};
	const items = [];
	const resources = [];
	for (const lesson of lessons) {
		const title = `Lesson ${lesson.number}: ${lesson.title}`;
		const href = `weblinks/${lesson.slug}.xml`;
		files[href] = webLinkXml(title, framedLessonUrl(base, lesson), version);
		items.push(
			`\t\t\t\t\t<item identifier="item-${lesson.slug}" identifierref="res-${lesson.slug}">\n\t\t\t\t\t\t<title>${xmlEscape(title)}</title>\n\t\t\t\t\t</item>`
		);
		// No metadata: the CC resource profile of LOM has no `general` (so no description)
		// and Moodle refuses a manifest that has one; neither LMS shows it anyway.
		resources.push(
			`\t\t<resource identifier="res-${lesson.slug}" type="${names.webLinkType}">
			<file href="${href}"/>
		</resource>`
		);
	}
	// The CC 1.1 profile requires an item's title. Moodle's converter makes a titled item
	// with no resource its section's summary (and no activity), so the title is a line
	// for the General section.
	const general =
		version === '1.1'
			? `\t\t\t\t<item identifier="section-general">\n\t\t\t\t\t<title>${xmlEscape(CARTRIDGE_GENERAL_SUMMARY)}</title>\n\t\t\t\t</item>\n`
			: '';
	files['imsmanifest.xml'] = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="stepvisor-cc"
	xmlns="${names.manifest}"
	xmlns:lomimscc="${names.lom}"
	xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
	xsi:schemaLocation="${names.manifest} ${names.manifestXsd} ${names.lom} ${names.lomXsd}">
	<metadata>
		<schema>IMS Common Cartridge</schema>
		<schemaversion>${names.schemaVersion}</schemaversion>
		<lomimscc:lom>
			<lomimscc:general>
				<lomimscc:title>
					<lomimscc:string language="en">Stepvisor</lomimscc:string>
				</lomimscc:title>
				<lomimscc:description>
					<lomimscc:string language="en">Step-through animations of how virtual machines and containers isolate software: one link per lesson.</lomimscc:string>
				</lomimscc:description>
			</lomimscc:general>
		</lomimscc:lom>
	</metadata>
	<organizations>
		<organization identifier="org" structure="rooted-hierarchy">
			<item identifier="root">
${general}				<item identifier="module-lessons">
					<title>${xmlEscape(CARTRIDGE_MODULE_TITLE)}</title>
${items.join('\n')}
				</item>
			</item>
		</organization>
	</organizations>
	<resources>
${resources.join('\n')}
	</resources>
</manifest>
`;
	return files;
}

/**
 * Writes a zip (fixed timestamps, so the same input gives the same bytes).
 * @param {string} path
 * @param {Record<string, string | Uint8Array>} files
 * @returns {number} its size in bytes
 */
export function writeZip(path, files) {
	/** @type {import('fflate').Zippable} */
	const entries = {};
	const mtime = new Date('2020-01-01T00:00:00Z');
	for (const name of Object.keys(files).sort()) {
		const content = files[name];
		const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
		entries[name] = [data, { mtime, level: 9 }];
	}
	const zipped = zipSync(entries);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, zipped);
	return zipped.length;
}

/** @param {number} bytes */
export function formatSize(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
