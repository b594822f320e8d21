// Builds a thin Common Cartridge (IMS CC 1.3) for Canvas, Moodle and other LMSs:
// dist-packages/stepvisor-cc.imscc, one web link per lesson to the public site.
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

const lessons = readLessons(root);
const path = join(root, 'dist-packages', 'stepvisor-cc.imscc');
const size = writeZip(path, commonCartridge(lessons, base));
console.log(`Common Cartridge 1.3 with ${lessons.length} lesson links to ${base}/lessons/…:`);
console.log(`  ${formatSize(size).padStart(10)}  dist-packages/stepvisor-cc.imscc`);
