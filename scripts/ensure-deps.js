// Installs dependencies when they are missing or older than package-lock.json,
// so `npm start` and `npm test` work on a fresh clone with no other step.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale =
	!existsSync(marker) ||
	(existsSync('package-lock.json') &&
		statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000);

if (stale) {
	console.log('Installing dependencies (npm ci)…');
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('Could not install dependencies: npm ci failed (see above).');
		process.exit(result.status ?? 1);
	}
}
