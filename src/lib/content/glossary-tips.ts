import { keepTipOnScreen, releaseTip } from '$lib/components/tip-placement';

/**
 * The glossary definitions shown beside the terms in a lesson's prose (app.css).
 *
 * Escape hides the definition shown beside a term (under the pointer or around the
 * focused link) until the pointer or focus leaves it: content that appears on hover
 * or focus must be dismissible without moving (WCAG 1.4.13).
 *
 * Each definition is placed as it shows: beside its term it is moved to stay on the
 * screen (./tip-placement.ts), and on a phone, where it is pinned to the foot of the
 * screen, it keeps a focused term from being hidden under it.
 *
 * A touch screen has no hover, and a tap on the link would leave the lesson before
 * the definition was ever seen: there the first tap on a term shows its definition
 * ("tapped"), a second tap on it follows the link, and a tap elsewhere or Escape
 * hides it.
 *
 * The definition's Close button (glossary-links.js) hides it as Escape does.
 *
 * `pointerType`: the kind of pointer that pressed last before this ran (a lesson
 * page loads this at a term's first use, ./lesson-boot.ts, and gives it the press
 * that started it).
 */
export function dismissGlossaryOnEscape(root: HTMLElement, pointerType = ''): () => void {
	const dismissed = new Set<Element>();

	function untap(except?: Element | null) {
		for (const term of root.querySelectorAll('.glossary-term.tapped'))
			if (term !== except) term.classList.remove('tapped');
	}

	/** Hides the definitions shown: Escape, or a definition's Close button (`pointer`: clicked). */
	function hide(pointer = false) {
		untap();
		const focused = document.activeElement?.closest('.glossary-term');
		const shown = [...root.querySelectorAll('.glossary-term:hover')];
		if (focused) {
			shown.push(focused);
			// Not left on the hidden Close button: from the keyboard the focus goes back to
			// the term (its first link); a click takes it away, so that the term shows its
			// definition again when the pointer comes back.
			if (pointer) (document.activeElement as HTMLElement).blur();
			else focused.querySelector('a')?.focus();
		}
		for (const term of shown) {
			term.classList.add('dismissed');
			dismissed.add(term);
		}
	}

	function onkeydown(event: KeyboardEvent) {
		if (event.key === 'Escape') hide();
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

	// The phone layout of app.css: the definition is pinned to the foot of the screen.
	const phone = typeof matchMedia === 'function' ? matchMedia('(max-width: 640px)') : null;

	function place(term: Element) {
		const link = term.querySelector(':scope > a');
		const definition = term.querySelector<HTMLElement>(':scope > .glossary-definition');
		if (!link || !definition) return;
		term.classList.remove('definition-at-top');
		if (!phone?.matches) {
			keepTipOnScreen(definition, link, 'start');
			return;
		}
		releaseTip(definition);
		// A term focused down there would be hidden under its own definition
		// (WCAG 2.4.11), so that definition is pinned to the top instead.
		if (term.matches(':focus-within')) {
			const box = definition.getBoundingClientRect();
			const own = link.getBoundingClientRect();
			if (box.top < own.bottom && own.top < box.bottom) term.classList.add('definition-at-top');
		}
	}

	function onfocusin(event: FocusEvent) {
		const term = event.target instanceof Element ? event.target.closest('.glossary-term') : null;
		if (term) place(term);
	}

	function onmouseover(event: MouseEvent) {
		const term = event.target instanceof Element ? event.target.closest('.glossary-term') : null;
		// Only on entering the term: moving onto its own definition keeps it where it is.
		const from = event.relatedTarget;
		if (!term || (from instanceof Node && term.contains(from))) return;
		place(term);
	}

	const noHover = typeof matchMedia === 'function' ? matchMedia('(hover: none)') : null;
	// pointerType: the kind of pointer that pressed last; a click does not say it in every browser.

	function onpointerdown(event: PointerEvent) {
		pointerType = event.pointerType;
		const target = event.target instanceof Element ? event.target : null;
		untap(target?.closest('.glossary-term'));
	}

	function onclick(event: MouseEvent) {
		if (event.target instanceof Element && event.target.closest('.glossary-term button'))
			return hide(event.detail > 0);
		const link = event.target instanceof Element ? event.target.closest('a') : null;
		const term = link?.parentElement;
		if (!link || !term?.classList.contains('glossary-term')) return;
		// Enter on a focused term (detail 0) and a mouse click follow the link as ever.
		if (event.detail === 0) return;
		const touch = pointerType === 'touch' || (pointerType !== 'mouse' && noHover?.matches);
		if (!touch || term.classList.contains('tapped')) return;
		event.preventDefault();
		term.classList.remove('dismissed');
		dismissed.delete(term);
		term.classList.add('tapped');
		place(term);
	}

	/** Places every definition shown. */
	function placeShown() {
		for (const term of root.querySelectorAll(
			'.glossary-term:hover, .glossary-term:focus-within, .glossary-term.tapped'
		)) {
			place(term);
		}
	}

	let placeAfterScroll = 0;
	// A resized or scrolled window leaves a shown definition where the old width or
	// scroll put it: past the edge, below a term now at the foot of the screen, or on
	// a phone over the focused term.
	function onviewportchange() {
		if (placeAfterScroll) return;
		placeAfterScroll = requestAnimationFrame(() => {
			placeAfterScroll = 0;
			placeShown();
		});
	}

	document.addEventListener('keydown', onkeydown);
	// On the document: a tap anywhere else, in the lesson or not, hides a tapped definition.
	document.addEventListener('pointerdown', onpointerdown, true);
	root.addEventListener('click', onclick);
	root.addEventListener('focusout', reset);
	root.addEventListener('mouseout', reset);
	root.addEventListener('focusin', onfocusin);
	root.addEventListener('mouseover', onmouseover);
	window.addEventListener('resize', onviewportchange);
	window.addEventListener('scroll', onviewportchange, { passive: true });
	// Until now no definition showed (app.css): by CSS alone it stood where it might run
	// off the screen. From here on the CSS shows them, and the one whose term's first use
	// loaded this (a pointer over it, the focus on it) is placed at once, in this task,
	// before the browser draws it.
	root.dataset.glossaryStarted = '';
	placeShown();
	return () => {
		document.removeEventListener('keydown', onkeydown);
		document.removeEventListener('pointerdown', onpointerdown, true);
		root.removeEventListener('click', onclick);
		root.removeEventListener('focusout', reset);
		root.removeEventListener('mouseout', reset);
		root.removeEventListener('focusin', onfocusin);
		root.removeEventListener('mouseover', onmouseover);
		window.removeEventListener('resize', onviewportchange);
		window.removeEventListener('scroll', onviewportchange);
		cancelAnimationFrame(placeAfterScroll);
	};
}
