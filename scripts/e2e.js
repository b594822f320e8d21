// End-to-end tests: finds a Chromium, builds the site, runs Playwright against it.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.js';

const chromium = await findChromium();
if (!chromium) {
	console.error(
		'No Chromium found: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable.'
	);
	process.exit(1);
}

const run = (command, args, env = {}) => {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!process.env.E2E_SKIP_BUILD) run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['playwright', 'test', ...process.argv.slice(2)], { CHROMIUM_PATH: chromium });
