// scripts/serve.js (npm start, the e2e tests): framing headers follow the file that
// is served, and paths that could make the two disagree are refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: ChildProcess;
let origin: URL;
let root: string;

beforeAll(async () => {
	// A tiny stand-in for build/: one embed page and one lesson page, each a folder.
	root = mkdtempSync(join(tmpdir(), 'stepvisor-serve-'));
	mkdirSync(join(root, 'embed', 'layers'), { recursive: true });
	mkdirSync(join(root, 'lessons', 'layers'), { recursive: true });
	writeFileSync(join(root, 'index.html'), 'home');
	writeFileSync(join(root, '404.html'), 'not found');
	writeFileSync(join(root, 'embed', 'layers', 'index.html'), 'embed page');
	writeFileSync(join(root, 'lessons', 'layers', 'index.html'), 'lesson page');
	writeFileSync(join(root, 'sw.js'), '// worker');
	mkdirSync(join(root, '_app'));
	writeFileSync(join(root, '_app', 'lesson-boot.js'), '// lesson script');
	writeFileSync(join(root, '_app', 'embed-boot.js'), '// embed script');
	server = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, STEPVISOR_BUILD_DIR: root, PORT: '0', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	origin = await new Promise<URL>((done, fail) => {
		let text = '';
		server.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const match = /http:\/\/\S+\//.exec(text);
			if (match) done(new URL(match[0]));
		});
		server.on('exit', (code) => fail(new Error(`serve.js exited with ${code}`)));
	});
});

afterAll(() => {
	server?.kill();
	rmSync(root, { recursive: true, force: true });
});

/** GET with the path sent exactly as written (fetch would normalize dot segments). */
function get(path: string) {
	return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
		(done, fail) => {
			const req = request(
				{ host: origin.hostname, port: origin.port, path, method: 'GET' },
				(res) => {
					let body = '';
					res.on('data', (chunk: Buffer) => (body += chunk.toString()));
					res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
				}
			);
			req.on('error', fail);
			req.end();
		}
	);
}

describe('serve.js framing headers', () => {
	it('lets other sites frame an embed page, and only that', async () => {
		const embed = await get('/embed/layers/');
		expect(embed.status).toBe(200);
		expect(embed.body).toBe('embed page');
		expect(embed.headers['content-security-policy']).toBe('frame-ancestors *');
		expect(embed.headers['x-frame-options']).toBeUndefined();

		const lesson = await get('/lessons/layers/');
		expect(lesson.body).toBe('lesson page');
		expect(lesson.headers['content-security-policy']).toBe("frame-ancestors 'self'");
		expect(lesson.headers['x-frame-options']).toBe('SAMEORIGIN');
	});

	// An LMS frame with a stale link shows "Page not found", not "refused to connect".
	it.each([
		'/embed/no-such-animation',
		'/embed/no-such-animation/',
		'/framed/lessons/no-such-lesson/'
	])('gives a missing page under %s the 404 page, framable', async (path) => {
		const missing = await get(path);
		expect(missing.status).toBe(404);
		expect(missing.body).toBe('not found');
		expect(missing.headers['content-security-policy']).toBe('frame-ancestors *');
		expect(missing.headers['x-frame-options']).toBeUndefined();
	});

	it('gives a missing page elsewhere the 404 page, not framable', async () => {
		const missing = await get('/lessons/no-such-lesson');
		expect(missing.status).toBe(404);
		expect(missing.headers['content-security-policy']).toBe("frame-ancestors 'self'");
		expect(missing.headers['x-frame-options']).toBe('SAMEORIGIN');
	});

	it.each([
		'/embed/..%2flessons/layers',
		'/embed/..%2Flessons/layers',
		'/embed/..%5clessons/layers',
		'/embed/%2e%2e/lessons/layers',
		'/embed/%2E%2e%2flessons/layers',
		'/embed/../lessons/layers',
		'/embed/./layers',
		'/embed/%2e/layers',
		'/embed\\..\\lessons\\layers',
		'/embed/layers%00',
		'/%2e%2e/%2e%2e/etc/passwd',
		'/embed/%E0%A4%A',
		'/embed/..%2flessons/layers/',
		'/embed/layers/%2e%2e/%2e%2e/lessons/layers/'
	])('refuses %s with 400 and no embed framing', async (path) => {
		const response = await get(path);
		expect(response.status).toBe(400);
		expect(response.body).not.toContain('page');
		expect(response.headers['content-security-policy']).toBe("frame-ancestors 'self'");
		expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
	});

	it('still serves ordinary percent-encoded names', async () => {
		const response = await get('/embed/%6cayers/?step=3');
		expect(response.status).toBe(200);
		expect(response.body).toBe('embed page');
	});
});

