/**
 * The site's root address, wherever it is hosted (a domain's root or a folder):
 * every page links the web app manifest at the root, with a path relative to the
 * page. Read from the page rather than from SvelteKit's paths, because lesson
 * pages load no router and `$app/paths` brings the router's code with it.
 */
export function siteRoot(): URL {
	const manifest = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
	return manifest ? new URL('./', manifest.href) : new URL('/', window.location.href);
}
