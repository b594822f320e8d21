/**
 * IPv4 addresses and prefixes as the `namespaces` model needs them: parsing
 * dotted quads and CIDR prefixes, and longest-prefix matching of a route table.
 * Addresses are unsigned 32-bit numbers. Pure functions, no state.
 */

/** Parses "a.b.c.d" (each 0–255, no leading zeros beyond "0") or returns null. */
export function parseAddress(text: string): number | null {
	const parts = text.split('.');
	if (parts.length !== 4) return null;
	let value = 0;
	for (const part of parts) {
		if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
		const n = Number(part);
		if (n > 255) return null;
		value = value * 256 + n;
	}
	return value;
}

export function formatAddress(value: number): string {
	return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The netmask of a prefix length as an unsigned number. */
export function maskOf(length: number): number {
	return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

export interface Prefix {
	/** The address as written (for an interface: its own address). */
	address: number;
	length: number;
	/** The network: the address with its host bits cleared. */
	network: number;
}

/** Parses "a.b.c.d/n" (n 0–32) or returns null. */
export function parsePrefix(text: string): Prefix | null {
	const match = /^([^/]+)\/(0|[1-9]\d?)$/.exec(text);
	if (!match) return null;
	const address = parseAddress(match[1]);
	const length = Number(match[2]);
	if (address === null || length > 32) return null;
	return { address, length, network: (address & maskOf(length)) >>> 0 };
}

export function inPrefix(address: number, network: number, length: number): boolean {
	return (address & maskOf(length)) >>> 0 === network;
}

export function formatPrefix(network: number, length: number): string {
	return length === 0 ? 'default' : `${formatAddress(network)}/${length}`;
}

/** Index of the route that wins for `address`: the longest matching prefix; on a tie, the first. */
export function longestPrefixMatch(
	routes: readonly { network: number; length: number }[],
	address: number
): number {
	let best = -1;
	for (let i = 0; i < routes.length; i++) {
		const route = routes[i];
		if (!inPrefix(address, route.network, route.length)) continue;
		if (best < 0 || route.length > routes[best].length) best = i;
	}
	return best;
}
