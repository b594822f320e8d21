/**
 * Runs a `unionfs` scenario on the real kernel: builds the layers on disk,
 * mounts OverlayFS with default options, runs the ops, and reads the upper
 * layer back. Used by tests/conformance/unionfs.test.ts (Linux, as root).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EntriesSpec, UnionfsScenario } from '../../src/lib/sim/unionfs';

export type KernelResult = { ok: true } & Record<string, unknown>;
export type KernelOutcome = { ok: false; errno: string } | KernelResult;

export interface KernelRun {
	results: KernelOutcome[];
	upper: { entries: Record<string, unknown> } | null;
}

// One python3 helper for what Node cannot do: mknod (whiteouts) and trusted.* xattrs.
// Run with -S (no site packages): start-up is most of its cost.
const HELPER = String.raw`
import json, os, stat, sys
cmd = json.load(sys.stdin)
if cmd['do'] == 'build':
    for p in cmd['whiteouts']:
        os.mknod(p, 0o644 | stat.S_IFCHR, os.makedev(0, 0))
    for p in cmd['opaque']:
        os.setxattr(p, 'trusted.overlay.opaque', b'y')
    print('{}')
else:
    root = cmd['root']
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            rel = '/' + os.path.relpath(full, root)
            st = os.lstat(full)
            if stat.S_ISDIR(st.st_mode):
                try:
                    opaque = os.getxattr(full, 'trusted.overlay.opaque') == b'y'
                except OSError:
                    opaque = False
                out[rel] = {'type': 'dir', 'opaque': True} if opaque else {'type': 'dir'}
            elif stat.S_ISCHR(st.st_mode) and st.st_rdev == 0:
                out[rel] = {'type': 'whiteout'}
            elif stat.S_ISREG(st.st_mode):
                with open(full, 'rb') as f:
                    out[rel] = f.read().decode('utf-8')
            else:
                out[rel] = {'type': 'other', 'mode': st.st_mode}
    print(json.dumps(out))
`;

/** The python3 binary itself: version-manager shims cost ~100 ms a call. */
let python = 'python3';

function helper(command: unknown): unknown {
	const out = execFileSync(python, ['-S', '-c', HELPER], { input: JSON.stringify(command) });
	return JSON.parse(out.toString('utf8'));
}

const run = promisify(execFile);

/** The helper without blocking, so several scenarios can be in flight at once. */
async function helperAsync(command: unknown): Promise<unknown> {
	const child = run(python, ['-S', '-c', HELPER], { maxBuffer: 64 * 1024 * 1024 });
	child.child.stdin?.end(JSON.stringify(command));
	const { stdout } = await child;
	return JSON.parse(stdout);
}

function mountOverlay(options: string, target: string): void {
	execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', options, target], { stdio: 'pipe' });
}

/**
 * Where the layers are built: the temp directory, which must hold trusted.*
 * xattrs and device nodes. UNIONFS_CONFORMANCE_DIR overrides it (a tmpfs such
 * as /dev/shm avoids the disk sync each overlay unmount does).
 */
function baseDir(): string {
	return process.env.UNIONFS_CONFORMANCE_DIR || os.tmpdir();
}

/** Why the kernel suite cannot run here, or null when it can. */
export function kernelUnavailableReason(): string | null {
	if (process.platform !== 'linux') return `not Linux (${process.platform})`;
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root';
	let dir: string | null = null;
	try {
		python = execFileSync('python3', [
			'-c',
			'import os, sys; os.setxattr; os.mknod; print(sys.executable)'
		])
			.toString('utf8')
			.trim();
	} catch {
		return 'python3 (for mknod and trusted.* xattrs) is not available';
	}
	try {
		dir = fs.mkdtempSync(path.join(baseDir(), 'unionfs-probe-'));
		for (const sub of ['l0', 'u', 'w', 'm']) fs.mkdirSync(path.join(dir, sub));
		helper({ do: 'build', whiteouts: [path.join(dir, 'l0', 'x')], opaque: [path.join(dir, 'u')] });
		mountOverlay(`lowerdir=${dir}/l0,upperdir=${dir}/u,workdir=${dir}/w`, path.join(dir, 'm'));
		execFileSync('umount', [path.join(dir, 'm')], { stdio: 'pipe' });
		return null;
	} catch (error) {
		const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
		return `mount -t overlay is not possible here: ${detail}`;
	} finally {
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	}
}

