/**
 * Scenario JSON as it arrives from outside, before it is parsed: a file's
 * bytes decoded to text, the byte-order mark some editors write dropped, and
 * a syntax error placed by line and column. Every entry point (the command
 * line, a file opened in the browser) goes through these, so the same file
 * gets the same answer everywhere. Pure: bytes and strings in, strings out.
 */
import { LIMITS } from './limits';

/** U+FEFF, the byte-order mark: at the start of a text it is not part of the JSON. */
const BYTE_ORDER_MARK = 0xfeff;

/** `text` without the byte-order mark it may start with. */
export function withoutByteOrderMark(text: string): string {
	return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

export type DecodedSource = { ok: true; text: string } | { ok: false; problem: string };

/**
 * The text of a scenario file's bytes, or what is wrong with them (a phrase
 * to follow the file's name: "is not UTF-8 text …"). A file is UTF-8, with or
 * without a byte-order mark; one that starts with a UTF-16 byte-order mark is
 * read as UTF-16, as browsers read such a file. Bytes that are not text in
 * that encoding are refused rather than replaced with U+FFFD, which would
 * quietly change a file's content. The size limit applies to the bytes, so
 * nothing larger is decoded.
 */
export function decodeScenarioBytes(bytes: Uint8Array): DecodedSource {
	if (bytes.length > LIMITS.scenarioBytes) {
		return {
			ok: false,
			problem: `is larger than ${LIMITS.scenarioBytes / 1024 / 1024} MiB (the limit)`
		};
	}
	const encoding =
		bytes[0] === 0xff && bytes[1] === 0xfe
			? 'utf-16le'
			: bytes[0] === 0xfe && bytes[1] === 0xff
				? 'utf-16be'
				: 'utf-8';
	let text: string;
	try {
		// The decoder drops the byte-order mark of its own encoding.
		text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch {
		return {
			ok: false,
			problem:
				encoding === 'utf-8'
					? 'is not UTF-8 text (a scenario is a JSON file, saved as UTF-8)'
					: `is not valid ${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text (it starts with that byte-order mark)`
		};
	}
	if (text.includes('\0')) {
		// Valid JSON never holds a raw NUL; UTF-16 without its byte-order mark is full of them.
		return {
			ok: false,
			problem:
				'holds NUL characters, so it is not JSON text (a UTF-16 file needs its byte-order mark; better, save it as UTF-8)'
		};
	}
	return { ok: true, text };
}

/**
 * Where a SyntaxError from JSON.parse says `text` breaks, as people count:
 * "line 3, column 16". JSON.parse gives the offset for most errors; where it
 * words an unexpected token without one, the offset is found by
 * `jsonErrorOffset`. Null only when `text` is valid JSON after all.
 */
export function jsonErrorPlace(error: unknown, text: string): string | null {
	const offset = jsonErrorOffsetOf(error, text);
	return offset === null ? null : lineAndColumn(text, offset);
}

/** The offset `jsonErrorPlace` describes. */
export function jsonErrorOffsetOf(error: unknown, text: string): number | null {
	return syntaxErrorOffset(error, text) ?? jsonErrorOffset(text);
}

/** The offset a JSON.parse SyntaxError's message gives, or null when it gives none. */
function syntaxErrorOffset(error: unknown, text: string): number | null {
	const message = error instanceof Error ? error.message : String(error);
	const at = /position (\d+)/.exec(message);
	if (at) return Math.min(Number(at[1]), text.length);
	return /end of (JSON )?input/i.test(message) ? text.length : null;
}

/** Line and column (both from 1) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): string {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return `line ${line}, column ${offset - lineStart + 1}`;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isHex = (code: number) =>
	isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);

/**
 * The offset of the first character where `text` stops being JSON (its
 * length when it ends too soon), or null when it is valid JSON. Iterative:
 * a stack of open containers, never recursion, so no text can overflow it.
 */
export function jsonErrorOffset(text: string): number | null {
	const open: number[] = []; // 0x5b for an array, 0x7b for an object
	let i = 0;
	const skipSpace = () => {
		while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
	};
	/** Reads a string at i (a '"'); returns the offset of its error, or -1. */
	const readString = (): number => {
		i++;
		while (i < text.length) {
			const code = text.charCodeAt(i);
			if (code === 0x22) {
				i++;
				return -1;
			}
			if (code < 0x20) return i;
			if (code === 0x5c) {
				const next = text.charCodeAt(i + 1);
				if (i + 1 >= text.length) return text.length;
				if (next === 0x75) {
					for (let k = 2; k < 6; k++) {
						if (i + k >= text.length) return text.length;
						if (!isHex(text.charCodeAt(i + k))) return i + k;
					}
					i += 6;
					continue;
				}
				if (!'"\\/bfnrt'.includes(text[i + 1])) return i + 1;
				i += 2;
				continue;
			}
			i++;
		}
		return text.length;
	};
	/** Reads digits at i; returns the offset of its error when there is none, or -1. */
	const readDigits = (): number => {
		if (i >= text.length) return text.length;
		if (!isDigit(text.charCodeAt(i))) return i;
		while (i < text.length && isDigit(text.charCodeAt(i))) i++;
		return -1;
	};
	const readNumber = (): number => {
		if (text.charCodeAt(i) === 0x2d) i++;
		if (i >= text.length) return text.length;
		if (text.charCodeAt(i) === 0x30) i++;
		else {
			const bad = readDigits();
			if (bad >= 0) return bad;
		}
		if (text.charCodeAt(i) === 0x2e) {
			i++;
			const bad = readDigits();
			if (bad >= 0) return bad;
		}
		if (text.charCodeAt(i) === 0x65 || text.charCodeAt(i) === 0x45) {
			i++;
			if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
			const bad = readDigits();
			if (bad >= 0) return bad;
		}
		return -1;
	};
	/** Reads a value at i; an opening bracket is pushed and left open. Returns an error offset or -1. */
	const readValue = (): number => {
		skipSpace();
		if (i >= text.length) return text.length;
		const code = text.charCodeAt(i);
		if (code === 0x7b || code === 0x5b) {
			open.push(code);
			i++;
			return -1;
		}
		if (code === 0x22) return readString();
		if (code === 0x2d || isDigit(code)) return readNumber();
		for (const word of ['true', 'false', 'null']) {
			if (code !== word.charCodeAt(0)) continue;
			for (let k = 1; k < word.length; k++) {
				if (i + k >= text.length) return text.length;
				if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return i + k;
			}
			i += word.length;
			return -1;
		}
		return i;
	};
	/** After `{` or a `,` in an object: a key and its colon. */
	const readKey = (): number => {
		skipSpace();
		if (i >= text.length) return text.length;
		if (text.charCodeAt(i) !== 0x22) return i;
		const bad = readString();
		if (bad >= 0) return bad;
		skipSpace();
		if (i >= text.length) return text.length;
		if (text.charCodeAt(i) !== 0x3a) return i;
		i++;
		return -1;
	};

	let bad = readValue();
	let justOpened = open.length > 0;
	while (bad < 0) {
		const top = open[open.length - 1];
		if (top === undefined) {
			skipSpace();
			return i < text.length ? i : null;
		}
		skipSpace();
		if (i >= text.length) return text.length;
		const code = text.charCodeAt(i);
		const close = top === 0x5b ? 0x5d : 0x7d;
		if (code === close) {
			open.pop();
			i++;
			justOpened = false;
			continue;
		}
		if (justOpened) {
			// The first member of a container: no comma before it.
			if (top === 0x7b) {
				bad = readKey();
				if (bad >= 0) break;
			}
		} else if (code === 0x2c) {
			i++;
			if (top === 0x7b) {
				bad = readKey();
				if (bad >= 0) break;
			}
		} else return i;
		const depth = open.length;
		bad = readValue();
		justOpened = open.length > depth;
	}
	return bad;
}
