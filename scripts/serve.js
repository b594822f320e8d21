// Serves the built site (build/) as any static host would, and prints its URL.
// PORT and HOST may be set; unknown paths get build/404.html (the site's "Page not
// found", src/routes/404) with status 404. Pages are folders: /x/ is x/index.html, and /x
// is redirected to /x/ (308, query kept) where x/index.html exists, as plain static
// hosts do (src/lib/static-files.js).
// `--check-port` only checks that the port is free, and exits (`npm start` runs it
// before the build, so a busy port is reported in a second, not after a build).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import { extname, join, relative, resolve, sep } from 'node:path';
import { contentTypeOf } from '../src/lib/content-types.js';
import { locate } from '../src/lib/static-files.js';

const gzipAsync = promisify(gzip);

const root = resolve(process.env.STEPVISOR_BUILD_DIR ?? 'build');
const host = process.env.HOST ?? '127.0.0.1';
const portText = process.env.PORT ?? '4173';
if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
	console.error(`PORT must be a number from 0 to 65535 (0: any free port), not "${portText}".`);
	process.exit(1);
}
const port = Number(portText);

/** What to tell a person whose server could not start, in one line. */
function listenProblem(error) {
	if (error.code === 'EADDRINUSE')
		return `Port ${port} on ${host} is in use: stop what uses it, or set PORT to another port (PORT=0 picks a free one).`;
	if (error.code === 'EACCES')
		return `Port ${port} on ${host} needs privileges this user lacks: set PORT to a port above 1023.`;
	if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
		return `HOST ${host} is not an address of this machine: set HOST (e.g. 127.0.0.1, or 0.0.0.0 for every address).`;
	return `Could not serve on ${host}:${port}: ${error.message}`;
}

/** Listens on HOST and PORT; on failure says why in one line and exits 1 (no stack trace). */
function listen(server, then) {
	server.once('error', (error) => {
		console.error(listenProblem(error));
		process.exit(1);
	});
	server.listen(port, host, then);
}

/**
 * The path of the request as the client sent it (before any URL normalization), or
 * null when it must be refused: an encoded separator (`%2f`, `%5c`), a backslash, a
 * NUL, or a dot segment (`.`/`..`, raw or percent-encoded). Such paths name no page
 * of the site; refusing them means the file served and the headers chosen for it
 * can never disagree about where a request points.
 */
