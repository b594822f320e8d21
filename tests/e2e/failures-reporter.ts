/**
 * Writes the end-to-end tests that failed, with the start of each one's error, to
 * test-results/e2e-failures.json, for `npm test` to print again at the very end
 * of its output (scripts/test.js): the unit tests' output, held until both are
 * done, comes after Playwright's, and a CI log cut to its last lines showed only
 * "Failed: end-to-end tests." with no word of which.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** A terminal's colour code (ESC [ … m). */
const COLOUR_CODE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** scripts/test.js reads it from here. */
const FAILURES_FILE = 'test-results/e2e-failures.json';

interface Failure {
	title: string;
	where: string;
	status: string;
	error: string;
}

export default class FailuresReporter implements Reporter {
	private failures: Failure[] = [];

	onTestEnd(test: TestCase, result: TestResult): void {
		if (result.status === test.expectedStatus) return;
		const message = result.error?.message ?? result.errors[0]?.message ?? '';
		this.failures.push({
			title: test.titlePath().filter(Boolean).join(' › '),
			where: `${test.location.file.replace(`${process.cwd()}/`, '')}:${test.location.line}`,
			status: result.status,
			// Colour codes out, and a few lines: the full report is above it in the log.
			error: message.replace(COLOUR_CODE, '').split('\n').slice(0, 6).join('\n')
		});
	}

	onEnd(): void {
		mkdirSync('test-results', { recursive: true });
		writeFileSync(FAILURES_FILE, JSON.stringify(this.failures, null, '\t'));
	}

	printsToStdio(): boolean {
		return false;
	}
}
