/**
 * What the page's own Print… buttons call instead of print(): on a lesson page
 * whose parts have not all started (they start as they come on screen), the
 * lesson's script cancels this event, starts them, and prints once they have
 * (src/lib/content/islands.ts), as it does for Ctrl+P, so the first print is whole.
 * Elsewhere nothing cancels it, and the page prints at once.
 */
export function requestPrint(): void {
	if (dispatchEvent(new Event('stepvisor:print', { cancelable: true }))) print();
}
