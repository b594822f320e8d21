/**
 * A part of a page that is served as HTML and started later (a lesson's island,
 * ./islands.ts; an embed, $lib/embed/embed-boot.ts) may be used before its code
 * has run: a click on Next, an arrow key on the player, focus, a pointer on its
 * way to a button. Each of those starts it, and a click or a key that the part
 * answers is held and given to it again once it has started, so nothing the
 * learner does is lost and the browser's own default (scrolling, checking a
 * box) is not done twice.
 */

/** Keys a player or a list answers, whose default (scrolling) is held with them. */
const HELD_KEYS = new Set([
	'ArrowLeft',
	'ArrowRight',
	'ArrowUp',
	'ArrowDown',
	'Home',
	'End',
	'PageUp',
	'PageDown'
]);

/**
 * What starts a part. A pointer over it starts it too: a mouse on its way to a
 * choice or a button is a few hundred milliseconds ahead of the click.
 */
const EARLY_EVENTS = ['click', 'keydown', 'focusin', 'pointerdown', 'pointerover'] as const;

const isTextField = (target: EventTarget | null) =>
	target instanceof HTMLElement &&
	(target.isContentEditable ||
		target instanceof HTMLTextAreaElement ||
		(target instanceof HTMLInputElement &&
			!['button', 'checkbox', 'radio', 'submit', 'reset', 'range'].includes(target.type)));

/** What a click and a key press given again share: their modifier keys, and bubbling. */
const copyOf = (event: MouseEvent | KeyboardEvent) => ({
	bubbles: true,
	cancelable: true,
	shiftKey: event.shiftKey,
	ctrlKey: event.ctrlKey,
	altKey: event.altKey,
	metaKey: event.metaKey
});

export interface FirstUse {
	/** Stops listening (the part has started, or failed to). */
	stop(): void;
	/** Gives the part, in order, the clicks and keys it was sent before it started. */
	replay(): void;
}

/**
 * Listens on `part` for a learner's first use and calls `start` at it (again at
 * each use until `stop`: `start` must ignore the calls after the first).
 */
export function awaitFirstUse(part: HTMLElement, start: () => void): FirstUse {
	let held: (() => void)[] = [];

	function hold(event: Event, replay: () => void): void {
		event.preventDefault();
		event.stopPropagation();
		held.push(replay);
		start();
	}

	function onEarlyUse(event: Event): void {
		const target = event.target;
		// The target may be an icon's SVG inside a button: an Element, not an HTMLElement.
		if (!(target instanceof Element)) return start();
		if (event instanceof MouseEvent && event.type === 'click') {
			// The browser's own part of a click (checking a box, following a link) is
			// undone by preventDefault and done again when the click is dispatched anew.
			const init: MouseEventInit = {
				...copyOf(event),
				composed: true,
				detail: event.detail,
				clientX: event.clientX,
				clientY: event.clientY,
				button: event.button
			};
			hold(event, () => {
				if (target.isConnected) target.dispatchEvent(new MouseEvent('click', init));
			});
		} else if (event instanceof KeyboardEvent && HELD_KEYS.has(event.key) && !isTextField(target)) {
			const init: KeyboardEventInit = { ...copyOf(event), key: event.key, code: event.code };
			hold(event, () => {
				if (target.isConnected) target.dispatchEvent(new KeyboardEvent('keydown', init));
			});
		} else {
			start();
		}
	}

	for (const type of EARLY_EVENTS) part.addEventListener(type, onEarlyUse, true);
	return {
		stop() {
			for (const type of EARLY_EVENTS) part.removeEventListener(type, onEarlyUse, true);
		},
		replay() {
			// Svelte's hydration keeps the server's elements, so what was clicked or
			// focused is still there to be given its event.
			const replays = held;
			held = [];
			for (const replay of replays) replay();
		}
	};
}
