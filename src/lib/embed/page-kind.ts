/**
 * Which kind of page a part is drawn on: the site's own, an embed (`/embed/*`) or
 * a lesson framed by an LMS (`/framed/*`). The embed and framed pages provide it
 * as a context, which their parts get directly or, hydrated as islands, with the
 * page's contexts. Lesson pages load no router (their islands start without
 * SvelteKit's client), so a part cannot ask the router which route it is on.
 */
import { getContext, setContext } from 'svelte';
import { PAGE_KIND as KEY, type PageKind } from './page-kind-key';

export type { PageKind };

/** Called by the page while it is created, before it hands its contexts on. */
export function providePageKind(kind: PageKind): void {
	setContext(KEY, kind);
}

/** Called while a part is created; 'site' where no page said otherwise. */
export function usePageKind(): PageKind {
	return getContext<PageKind | undefined>(KEY) ?? 'site';
}
