/**
 * A select's options for a list that can run to a thousand names (a scenario's
 * processes), each name as plain text. As an {#each} block every option is an
 * effect of its own, and five selects of 1,000 processes took about 150 ms to
 * draw; written at once they still took ~100 ms. So a long list is written when
 * the learner reaches the select (focus, or a press that opens it), and until
 * then it holds only the chosen name, which is all it shows.
 */
import type { Attachment } from 'svelte/attachments';

/** Lists at most this long are written at once. */
const AT_ONCE = 50;

/**
 * The options a select starts with: the whole list when it is short, else the
 * chosen name. The server writes them too (`servedOptions`), so that a served
 * select is as wide as the running one and the choices beside it do not move
 * when the lab starts.
 */
function firstOptions(names: readonly string[], chosen: string): readonly string[] {
	if (names.length <= AT_ONCE) return names;
	return names.includes(chosen) ? [chosen] : names.slice(0, 1);
}

/** What the server writes into a select whose options `nameOptions` writes on the client. */
export function servedOptions(names: readonly string[], chosen: string): readonly string[] {
	return typeof document === 'undefined' ? firstOptions(names, chosen) : [];
}

/** `chosen`: the select's value (bound or given), the one option a long list starts with. */
export function nameOptions(
	names: readonly string[],
	chosen: string
): Attachment<HTMLSelectElement> {
	return (select) => {
		const write = (list: readonly string[]) => {
			select.replaceChildren(...list.map((name) => new Option(name, name)));
			if (list.includes(chosen)) select.value = chosen;
		};
		write(firstOptions(names, chosen));
		if (names.length <= AT_ONCE) return;
		let whole = false;
		const writeWhole = () => {
			if (whole) return;
			whole = true;
			write(names);
		};
		// Chosen from the whole list: it stays whole while the learner is on it.
		if (document.activeElement === select) writeWhole();
		select.addEventListener('focus', writeWhole);
		select.addEventListener('pointerdown', writeWhole);
		return () => {
			select.removeEventListener('focus', writeWhole);
			select.removeEventListener('pointerdown', writeWhole);
		};
	};
}
