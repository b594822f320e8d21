/** Figures measured several times, for `npm run bench` (scripts/bench.ts, scripts/bench-web.ts) and scripts/latency-split.ts. */

/** The value at percentile `p` (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The median of `values` and their range: what the bench prints for a figure taken several times. */
export function medianAndRange(values: number[]): { median: number; low: number; high: number } {
	return { median: percentile(values, 50), low: Math.min(...values), high: Math.max(...values) };
}
