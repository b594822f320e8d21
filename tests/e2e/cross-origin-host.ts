/**
 * A second web server for the LMS tests: it plays the LMS (another origin,
 * 127.0.0.2 on a port of its own, while the site is on 127.0.0.1) and serves the
 * pages a test gives it, and the TinyMCE editors from node_modules (6.8 at
 * /tinymce6/, 7.x at /tinymce7/). Both addresses are loopback, so Chromium's local
 * network checks let the one frame the other.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const editors: Record<string, string> = {
	tinymce6: resolve('node_modules/tinymce'),
	tinymce7: resolve('node_modules/tinymce7')
};
const types: Record<string, string> = {
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.html': 'text/html; charset=utf-8'
};

export interface Host {
	origin: string;
	/** Serves `html` at `path` from now on and returns its address. */
	page(path: string, html: string): string;
	close(): Promise<void>;
}

export async function startHost(): Promise<Host> {
	const pages = new Map<string, string>();
	const server: Server = createServer((request, response) => {
		const { pathname } = new URL(request.url ?? '/', 'http://host');
		const editor = /^\/(tinymce[67])\/(.+)$/.exec(pathname);
		if (editor) {
			const root = editors[editor[1]];
			const file = normalize(join(root, editor[2]));
			if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
				response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
				response.end(readFileSync(file));
				return;
			}
		}
		const html = pages.get(pathname);
		response.statusCode = html === undefined ? 404 : 200;
		response.setHeader('Content-Type', types['.html']);
		response.end(html ?? 'not found');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.2', done));
	const address = server.address();
	const origin = `http://127.0.0.2:${typeof address === 'object' && address ? address.port : 0}`;
	return {
		origin,
		page(path, html) {
			pages.set(path, html);
			return origin + path;
		},
		close: () => new Promise((done) => server.close(() => done()))
	};
}

/** An LMS-like page: a 784 px content column (Moodle's) holding `body`. */
export function lmsPage(body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body style="margin:0"><main style="width:784px;margin:0 auto">${body}</main></body></html>`;
}
