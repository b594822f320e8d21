// Serves the built site (build/) as any static host would, and prints its URL.
// PORT and HOST may be set; unknown paths get build/404.html with status 404.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';

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

function fileFor(pathname) {
	let decoded;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return null;
	}
	const path = normalize(join(root, decoded));
	if (!path.startsWith(root)) return null;
	for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** The same headers static/_headers gives Netlify and Cloudflare Pages (docs/hosting.md). */
function securityHeaders(pathname) {
	const headers = [
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'strict-origin-when-cross-origin'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()']
	];
	if (pathname.startsWith('/embed/')) {
		headers.push(['Content-Security-Policy', 'frame-ancestors *']);
	} else {
		headers.push(['Content-Security-Policy', "frame-ancestors 'self'"]);
		headers.push(['X-Frame-Options', 'SAMEORIGIN']);
	}
	return headers;
}

const server = createServer({ maxHeaderSize: 512 * 1024 }, (request, response) => {
	const url = new URL(request.url ?? '/', 'http://localhost');
	const file = fileFor(url.pathname);
	const target = file ?? join(root, '404.html');
	response.statusCode = file ? 200 : 404;
	response.setHeader('Content-Type', types[extname(target)] ?? 'application/octet-stream');
	for (const [name, value] of securityHeaders(url.pathname)) response.setHeader(name, value);
	if (target.includes(`${join(root, '_app', 'immutable')}`)) {
		response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
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
	console.log(
		`Stepvisor is being served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`
	);
	console.log('Press Ctrl+C to stop.');
});
