/**
 * The values a cgroup v2 interface file takes, parsed the way the kernel reads
 * them (Documentation/admin-guide/cgroup-v2.rst): `cpu.max` is "$MAX $PERIOD"
 * in microseconds with "max" for no limit; `cpu.weight` is 1–10000; memory
 * sizes are bytes with an optional K/M/G/T suffix (powers of 1024, as the
 * kernel's memparse() reads them) or "max"; `io.max` is "rbps=… wbps=…".
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

/** A size in bytes: a whole number, or a string like "512", "64M", "1.5G". */
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

/** `cpu.max`: "$MAX $PERIOD" or "$MAX" (period stays 100000), $MAX a number or "max". */
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

/** `cpu.weight`: a whole number from 1 to 10000. */
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

/** The limits a write to io.max gives: a key left out keeps the group's limit. */
export interface IoMax {
	rbps?: number | null;
	wbps?: number | null;
}

/**
 * `io.max` for the one disk of the model: "rbps=N wbps=N", where either may be
 * left out and "max" removes a limit. As in the kernel (blk-throttle's
 * tg_set_limit starts from the group's current limits), a key that is not
 * written keeps its value. A leading "MAJ:MIN" device number, as in the real
 * file, is accepted and ignored.
 */
export function parseIoMax(input: unknown): Parsed<IoMax> {
	if (typeof input !== 'string') return fail('must be a string like "rbps=max wbps=10M"');
	const parts = input.trim().split(/\s+/).filter(Boolean);
	if (parts.length && /^\d+:\d+$/.test(parts[0])) parts.shift();
	const out: IoMax = {};
	for (const part of parts) {
		const match = /^(rbps|wbps|riops|wiops)=(.+)$/.exec(part);
		if (!match) return fail(`"${part.slice(0, 30)}" is not KEY=VALUE with KEY rbps or wbps`);
		if (match[1] === 'riops' || match[1] === 'wiops') {
			return fail(`${match[1]} is not modelled here (only rbps and wbps)`);
		}
		const size = parseSize(match[2], { allowMax: true });
		if (!size.ok) return fail(`${match[1]} ${size.message}`);
		out[match[1] as 'rbps' | 'wbps'] = size.value;
	}
	return ok(out);
}

export const SET_FILES = ['cpu.max', 'cpu.weight', 'memory.max', 'memory.high', 'io.max'] as const;
export type SetFile = (typeof SET_FILES)[number];

/** Checks a value written to one of the files; the message says what is wrong. */
export function checkSetValue(file: SetFile, value: unknown, tickUs: number): string | null {
	let parsed: Parsed<unknown>;
	switch (file) {
		case 'cpu.max':
			parsed = parseCpuMax(value, tickUs);
			break;
		case 'cpu.weight':
			parsed = parseWeight(value);
			break;
		case 'memory.max':
		case 'memory.high':
			parsed = parseSize(value, { allowMax: true });
			break;
		case 'io.max':
			parsed = parseIoMax(value);
			break;
	}
	return parsed.ok ? null : parsed.message;
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
