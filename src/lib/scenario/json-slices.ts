/**
 * JSON.parse in slices. Parsing the biggest scenario the limits allow (4 MiB of
 * JSON text from a file, a link or a draft) takes one task of 200–500 ms on a
 * 2-core machine: long enough for a page to stop answering. This parser gives
 * the same value as JSON.parse (and throws a SyntaxError where it does), but
 * stops every few milliseconds and resumes in a later task, so the page stays
 * responsive. Small texts are handed to JSON.parse at once: they cost less than
 * one slice.
 */

export interface SliceOptions {
	/** Work per slice before yielding, in ms. */
	sliceMs?: number;
	/** Texts up to this many characters are parsed by JSON.parse in one go. */
	directChars?: number;
	/** Ends the current task (a test can count or skip them). */
	nextTask?: () => Promise<void>;
}

export const DIRECT_PARSE_CHARS = 128 * 1024;
const SLICE_MS = 12;
/** Tokens between looks at the clock (reading it costs more than a token). */
const TOKENS_PER_CLOCK = 2048;

const nextTaskByTimeout = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// Sticky patterns, matched at the parser's position. Strings: any character but
// a quote, a backslash or a control character, or a valid escape.
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /[ \t\n\r]*/y;

interface Open {
	container: Record<string, unknown> | unknown[];
	/** The key whose value is being read, in an object. */
	key: string | null;
}

class SliceParser {
	private position = 0;
	private readonly stack: Open[] = [];
	private result: unknown = undefined;
	private done = false;
	/** A value is due next (else a comma or the end of the open container). */
	private expectsValue = true;

	constructor(private readonly text: string) {}

	private fail(what: string): never {
		throw new SyntaxError(`${what} in JSON at position ${this.position}`);
	}

	private skipSpace(): void {
		SPACE.lastIndex = this.position;
		SPACE.test(this.text);
		this.position = SPACE.lastIndex;
	}

	private readString(): string {
		STRING.lastIndex = this.position;
		const match = STRING.exec(this.text);
		if (!match) this.fail('Bad string');
		const token = match[0];
		this.position = STRING.lastIndex;
		// Most strings have no escapes: their text is their value.
		return token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
	}

	/** Puts a finished value where it belongs: the open container, or the result. */
	private place(value: unknown): void {
		this.expectsValue = false;
		const open = this.stack[this.stack.length - 1];
		if (!open) {
			this.result = value;
			this.done = true;
			return;
		}
		if (Array.isArray(open.container)) {
			open.container.push(value);
			return;
		}
		const key = open.key!;
		if (key === '__proto__') {
			// JSON.parse makes an own property of it; assignment would set the prototype.
			Object.defineProperty(open.container, key, {
				value,
				writable: true,
				enumerable: true,
				configurable: true
			});
		} else {
			open.container[key] = value;
		}
		open.key = null;
	}

	/** Reads one value, or opens a container (whose members later calls read). */
	private readValue(): void {
		this.skipSpace();
		const text = this.text;
		const c = text.charCodeAt(this.position);
		if (c === 0x22 /* " */) return this.place(this.readString());
		if (c === 0x7b /* { */) {
			this.position++;
			this.stack.push({ container: {}, key: null });
			this.skipSpace();
			if (text.charCodeAt(this.position) === 0x7d /* } */) {
				this.position++;
				return this.place(this.stack.pop()!.container);
			}
			return this.readKey();
		}
		if (c === 0x5b /* [ */) {
			this.position++;
			this.stack.push({ container: [], key: null });
			this.skipSpace();
			if (text.charCodeAt(this.position) === 0x5d /* ] */) {
				this.position++;
				return this.place(this.stack.pop()!.container);
			}
			this.expectsValue = true;
			return;
		}
		if (text.startsWith('true', this.position)) {
			this.position += 4;
			return this.place(true);
		}
		if (text.startsWith('false', this.position)) {
			this.position += 5;
			return this.place(false);
		}
		if (text.startsWith('null', this.position)) {
			this.position += 4;
			return this.place(null);
		}
		NUMBER.lastIndex = this.position;
		const number = NUMBER.exec(text);
		if (!number) this.fail(this.position >= text.length ? 'Unexpected end' : 'Unexpected token');
		this.position = NUMBER.lastIndex;
		this.place(Number(number[0]));
	}

	private readKey(): void {
		this.skipSpace();
		if (this.text.charCodeAt(this.position) !== 0x22) this.fail('Expected a property name');
		const key = this.readString();
		this.skipSpace();
		if (this.text.charCodeAt(this.position) !== 0x3a /* : */) this.fail("Expected ':'");
		this.position++;
		this.stack[this.stack.length - 1].key = key;
		this.expectsValue = true;
	}

	/** After a member: a comma and the next one, or the container's end. */
	private afterMember(): void {
		this.skipSpace();
		const open = this.stack[this.stack.length - 1];
		const c = this.text.charCodeAt(this.position);
		const isArray = Array.isArray(open.container);
		if (c === 0x2c /* , */) {
			this.position++;
			if (isArray) this.expectsValue = true;
			else this.readKey();
			return;
		}
		if (c === (isArray ? 0x5d : 0x7d)) {
			this.position++;
			this.place(this.stack.pop()!.container);
			return;
		}
		this.fail(this.position >= this.text.length ? 'Unexpected end' : 'Unexpected token');
	}

	/** Parses until `deadline` (ms) or the end; true when the whole text is parsed. */
	runUntil(deadline: number): boolean {
		let tokens = 0;
		while (!this.done) {
			if (++tokens === TOKENS_PER_CLOCK) {
				tokens = 0;
				if (performance.now() >= deadline) return false;
			}
			if (this.expectsValue) this.readValue();
			else this.afterMember();
		}
		this.skipSpace();
		if (this.position !== this.text.length) this.fail('Unexpected non-whitespace character');
		return true;
	}

	get value(): unknown {
		return this.result;
	}
}

export async function parseJsonInSlices(
	text: string,
	options: SliceOptions = {}
): Promise<unknown> {
	const directChars = options.directChars ?? DIRECT_PARSE_CHARS;
	if (text.length <= directChars) return JSON.parse(text);
	const sliceMs = options.sliceMs ?? SLICE_MS;
	const nextTask = options.nextTask ?? nextTaskByTimeout;
	const parser = new SliceParser(text);
	while (!parser.runUntil(performance.now() + sliceMs)) await nextTask();
	return parser.value;
}
