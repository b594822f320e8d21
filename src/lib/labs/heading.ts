import { usePageKind } from '$lib/embed/page-kind';

/**
 * The level of a lab's own top headings (its parts' headings are one below).
 * On a lesson page a lab stands in a section under an h2, so they are h3; an
 * embed has only its h1 title above the lab, so there they are h2: a skipped
 * level misleads those who move by headings (axe's heading-order). Call while
 * the component is created. Components write the two headings out in an
 * `{#if}`: `<svelte:element>` would put its block's runtime (1.5 KB gzip) on
 * every page, which took the two-stacks lesson past its weight budget (#17).
 */
export function labHeadingLevel(): 2 | 3 {
	return usePageKind() === 'embed' ? 2 : 3;
}
