/**
 * The lesson's little shell: parses one command line (`cat`, `ls`, `stat`,
 * `echo TEXT > FILE`, `echo TEXT >> FILE`, `rm`, `mkdir`, `rmdir`) into a
 * `unionfs` operation, and prints an operation's result the way bash and GNU
 * coreutils would. Pure functions: no DOM, no model runs.
 *
 * An operation typed here keeps the typed line in `x-shell` (keys starting with
 * "x-" travel with a scenario and are ignored by the model), so the transcript
 * shows what the learner typed.
 */
import type { OpName } from './schema';

export const COMMANDS = ['cat', 'ls', 'stat', 'echo', 'rm', 'mkdir', 'rmdir'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** An operation as the scenario stores it. */
export interface ShellOp {
	op: OpName;
	path: string;
	content?: string;
	'x-shell'?: string;
}

export interface Command {
	name: CommandName;
	/** The operand (absolute, normalised); for echo with a redirection, the file. */
	path: string | null;
	/** echo: the text it prints (with its newline unless -n). */
	text?: string;
	redirect?: '>' | '>>';
	line: string;
}

export type Parsed = { ok: true; command: Command } | { ok: false; message: string };

/** Longest command line accepted (a file's content is limited to 64 KiB anyway). */
export const MAX_LINE = 70_000;

type Token = { kind: 'word'; text: string } | { kind: 'redirect'; text: '>' | '>>' };

const UNSUPPORTED: Record<string, string> = {
	'|': 'pipes (|)',
	';': 'several commands on one line (;)',
	'&': 'background jobs and && (&)',
	'<': 'input redirection (<)',
	$: 'variables and substitutions ($)',
	'`': 'command substitution (`)',
	'*': 'wildcards (*)',
	'?': 'wildcards (?)',
	'(': 'subshells (parentheses)',
	')': 'subshells (parentheses)',
	'{': 'brace expansion ({ })',
	'}': 'brace expansion ({ })',
	'~': 'the home directory (~); write an absolute path',
	'#': 'comments (#)'
};

function tokenize(line: string): Token[] | string {
	const tokens: Token[] = [];
	let word = '';
	let inWord = false;
	let i = 0;
	const end = () => {
		if (inWord) tokens.push({ kind: 'word', text: word });
		word = '';
		inWord = false;
	};
	while (i < line.length) {
		const c = line[i];
		if (c === ' ' || c === '\t') {
			end();
			i++;
		} else if (c === '>') {
			end();
			if (line[i + 1] === '>') {
				tokens.push({ kind: 'redirect', text: '>>' });
				i += 2;
			} else {
				tokens.push({ kind: 'redirect', text: '>' });
				i++;
			}
		} else if (c === "'") {
			const close = line.indexOf("'", i + 1);
			if (close < 0) return "the single quote (') is never closed: add a closing '.";
			word += line.slice(i + 1, close);
			inWord = true;
			i = close + 1;
		} else if (c === '"') {
			let j = i + 1;
			let text = '';
			for (; j < line.length && line[j] !== '"'; j++) {
				if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) {
					text += line[j + 1];
					j++;
				} else if (line[j] === '$' || line[j] === '`') {
					return `${UNSUPPORTED[line[j]]} ${line[j] === '$' ? 'are' : 'is'} not supported here; put the text in single quotes.`;
				} else text += line[j];
			}
			if (j >= line.length) return 'the double quote (") is never closed: add a closing ".';
			word += text;
			inWord = true;
			i = j + 1;
		} else if (c === '\\') {
			if (i + 1 >= line.length) return 'a backslash (\\) at the end of the line escapes nothing.';
			word += line[i + 1];
			inWord = true;
			i += 2;
		} else if (c in UNSUPPORTED && !(c === '#' && inWord) && !(c === '~' && inWord)) {
			const what = UNSUPPORTED[c];
			return `${what[0].toUpperCase()}${what.slice(1)}: not supported by this shell.`;
		} else {
			word += c;
			inWord = true;
			i++;
		}
	}
	end();
	return tokens;
}

