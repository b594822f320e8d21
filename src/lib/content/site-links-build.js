/**
 * Links in a lesson's prose to another page or file of the site: the glossary
 * links (./glossary-links.js writes `/glossary/#…`) and the lesson Markdown's own
 * (`/lessons/…/`, `/scenarios/…`). Written from the site's root, they would leave
 * a site hosted in a folder (a GitHub Pages project site, `BASE_PATH`), so each
 * becomes `resolve('/…')` from `$app/paths`: prerendering makes that relative to
 * the page it is on (`../../glossary/#…` on /lessons/x/, `../../../glossary/#…` on
 * /framed/lessons/x/, the one component serving both), and a page rendered by the
 * router gets the base path in front. Done at build time (svelte.config.js, after
 * mdsvex), so the built pages need no script to fix their links. The SCORM build
 * keeps them as written: its packages hand `/…` links to the public site
 * (src/lib/scorm/links.ts).
 *
 * Every page is a folder (`lessons/layers/index.html`, src/routes/+layout.ts), so a
 * link to a page ends with a slash (`/lessons/layers/`, `/glossary/#trap`). Without
 * it (`/lessons/layers`) the link costs a redirect on every host, and a relative
 * address made from it is wrong under a folder; the build stops and names it.
 */

const RESOLVE = 'stepvisorSiteHref';

/**
 * Why `path`, a link from the site's root, must be written otherwise, or null: a
 * page's address without its trailing slash. A file's last segment has a dot
 * (`/scenarios/syscall/native.json`, `/embed-demo.html`).
 * @param {string} path
 * @returns {string | null}
 */
export function pageLinkProblem(path) {
	const [pathname] = path.split(/[?#]/, 1);
	const last = pathname.slice(pathname.lastIndexOf('/') + 1);
	if (last === '' || last.includes('.')) return null;
	const fixed = `${pathname}/${path.slice(pathname.length)}`;
	return `the link "${path}" names a page without its trailing slash: write "${fixed}" (every page is a folder, docs/hosting.md)`;
}

/**
 * @param {string} source mdsvex's output for a lesson
 * @param {string} [filename] the lesson's file, for the build's error messages
 * @returns {string}
 */
export function siteRelativeLinks(source, filename = 'a lesson') {
	let changed = false;
	// The scripts stay as they are; only `<a>` tags in the markup between them change.
	const parts = source.split(/(<script\b[^>]*>[\s\S]*?<\/script>)/);
	const markup = parts.map((part, index) =>
		index % 2 === 1
			? part
			: part.replace(/<a\b[^>]*>/g, (tag) =>
					tag.replace(/(\shref=)"(\/(?!\/)[^"]*)"/, (_, attribute, path) => {
						const problem = pageLinkProblem(path);
						if (problem) throw new Error(`${filename}: ${problem}`);
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
