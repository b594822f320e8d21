/**
 * `npm run trace` (scripts/trace.ts) as a course author meets it: its help,
 * its exit codes, and files the browser opens (a byte-order mark, UTF-16)
 * given the same answer, in one line per problem.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MODEL_NAMES } from '../../src/lib/sim';
import { runParsedModel } from '../../src/lib/sim/core';
import { MODELS, runScenario } from './all-models';

const dir = mkdtempSync(join(tmpdir(), 'trace-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = '{"model":"syscall","platform":"native","syscalls":["getpid"]}';

function trace(args: string[], input?: string | Uint8Array) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/trace.ts', ...args], {
		input,
		encoding: 'utf8',
		maxBuffer: 128 * 1024 * 1024
	});
}

function file(name: string, content: string | Uint8Array): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

function expectedTrace(text: string): string {
	const outcome = runScenario(text);
	if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
	return `${JSON.stringify(outcome.trace)}\n`;
}

describe('npm run trace', () => {
	test('--help and -h print the usage on stdout and exit 0', () => {
		for (const flag of ['--help', '-h']) {
			const run = trace([flag]);
			expect(run.status).toBe(0);
			expect(run.stderr).toBe('');
			expect(run.stdout).toMatch(/^usage: npm run -s trace -- FILE/);
			expect(run.stdout).toMatch(/Exit status: 0 .*; 1 .*; 2 /s);
		}
		const none = trace([]);
		expect(none.status).toBe(1);
		expect(none.stdout).toBe('');
		expect(none.stderr).toMatch(/^usage:/);
	});

	test('a file with a UTF-8 byte-order mark is accepted, as the browser accepts it', () => {
		const run = trace([file('bom.json', `\ufeff${SCENARIO}`)]);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toBe(expectedTrace(SCENARIO));
	});

	test('a UTF-16 file with its byte-order mark is read as UTF-16, from a file or standard input', () => {
		const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCENARIO, 'utf16le')]);
		for (const run of [trace([file('utf16.json', bytes)]), trace(['-'], bytes)]) {
			expect(run.stderr).toBe('');
			expect(run.status).toBe(0);
			expect(run.stdout).toBe(expectedTrace(SCENARIO));
		}
	});

	test('a binary file gets one line, with no byte of it', () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
		const run = trace([file('image.png', png)]);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe(
			'(scenario): is not UTF-8 text (a scenario is a JSON file, saved as UTF-8)\n'
		);
	});

	test('a syntax error gives its line and column, not the parser’s snippet', () => {
		const run = trace(['-'], '{\n\t"model": "syscall",\n}\n');
		expect(run.status).toBe(2);
		expect(run.stderr).toBe(
			'(scenario): is not valid JSON (the first error is at line 3, column 1; JSON allows no trailing commas)\n'
		);
	});

	test('an empty file is "empty" and a list "must be an object", as the browser says', () => {
		expect(trace([file('empty.json', '')]).stderr).toBe('(scenario): is empty\n');
		expect(trace(['-'], '[]').stderr).toBe('(scenario): must be an object\n');
	});

	test('a scenario without "model" gets the line a lab gives for it, and only that', () => {
		// A unionfs scenario that only lacks its model: a lab opens it against its own model.
		const scenario = { layers: [{ name: 'base', entries: { '/a': 'x' } }], ops: [] };
		const run = trace([file('no-model.json', JSON.stringify(scenario))]);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		for (const model of MODELS) {
			const lab = runParsedModel(model, scenario, { modelNames: MODEL_NAMES });
			expect(lab.ok).toBe(false);
			if (!lab.ok) expect(run.stderr).toBe(lab.errors.map((line) => `${line}\n`).join(''));
		}
		expect(run.stderr).toBe(
			'model: is required (one of cgroups, namespaces, pidns, syscall, unionfs)\n'
		);
	});

	test('a trace just past the printed-size limit never reads "64 MiB, more than the 64 MiB"', () => {
		// 3,359 synchronous writes on vm-trap-emulate: 67,121,419 bytes, 64.01 MiB.
		const scenario = {
			model: 'syscall',
			platform: 'vm-trap-emulate',
			syscalls: Array(3_359).fill('write')
		};
		const run = trace(['-'], JSON.stringify(scenario));
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(
			/^\(trace\): its JSON would be 64\.01 MiB \(67,121,419 bytes\), more than the 64 MiB npm run trace prints/
		);
	});
});