function utf8Length(text: string): number {
	return new TextEncoder().encode(text).length;
}

/** The path as the model takes it, or why it cannot be used. */
export function normalisePath(
	raw: string
): { ok: true; path: string } | { ok: false; message: string } {
	if (raw === '') return { ok: false, message: 'An empty path names nothing.' };
	if (!raw.startsWith('/')) {
		return {
			ok: false,
			message: `“${raw.slice(0, 60)}” is a relative path. This shell has no current directory: write the whole path from /, e.g. /etc/passwd.`
		};
	}
	const names = raw.split('/').filter((name) => name !== '');
	for (const name of names) {
		if (name === '.' || name === '..') {
			return {
				ok: false,
				message: '“.” and “..” are not supported in paths here: write the path out in full from /.'
			};
		}
		if (utf8Length(name) > 255) {
			return {
				ok: false,
				message: `A name in this path is ${utf8Length(name)} bytes long; Linux allows at most 255 (File name too long).`
			};
		}
		// eslint-disable-next-line no-control-regex
		if (/[\u0000-\u001f\u007f]/.test(name))
			return { ok: false, message: 'Control characters are not allowed in names here.' };
	}
	// A path of PATH_MAX bytes or more is not refused here: as in bash, the command runs
	// and fails with ENAMETOOLONG ("File name too long"), which the model gives too.
	const path = names.length === 0 ? '/' : `/${names.join('/')}`;
	return { ok: true, path };
}

const USAGE: Record<CommandName, string> = {
	cat: 'cat FILE',
	ls: 'ls [DIRECTORY]',
	stat: 'stat PATH',
	echo: 'echo TEXT > FILE  or  echo TEXT >> FILE',
	rm: 'rm FILE',
	mkdir: 'mkdir DIRECTORY',
	rmdir: 'rmdir DIRECTORY'
};

/** Parses one command line. Anything it cannot run is refused with a message; nothing is guessed. */
export function parseCommand(input: string): Parsed {
	const line = input.trim();
	if (line === '') return { ok: false, message: 'Type a command, for example: cat /etc/passwd' };
	if (line.length > MAX_LINE)
		return { ok: false, message: `This line is longer than ${MAX_LINE} characters.` };
	if (/[\r\n]/.test(line))
		return { ok: false, message: 'Type one command at a time (one line, no line breaks).' };
	const tokens = tokenize(line);
	if (typeof tokens === 'string') return { ok: false, message: tokens };
	const [first, ...rest] = tokens;
	if (!first || first.kind !== 'word') {
		return {
			ok: false,
			message: 'A command line starts with a command, for example: cat /etc/passwd'
		};
	}
	const name = first.text;
	if (!(COMMANDS as readonly string[]).includes(name)) {
		return {
			ok: false,
			message: `${name.slice(0, 40)}: command not found. This shell knows ${COMMANDS.join(', ')}.`
		};
	}
	const command = name as CommandName;
	const redirects = rest.filter((token) => token.kind === 'redirect');
	if (command !== 'echo') {
		if (redirects.length) {
			return { ok: false, message: `Only echo can write to a file here (${USAGE.echo}).` };
		}
		const words = rest.map((token) => token.text);
		const option = words.find((word) => word.startsWith('-') && word !== '-');
		if (option) {
			return {
				ok: false,
				message: `${command}: options such as ${option.slice(0, 20)} are not supported here. Usage: ${USAGE[command]}`
			};
		}
		if (words.length > 1) {
			return { ok: false, message: `${command} takes one path here. Usage: ${USAGE[command]}` };
		}
		if (words.length === 0 && command !== 'ls') {
			return { ok: false, message: `${command}: missing operand. Usage: ${USAGE[command]}` };
		}
		const checked = normalisePath(words[0] ?? '/');
		if (!checked.ok) return checked;
		return { ok: true, command: { name: command, path: checked.path, line } };
	}
	// echo [-n] WORDS... [> FILE | >> FILE]
	if (redirects.length > 1) {
		return { ok: false, message: 'Only one redirection (> or >>) per command.' };
	}
	let words = rest;
	let redirect: '>' | '>>' | undefined;
	let target: string | null = null;
	if (redirects.length === 1) {
		const at = rest.findIndex((token) => token.kind === 'redirect');
		const after = rest.slice(at + 1);
		if (after.length === 0) {
			return {
				ok: false,
				message: `${redirects[0].text} needs a file name after it (${USAGE.echo}).`
			};
		}
		if (after.length > 1) {
			return {
				ok: false,
				message: `Put the redirection at the end: ${USAGE.echo}. Quote text that has spaces.`
			};
		}
		redirect = redirects[0].text as '>' | '>>';
		const checked = normalisePath(after[0].text);
		if (!checked.ok) return checked;
		target = checked.path;
		words = rest.slice(0, at);
	}
	let texts = words.map((token) => token.text);
	let newline = true;
	while (texts[0] === '-n' || texts[0] === '-e' || texts[0] === '-E') {
		if (texts[0] === '-n') newline = false;
		texts = texts.slice(1);
	}
	const text = texts.join(' ') + (newline ? '\n' : '');
	return { ok: true, command: { name: 'echo', path: target, text, redirect, line } };
}

