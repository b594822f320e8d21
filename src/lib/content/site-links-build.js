/**
 * Links in a lesson's prose to another page or file of the site: the glossary
 * links (./glossary-links.js writes `/glossary#…`) and the lesson Markdown's own
 * (`/lessons/…`, `/scenarios/…`). Written from the site's root, they would leave
 * a site hosted in a folder (a GitHub Pages project site, `BASE_PATH`), so each
 * becomes `resolve('/…')` from `$app/paths`: prerendering makes that relative to
 * the page it is on (`../glossary#…` on /lessons/x, `../../glossary#…` on
 * /framed/lessons/x, the one component serving both), and a page rendered by the
 * router gets the base path in front. Done at build time (svelte.config.js, after
 * mdsvex), so the built pages need no script to fix their links. The SCORM build
 * keeps them as written: its packages hand `/…` links to the public site
 * (src/lib/scorm/links.ts).
 */

const RESOLVE = 'stepvisorSiteHref';

/**
 * @param {string} source mdsvex's output for a lesson
 * @returns {string}
 */
export function siteRelativeLinks(source) {
	let changed = false;
	// The scripts stay as they are; only `<a>` tags in the markup between them change.
	const parts = source.split(/(<script\b[^>]*>[\s\S]*?<\/script>)/);
	const markup = parts.map((part, index) =>
		index % 2 === 1
			? part
			: part.replace(/<a\b[^>]*>/g, (tag) =>
					tag.replace(/(\shref=)"(\/(?!\/)[^"]*)"/, (_, attribute, path) => {
						changed = true;
						return `${attribute}{${RESOLVE}(${JSON.stringify(path)})}`;
					})
				)
	);
	if (!changed) return source;
	const code = markup.join('');
	const importLine = `import { resolve as ${RESOLVE} } from '$app/paths';`;
	const instance = /(<script\b(?![^>]*\b(?:context\s*=\s*["']module["']|module\b))[^>]*>)/;
	return instance.test(code)
		? code.replace(instance, `$1\n\t${importLine}`)
		: `<script>\n\t${importLine}\n</script>\n${code}`;
}
