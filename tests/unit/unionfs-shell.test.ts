import { describe, expect, test } from 'vitest';
import {
	commandLine,
	errorLine,
	normalisePath,
	outputOf,
	parseCommand,
	shellQuote,
	toOp,
	type Command
} from '../../src/lib/sim/unionfs/shell';

function parsed(line: string): Command {
	const result = parseCommand(line);
	if (!result.ok) throw new Error(result.message);
	return result.command;
}

function refused(line: string): string {
	const result = parseCommand(line);
	if (result.ok) throw new Error(`accepted: ${line}`);
	return result.message;
}

describe('parseCommand', () => {
	test('each command becomes its operation', () => {
		expect(toOp(parsed('cat /etc/hostname'))).toEqual({
			op: 'read',
			path: '/etc/hostname',
			'x-shell': 'cat /etc/hostname'
		});
		expect(toOp(parsed('ls /etc'))?.op).toBe('list');
		expect(toOp(parsed('ls'))).toMatchObject({ op: 'list', path: '/' });
		expect(toOp(parsed('stat /etc'))?.op).toBe('stat');
		expect(toOp(parsed('rm /a'))?.op).toBe('delete');
		expect(toOp(parsed('mkdir /a'))?.op).toBe('mkdir');
		expect(toOp(parsed('rmdir /a'))?.op).toBe('rmdir');
	});

	test('echo writes its text with a newline; >> appends; -n leaves the newline off', () => {
		expect(toOp(parsed('echo hello world > /tmp/x'))).toEqual({
			op: 'write',
			path: '/tmp/x',
			content: 'hello world\n',
			'x-shell': 'echo hello world > /tmp/x'
		});
		expect(toOp(parsed("echo 'two  spaces' >> /x"))).toMatchObject({
			op: 'append',
			content: 'two  spaces\n'
		});
		expect(toOp(parsed('echo -n hi>/x'))).toMatchObject({ op: 'write', content: 'hi' });
		expect(toOp(parsed('echo "say \\"hi\\"" > /x'))).toMatchObject({ content: 'say "hi"\n' });
		expect(toOp(parsed('echo a\\ b > /x'))).toMatchObject({ content: 'a b\n' });
		// Without a redirection, echo only prints.
		const plain = parsed('echo just text');
		expect(plain.text).toBe('just text\n');
		expect(toOp(plain)).toBeNull();
	});

	test('paths are normalised: repeated and trailing slashes', () => {
		expect(parsed('ls //etc//').path).toBe('/etc');
		expect(parsed('cat /').path).toBe('/');
	});

	test('ls of a file is a stat that prints the name', () => {
		const op = toOp(parsed('ls /etc/hostname'), () => 'file');
		expect(op).toMatchObject({ op: 'stat', path: '/etc/hostname' });
		expect(outputOf(op!, { ok: true, type: 'file' }).lines).toEqual(['/etc/hostname']);
	});

	test('bad input is refused with a clear message', () => {
		expect(refused('frobnicate /x')).toMatch(/frobnicate: command not found/);
		expect(refused('cat etc/hostname')).toMatch(/relative path/);
		expect(refused('cat /etc/../x')).toMatch(/“\.\.” are not supported/);
		expect(refused('cat /./x')).toMatch(/not supported/);
		expect(refused(`cat /${'a'.repeat(256)}`)).toMatch(/255/);
		expect(refused("echo 'open > /x")).toMatch(/single quote/);
		expect(refused('echo "open > /x')).toMatch(/double quote/);
		expect(refused('cat /a /b')).toMatch(/one path/);
		expect(refused('rm -r /a')).toMatch(/options/);
		expect(refused('rm')).toMatch(/missing operand/);
		expect(refused('cat /a | cat')).toMatch(/pipes/i);
		expect(refused('echo $HOME > /x')).toMatch(/variables/i);
		expect(refused('cat /a > /b')).toMatch(/Only echo/);
		expect(refused('echo hi >')).toMatch(/needs a file name/);
		expect(refused('echo hi > /a b')).toMatch(/redirection at the end/);
		expect(refused('echo hi > /a >> /b')).toMatch(/one redirection/);
		expect(refused('   ')).toMatch(/Type a command/);
		expect(refused('cat /a\ncat /b')).toMatch(/one command/);
	});

	test('normalisePath', () => {
		expect(normalisePath('/a/b/')).toEqual({ ok: true, path: '/a/b' });
		expect(normalisePath('a').ok).toBe(false);
		// A path of PATH_MAX bytes or more is not refused: as in bash, the command runs
		// and fails with ENAMETOOLONG ("File name too long").
		const longest = `/${'x/'.repeat(2046)}yy`;
		expect(longest.length).toBe(4095);
		expect(normalisePath(longest).ok).toBe(true);
		expect(normalisePath(`${longest}z`)).toEqual({ ok: true, path: `${longest}z` });
		expect(normalisePath('/' + 'x/'.repeat(3000)).ok).toBe(true);
		// A name longer than 255 bytes can be in no scenario: still refused here.
		expect(normalisePath(`/${'n'.repeat(256)}`)).toMatchObject({ ok: false, message: /255/ });
	});

	test('a path of 4,096 bytes prints bash\'s "File name too long"', () => {
		const path = `/${'x/'.repeat(2047)}y`;
		expect(path.length).toBe(4096);
		const cat = toOp(parsed(`cat ${path}`))!;
		expect(errorLine(cat, 'ENAMETOOLONG')).toBe(`cat: ${path}: File name too long`);
	});
});

