import { tick } from 'svelte';

/**
 * A removed item's button goes with it, and its focus would fall to the page
 * (WCAG 2.4.3): once the list is drawn again, the button now at `position` (the
 * next item's) takes it, else the last one (the previous item's), else
 * `fallback`. `buttons` finds the list's buttons.
 */
export async function focusAfterRemoval(
	position: number,
	buttons: () => readonly HTMLElement[],
	fallback: () => HTMLElement | null | undefined
): Promise<void> {
	await tick();
	const left = buttons();
	(left[Math.min(position, left.length - 1)] ?? fallback())?.focus();
}
