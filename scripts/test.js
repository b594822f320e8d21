// `npm test`: installs what is missing, type-checks and lints, then runs the unit
// tests while the site is built and the end-to-end tests run against it.
//
// svelte-check, ESLint and Vitest each keep about one core busy, and the
// end-to-end tests (one browser page at a time, mostly waiting on it) leave
// much of a second core idle: on a 2-core machine, checking runs beside linting
// and the unit tests beside the build and the end-to-end tests. Held output is
// printed whole when its job ends, so the log reads in order.
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

function printEndToEndFailures() {
	let failures;
	try {
		failures = JSON.parse(readFileSync(FAILURES_FILE, 'utf8'));
	} catch {
		return;
	}
	if (!Array.isArray(failures) || failures.length === 0) return;
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
// A list left by an earlier run would be taken for this one's, if this one stops before Playwright ends.
rmSync(FAILURES_FILE, { force: true });
const endToEnd = new Promise((resolve) => {
	const child = spawn('node', ['scripts/e2e.js'], { stdio: 'inherit', env: process.env });
	child.on('close', (code) => resolve(code ?? 1));
});
const [unitResult, endToEndCode] = await Promise.all([unit, endToEnd]);
console.log(
	`\n── ${unitResult.name} (${unitResult.seconds.toFixed(0)} s${unitResult.code === 0 ? '' : `, exit ${unitResult.code}`}) ──`
);
process.stdout.write(unitResult.output);
// Which end-to-end tests failed, last in the log, where a log cut to its end shows it
// (tests/e2e/failures-reporter.ts writes them; Playwright's own report is above).
if (endToEndCode !== 0) printEndToEndFailures();
const failed = [
	...(unitResult.code === 0 ? [] : ['unit tests']),
	...(endToEndCode === 0 ? [] : ['end-to-end tests'])
];
if (failed.length) {
	console.error(`\nFailed: ${failed.join(', ')}.`);
	process.exit(1);
}
