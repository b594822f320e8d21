/**
 * Escape hides the glossary definition shown beside a term (under the pointer or
 * around the focused link) until the pointer or focus leaves it: content that
 * appears on hover or focus must be dismissible without moving (WCAG 1.4.13).
 */
export function dismissGlossaryOnEscape(root: HTMLElement): () => void {
	const dismissed = new Set<Element>();

	function onkeydown(event: KeyboardEvent) {
		if (event.key !== 'Escape') return;
		const focused = document.activeElement?.closest('.glossary-term');
		const shown = [...root.querySelectorAll('.glossary-term:hover')];
		if (focused) shown.push(focused);
		for (const term of shown) {
			term.classList.add('dismissed');
			dismissed.add(term);
		}
	}

	function reset(event: Event) {
		const term = event.target instanceof Element ? event.target.closest('.glossary-term') : null;
		if (!term || !dismissed.has(term)) return;
		// Leaving for a child of the same term (the link to its definition) is not leaving.
		const next = (event as FocusEvent | MouseEvent).relatedTarget;
		if (next instanceof Node && term.contains(next)) return;
		term.classList.remove('dismissed');
		dismissed.delete(term);
	}

	document.addEventListener('keydown', onkeydown);
	root.addEventListener('focusout', reset);
	root.addEventListener('mouseout', reset);
	return () => {
		document.removeEventListener('keydown', onkeydown);
		root.removeEventListener('focusout', reset);
		root.removeEventListener('mouseout', reset);
	};
}
