// Builds one SCORM 1.2 package per lesson: dist-packages/scorm/<slug>.zip.
//
// The app is built a second time with STEPVISOR_TARGET=scorm (see svelte.config.js):
// hash router and one inlined bundle, so it runs from whatever path the LMS
// unpacks it to, and even from file://. Each package holds that build with an
// index.html that opens its lesson (`#/lessons/<slug>`), plus imsmanifest.xml.
//
//   npm run package:scorm                      build the app, then the packages
//   npm run package:scorm -- --no-build        reuse the last SCORM build
//   STEPVISOR_SITE_URL=https://… npm run …     where links to other lessons open
//                                              (default https://stepvisor.example)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	formatSize,
	listFiles,
	readLessons,
	scormManifest,
	writeZip
} from '../src/lib/scorm/lms-package.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, '.svelte-kit', 'scorm-site');
const out = join(root, 'dist-packages', 'scorm');
const publicSite = (process.env.STEPVISOR_SITE_URL ?? 'https://stepvisor.example').replace(
	/\/+$/,
	''
);

/** `--mastery N`: a mastery score (0–100) in every package; none by default (docs/lms.md). */
/** @param {string[]} argv */
function masteryOption(argv) {
	const index = argv.indexOf('--mastery');
	if (index < 0) return null;
	const value = argv[index + 1] ?? '';
	if (!/^\d{1,3}$/.test(value) || Number(value) > 100) {
		console.error(`--mastery takes a whole number from 0 to 100 (got ${JSON.stringify(value)}).`);
		process.exit(2);
	}
	return Number(value);
}
const mastery = masteryOption(process.argv.slice(2));

if (!process.argv.includes('--no-build') || !existsSync(join(site, 'index.html'))) {
	console.log('Building the SCORM copy of the site (hash router, inlined bundle)…');
	rmSync(site, { recursive: true, force: true });
	// tsconfig.json extends the site's generated .svelte-kit/tsconfig.json, which a
	// fresh clone does not have yet and the SCORM build (another outDir) does not write.
	const sync = spawnSync(
		process.execPath,
		[join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync'],
		{ cwd: root, encoding: 'utf8' }
	);
	if (sync.status !== 0) {
		process.stderr.write(sync.stderr ?? '');
		process.exit(sync.status ?? 1);
	}
	const result = spawnSync(
		process.execPath,
		[join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'],
		{ cwd: root, encoding: 'utf8', env: { ...process.env, STEPVISOR_TARGET: 'scorm' } }
	);
	// Its output is kept for failures: on success it only repeats advice meant for the site build.
	if (result.status !== 0) {
		process.stdout.write(result.stdout ?? '');
		process.stderr.write(result.stderr ?? '');
		process.exit(result.status ?? 1);
	}
}

const shell = readFileSync(join(site, 'index.html'), 'utf8');

/**
 * Files of the build a lesson needs: the app (inlined in index.html), the icon and
 * the stylesheets or assets index.html refers to. Left out: the embed demo, the
 * example scenarios and the lesson cards' pictures, which only the site uses.
 * @param {string} file
 */
function needed(file) {
	if (file === 'index.html' || file === 'favicon.svg') return true;
	if (file.startsWith('_app/immutable/')) return shell.includes(file.split('/').at(-1) ?? file);
	return false;
}

/**
 * The package's index.html: before the app starts, tell it its lesson and the
 * public site, and put the lesson's route in the address if there is none.
 * @param {string} slug
 */
function launchPage(slug) {
	const config = JSON.stringify({ lesson: slug, site: publicSite }).replace(/</g, '\\u003c');
	// A route of the SCORM build's own tree (src/lib/scorm/routes), whose addresses keep
	// SvelteKit's default form, without a trailing slash; the public site's pages are
	// folders (`/lessons/<slug>/`), and links to them are made in src/lib/scorm/links.ts.
	const route = JSON.stringify(`#/lessons/${slug}`);
	const script =
		`<script>window.__stepvisorScorm=${config};` +
		`if(!/^#\\/./.test(location.hash))history.replaceState(history.state,'',${route});</script>`;
	const head = shell.indexOf('<head>');
	if (head < 0) throw new Error('the SCORM build has no <head> in index.html');
	const at = head + '<head>'.length;
	return shell.slice(0, at) + script + shell.slice(at);
}

const files = listFiles(site).filter(needed);
rmSync(out, { recursive: true, force: true });
let total = 0;
const lines = [];
for (const lesson of readLessons(root)) {
	/** @type {Record<string, string | Uint8Array>} */
	const content = {};
	for (const file of files) {
		content[file] =
			file === 'index.html' ? launchPage(lesson.slug) : readFileSync(join(site, file));
	}
	content['imsmanifest.xml'] = scormManifest(lesson, files, { mastery });
	const path = join(out, `${lesson.slug}.zip`);
	const size = writeZip(path, content);
	total += size;
	lines.push(`  ${formatSize(size).padStart(10)}  dist-packages/scorm/${lesson.slug}.zip`);
}
console.log(
	`SCORM 1.2 packages (links out open ${publicSite}; ${
		mastery === null ? 'no mastery score: the LMS grades the score' : `mastery score ${mastery}`
	}):`
);
console.log(lines.join('\n'));
console.log(`  ${formatSize(total).padStart(10)}  in all`);
