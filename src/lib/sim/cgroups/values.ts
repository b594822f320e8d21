/**
 * The values a cgroup v2 interface file takes, parsed the way the kernel reads
 * them (Documentation/admin-guide/cgroup-v2.rst): `cpu.max` is "$MAX $PERIOD"
 * in microseconds with "max" for no limit; `cpu.weight` is 1–10000; memory
 * sizes in a scenario's own fields are bytes with an optional K/M/G/T suffix
 * (powers of 1024) or "max". Text written by a `set` op is read as the kernel
 * reads it (writeCpuMax, writeWeight, writeMemory, writeIoMax), errno and all.
 * Every parser returns a value or a message, never throws.
 */

import { formatNumber } from '../core/format';

export const WEIGHT_MIN = 1;
export const WEIGHT_MAX = 10_000;
export const WEIGHT_DEFAULT = 100;
/** The kernel's bounds on cpu.max (kernel/sched/core.c): period 1 ms – 1 s, quota at least 1 ms. */
export const PERIOD_MIN_US = 1_000;
export const PERIOD_MAX_US = 1_000_000;
export const QUOTA_MIN_US = 1_000;
/** Largest quota accepted here (the kernel allows more; 64 CPUs for a second is plenty). */
export const QUOTA_MAX_US = 64_000_000;
export const PERIOD_DEFAULT_US = 100_000;
/** Largest size accepted anywhere in a scenario: 1 PiB. */
export const SIZE_MAX = 2 ** 50;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

const SUFFIX: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * A size in bytes in a scenario's own fields (a group's `memory`, `io`, a
 * process's behaviour): a whole number, or a string like "512", "64M", "1.5G".
 * This is the model's convenience, not the kernel's parser: text written to a
 * file by a `set` op goes through writeMemory or writeIoMax instead.
 */
export function parseSize(
	input: unknown,
	{ allowMax = false, max = SIZE_MAX } = {}
): Parsed<number | null> {
	if (typeof input === 'number') {
		if (!Number.isInteger(input) || input < 0)
			return fail('must be a whole number of bytes (0 or more)');
		if (input > max) return fail(`must be at most ${formatBytes(max)}`);
		return ok(input);
	}
	if (typeof input !== 'string') {
		return fail(`must be a number of bytes or a string like "64M"${allowMax ? ' or "max"' : ''}`);
	}
	const text = input.trim();
	if (text === 'max')
		return allowMax ? ok(null) : fail('must be a size ("max" is not allowed here)');
	const match = /^(\d{1,16}(?:\.\d{1,6})?)\s*([kmgtKMGT]?)$/.exec(text);
	if (!match) {
		return fail(
			`must be bytes with an optional K, M, G or T suffix, like "64M"${allowMax ? ', or "max"' : ''}`
		);
	}
	const bytes = Math.round(Number(match[1]) * (match[2] ? SUFFIX[match[2].toLowerCase()] : 1));
	if (bytes > max) return fail(`must be at most ${formatBytes(max)}`);
	return ok(bytes);
}

export interface CpuMax {
	/** Microseconds the group may run in each period; null for "max" (no limit). */
	quotaUs: number | null;
	periodUs: number;
}

/**
 * `cpu.max` in a group's own `cpu.max` field: "$MAX $PERIOD" or "$MAX" (period
 * 100000), $MAX a number or "max". This is the model's check of its own field;
 * text written to the file by a `set` op goes through writeCpuMax instead.
 */
