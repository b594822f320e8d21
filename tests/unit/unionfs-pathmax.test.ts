/**
 * Paths of PATH_MAX (4,096) bytes or more in the `unionfs` model. The contract
 * sets no limit on a path's length, and a file system can hold such paths
 * (made with relative paths), so a layer entry of any length is valid; an
 * operation naming one by its whole path fails with ENAMETOOLONG, before any
 * lookup or permission check, as on Linux. Checked on the real kernel too, in
 * a chroot of an OverlayFS mount so that the path the kernel sees is the
 * scenario's, byte for byte (needs Linux, root and `mount -t overlay`).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { runScenario } from './all-models';
import { runModel } from '../../src/lib/sim/core';
import { unionfsModel, type UnionfsScenario } from '../../src/lib/sim/unionfs';
import { kernelUnavailableReason } from '../conformance/unionfs-kernel';

const COMPONENT = 'c'.repeat(254);

/** A path of exactly `bytes` bytes: directories of 254-byte names, then a last name. */
function pathOf(bytes: number, last = 'f'): string {
	let path = '';
	while (bytes - path.length - 1 > 254) path += `/${COMPONENT}`;
	return `${path}/${last.repeat(bytes - path.length - 1)}`;
}

const P4095 = pathOf(4095);
const P4096 = pathOf(4096, 'g');
const P5000 = pathOf(5000);
/** The directory both long files are in (16 names of 254 bytes). */
const DIR = `/${COMPONENT}`.repeat(16);

function scenario(upper: boolean, ops: UnionfsScenario['ops']): UnionfsScenario {
	return {
		model: 'unionfs',
		layers: [{ name: 'base', entries: { [P4095]: 'a', [P5000]: 'b', '/d/f': 'short' } }],
		...(upper ? { upper: { name: 'up', entries: {} } } : {}),
		ops
	};
}

const WITH_UPPER: UnionfsScenario['ops'] = [
	{ op: 'read', path: P4095 },
	{ op: 'read', path: P4096 },
	{ op: 'stat', path: P5000 },
	{ op: 'list', path: DIR },
	{ op: 'list', path: P4096 },
	{ op: 'write', path: P4096, content: 'x' },
	{ op: 'append', path: P4095, content: 'x' },
	{ op: 'read', path: P4095 },
	{ op: 'mkdir', path: P4095 },
	{ op: 'mkdir', path: P4096 },
	{ op: 'delete', path: P5000 },
	{ op: 'rmdir', path: P4096 },
	{ op: 'delete', path: '/d/f' }
];

const READ_ONLY: UnionfsScenario['ops'] = [
	{ op: 'delete', path: P4096 },
	{ op: 'delete', path: P4095 },
	{ op: 'write', path: P5000, content: 'x' },
	{ op: 'rmdir', path: P4096 }
];

function traceOf(input: UnionfsScenario) {
	const outcome = runModel(unionfsModel, input);
	if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
	return outcome.trace;
}

/** What both the model and the kernel can say about a result. */
function comparable(result: Record<string, unknown>) {
	const { ok, errno, content, type, entries } = result;
	return JSON.parse(JSON.stringify({ ok, errno, content, type, entries }));
}

describe('paths of PATH_MAX bytes or more (model)', () => {
	test('a layer entry of any length is valid; the byte counts are what the names say', () => {
		expect(new TextEncoder().encode(P4095).length).toBe(4095);
		expect(P4096.length).toBe(4096);
		expect(P5000.length).toBe(5000);
		for (const path of [pathOf(4096), P5000, pathOf(20_000)]) {
			const outcome = runScenario({
				model: 'unionfs',
				layers: [{ name: 'base', entries: { [path]: 'x' } }],
				ops: []
			});
			expect(outcome.ok).toBe(true);
		}
	});

	test('an operation on a path of 4,096 bytes or more fails with ENAMETOOLONG, 4,095 works', () => {
		const trace = traceOf(scenario(true, WITH_UPPER));
		expect(trace.results.map((result) => (result.ok ? 'ok' : result.errno))).toEqual([
			'ok',
			'ENAMETOOLONG',
			'ENAMETOOLONG',
			'ok',
			'ENAMETOOLONG',
			'ENAMETOOLONG',
			'ok',
			'ok',
			'EEXIST',
			'ENAMETOOLONG',
			'ENAMETOOLONG',
			'ENAMETOOLONG',
			'ok'
		]);
		const failed = trace.frames.filter((frame) => frame.op === 1);
		// The action, then the failure: no probe, since the kernel never looks the path up.
		expect(failed.map((frame) => frame.probe)).toEqual([null, null]);
		expect(failed[1].text).toBe(
			'Read fails with ENAMETOOLONG: the path is 4,096 bytes long, and Linux takes at most 4,095 (PATH_MAX, 4,096, counts the final NUL).'
		);
	});

	test('without an upper layer, ENAMETOOLONG comes before EROFS', () => {
		const trace = traceOf(scenario(false, READ_ONLY));
		expect(trace.results).toEqual([
			{ ok: false, errno: 'ENAMETOOLONG' },
			{ ok: false, errno: 'EROFS' },
			{ ok: false, errno: 'ENAMETOOLONG' },
			{ ok: false, errno: 'ENAMETOOLONG' }
		]);
	});
});

/**
 * Builds the layers through relative paths (as a file system holds paths
 * longer than PATH_MAX), mounts OverlayFS, runs the ops in a child chrooted
 * into the mount, and reads the upper layer back through directory handles.
 */