const OP_OF: Record<Exclude<CommandName, 'echo'>, OpName> = {
	cat: 'read',
	ls: 'list',
	stat: 'stat',
	rm: 'delete',
	mkdir: 'mkdir',
	rmdir: 'rmdir'
};

/**
 * The operation a command adds to the scenario, or null when it changes and
 * reads nothing (echo without a redirection). `typeAt` tells what the path is
 * now: `ls` of a file only prints its name, which is a stat.
 */
export function toOp(
	command: Command,
	typeAt: (path: string) => 'file' | 'dir' | 'missing' = () => 'dir'
): ShellOp | null {
	if (command.name === 'echo') {
		if (!command.redirect || command.path === null) return null;
		return {
			op: command.redirect === '>' ? 'write' : 'append',
			path: command.path,
			content: command.text ?? '',
			'x-shell': command.line
		};
	}
	const path = command.path ?? '/';
	if (command.name === 'ls' && typeAt(path) === 'file') {
		return { op: 'stat', path, 'x-shell': command.line };
	}
	return { op: OP_OF[command.name], path, 'x-shell': command.line };
}

/** Quotes a word for display as bash would accept it back. */
export function shellQuote(word: string): string {
	if (word !== '' && /^[\w./@%+=:,-]+$/.test(word)) return word;
	// eslint-disable-next-line no-control-regex
	if (/[\n\t\u0000-\u001f]/.test(word)) {
		const escaped = word
			.replace(/\\/g, '\\\\')
			.replace(/'/g, "\\'")
			.replace(/\n/g, '\\n')
			.replace(/\t/g, '\\t')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
		return `$'${escaped}'`;
	}
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line an operation reads as: what was typed, or the shell equivalent. */
export function commandLine(op: ShellOp): string {
	if (typeof op['x-shell'] === 'string' && op['x-shell'] !== '') return op['x-shell'];
	switch (op.op) {
		case 'read':
			return `cat ${shellQuote(op.path)}`;
		case 'list':
			return `ls ${shellQuote(op.path)}`;
		case 'stat':
			return `stat ${shellQuote(op.path)}`;
		case 'delete':
			return `rm ${shellQuote(op.path)}`;
		case 'mkdir':
			return `mkdir ${shellQuote(op.path)}`;
		case 'rmdir':
			return `rmdir ${shellQuote(op.path)}`;
		case 'write':
		case 'append': {
			const content = op.content ?? '';
			const arrow = op.op === 'write' ? '>' : '>>';
			const body = content.endsWith('\n') ? content.slice(0, -1) : content;
			const flag = content.endsWith('\n') ? '' : '-n ';
			return `echo ${flag}${shellQuote(body)} ${arrow} ${shellQuote(op.path)}`;
		}
	}
}

/** The command a line starts with (the program name), if it is one this shell knows. */
export function commandName(op: ShellOp): CommandName {
	const typed = op['x-shell'];
	if (typeof typed === 'string') {
		const word = typed.trim().split(/[\s>]/, 1)[0];
		if ((COMMANDS as readonly string[]).includes(word)) return word as CommandName;
	}
	switch (op.op) {
		case 'read':
			return 'cat';
		case 'list':
			return 'ls';
		case 'stat':
			return 'stat';
		case 'write':
		case 'append':
			return 'echo';
		case 'delete':
			return 'rm';
		case 'mkdir':
			return 'mkdir';
		case 'rmdir':
			return 'rmdir';
	}
}

/** strerror() text of each errno the model returns. */
export const ERRNO_TEXT: Record<string, string> = {
	ENOENT: 'No such file or directory',
	ENOTDIR: 'Not a directory',
	EISDIR: 'Is a directory',
	EEXIST: 'File exists',
	ENOTEMPTY: 'Directory not empty',
	EROFS: 'Read-only file system',
	EBUSY: 'Device or resource busy',
	ENAMETOOLONG: 'File name too long',
	EACCES: 'Permission denied',
	EPERM: 'Operation not permitted'
};

/** A file name inside a coreutils message: quoted as `'…'` (or `"…"` when it holds a single quote). */
function quoted(path: string): string {
	return path.includes("'") ? `"${path}"` : `'${path}'`;
}

/** The error line a shell prints when `op` fails with `errno`. */
export function errorLine(op: ShellOp, errno: string): string {
	const reason = ERRNO_TEXT[errno] ?? errno;
	const path = op.path;
	switch (commandName(op)) {
		case 'cat':
			return `cat: ${path}: ${reason}`;
		case 'ls':
			return `ls: cannot access ${quoted(path)}: ${reason}`;
		case 'stat':
			return `stat: cannot statx ${quoted(path)}: ${reason}`;
		case 'echo':
			return `bash: ${path}: ${reason}`;
		case 'rm':
			return `rm: cannot remove ${quoted(path)}: ${reason}`;
		case 'mkdir':
			return `mkdir: cannot create directory ${quoted(path)}: ${reason}`;
		case 'rmdir':
			return `rmdir: failed to remove ${quoted(path)}: ${reason}`;
	}
}

export interface OpOutcome {
	ok: boolean;
	errno?: string;
	content?: string;
	type?: string;
	entries?: { name: string; type: string }[];
}

/**
 * What the shell prints for an operation: its output lines and whether they
 * are an error (stderr). `size` is the file's size for stat.
 */
export function outputOf(
	op: ShellOp,
	result: OpOutcome | undefined,
	size: number | null = null
): { lines: string[]; error: boolean } {
	if (!result) return { lines: [], error: false };
	if (!result.ok) return { lines: [errorLine(op, result.errno ?? 'EIO')], error: true };
	const name = commandName(op);
	if (op.op === 'read') {
		const content = result.content ?? '';
		if (content === '') return { lines: [], error: false };
		const body = content.endsWith('\n') ? content.slice(0, -1) : content;
		return { lines: body.split('\n'), error: false };
	}
	if (op.op === 'list') {
		const names = (result.entries ?? []).map((entry) => entry.name);
		return {
			lines: names.length ? [names.map((n) => (/\s/.test(n) ? `'${n}'` : n)).join('  ')] : [],
			error: false
		};
	}
	if (op.op === 'stat') {
		if (name === 'ls') return { lines: [op.path], error: false };
		const dir = result.type === 'dir';
		const bytes = dir ? 4096 : (size ?? 0);
		return {
			lines: [
				`  File: ${op.path}`,
				`  Size: ${bytes}\t${dir ? 'directory' : bytes === 0 ? 'regular empty file' : 'regular file'}`
			],
			error: false
		};
	}
	return { lines: [], error: false };
}