function requestPath(rawUrl) {
	const raw = (rawUrl ?? '/').split(/[?#]/, 1)[0];
	if (!raw.startsWith('/') || /%(2f|5c|00)|\\/i.test(raw)) return null;
	let decoded;
	try {
		decoded = decodeURIComponent(raw);
	} catch {
		return null;
	}
	if (decoded.includes('\0') || decoded.includes('\\')) return null;
	if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return null;
	return decoded;
}

/**
 * The same headers static/_headers gives Cloudflare Pages and netlify.toml gives
 * Netlify (docs/hosting.md). Framing is decided by the file actually served: only a
 * file inside build/embed/ or build/framed/ may be framed by other sites. A miss
 * under /embed/ or /framed/ is framable too, so that an LMS frame with a stale link
 * shows the site's "Page not found" instead of the browser's "refused to connect"
 * (the path has passed requestPath, so its first segment is where it points).
 */
function securityHeaders(top) {
	const headers = [
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'strict-origin-when-cross-origin'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=()']
	];
	if (top === 'embed' || top === 'framed') {
		headers.push(['Content-Security-Policy', 'frame-ancestors *']);
	} else {
		headers.push(['Content-Security-Policy', "frame-ancestors 'self'"]);
		headers.push(['X-Frame-Options', 'SAMEORIGIN']);
	}
	return headers;
}

function handle(request, response) {
	const path = requestPath(request.url);
	if (path === null) {
		response.statusCode = 400;
		response.setHeader('Content-Type', 'text/plain; charset=utf-8');
		for (const [name, value] of securityHeaders(null)) response.setHeader(name, value);
		response.end('Bad request: encoded separators and dot segments are not allowed in paths.\n');
		return;
	}
	// Pages are folders, lessons/layers/index.html, linked as /lessons/layers/: the
	// address without its slash (an older link, a bookmark) is sent there, as every
	// plain static host does, with its query (?step=3).
	const found = locate(root, path);
	if (found && 'redirect' in found) {
		const query = /\?[^#]*/.exec(request.url ?? '')?.[0] ?? '';
		response.statusCode = 308;
		response.setHeader('Location', found.redirect + query);
		for (const [name, value] of securityHeaders(found.redirect.split('/')[1]))
			response.setHeader(name, value);
		response.end();
		return;
	}
	const file = found?.file ?? null;
	const target = file ?? join(root, '404.html');
	response.statusCode = file ? 200 : 404;
	response.setHeader('Content-Type', contentTypeOf(extname(target)));
	const top = file ? relative(root, file).split(sep)[0] : path.split('/')[1];
	for (const [name, value] of securityHeaders(top)) response.setHeader(name, value);
	if (target.includes(`${join(root, '_app', 'immutable')}`)) {
		response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
	} else if (
		target === join(root, 'sw.js') ||
		target === join(root, '_app', 'lesson-boot.js') ||
		target === join(root, '_app', 'embed-boot.js')
	) {
		// A new deployment's worker must be seen at once, and the lesson and embed pages'
		// scripts keep their names while the chunks they import are renamed by each build.
		response.setHeader('Cache-Control', 'no-cache');
	}
	// Compress text the way static hosts and CDNs do.
	const compressible = /^(text\/|application\/(json|xml|manifest)|image\/svg)/.test(
		response.getHeader('Content-Type') ?? ''
	);
	response.setHeader('Vary', 'Accept-Encoding');
	if (compressible && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
		response.setHeader('Content-Encoding', 'gzip');
		sendGzipped(target, response);
	} else {
		createReadStream(target).pipe(response);
	}
}

/**
 * Each file's gzipped bytes, compressed once and kept while the file is unchanged (its
 * size and time): a page's scripts and HTML are asked for again by every visit, and
 * compressing them anew cost the end-to-end tests' one server a core's time per page.
 * @type {Map<string, { version: string, bytes: Promise<Buffer> }>}
 */
const gzipped = new Map();

/** Sends `file` gzipped, from memory when it was compressed before. */
function sendGzipped(file, response) {
	let stats = null;
	try {
		stats = statSync(file);
	} catch {
		/* gone meanwhile: streamed below, which answers as the read fails */
	}
	// A file too big to keep, or gone meanwhile: streamed as it is read.
	if (stats === null || stats.size > 8 * 1024 * 1024) {
		createReadStream(file).pipe(createGzip()).pipe(response);
		return;
	}
	const version = `${stats.size} ${stats.mtimeMs}`;
	let kept = gzipped.get(file);
	if (kept?.version !== version) {
		// readFile, not a piped stream: a pipe does not pass a read error on, and the
		// kept promise would then never settle.
		const bytes = readFile(file).then((text) => gzipAsync(text));
		kept = { version, bytes };
		gzipped.set(file, kept);
		// A failed read is not kept: the next request tries again.
		bytes.catch(() => gzipped.delete(file));
	}
	kept.bytes.then(
		(bytes) => response.end(bytes),
		() => {
			response.statusCode = 500;
			response.end();
		}
	);
}

/** The host as it goes in a URL: every address's wildcard as localhost, IPv6 in brackets. */
function urlHost(name) {
	if (name === '0.0.0.0' || name === '::') return 'localhost';
	return name.includes(':') ? `[${name}]` : name;
}

if (process.argv.includes('--check-port')) {
	const probe = createServer();
	listen(probe, () => probe.close());
} else {
	if (!existsSync(join(root, 'index.html'))) {
		console.error(
			`No built site in ${root}: run \`npm run build\` (or \`npm start\`, which builds first).`
		);
		process.exit(1);
	}
	const server = createServer({ maxHeaderSize: 512 * 1024 }, handle);
	listen(server, () => {
		// PORT=0 asks the system for a free port (the server tests do): print the real one.
		const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
		console.log(`Stepvisor is being served at http://${urlHost(host)}:${actual}/`);
		console.log('Press Ctrl+C to stop.');
	});
}
