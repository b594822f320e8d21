// Serves the built site (build/) as any static host would, and prints its URL.
// PORT and HOST may be set; unknown paths get build/404.html with status 404.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const root = resolve(process.env.STEPVISOR_BUILD_DIR ?? 'build');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml',
	'.zip': 'application/zip',
	'.webmanifest': 'application/manifest+json'
};

if (!existsSync(join(root, 'index.html'))) {
	console.error(
		`No built site in ${root}: run \`npm run build\` (or \`npm start\`, which builds first).`
	);
	process.exit(1);
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

function fileFor(decoded) {
	const path = normalize(join(root, decoded));
	if (path !== root && !path.startsWith(root + sep)) return null;
	for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/**
 * The same headers static/_headers gives Cloudflare Pages and netlify.toml gives
 * Netlify (docs/hosting.md). Framing is decided by the file actually served: only a
 * file inside build/embed/ or build/framed/ may be framed by other sites.
 */
function securityHeaders(file) {
	const headers = [
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'strict-origin-when-cross-origin'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()']
	];
	const top = relative(root, file).split(sep)[0];
	if (top === 'embed' || top === 'framed') {
		headers.push(['Content-Security-Policy', 'frame-ancestors *']);
	} else {
		headers.push(['Content-Security-Policy', "frame-ancestors 'self'"]);
		headers.push(['X-Frame-Options', 'SAMEORIGIN']);
	}
	return headers;
}

const server = createServer({ maxHeaderSize: 512 * 1024 }, (request, response) => {
	const path = requestPath(request.url);
	if (path === null) {
		response.statusCode = 400;
		response.setHeader('Content-Type', 'text/plain; charset=utf-8');
		for (const [name, value] of securityHeaders(root)) response.setHeader(name, value);
		response.end('Bad request: encoded separators and dot segments are not allowed in paths.\n');
		return;
	}
	const file = fileFor(path);
	const target = file ?? join(root, '404.html');
	response.statusCode = file ? 200 : 404;
	response.setHeader('Content-Type', types[extname(target)] ?? 'application/octet-stream');
	for (const [name, value] of securityHeaders(target)) response.setHeader(name, value);
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
		createReadStream(target).pipe(createGzip()).pipe(response);
	} else {
		createReadStream(target).pipe(response);
	}
});

server.listen(port, host, () => {
	// PORT=0 asks the system for a free port (the server tests do): print the real one.
	const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
	console.log(
		`Stepvisor is being served at http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/`
	);
	console.log('Press Ctrl+C to stop.');
});
