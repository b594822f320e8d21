/**
 * Runs as each page is prerendered. The comments in src/app.html explain the
 * template to whoever edits it; a visitor would download them with every page
 * (0.4 KB gzipped of a lesson's 54). Svelte's own markers, which hydration
 * reads, never start with white space (`<!--[-->`, `<!---->`), so they stay.
 *
 * The 404 page, which hosts serve for any missing address at any depth, gets
 * absolute addresses (./lib/absolute-addresses.ts).
 */
import type { Handle } from '@sveltejs/kit';
import { absoluteAddresses } from '$lib/absolute-addresses';

const TEMPLATE_COMMENT = /<!--\s[\s\S]*?-->\s*/g;

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => {
			const page = html.replace(TEMPLATE_COMMENT, '');
			if (event.route.id !== '/404') return page;
			// Prerendered at <base>/404: what comes before is the site's base path.
			return absoluteAddresses(page, event.url.pathname.replace(/\/404$/, ''));
		}
	});
