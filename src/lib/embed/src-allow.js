/**
 * Which addresses an embed's `src=` may fetch a scenario from. By default any
 * https address (and the site itself): a link can then make the reader's browser
 * contact a host the link names. A site can narrow that at build time with
 * STEPVISOR_SRC_ALLOW, a comma-separated list of https origins
 * (`https://a.example`) or address prefixes ending in `/`
 * (`https://b.example/scenarios/`). Read by vite.config.ts (for the embed code)
 * and svelte.config.js (for the pages' connect-src policy); see docs/hosting.md.
 * Plain JavaScript so that both config files can load it without a build step.
 */

/**
 * @param {string | undefined} text the setting's value; empty or unset means any https address
 * @returns {string[] | null} the entries, normalized, or null for "any https address"
 * @throws {Error} naming the entry that is not an https origin or prefix ending in `/`
 */
export function parseSrcAllow(text) {
	if (text === undefined || text.trim() === '') return null;
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((entry) => {
			let url;
			try {
				url = new URL(entry);
			} catch {
				throw new Error(`STEPVISOR_SRC_ALLOW: ${JSON.stringify(entry)} is not an address.`);
			}
			const prefix = entry.replace(/^[^:]+:\/\/[^/]+/, '');
			if (
				url.protocol !== 'https:' ||
				url.username ||
				url.password ||
				url.search ||
				url.hash ||
				(prefix !== '' && !prefix.endsWith('/'))
			) {
				throw new Error(
					`STEPVISOR_SRC_ALLOW: ${JSON.stringify(entry)} must be an https origin (https://host) or an https address ending in "/".`
				);
			}
			return prefix === '' ? url.origin : url.href;
		});
}

/**
 * Whether an embed may fetch `href` (an absolute address already checked to be
 * http or https) when the page itself is at `pageOrigin`.
 * @param {string} href
 * @param {string} pageOrigin
 * @param {string[] | null} allow from parseSrcAllow
 */
export function srcAllowed(href, pageOrigin, allow) {
	const url = new URL(href);
	if (url.origin === pageOrigin) return true;
	if (url.protocol !== 'https:') return false;
	if (allow === null) return true;
	return allow.some((entry) =>
		entry.endsWith('/') ? url.href.startsWith(entry) : url.origin === entry
	);
}
