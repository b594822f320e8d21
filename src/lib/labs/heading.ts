import { usePageKind } from '$lib/embed/page-kind';

/**
 * The level of a lab's own top headings (its parts' headings are one below).
 * On a lesson page a lab stands in a section under an h2, so they are h3; an
 * embed has only its h1 title above the lab, so there they are h2: a skipped
 * level misleads those who move by headings (axe's heading-order). Call while
 * the component is created.
 */
export function labHeadingLevel(): 2 | 3 {
	return usePageKind() === 'embed' ? 2 : 3;
}
