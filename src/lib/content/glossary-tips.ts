/**
 * Escape hides the glossary definition shown beside a term (under the pointer or
 * around the focused link) until the pointer or focus leaves it: content that
 * appears on hover or focus must be dismissible without moving (WCAG 1.4.13).
 * On a phone it also keeps a focused term from being hidden under its definition.
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

	// On a phone the definition is pinned to the foot of the screen (app.css): a term
	// focused down there would be hidden under its own definition (WCAG 2.4.11), so
	// that definition is pinned to the top instead.
	const phone = typeof matchMedia === 'function' ? matchMedia('(max-width: 640px)') : null;
	function placeDefinition(event: FocusEvent) {
		const link = event.target instanceof Element ? event.target : null;
		const term = link?.closest('.glossary-term');
		if (!link || !term) return;
		term.classList.remove('definition-at-top');
		const definition = term.querySelector(':scope > .glossary-definition');
		if (!phone?.matches || !definition) return;
		const box = definition.getBoundingClientRect();
		const own = link.getBoundingClientRect();
		if (box.top < own.bottom && own.top < box.bottom) term.classList.add('definition-at-top');
	}

	document.addEventListener('keydown', onkeydown);
	root.addEventListener('focusout', reset);
	root.addEventListener('mouseout', reset);
	root.addEventListener('focusin', placeDefinition);
	return () => {
		document.removeEventListener('keydown', onkeydown);
		root.removeEventListener('focusout', reset);
		root.removeEventListener('mouseout', reset);
		root.removeEventListener('focusin', placeDefinition);
	};
}
