/**
 * Runs as each page is prerendered. The comments in src/app.html explain the
 * template to whoever edits it; a visitor would download them with every page
 * (0.4 KB gzipped of a lesson's 54). Svelte's own markers, which hydration
 * reads, never start with white space (`<!--[-->`, `<!---->`), so they stay.
 */
import type { Handle } from '@sveltejs/kit';

const TEMPLATE_COMMENT = /<!--\s[\s\S]*?-->\s*/g;

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => html.replace(TEMPLATE_COMMENT, '')
	});