/**
 * The headers Cloudflare Pages would send for `path` from static/_headers: every
 * matching rule applies in order, "! Name" drops what earlier rules set, and
 * same-named values are joined (their documented semantics, docs/hosting.md).
 */
function cloudflareHeaders(path: string): Record<string, string> {
	const headers: Record<string, string> = {};
	let applies = false;
	for (const line of readFileSync('static/_headers', 'utf8').split('\n')) {
		if (line.trim() === '' || line.trim().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			const pattern = new RegExp(`^${line.trim().replace(/\*/g, '.*')}$`);
			applies = pattern.test(path);
			continue;
		}
		if (!applies) continue;
		const detach = /^\s+!\s*(\S+)/.exec(line);
		if (detach) {
			delete headers[detach[1].toLowerCase()];
			continue;
		}
		const [, name, value] = /^\s+([^:]+):\s*(.*)$/.exec(line) ?? [];
		const key = name.toLowerCase();
		headers[key] = headers[key] ? `${headers[key]}, ${value}` : value;
	}
	return headers;
}

/** The headers Netlify would send from netlify.toml: the last matching rule's value wins. */
function netlifyHeaders(path: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const toml = readFileSync('netlify.toml', 'utf8');
	for (const block of toml.split('[[headers]]').slice(1)) {
		const pattern = /for = "([^"]+)"/.exec(block)![1];
		if (!new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(path)) continue;
		for (const [, name, value] of block.matchAll(/^\s+([\w-]+) = "(.*)"$/gm)) {
			headers[name.toLowerCase()] = value;
		}
	}
	return headers;
}

describe('serve.js pages are folders', () => {
	it('redirects /x to /x/ (308, query kept) when x/index.html exists', async () => {
		const embed = await get('/embed/layers?step=3');
		expect(embed.status).toBe(308);
		expect(embed.headers.location).toBe('/embed/layers/?step=3');
		// The redirect itself may be framed where its page may.
		expect(embed.headers['content-security-policy']).toBe('frame-ancestors *');
		expect(embed.headers['x-frame-options']).toBeUndefined();
		const lesson = await get('/lessons/layers');
		expect(lesson.status).toBe(308);
		expect(lesson.headers.location).toBe('/lessons/layers/');
		expect(lesson.headers['content-security-policy']).toBe("frame-ancestors 'self'");
		expect(lesson.headers['x-frame-options']).toBe('SAMEORIGIN');
		const encoded = await get('/embed/%6cayers?step=3&autoplay=1');
		expect(encoded.status).toBe(308);
		expect(encoded.headers.location).toBe('/embed/layers/?step=3&autoplay=1');
	});

	// A page's relative addresses (../../_app/…) are right only at its own address.
	it('serves a page at one address: other spellings are redirected there', async () => {
		for (const path of ['/lessons/layers//', '//lessons/layers/', '//lessons//layers']) {
			const response = await get(path);
			expect(response.status, path).toBe(308);
			expect(response.headers.location, path).toBe('/lessons/layers/');
		}
		const root = await get('//');
		expect(root.status).toBe(308);
		expect(root.headers.location).toBe('/');
	});

	it('never redirects to another host, and leaves other misses alone', async () => {
		expect((await get('/lessons/no-such-lesson')).status).toBe(404);
		expect((await get('/lessons/no-such-lesson/')).status).toBe(404);
		// A folder without an index.html is no page.
		expect((await get('/lessons/')).status).toBe(404);
		expect((await get('/lessons')).status).toBe(404);
		expect((await get('/sw.js/')).status).toBe(404);
		expect((await get('/')).status).toBe(200);
		expect((await get('/lessons/layers/index.html')).body).toBe('lesson page');
	});

	it('serves a file only by its own name, as a plain static host does', async () => {
		// Not 404.html for /404 (the way `/x` was once answered with x.html).
		const page = await get('/404');
		expect(page.status).toBe(404);
		expect((await get('/404.html')).status).toBe(200);
	});
});

