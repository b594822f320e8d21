/**
 * Whether a focusout left the focus nowhere because its control was disabled
 * under it (Next at the last step, Undo with nothing left): Chromium blurs such
 * a control as it is disabled, before any effect would see it still focused,
 * and the focus would fall to the page, taking the player's keys with it.
 */
export function disabledUnderFocus(event: FocusEvent): boolean {
	const control = event.target;
	return (
		event.relatedTarget === null &&
		(control instanceof HTMLButtonElement || control instanceof HTMLInputElement) &&
		control.disabled
	);
}