const HELPER = String.raw`
import errno, json, os, shutil, stat, subprocess, sys, tempfile
cmd = json.load(sys.stdin)
base = tempfile.mkdtemp(prefix='unionfs-pathmax-')

def put(root, path, content):
    fd = os.open(root, os.O_RDONLY)
    names = path[1:].split('/')
    for name in names[:-1]:
        try: os.mkdir(name, dir_fd=fd)
        except FileExistsError: pass
        nfd = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd); os.close(fd); fd = nfd
    f = os.open(names[-1], os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(f, content.encode()); os.close(f); os.close(fd)

def entries_of(root):
    out = {}
    for dirpath, dirnames, filenames, dirfd in os.fwalk(root):
        rel = dirpath[len(root):]
        for name in dirnames: out[rel + '/' + name] = {'type': 'dir'}
        for name in filenames:
            st = os.lstat(name, dir_fd=dirfd)
            if stat.S_ISCHR(st.st_mode) and st.st_rdev == 0:
                out[rel + '/' + name] = {'type': 'whiteout'}
                continue
            f = os.open(name, os.O_RDONLY, dir_fd=dirfd)
            out[rel + '/' + name] = os.read(f, 1 << 20).decode(); os.close(f)
    return out

def kind(st):
    return 'dir' if stat.S_ISDIR(st.st_mode) else 'file'

def run(op):
    p = op['path']
    try:
        if op['op'] == 'read':
            f = os.open(p, os.O_RDONLY)
            try: data = os.read(f, 1 << 20).decode()
            finally: os.close(f)
            return {'ok': True, 'content': data}
        if op['op'] == 'stat': return {'ok': True, 'type': kind(os.lstat(p))}
        if op['op'] == 'list':
            d = os.open(p, os.O_RDONLY | os.O_DIRECTORY)
            try: names = sorted(os.listdir(d)); types = [kind(os.lstat(n, dir_fd=d)) for n in names]
            finally: os.close(d)
            return {'ok': True, 'entries': [{'name': n, 'type': t} for n, t in zip(names, types)]}
        if op['op'] in ('write', 'append'):
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if op['op'] == 'append' else os.O_TRUNC)
            f = os.open(p, flags, 0o644); os.write(f, op['content'].encode()); os.close(f)
            return {'ok': True}
        if op['op'] == 'delete': os.unlink(p); return {'ok': True}
        if op['op'] == 'rmdir': os.rmdir(p); return {'ok': True}
        if op['op'] == 'mkdir': os.mkdir(p); return {'ok': True}
    except OSError as e:
        return {'ok': False, 'errno': errno.errorcode[e.errno]}

try:
    lowers = []
    for i, layer in enumerate(cmd['layers']):
        root = os.path.join(base, 'l%d' % i); os.mkdir(root); lowers.append(root)
        for path, content in layer.items(): put(root, path, content)
    upper = os.path.join(base, 'u'); work = os.path.join(base, 'w'); mnt = os.path.join(base, 'm')
    for d in (upper, work, mnt): os.mkdir(d)
    if cmd['upper']:
        options = 'lowerdir=%s,upperdir=%s,workdir=%s' % (':'.join(lowers), upper, work)
    else:
        empty = os.path.join(base, 'empty'); os.mkdir(empty)
        options = 'lowerdir=%s' % ':'.join(lowers + [empty])
    subprocess.run(['mount', '-t', 'overlay', 'overlay', '-o', options, mnt], check=True)
    try:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            os.chroot(mnt); os.chdir('/')
            os.write(w, json.dumps([run(op) for op in cmd['ops']]).encode()); os._exit(0)
        os.close(w)
        chunks = []
        while True:
            chunk = os.read(r, 1 << 16)
            if not chunk: break
            chunks.append(chunk)
        os.waitpid(pid, 0)
        results = json.loads(b''.join(chunks))
    finally:
        subprocess.run(['umount', mnt], check=True)
    print(json.dumps({'results': results, 'upper': entries_of(upper) if cmd['upper'] else None}))
finally:
    shutil.rmtree(base)
`;

function onKernel(input: UnionfsScenario): {
	results: Record<string, unknown>[];
	upper: Record<string, unknown> | null;
} {
	const command = {
		layers: input.layers.map((layer) => layer.entries),
		upper: Boolean(input.upper),
		ops: input.ops
	};
	const out = execFileSync('python3', ['-S', '-c', HELPER], {
		input: JSON.stringify(command),
		maxBuffer: 64 * 1024 * 1024
	});
	return JSON.parse(out.toString('utf8'));
}

const reason = kernelUnavailableReason();

describe('paths of PATH_MAX bytes or more (Linux OverlayFS)', () => {
	if (reason) {
		test(`not run on the kernel: ${reason}`, () => {
			console.warn(`unionfs PATH_MAX kernel check did not run: ${reason}`);
			expect(reason).toBeTruthy();
		});
		return;
	}

	test.each([
		['with an upper layer', scenario(true, WITH_UPPER)],
		['read-only', scenario(false, READ_ONLY)]
	])('%s: the model gives what the kernel gives', (_, input) => {
		const model = traceOf(input);
		const kernel = onKernel(input);
		expect(model.results.map((result) => comparable(result))).toEqual(
			kernel.results.map((result) => comparable(result))
		);
		if (input.upper) expect(model.final.upper?.entries).toEqual(kernel.upper);
	});
});