describe('serve.js start-up', () => {
	const run = (env: Record<string, string>, args: string[] = []) =>
		spawnSync(process.execPath, ['scripts/serve.js', ...args], {
			env: { ...process.env, STEPVISOR_BUILD_DIR: root, HOST: '127.0.0.1', ...env },
			encoding: 'utf8',
			timeout: 10_000
		});

	async function busyPort<T>(use: (port: number) => T): Promise<T> {
		const blocker = createServer();
		await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
		try {
			return use((blocker.address() as AddressInfo).port);
		} finally {
			blocker.close();
		}
	}

	it('says in one line that a port is in use, and to set PORT', async () => {
		for (const args of [[], ['--check-port']]) {
			const result = await busyPort((port) => run({ PORT: String(port) }, args));
			expect(result.status).toBe(1);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).toMatch(/is in use.*set PORT/);
			expect(result.stderr).not.toMatch(/\bat |EADDRINUSE/);
		}
	});

	it('is what npm start runs before it builds, so a busy port is told in a second', () => {
		const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
		const steps = scripts.start.split(' && ');
		expect(steps.indexOf('node scripts/serve.js --check-port')).toBeGreaterThanOrEqual(0);
		expect(steps.indexOf('node scripts/serve.js --check-port')).toBeLessThan(
			steps.indexOf('vite build')
		);
	});

	it('checks a free port and exits without serving', () => {
		const result = run({ PORT: '0' }, ['--check-port']);
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('');
	});

	it.each(['abc', '-1', '65536', '80.5', ''])('refuses PORT=%j in one line', (port) => {
		const result = run({ PORT: port });
		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toMatch(/^PORT must be a number from 0 to 65535/);
	});

	it('prints an IPv6 host in brackets', async () => {
		const child = spawn(process.execPath, ['scripts/serve.js'], {
			env: { ...process.env, STEPVISOR_BUILD_DIR: root, PORT: '0', HOST: '::1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		try {
			const line = await new Promise<string>((done, fail) => {
				let text = '';
				child.stdout!.on('data', (chunk: Buffer) => {
					text += chunk.toString();
					if (text.includes('\n')) done(text.split('\n')[0]);
				});
				child.on('exit', (code) => fail(new Error(`serve.js exited with ${code}`)));
			});
			const url = /http:\/\/\S+/.exec(line)![0];
			expect(url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
			const response = await fetch(url);
			expect(await response.text()).toBe('home');
		} finally {
			child.kill();
		}
	});
});

describe('static/_headers and netlify.toml promise what serve.js sends', () => {
	it.each(['/embed/layers/', '/lessons/layers/'])('%s', async (path) => {
		const served = (await get(path)).headers;
		const security = [
			'content-security-policy',
			'x-content-type-options',
			'referrer-policy',
			'permissions-policy'
		];
		const cloudflare = cloudflareHeaders(path);
		const netlify = netlifyHeaders(path);
		// FLoC's interest-cohort was withdrawn; browsers call it an unknown feature.
		expect(served['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
		for (const name of security) {
			expect(cloudflare[name], `Cloudflare ${name}`).toBe(served[name]);
			expect(netlify[name], `Netlify ${name}`).toBe(served[name]);
		}
		// Cloudflare can drop X-Frame-Options; Netlify cannot, and browsers ignore it
		// beside a CSP frame-ancestors directive (docs/hosting.md).
		expect(cloudflare['x-frame-options']).toBe(served['x-frame-options']);
		if (served['x-frame-options'])
			expect(netlify['x-frame-options']).toBe(served['x-frame-options']);
	});
});

describe('files whose name outlives a build are revalidated on every visit', () => {
	it.each(['/sw.js', '/_app/lesson-boot.js', '/_app/embed-boot.js'])('%s', async (path) => {
		const served = (await get(path)).headers;
		expect(served['cache-control']).toBe('no-cache');
		expect(cloudflareHeaders(path)['cache-control']).toBe('no-cache');
		expect(netlifyHeaders(path)['cache-control']).toBe('no-cache');
	});
});

describe('gzip', () => {
	/** GET asking for gzip; the body unzipped. */
	function getGzipped(path: string) {
		return new Promise<{ encoding: unknown; body: string }>((done, fail) => {
			const req = request(
				{
					host: origin.hostname,
					port: origin.port,
					path,
					method: 'GET',
					headers: { 'Accept-Encoding': 'gzip' }
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () =>
						done({
							encoding: res.headers['content-encoding'],
							body: (res.headers['content-encoding'] === 'gzip'
								? gunzipSync(Buffer.concat(chunks))
								: Buffer.concat(chunks)
							).toString()
						})
					);
				}
			);
			req.on('error', fail);
			req.end();
		});
	}

	it('serves a file compressed, and its new text once it changes on disk', async () => {
		const file = join(root, 'lessons', 'layers', 'index.html');
		expect(await getGzipped('/lessons/layers/')).toEqual({ encoding: 'gzip', body: 'lesson page' });
		// Compressed once and kept: asked again, the same text.
		expect((await getGzipped('/lessons/layers/')).body).toBe('lesson page');
		// A rebuild while the server runs: a new size, so not the kept bytes.
		writeFileSync(file, 'lesson page, rebuilt');
		expect((await getGzipped('/lessons/layers/')).body).toBe('lesson page, rebuilt');
		writeFileSync(file, 'lesson page');
	});
});
