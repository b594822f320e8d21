/** Small helpers so narration reads the same in every model. */

/** Quotes a user-given name for narration; the text stays plain text, never HTML. */
export function quote(name: string): string {
	const clipped = name.length > 60 ? `${name.slice(0, 57)}…` : name;
	return `“${clipped}”`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** "a, b and c" */
export function listing(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function sentence(text: string): string {
	const trimmed = text.trim();
	if (!trimmed) return trimmed;
	const first = trimmed[0].toUpperCase() + trimmed.slice(1);
	return /[.!?…]$/.test(first) ? first : `${first}.`;
}
