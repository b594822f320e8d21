/**
 * npm run -s trace -- FILE   (or '-' for standard input)
 * Prints the trace as one line of JSON and exits 0; an invalid scenario prints
 * one line per problem on stderr and exits 2, and so does a trace whose JSON
 * would pass the printed-size cap (64 MiB, measured before any text is built);
 * a usage mistake, an unreadable file or an internal error exits 1 with a
 * message. `--help` prints the usage on stdout and exits 0.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { runScenario } from './models';
import { LIMITS, decodeScenarioBytes, formatNumber, jsonByteSize } from '../src/lib/sim/core';

const USAGE = `usage: npm run -s trace -- FILE   (use - to read standard input)

Prints the trace of the scenario in FILE as one line of JSON on stdout.
Exit status: 0 the trace was printed; 1 a usage mistake, a file that cannot be
read, or an internal error; 2 the scenario is invalid (one line per problem on
stderr) or its trace is too large to print (over 64 MiB).
See docs/scenarios.md.`;

function fail(message: string, code: number): never {
	process.stderr.write(`${message}\n`);
	process.exit(code);
}

/** Waits without spinning, for a standard input that has no data yet. */
function pause(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The file's bytes, at most one more than the scenario limit: enough to tell
 * that a file is too large without reading all of it (it may be a device or
 * a pipe that never ends).
 */
function readBounded(file: string): Uint8Array {
	const fd = file === '-' ? 0 : openSync(file, 'r');
	try {
		const buffer = Buffer.alloc(LIMITS.scenarioBytes + 1);
		let filled = 0;
		while (filled < buffer.length) {
			let read: number;
			try {
				read = readSync(fd, buffer, filled, buffer.length - filled, null);
			} catch (error) {
				// A non-blocking standard input (a pipe some shells hand over) has no data yet.
				if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
				pause(10);
				continue;
			}
			if (read === 0) break;
			filled += read;
		}
		return buffer.subarray(0, filled);
	} finally {
		if (fd !== 0) closeSync(fd);
	}
}

const args = process.argv.slice(2).filter((arg) => arg !== '--');
if (args.includes('--help') || args.includes('-h')) {
	process.stdout.write(`${USAGE}\n`);
	process.exit(0);
}
if (args.length !== 1) fail(USAGE, 1);
const file = args[0];

let bytes: Uint8Array;
try {
	bytes = readBounded(file);
} catch (error) {
	const code = (error as NodeJS.ErrnoException).code;
	fail(
		`trace: cannot read ${file === '-' ? 'standard input' : file}${code ? ` (${code})` : ''}`,
		1
	);
}
const decoded = decodeScenarioBytes(bytes);
if (!decoded.ok) fail(`(scenario): ${decoded.problem}`, 2);

let outcome;
try {
	outcome = await runScenario(decoded.text);
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
	fail(
		`(trace): its JSON would be ${mibOver(size, LIMITS.printedBytes)} (${formatNumber(size)} bytes), more than the ${formatNumber(LIMITS.printedBytes / 1024 / 1024)} MiB npm run trace prints (the printed-size limit); the site can still show this scenario, or use fewer operations or frames`,
		2
	);
}
process.stdout.write(`${JSON.stringify(outcome.trace)}\n`);

/**
 * `bytes` in MiB for a message saying it is more than `limit`: with the fewest
 * decimals that show it is more, so a size just past 64 MiB never reads
 * "64 MiB, more than the 64 MiB".
 */
function mibOver(bytes: number, limit: number): string {
	const mib = bytes / 1024 / 1024;
	for (let decimals = 0; decimals <= 2; decimals++) {
		const scale = 10 ** decimals;
		const shown = Math.round(mib * scale) / scale;
		if (shown * 1024 * 1024 > limit) return `${formatNumber(shown)} MiB`;
	}
	return `${formatNumber(Math.ceil(mib * 1000) / 1000)} MiB`;
}
