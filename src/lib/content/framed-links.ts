/**
 * In a lesson framed by an LMS (`/framed/lessons/<slug>`): the site's other pages
 * refuse to be framed, so a link from the prose to one of them opens a new tab
 * instead of a blocked frame. Links within the page stay as they are.
 */
export function openOtherPagesInNewTabs(article: HTMLElement): void {
	for (const link of article.querySelectorAll<HTMLAnchorElement>('a[href]')) {
		const url = new URL(link.href, window.location.href);
		const samePage = url.pathname === window.location.pathname && url.hash !== '';
		if (samePage || link.target) continue;
		link.target = '_blank';
		link.rel = 'noopener';
	}
}
