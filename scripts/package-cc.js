// Builds a thin Common Cartridge for Canvas, Moodle and other LMSs, one web link
// per lesson to the framed lesson view of the public site (/framed/lessons/<slug>/):
//   dist-packages/stepvisor-canvas.imscc   IMS CC 1.3 (Canvas, Brightspace, Blackboard…)
//   dist-packages/stepvisor-moodle.imscc   CC 1.1, for Moodle, whose importer reads
//                                          CC 1.0 and 1.1 only
//
//   npm run package:cc                               links to https://stepvisor.example
//   npm run package:cc -- https://stepvisor.school.edu
//   STEPVISOR_SITE_URL=https://… npm run package:cc  the same, from the environment
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	commonCartridge,
	formatSize,
	readLessons,
	writeZip
} from '../src/lib/scorm/lms-package.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const given = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const base = (given ?? process.env.STEPVISOR_SITE_URL ?? 'https://stepvisor.example').replace(
	/\/+$/,
	''
);

let parsed;
try {
	parsed = new URL(base);
} catch {
	parsed = null;
}
if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
	console.error(`Not a web address: ${base} (give e.g. https://stepvisor.example)`);
	process.exit(1);
}

// An LMS is served over https, and a browser blocks an http page framed in it (mixed
// content): the links would show nothing there. Loopback is for trying it locally.
if (parsed.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
	console.warn(
		`Warning: ${base} is http, not https. An LMS served over https cannot show these links in its pages (the browser blocks them as mixed content).`
	);
}

const lessons = readLessons(root);
console.log(`Common Cartridges with ${lessons.length} lesson links to ${base}/framed/lessons/…:`);
for (const [version, name] of /** @type {const} */ ([
	['1.3', 'stepvisor-canvas.imscc'],
	['1.1', 'stepvisor-moodle.imscc']
])) {
	const size = writeZip(join(root, 'dist-packages', name), commonCartridge(lessons, base, version));
	console.log(`  ${formatSize(size).padStart(10)}  dist-packages/${name} (CC ${version})`);
}