describe('what the shell prints', () => {
	const op = (line: string) => toOp(parsed(line))!;

	test('errors read as bash and coreutils print them', () => {
		expect(errorLine(op('rm /x'), 'ENOENT')).toBe(
			"rm: cannot remove '/x': No such file or directory"
		);
		expect(errorLine(op('cat /x'), 'EISDIR')).toBe('cat: /x: Is a directory');
		expect(errorLine(op('mkdir /a'), 'EEXIST')).toBe(
			"mkdir: cannot create directory '/a': File exists"
		);
		expect(errorLine(op('rmdir /a'), 'ENOTEMPTY')).toBe(
			"rmdir: failed to remove '/a': Directory not empty"
		);
		expect(errorLine(op('echo x > /etc/x'), 'EROFS')).toBe('bash: /etc/x: Read-only file system');
		expect(errorLine(op('ls /x'), 'ENOENT')).toBe(
			"ls: cannot access '/x': No such file or directory"
		);
		expect(errorLine(op('stat /x'), 'ENOTDIR')).toBe("stat: cannot statx '/x': Not a directory");
		expect(errorLine(op('rmdir /'), 'EBUSY')).toBe(
			"rmdir: failed to remove '/': Device or resource busy"
		);
	});

	test('output of successful commands', () => {
		expect(outputOf(op('cat /a'), { ok: true, content: 'one\ntwo\n' })).toEqual({
			lines: ['one', 'two'],
			error: false
		});
		expect(
			outputOf(op('ls /'), {
				ok: true,
				entries: [
					{ name: 'bin', type: 'dir' },
					{ name: 'etc', type: 'dir' }
				]
			}).lines
		).toEqual(['bin  etc']);
		expect(outputOf(op('stat /a'), { ok: true, type: 'file' }, 12).lines).toEqual([
			'  File: /a',
			'  Size: 12\tregular file'
		]);
		expect(outputOf(op('rm /a'), { ok: true }).lines).toEqual([]);
		expect(outputOf(op('rm /a'), { ok: false, errno: 'EROFS' })).toEqual({
			lines: ["rm: cannot remove '/a': Read-only file system"],
			error: true
		});
	});

	test('operations without a typed line read as the equivalent command', () => {
		expect(commandLine({ op: 'read', path: '/a b' })).toBe("cat '/a b'");
		expect(commandLine({ op: 'write', path: '/a', content: 'hi\n' })).toBe('echo hi > /a');
		expect(commandLine({ op: 'append', path: '/a', content: "it's" })).toBe(
			"echo -n 'it'\\''s' >> /a"
		);
		expect(commandLine({ op: 'write', path: '/a', content: 'a\nb' })).toBe("echo -n $'a\\nb' > /a");
		expect(shellQuote('')).toBe("''");
		// A typed line is kept as typed.
		expect(commandLine({ op: 'read', path: '/a', 'x-shell': 'cat //a' })).toBe('cat //a');
	});
});
