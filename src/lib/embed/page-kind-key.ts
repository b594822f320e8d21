/**
 * The context key of a page's kind (./page-kind.ts), apart from it: a page that
 * runs no router builds its islands' contexts with it before Svelte's runtime has
 * loaded, and ./page-kind.ts imports Svelte.
 */
export const PAGE_KIND = Symbol('stepvisor:page-kind');

export type PageKind = 'site' | 'embed' | 'framed';

/** The contexts to hydrate islands with on a page of `kind` that runs no router. */
export function pageKindContext(kind: PageKind): Map<unknown, unknown> {
	return new Map([[PAGE_KIND, kind]]);
}