export function parseCpuMax(input: unknown, tickUs?: number): Parsed<CpuMax> {
	if (typeof input !== 'string') return fail('must be a string like "50000 100000" or "max"');
	const parts = input.trim().split(/\s+/);
	if (parts.length < 1 || parts.length > 2 || parts[0] === '') {
		return fail('must be "$MAX $PERIOD" in microseconds, like "50000 100000", or "max"');
	}
	let periodUs = PERIOD_DEFAULT_US;
	if (parts.length === 2) {
		if (!/^\d{1,8}$/.test(parts[1]))
			return fail('the period must be a whole number of microseconds');
		periodUs = Number(parts[1]);
		if (periodUs < PERIOD_MIN_US || periodUs > PERIOD_MAX_US) {
			return fail(`the period must be from ${PERIOD_MIN_US} to ${PERIOD_MAX_US} µs (1 ms to 1 s)`);
		}
	}
	let quotaUs: number | null = null;
	if (parts[0] !== 'max') {
		if (!/^\d{1,9}$/.test(parts[0]))
			return fail('the quota must be a whole number of microseconds or "max"');
		quotaUs = Number(parts[0]);
		if (quotaUs < QUOTA_MIN_US) return fail(`the quota must be at least ${QUOTA_MIN_US} µs (1 ms)`);
		if (quotaUs > QUOTA_MAX_US)
			return fail(`the quota must be at most ${QUOTA_MAX_US} µs in this model`);
	}
	if (tickUs !== undefined && periodUs % tickUs !== 0) {
		return fail(
			`the period (${periodUs} µs) must be a whole number of ticks (${tickUs} µs each) in this model`
		);
	}
	return ok({ quotaUs, periodUs });
}

/**
 * `cpu.weight` in a group's own `cpu.weight` field: a whole number from 1 to
 * 10000. Text written to the file by a `set` op goes through writeWeight.
 */
export function parseWeight(input: unknown): Parsed<number> {
	const value = typeof input === 'string' && /^\d{1,6}$/.test(input.trim()) ? Number(input) : input;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < WEIGHT_MIN ||
		value > WEIGHT_MAX
	) {
		return fail(
			`must be a whole number from ${WEIGHT_MIN} to ${WEIGHT_MAX} (the default is ${WEIGHT_DEFAULT})`
		);
	}
	return ok(value);
}

/** The model's one disk: major 8, minor 0 (the first SCSI or SATA disk, sda). */
export const DISK = '8:0';
/** The page size the kernel's memory counters count in (x86-64). */
export const PAGE_SIZE = 4096;

/**
 * What the kernel does with a value written to an interface file: it takes it
 * (`value` is what the file then holds) or refuses it with an errno, and the
 * group's limits stay as they were. `notes` say where the kernel read the text
 * differently from how it looks (a suffix ignored, a size rounded down).
 */
export type KernelWrite<T> =
	| { ok: true; value: T; notes: string[] }
	| { ok: false; errno: 'EINVAL' | 'ERANGE' | 'ENODEV'; reason: string };

const MEMPARSE_SHIFT: Record<string, number> = { k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 };

/**
 * The kernel's memparse() (lib/cmdline.c): a number read by simple_strtoull()
 * with base 0 (decimal, "0x…" hexadecimal, "0…" octal), then one optional
 * K/M/G/T/P/E suffix in either case. Returns the bytes and what is left over.
 */
export function memparse(text: string): { bytes: number; rest: string } {
	let digits = /^[0-9]/;
	let base = 10;
	let i = 0;
	if (text[0] === '0') {
		if (/^0[xX][0-9a-fA-F]/.test(text)) {
			base = 16;
			digits = /^[0-9a-fA-F]/;
			i = 2;
		} else {
			base = 8;
			digits = /^[0-7]/;
		}
	}
	let bytes = 0;
	while (i < text.length && digits.test(text[i])) bytes = bytes * base + parseInt(text[i++], base);
	const shift = MEMPARSE_SHIFT[(text[i] ?? '').toLowerCase()];
	if (shift !== undefined) {
		bytes *= 2 ** shift;
		i++;
	}
	return { bytes, rest: text.slice(i) };
}

