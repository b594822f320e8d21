/**
 * The 404 page (src/routes/404) is served by a static host for any address it has
 * no file for, at any depth: `/a/b/c`, `/stepvisor/embed/x/`. SvelteKit writes a
 * page's addresses relative to where the page is prerendered (`./_app/…`,
 * `./lessons/…` in a page at the site's root), and the browser would resolve them
 * against the missing address instead. This makes them absolute, under the site's
 * base path (`''` at a domain's root, `/stepvisor` in a folder). Fragments (`#main`)
 * stay as they are: they point into the page itself.
 */
export function absoluteAddresses(html: string, base: string): string {
	const absolute = html.replace(/(\s(?:href|src)=")\.\//g, `$1${base}/`);
	// A page written for a deeper place (`../`) would need more than this: say so at
	// build time rather than ship a page whose links lead nowhere.
	const left = /\s(?:href|src)="\.{1,2}(?:\/|")/.exec(absolute);
	if (left) throw new Error(`a relative address is left in the page: ${left[0].trim()}`);
	return absolute;
}
