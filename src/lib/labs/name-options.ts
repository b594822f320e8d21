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
		if (names.length <= AT_ONCE) {
			write(names);
			return;
		}
		write(names.includes(chosen) ? [chosen] : names.slice(0, 1));
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