/**
 * A write to memory.max or memory.high, as the kernel reads it: the text is
 * stripped of surrounding whitespace, "max" removes the limit, anything else
 * goes through page_counter_memparse() (mm/page_counter.c): memparse(), and
 * EINVAL if anything is left after the number and its suffix ("1.5G" stops at
 * the "."). The bytes are counted in whole pages, so the limit is rounded down
 * to a multiple of 4 KiB.
 */
export function writeMemory(input: string): KernelWrite<number | null> {
	const text = input.trim();
	if (text === 'max') return { ok: true, value: null, notes: [] };
	const { bytes, rest } = memparse(text);
	if (rest !== '') {
		return {
			ok: false,
			errno: 'EINVAL',
			reason: `memparse() reads ${text.length > rest.length ? `“${text.slice(0, text.length - rest.length)}”` : 'no number'} and finds “${rest}” left over, which it refuses (a size is a whole number with an optional K, M, G, T, P or E suffix, or “max”)`
		};
	}
	const value = Math.floor(bytes / PAGE_SIZE) * PAGE_SIZE;
	const notes =
		value === bytes
			? []
			: [
					`The kernel counts memory in 4 KiB pages, so it rounds ${formatNumber(bytes)} bytes down to ${formatBytes(value)}.`
				];
	return { ok: true, value, notes };
}

/** The limits a write to io.max gives: a key left out keeps the group's limit. */
export interface IoMax {
	rbps?: number | null;
	wbps?: number | null;
	/** riops or wiops was written (the model has no limits on operations). */
	iops?: boolean;
}

/**
 * A write to io.max, as blk-throttle's tg_set_limit() reads it: first the
 * disk's "MAJ:MIN" and a space (EINVAL without it, ENODEV for a disk the
 * machine does not have; the model has one, 8:0), then tokens "KEY=VALUE" of at
 * most 26 characters each. VALUE is read with sscanf("%llu") unless it is
 * "max": the digits count and anything after them is ignored, so "wbps=20M" is
 * 20 bytes per second. A value of 0 is ERANGE; an unknown key, a missing "=",
 * or a value that does not start with a digit is EINVAL. Either way nothing
 * changes. A key that is not written keeps its limit.
 */
export function writeIoMax(input: string): KernelWrite<IoMax> {
	const einval = (reason: string): KernelWrite<never> => ({ ok: false, errno: 'EINVAL', reason });
	const device = /^\s*(\d+):(\d+)/.exec(input);
	if (!device) {
		return einval(`io.max wants the disk’s major:minor number first, like “${DISK} wbps=20971520”`);
	}
	let body = input.slice(device[0].length);
	// echo ends the line with a newline, so "8:0" alone is "8:0\n": no change.
	if (body !== '' && !/^\s/.test(body)) {
		return einval(`the major:minor number must be followed by a space`);
	}
	if (`${Number(device[1])}:${Number(device[2])}` !== DISK) {
		return {
			ok: false,
			errno: 'ENODEV',
			reason: `there is no disk ${device[1]}:${device[2]} (the model’s one disk is ${DISK})`
		};
	}
	body = body.trim();
	const tokens = body === '' ? [] : body.split(/\s+/).flatMap((t) => t.match(/.{1,26}/g)!);
	const out: IoMax = {};
	const notes: string[] = [];
	for (const token of tokens) {
		const eq = token.indexOf('=');
		if (eq < 0) return einval(`“${token}” is not KEY=VALUE`);
		const key = token.slice(0, eq);
		const text = token.slice(eq + 1);
		const digits = /^\d+/.exec(text);
		if (!digits && text !== 'max') {
			return einval(`${key}=“${text}” is neither a number nor “max”`);
		}
		const val = digits ? Number(digits[0]) : null;
		if (val === 0) return { ok: false, errno: 'ERANGE', reason: `${key} may not be 0` };
		if (key === 'rbps' || key === 'wbps') out[key] = val;
		else if (key === 'riops' || key === 'wiops') out.iops = true;
		else return einval(`“${key}” is not one of rbps, wbps, riops, wiops`);
		if (digits && digits[0] !== text) {
			notes.push(
				`The kernel reads “${text}” as ${formatNumber(val!)}: io.max takes a plain number${key.endsWith('bps') ? ' of bytes' : ''} and ignores what follows the digits.`
			);
		}
	}
	return { ok: true, value: out, notes };
}

