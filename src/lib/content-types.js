// The Content-Type of each kind of file the build holds, for the two servers that
// serve it (scripts/serve.js for `npm start`, server/lti/app.ts for the LTI mode):
// one list, so a new kind of file is served right by both.

/** @type {Readonly<Record<string, string>>} */
export const CONTENT_TYPES = Object.freeze({
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
});

/**
 * The Content-Type for a file name's extension (with its dot, as `extname` gives it).
 * @param {string} extension
 */
export function contentTypeOf(extension) {
	return Object.hasOwn(CONTENT_TYPES, extension)
		? CONTENT_TYPES[extension]
		: 'application/octet-stream';
}
