/**
 * Keys for a button that shows and hides a panel (the Embed and Export panels).
 */

/**
 * A keydown handler for the element around a disclosure button and its panel:
 * Escape, from the button or from anywhere in the panel, closes it and gives
 * the focus back to the button. Other keys, and Escape while it is closed,
 * go on as usual.
 */
export function escapeCloses(
	isOpen: () => boolean,
	close: () => void,
	button: () => HTMLElement | undefined
): (event: KeyboardEvent) => void {
	return (event) => {
		if (event.key !== 'Escape' || !isOpen()) return;
		close();
		button()?.focus();
		event.preventDefault();
		event.stopPropagation();
	};
}