// ------------------------------------------------------------- cpu.max, cpu.weight

/**
 * The bytes a `set` writes: the value in UTF-8 and the newline `echo` ends it
 * with. cpu.max and cpu.weight see them as they are: neither strips them first.
 */
function echoed(value: string): Uint8Array {
	return new TextEncoder().encode(`${value}\n`);
}

/** isspace() of the kernel's lib/ctype.c: tab, newline, vertical tab, form feed, carriage return, space, and byte 0xA0. */
const isSpace = (byte: number | undefined) =>
	byte !== undefined && ((byte >= 9 && byte <= 13) || byte === 32 || byte === 0xa0);
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 48 && byte <= 57;

/** Text of some of the written bytes, with line breaks and other controls shown as escapes. */
function shown(bytes: Uint8Array): string {
	let out = '';
	for (const char of new TextDecoder().decode(bytes)) {
		const code = char.charCodeAt(0);
		out +=
			char === '\n'
				? '\\n'
				: char === '\t'
					? '\\t'
					: code < 0x20 || code === 0x7f
						? `\\x${code.toString(16).padStart(2, '0')}`
						: char;
	}
	return out;
}

/** The bytes without the white space (as isspace() sees it) at either end. */
function stripped(bytes: Uint8Array): Uint8Array {
	let from = 0;
	let to = bytes.length;
	while (from < to && isSpace(bytes[from])) from++;
	while (to > from && isSpace(bytes[to - 1])) to--;
	return bytes.subarray(from, to);
}

const U64_MAX = 2n ** 64n - 1n;

/**
 * Digits from `at` in `base`, as the kernel's _parse_integer() reads them
 * (lib/kstrtox.c): 0–9 and a–f in either case, each below the base. The value
 * wraps around past 2^64 − 1, as a u64 does; `overflow` says it did.
 */
function digits(
	bytes: Uint8Array,
	at: number,
	base: number
): { value: bigint; end: number; overflow: boolean } {
	let value = 0n;
	let overflow = false;
	let end = at;
	for (; end < bytes.length; end++) {
		const c = bytes[end];
		const lc = c | 0x20;
		const digit = c >= 48 && c <= 57 ? c - 48 : lc >= 97 && lc <= 102 ? lc - 87 : 99;
		if (digit >= base) break;
		value = value * BigInt(base) + BigInt(digit);
		if (value > U64_MAX) {
			overflow = true;
			value &= U64_MAX;
		}
	}
	return { value, end, overflow };
}

/** "17,592,186,044,415": a bigint with grouping commas. */
const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+$)/g, ',');

/** RUNTIME_INF (kernel/sched/sched.h): the u64 all ones, which the kernel keeps for "max". */
const RUNTIME_INF = U64_MAX;
/** max_bw_runtime_us (kernel/sched/core.c): MAX_BW, 2^(64 − BW_SHIFT) − 1 µs with BW_SHIFT 20, more than 203 days. */
export const KERNEL_QUOTA_MAX_US = 2 ** 44 - 1;
/** tg_set_bandwidth() first checks that a value survives its conversion to nanoseconds. */
const MAX_USEC = U64_MAX / 1000n;

/** What a write to cpu.max sets: the quota (null: "max"), and the period, or null where it keeps the group's. */
export interface CpuMaxWrite {
	quotaUs: number | null;
	periodUs: number | null;
}

