// `npm test`: installs what is missing, type-checks and lints, then runs the unit
// tests while the site is built and the end-to-end tests run against it; last,
// alone, the end-to-end tests that measure the main thread's tasks.
//
// svelte-check, ESLint and Vitest each keep about one core busy: on a 2-core
// machine, checking runs beside linting, and the unit tests beside the build and
// the end-to-end tests (which then share the cores; alone, one worker left much of
// a second core idle). Held output is printed whole when its job ends, so the log
// reads in order.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

/** Where tests/e2e/failures-reporter.ts lists the end-to-end tests that failed. */
const FAILURES_FILE = 'test-results/e2e-failures.json';

function runVisible(command, args, env = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a shell command line with its output held; resolves to { name, code, output, seconds }. */
function runHeld(name, commandLine) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(commandLine, { shell: true, env: process.env });
		const chunks = [];
		child.stdout.on('data', (chunk) => chunks.push(chunk));
		child.stderr.on('data', (chunk) => chunks.push(chunk));
		child.on('close', (code) =>
			resolve({
				name,
				code: code ?? 1,
				output: Buffer.concat(chunks).toString(),
				seconds: (Date.now() - started) / 1000
			})
		);
	});
}

/** The end-to-end tests the last Playwright run lists as failed ([] when it wrote no list). */
function endToEndFailures() {
	try {
		const failures = JSON.parse(readFileSync(FAILURES_FILE, 'utf8'));
		return Array.isArray(failures) ? failures : [];
	} catch {
		return [];
	}
}

function printEndToEndFailures(failures) {
	if (failures.length === 0) return;
	console.error(`\n── end-to-end tests that failed (${failures.length}) ──`);
	for (const { title, where, status, error } of failures) {
		console.error(`\n✘ ${title} (${where}, ${status})`);
		if (error) console.error(error.replace(/^/gm, '    '));
	}
}

async function inParallel(jobs) {
	const results = await Promise.all(jobs.map(([name, line]) => runHeld(name, line)));
	for (const { name, code, output, seconds } of results) {
		console.log(`\n── ${name} (${seconds.toFixed(0)} s${code === 0 ? '' : `, exit ${code}`}) ──`);
		process.stdout.write(output);
	}
	const failed = results.filter((result) => result.code !== 0);
	if (failed.length) {
		console.error(`\nFailed: ${failed.map((result) => result.name).join(', ')}.`);
		process.exit(1);
	}
}

runVisible('node', ['scripts/ensure-deps.js']);
// Generated types first, for svelte-check. Vitest writes its own generated files in
// .svelte-kit/vitest (svelte.config.js): every process that loads the SvelteKit
// plugin rewrites them all, and the site is built while Vitest starts.
runVisible('npx', ['svelte-kit', 'sync']);
await inParallel([
	['svelte-check', 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
	['prettier and ESLint', 'npx prettier --check . && npx eslint .']
]);
const unit = runHeld('unit tests (Vitest)', 'npx vitest run');
/** Runs Playwright on the built site (scripts/e2e.js); resolves to its exit code and the tests it failed. */
function runEndToEnd(args, env = {}) {
	// A list left by an earlier run would be taken for this one's, if this one stops before Playwright ends.
	rmSync(FAILURES_FILE, { force: true });
	return new Promise((resolve) => {
		const child = spawn('node', ['scripts/e2e.js', ...args], {
			stdio: 'inherit',
			env: { ...process.env, ...env }
		});
		child.on('close', (code) =>
			resolve({ code: code ?? 1, failures: code === 0 ? [] : endToEndFailures() })
		);
	});
}
// Every end-to-end test but the `quiet` project's, beside the unit tests.
const site = runEndToEnd(['--project=site']);
const [unitResult, siteResult] = await Promise.all([unit, site]);
console.log(
	`\n── ${unitResult.name} (${unitResult.seconds.toFixed(0)} s${unitResult.code === 0 ? '' : `, exit ${unitResult.code}`}) ──`
);
process.stdout.write(unitResult.output);
// Then the `quiet` project (tests/e2e/offthread.spec.ts), with nothing else running: it
// measures how long the page's main-thread tasks are, which a unit test on the other
// core would stretch. The site is built already.
console.log('\n── end-to-end tests that measure the main thread, alone ──');
const quietResult = await runEndToEnd(['--project=quiet', '--no-deps'], { E2E_SKIP_BUILD: '1' });
// Which end-to-end tests failed, last in the log, where a log cut to its end shows it
// (tests/e2e/failures-reporter.ts writes them; Playwright's own report is above).
printEndToEndFailures([...siteResult.failures, ...quietResult.failures]);
const failed = [
	...(unitResult.code === 0 ? [] : ['unit tests']),
	...(siteResult.code === 0 && quietResult.code === 0 ? [] : ['end-to-end tests'])
];
if (failed.length) {
	console.error(`\nFailed: ${failed.join(', ')}.`);
	process.exit(1);
}