function buildLayer(
	root: string,
	entries: EntriesSpec,
	whiteouts: string[],
	opaque: string[]
): void {
	fs.mkdirSync(root, { recursive: true });
	// Parents first, so implied directories exist before their children.
	const paths = Object.keys(entries).sort((a, b) => a.split('/').length - b.split('/').length);
	for (const entryPath of paths) {
		const spec = entries[entryPath];
		const full = path.join(root, entryPath);
		fs.mkdirSync(path.dirname(full), { recursive: true });
		if (typeof spec === 'string' || spec.type === 'file') {
			fs.writeFileSync(full, typeof spec === 'string' ? spec : spec.content);
		} else if (spec.type === 'dir') {
			fs.mkdirSync(full, { recursive: true });
			if (spec.opaque) opaque.push(full);
		} else {
			whiteouts.push(full);
		}
	}
}

function errnoOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (!code) throw error;
	return code;
}

function isWhiteout(full: string): boolean {
	try {
		const st = fs.lstatSync(full);
		return st.isCharacterDevice() && st.rdev === 0;
	} catch {
		return false;
	}
}

function existsInUpper(full: string): boolean {
	try {
		fs.lstatSync(full);
		return true;
	} catch {
		return false;
	}
}

/** Runs one scenario on a fresh overlay mount and returns what the kernel did. */
export async function runOnKernel(scenario: UnionfsScenario): Promise<KernelRun> {
	const dir = fs.mkdtempSync(path.join(baseDir(), 'unionfs-conf-'));
	const mnt = path.join(dir, 'mnt');
	let mounted = false;
	try {
		const whiteouts: string[] = [];
		const opaque: string[] = [];
		const lowerDirs = scenario.layers.map((layer, index) => {
			const root = path.join(dir, `l${index}`);
			buildLayer(root, layer.entries, whiteouts, opaque);
			return root;
		});
		const upperDir = path.join(dir, 'upper');
		const workDir = path.join(dir, 'work');
		if (scenario.upper) {
			buildLayer(upperDir, scenario.upper.entries, whiteouts, opaque);
			fs.mkdirSync(workDir);
		} else if (lowerDirs.length === 1) {
			// Without an upper layer the kernel wants two lower layers: add an empty one at the bottom.
			const empty = path.join(dir, 'empty');
			fs.mkdirSync(empty);
			lowerDirs.push(empty);
		}
		fs.mkdirSync(mnt);
		if (whiteouts.length || opaque.length) await helperAsync({ do: 'build', whiteouts, opaque });
		const options = scenario.upper
			? `lowerdir=${lowerDirs.join(':')},upperdir=${upperDir},workdir=${workDir}`
			: `lowerdir=${lowerDirs.join(':')}`;
		await run('mount', ['-t', 'overlay', 'overlay', '-o', options, mnt]);
		mounted = true;

		const results: KernelOutcome[] = [];
		for (const op of scenario.ops) {
			const full = op.path === '/' ? mnt : path.join(mnt, op.path);
			const inUpper = path.join(upperDir, op.path);
			try {
				switch (op.op) {
					case 'read':
						results.push({ ok: true, content: fs.readFileSync(full, 'utf8') });
						break;
					case 'stat': {
						const st = fs.lstatSync(full);
						results.push({
							ok: true,
							type: st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other'
						});
						break;
					}
					case 'list': {
						const entries = fs
							.readdirSync(full, { withFileTypes: true })
							.map((entry) => ({
								name: entry.name,
								type: entry.isDirectory()
									? 'dir'
									: entry.isFile()
										? 'file'
										: entry.isCharacterDevice()
											? 'whiteout'
											: 'other'
							}))
							.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
						results.push({ ok: true, entries });
						break;
					}
					case 'write':
					case 'append': {
						// copiedUp: a lower file was visible and the upper layer did not hold it.
						let visible = false;
						try {
							visible = fs.lstatSync(full).isFile();
						} catch {
							visible = false;
						}
						const before = scenario.upper ? existsInUpper(inUpper) && !isWhiteout(inUpper) : false;
						if (op.op === 'write') fs.writeFileSync(full, op.content ?? '');
						else fs.appendFileSync(full, op.content ?? '');
						results.push({ ok: true, copiedUp: visible && !before });
						break;
					}
					case 'delete':
						fs.unlinkSync(full);
						results.push({ ok: true, whiteout: isWhiteout(inUpper) });
						break;
					case 'rmdir':
						fs.rmdirSync(full);
						results.push({ ok: true, whiteout: isWhiteout(inUpper) });
						break;
					case 'mkdir':
						fs.mkdirSync(full);
						results.push({ ok: true });
						break;
				}
			} catch (error) {
				results.push({ ok: false, errno: errnoOf(error) });
			}
		}
		await run('umount', [mnt]);
		mounted = false;
		const upper = scenario.upper
			? { entries: (await helperAsync({ do: 'read', root: upperDir })) as Record<string, unknown> }
			: null;
		return { results, upper };
	} finally {
		if (mounted) {
			try {
				execFileSync('umount', [mnt], { stdio: 'pipe' });
			} catch {
				// left for the finally below to report
			}
		}
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
