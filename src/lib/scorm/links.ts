/**
 * Links inside a packaged lesson. The package holds one lesson under the hash
 * router (`index.html#/lessons/<slug>`), so:
 * - a table-of-contents link `#section` would be read as a route: scroll to the
 *   section instead;
 * - a link to another page of the site (`/lessons/…/` written in a lesson, or a
 *   `#/…` route other than this lesson) opens on the public site, in a new tab,
 *   when the package was given its address, and does nothing otherwise. The
 *   public site's pages are folders (`/lessons/<slug>/`): this lesson is
 *   `/lessons/<slug>` with or without the slash.
 */
export function siteLink(href: string, site: string, lessonPath: string): string | null {
	let path: string;
	if (href.startsWith('#/')) path = href.slice(1);
	else if (href.startsWith('/') && !href.startsWith('//')) path = href;
	else return null;
	const [pathname] = path.split(/[?#]/, 1);
	if (pathname.replace(/\/$/, '') === lessonPath.replace(/\/$/, '')) return null;
	return site ? site.replace(/\/+$/, '') + path : '';
}

export function handleLinks(root: Document, site: string, lessonPath: string): () => void {
	function onclick(event: MouseEvent) {
		const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
		if (!target) return;
		const href = target.getAttribute('href') ?? '';
		if (href.startsWith('#') && !href.startsWith('#/')) {
			event.preventDefault();
			const id = decodeURIComponent(href.slice(1));
			const section = root.getElementById(id);
			section?.scrollIntoView({ block: 'start' });
			return;
		}
		const external = siteLink(href, site, lessonPath);
		if (external === null) return;
		event.preventDefault();
		if (external) window.open(external, '_blank', 'noopener');
	}
	root.addEventListener('click', onclick, true);
	return () => root.removeEventListener('click', onclick, true);
}
