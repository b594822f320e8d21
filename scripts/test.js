// `npm test`: installs what is missing, type-checks and lints, runs the unit tests
// while the site is built, then the end-to-end tests against that build.
//
// svelte-check, ESLint, Vitest and Vite each keep about one core busy, so on a
// 2-core machine they run two at a time; the end-to-end tests (a browser, its
// renderers and a server) use both cores on their own. Each job's output is held
// and printed whole when it ends, so the log reads in order.
import { spawn, spawnSync } from 'node:child_process';

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
// Generated types first: the jobs below only read them (a later sync rewrites a file
// only when its content changes, so the build's own sync cannot disturb Vitest).
runVisible('npx', ['svelte-kit', 'sync']);
await inParallel([
	['svelte-check', 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
	['prettier and ESLint', 'npx prettier --check . && npx eslint .']
]);
await inParallel([
	['unit tests (Vitest)', 'npx vitest run'],
	['site build for the end-to-end tests', 'npx vite build --logLevel warn']
]);
runVisible('node', ['scripts/e2e.js'], { E2E_SKIP_BUILD: '1' });