/**
 * A write to cpu.max, as the kernel reads it (kernel/sched/core.c,
 * cpu_max_write()). cpu_period_quota_parse() reads the text with
 * sscanf("%20s %llu"): the first word, at most 20 bytes, is the quota: its
 * leading decimal digits (anything after them in the word is ignored) or
 * "max"; anything else is EINVAL. If a number follows, it is the period;
 * otherwise the group keeps its period, and whatever follows is ignored. Then
 * tg_set_bandwidth() refuses with EINVAL a quota or period below 1,000 µs
 * (1 ms), a period above 1,000,000 µs (1 s) and a quota above
 * KERNEL_QUOTA_MAX_US. "max" may come with a period, which then changes too.
 * cpu.max has no ERANGE.
 */
export function writeCpuMax(input: string): KernelWrite<CpuMaxWrite> {
	const einval = (reason: string): KernelWrite<never> => ({ ok: false, errno: 'EINVAL', reason });
	const bytes = echoed(input);
	// "%20s": skip white space, then copy up to 20 bytes as far as the next white space.
	let i = 0;
	while (isSpace(bytes[i])) i++;
	const wordStart = i;
	while (i < bytes.length && !isSpace(bytes[i]) && i - wordStart < 20) i++;
	const word = bytes.subarray(wordStart, i);
	// A longer word is cut there, and sscanf() reads on from the 21st byte.
	const cut = i - wordStart === 20 && i < bytes.length && !isSpace(bytes[i]);
	// " %llu": skip white space; a period only if decimal digits come next.
	while (isSpace(bytes[i])) i++;
	const period = isDigit(bytes[i]) ? digits(bytes, i, 10) : null;
	const periodText = period ? shown(bytes.subarray(i, period.end)) : null;
	const ignored = shown(stripped(bytes.subarray(period ? period.end : i)));

	// sscanf(tok, "%llu"), else "max".
	const wordText = shown(word);
	let quota: bigint;
	const notes: string[] = [];
	if (isDigit(word[0])) {
		const read = digits(word, 0, 10);
		quota = read.value;
		if (cut) {
			notes.push(`sscanf() reads at most 20 bytes as the quota: “${wordText}”.`);
		}
		if (read.end < word.length || read.overflow) {
			notes.push(
				`The kernel reads the quota “${wordText}” as ${quota === RUNTIME_INF ? '“max”' : `${grouped(quota)} µs`}: ${read.overflow ? 'the number does not fit in 64 bits, so it wraps around' : 'cpu.max takes plain microseconds and ignores what follows the digits'}.`
			);
		} else if (quota === RUNTIME_INF) {
			notes.push(
				`The kernel reads ${wordText} as “max”: it is the number the kernel keeps for no limit (RUNTIME_INF).`
			);
		}
	} else if (wordText === 'max') {
		quota = RUNTIME_INF;
	} else {
		return einval(
			word.length === 0
				? 'there is no quota in it (cpu.max takes “$MAX $PERIOD”, $MAX a number of microseconds or “max”)'
				: `the quota “${wordText}”${cut ? ' (sscanf() reads at most 20 bytes of it)' : ''} is neither a number of microseconds nor “max”`
		);
	}
	if (ignored !== '') {
		notes.push(
			period
				? `The kernel ignores “${ignored}” after the period.`
				: `The kernel finds no number where the period goes (“${ignored}”), so the group keeps its period.`
		);
	}

	// tg_set_bandwidth(), in its order.
	const periodUs = period ? period.value : null;
	const words = (what: string, text: string, value: bigint, cutHere = false) =>
		text === String(value) && !cutHere
			? `the ${what}, ${grouped(value)} µs,`
			: `the ${what} “${text}”${cutHere ? ' (sscanf() reads at most 20 bytes of it)' : ''}, read as ${grouped(value)} µs,`;
	const quotaWords = () => words('quota', wordText, quota, cut);
	const periodWords = (value: bigint) => words('period', periodText!, value);
	const unlimited = quota === RUNTIME_INF;
	if (periodUs !== null && periodUs > MAX_USEC) {
		return einval(`${periodWords(periodUs)} is too large for the kernel to count in nanoseconds`);
	}
	if (!unlimited && quota > MAX_USEC) {
		return einval(`${quotaWords()} is too large for the kernel to count in nanoseconds`);
	}
	if (quota < 1000n) {
		return einval(`${quotaWords()} is less than the kernel’s minimum of 1,000 µs (1 ms)`);
	}
	if (periodUs !== null && periodUs < 1000n) {
		return einval(`${periodWords(periodUs)} is less than the kernel’s minimum of 1,000 µs (1 ms)`);
	}
	if (periodUs !== null && periodUs > 1_000_000n) {
		return einval(
			`${periodWords(periodUs)} is more than the kernel’s maximum of 1,000,000 µs (1 s)`
		);
	}
	if (!unlimited && quota > BigInt(KERNEL_QUOTA_MAX_US)) {
		return einval(
			`${quotaWords()} is more than the kernel’s maximum of ${grouped(BigInt(KERNEL_QUOTA_MAX_US))} µs (over 203 days)`
		);
	}
	return {
		ok: true,
		value: {
			quotaUs: unlimited ? null : Number(quota),
			periodUs: periodUs === null ? null : Number(periodUs)
		},
		notes
	};
}

