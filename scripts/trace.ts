/**
 * npm run -s trace -- FILE   (or '-' for standard input)
 * Prints the trace as JSON and exits 0; an invalid scenario prints one line per
 * problem on stderr and exits 2, and so does a trace whose JSON would pass the
 * printed-size cap (64 MiB, measured before any text is built); any other
 * failure exits 1 with a message.
 */
import { readFileSync } from 'node:fs';
import { runScenario } from '../src/lib/sim';
import { LIMITS, jsonByteSize } from '../src/lib/sim/core';

function fail(message: string, code: number): never {
	process.stderr.write(`${message}\n`);
	process.exit(code);
}

const args = process.argv.slice(2).filter((arg) => arg !== '--');
if (args.length !== 1) fail('usage: npm run -s trace -- FILE   (use - to read standard input)', 1);
const file = args[0];

let source: string;
try {
	source = readFileSync(file === '-' ? 0 : file, 'utf8');
} catch (error) {
	const code = (error as NodeJS.ErrnoException).code;
	fail(
		`trace: cannot read ${file === '-' ? 'standard input' : file}${code ? ` (${code})` : ''}`,
		1
	);
}

let outcome;
try {
	outcome = runScenario(source);
} catch (error) {
	fail(`trace: internal error: ${error instanceof Error ? error.message : String(error)}`, 1);
}
if (!outcome.ok) {
	process.stderr.write(outcome.errors.map((line) => `${line}\n`).join(''));
	process.exit(2);
}
// Frames share structure in memory, JSON repeats it: a valid trace can be
// gigabytes as text, more than a string can hold. Measure first.
const size = jsonByteSize(outcome.trace) + 1;
if (size > LIMITS.printedBytes) {
	const mib = (bytes: number) =>
		`${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
	fail(
		`(trace): its JSON would be ${mib(size)} (${size.toLocaleString('en-US')} bytes), more than the ${mib(LIMITS.printedBytes)} npm run trace prints (the printed-size limit); the site can still show this scenario, or use fewer operations or frames`,
		2
	);
}
process.stdout.write(`${JSON.stringify(outcome.trace)}\n`);
