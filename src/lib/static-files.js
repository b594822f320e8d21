// Which file of the build a request path names, for the two servers that serve it
// (scripts/serve.js for `npm start`, server/lti/app.ts for the LTI mode), as a plain
// static host does: every page is a folder with an index.html
// (`lessons/layers/index.html`, src/routes/+layout.ts), served for `/lessons/layers/`,
// and `/lessons/layers` is redirected there.
import { existsSync, statSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';

/** @param {string} path */
const isFile = (path) => existsSync(path) && statSync(path).isFile();

/**
 * Where a request for `decoded` leads in the folder `root` (an absolute path
 * without a trailing separator): `{ file }` to serve, `{ redirect }` (a path from
 * the site's root) to send with 308, or null when the folder holds nothing there.
 * `decoded` is the decoded path, already refused if it has encoded separators or
 * dot segments; this still never leaves `root`.
 *
 * A folder's index.html is served only at the folder's own address, with one
 * slash at its end. Every other spelling of it (`/lessons/layers`,
 * `/lessons/layers//`, `//lessons/layers/`) is redirected there, since the page's
 * relative addresses (`../../_app/…`) are right only from there. The redirect is
 * made from the folder's name in `root`, never from the request, so `//host/`
 * cannot become a redirect to another site.
 * @param {string} root
 * @param {string} decoded
 * @returns {{ file: string } | { redirect: string } | null}
 */
export function locate(root, decoded) {
	const path = normalize(join(root, decoded));
	if (path !== root && !path.startsWith(root + sep)) return null;
	if (!decoded.endsWith('/') && isFile(path)) return { file: path };
	const folder = path.endsWith(sep) ? path.slice(0, -1) : path;
	const index = join(folder, 'index.html');
	if (!isFile(index)) return null;
	const names = relative(root, folder).split(sep).filter(Boolean);
	if (decoded === `/${names.map((name) => `${name}/`).join('')}`) return { file: index };
	return { redirect: `/${names.map((name) => `${encodeURIComponent(name)}/`).join('')}` };
}