/**
 * A write to cpu.weight, as the kernel reads it. cgroup_file_write()
 * (kernel/cgroup/cgroup.c) hands the bytes, unstripped, to kstrtoull() with
 * base 0 (lib/kstrtox.c): an optional "+", then digits: "0x…" hexadecimal,
 * "0…" octal, decimal otherwise; then at most one newline and nothing else.
 * No digits, or anything else left over, is EINVAL (" 100", "1.5", "-1", "08");
 * a number past 2^64 − 1 is ERANGE. cpu_weight_write_u64()
 * (kernel/sched/core.c) then refuses a weight outside 1–10000 with ERANGE.
 */
export function writeWeight(input: string): KernelWrite<number> {
	const einval = (reason: string): KernelWrite<never> => ({ ok: false, errno: 'EINVAL', reason });
	const bytes = echoed(input);
	let i = bytes[0] === 0x2b ? 1 : 0; // '+'
	let base = 10;
	if (bytes[i] === 0x30) {
		const next = bytes[i + 2];
		const hex =
			(bytes[i + 1] | 0x20) === 0x78 &&
			next !== undefined &&
			(isDigit(next) || ((next | 0x20) >= 97 && (next | 0x20) <= 102));
		base = hex ? 16 : 8;
		if (hex) i += 2;
	}
	const read = digits(bytes, i, base);
	const text = shown(stripped(bytes));
	if (read.overflow) {
		return {
			ok: false,
			errno: 'ERANGE',
			reason: `kstrtoull() reads “${text}” as a number larger than the largest it can hold, ${grouped(U64_MAX)}`
		};
	}
	if (read.end === i) {
		const first = bytes[0];
		return einval(
			input === ''
				? 'echo writes only a newline, and kstrtoull() finds no number in it'
				: isSpace(first)
					? 'kstrtoull() wants the number at the very start, with no white space before it'
					: first === 0x2d
						? `kstrtoull() reads no minus sign (cpu.weight is a whole number from ${WEIGHT_MIN} to ${formatNumber(WEIGHT_MAX)})`
						: `kstrtoull() finds no number in “${text}” (cpu.weight is a whole number from ${WEIGHT_MIN} to ${formatNumber(WEIGHT_MAX)})`
		);
	}
	let end = read.end;
	if (bytes[end] === 0x0a) end++; // one newline may follow
	if (end < bytes.length) {
		const rest = bytes.subarray(read.end, bytes.length - 1);
		const octal = base === 8 && (rest[0] === 0x38 || rest[0] === 0x39);
		return einval(
			`kstrtoull() reads “${shown(bytes.subarray(0, read.end))}” and finds “${shown(rest)}” left over, which it refuses${octal ? ' (a leading 0 means octal, where 8 and 9 are not digits)' : ': cpu.weight takes a whole number and nothing after it'}`
		);
	}
	const weight = read.value;
	// How base 0 read it, where that is not how it looks.
	const why =
		base === 16
			? 'a leading 0x makes kstrtoull() read hexadecimal'
			: base === 8 && String(weight) !== text.replace(/^\+?0+(?=\d)/, '')
				? 'a leading 0 makes kstrtoull() read octal'
				: null;
	if (weight < BigInt(WEIGHT_MIN) || weight > BigInt(WEIGHT_MAX)) {
		return {
			ok: false,
			errno: 'ERANGE',
			reason: `${why ? `the kernel reads “${text}” as ${grouped(weight)} (${why}), and ` : ''}cpu.weight must be from ${WEIGHT_MIN} to ${formatNumber(WEIGHT_MAX)}`
		};
	}
	const notes = why ? [`The kernel reads “${text}” as ${grouped(weight)}: ${why}.`] : [];
	return { ok: true, value: Number(weight), notes };
}

