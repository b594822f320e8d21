import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4199);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// The tests mostly wait on the browser (a fresh-clone run used 0.4 of its two cores
	// with one worker): two workers halve that wait.
	workers: 2,
	retries: 0,
	reporter: [
		[process.env.CI ? 'line' : 'list'],
		// The failed tests again at the end of `npm test` (scripts/test.js).
		['./tests/e2e/failures-reporter.ts']
	],
	timeout: 30_000,
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		// The offline service worker would answer requests that tests route or count;
		// tests/e2e/offline.spec.ts allows it.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || undefined,
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-gpu',
				'--no-first-run',
				'--disable-sync'
			]
		}
	},
	projects: [
		{
			name: 'site',
			testIgnore: /offthread\.spec\.ts/,
			// Each worker keeps one browser context and page from test to test, which Playwright
			// resets in between (storage, service workers, routes, init scripts, emulation) and
			// tests/e2e/fixtures.ts resets further (offline, permissions). Without a new context
			// and renderer per test, player.spec ran 16 % faster here and a mix of 140 tests 3-4 %.
			// A test that asks for other context options (touch, no JavaScript, service workers)
			// still gets a context of its own.
			use: { reuseContext: true }
		},
		// Main-thread task lengths are measured once everything else is done, one test at a
		// time: on a 2-core machine a second browser stepping lessons would stretch them.
		// `npm test` runs this project on its own (--no-deps) once the unit tests are done too.
		{
			name: 'quiet',
			testMatch: /offthread\.spec\.ts/,
			fullyParallel: false,
			dependencies: ['site']
		}
	],
	webServer: {
		command: 'node scripts/serve.js',
		env: { PORT: String(port) },
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		stdout: 'ignore'
	}
});
