/**
 * A number as en-US writes it ("1,250", "2.5", "-0.125"): what
 * `n.toLocaleString('en-US')` gives (grouping commas, at most three decimals,
 * rounded half away from zero from the number's shortest decimal form), without
 * Intl. The first Intl formatter a page builds loads ICU's data: 25 ms of the
 * main thread on the development machine, about 100 ms on a phone, during the
 * page's start.
 */
export function formatNumber(n: number): string {
	if (Number.isNaN(n)) return 'NaN';
	const sign = n < 0 || Object.is(n, -0) ? '-' : '';
	const abs = Math.abs(n);
	if (abs === Infinity) return `${sign}∞`;
	// Beyond 1e21 JavaScript writes an exponent; no scenario's figure gets there.
	if (abs >= 1e21) return n.toLocaleString('en-US');
	if (abs < 0.0005) return `${sign}0`;
	let [whole, fraction = ''] = String(abs).split('.');
	if (fraction.length > 3) {
		const up = fraction.charCodeAt(3) >= 53; // '5'
		const digits = BigInt(whole + fraction.slice(0, 3)) + (up ? 1n : 0n);
		const text = digits.toString().padStart(4, '0');
		whole = text.slice(0, -3);
		fraction = text.slice(-3);
	}
	fraction = fraction.replace(/0+$/, '');
	const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
	return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Characters a message must not show raw: controls (a line break would split
 * a one-line message), format characters such as U+FEFF and U+200B, line and
 * paragraph separators, spaces other than U+0020, and lone surrogates.
 */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]|[\uD800-\uDFFF]/gu;

function escapeUnseen(char: string): string {
	if (char === ' ') return char;
	let out = '';
	for (let i = 0; i < char.length; i++) {
		out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
	}
	return out;
}

/**
 * Text from a scenario, quoted for a message as JSON writes a string, cut to
 * `max` code units with "…" inside the quotes (so the closing quote stays),
 * and with every character a reader could not see escaped (`\u200b`).
 */
export function quoteText(text: string, max = 80): string {
	const cut = text.length > max ? `${text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}…` : text;
	return JSON.stringify(cut).replace(UNSEEN, escapeUnseen);
}