/** The largest value a successful write sets, for the model's size limit. */
function largest(write: KernelWrite<number | null> | KernelWrite<IoMax>): number {
	if (!write.ok) return 0;
	const v = write.value;
	if (v === null || typeof v === 'number') return v ?? 0;
	return Math.max(v.rbps ?? 0, v.wbps ?? 0);
}

export const SET_FILES = ['cpu.max', 'cpu.weight', 'memory.max', 'memory.high', 'io.max'] as const;
export type SetFile = (typeof SET_FILES)[number];

/**
 * Checks a value written to one of the files; the message says what is wrong.
 * A value the kernel refuses is not a problem of the scenario: the `set` op
 * fails with the kernel's errno. Only what this model cannot show is refused
 * here: a cpu.max quota above 64 s or a period that is not a whole number of
 * ticks, sizes above 1 PiB, riops and wiops.
 */
export function checkSetValue(file: SetFile, value: unknown, tickUs: number): string | null {
	const text = String(value);
	switch (file) {
		case 'cpu.max': {
			const write = writeCpuMax(text);
			if (!write.ok) return null;
			const { quotaUs, periodUs } = write.value;
			if (quotaUs !== null && quotaUs > QUOTA_MAX_US) {
				return `the quota must be at most ${QUOTA_MAX_US} µs in this model (the kernel takes up to ${KERNEL_QUOTA_MAX_US})`;
			}
			if (periodUs !== null && periodUs % tickUs !== 0) {
				return `the period (${periodUs} µs) must be a whole number of ticks (${tickUs} µs each) in this model`;
			}
			return null;
		}
		case 'cpu.weight':
			return null;
		case 'memory.max':
		case 'memory.high':
		case 'io.max': {
			const write = file === 'io.max' ? writeIoMax(text) : writeMemory(text);
			if (largest(write) > SIZE_MAX)
				return `must be at most ${formatBytes(SIZE_MAX)} in this model`;
			if (file === 'io.max' && write.ok && (write.value as IoMax).iops) {
				return 'riops and wiops are not modelled here (only rbps and wbps)';
			}
			return null;
		}
	}
}

// ------------------------------------------------------------------ formatting

/** "1,250" or "2.5": a number as narration writes it. */
export { formatNumber };

/** "64 MiB", "1.5 GiB", "512 KiB", "300 B". */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
	let value = bytes;
	let unit = 0;
	while (Math.abs(value) >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const rounded = unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
	return `${formatNumber(rounded)} ${units[unit]}`;
}

/** "10 ms", "2.5 ms", "1.2 s" from microseconds. */
export function formatUs(us: number): string {
	if (us >= 1_000_000 && us % 100_000 === 0) return `${us / 1_000_000} s`;
	const ms = Math.round(us / 100) / 10;
	return `${formatNumber(ms)} ms`;
}
