/**
 * Weighted max-min fair sharing in whole units ("water-filling"): how CFS/EEVDF
 * splits contended CPU time among sibling entities by weight, and how the
 * model splits a group's I/O budget among its processes.
 *
 * Each entity gets at most its demand; an entity that wants less than its
 * weighted share is satisfied and what it leaves is shared again among the
 * rest. The result is whole numbers, never more than `capacity` in total; a
 * remainder of single units goes to the largest fractional parts (ties: the
 * earlier entity), so the function is deterministic.
 */
export function waterfill(
	capacity: number,
	demands: readonly number[],
	weights: readonly number[]
): number[] {
	const grants = demands.map(() => 0);
	let remaining = Math.max(0, Math.floor(capacity));
	let active = demands.map((_, i) => i).filter((i) => demands[i] > 0 && weights[i] > 0);
	while (remaining > 0 && active.length > 0) {
		const total = active.reduce((sum, i) => sum + weights[i], 0);
		const satisfied = active.filter(
			(i) => (demands[i] - grants[i]) * total <= remaining * weights[i]
		);
		if (satisfied.length > 0) {
			for (const i of satisfied) {
				remaining -= demands[i] - grants[i];
				grants[i] = demands[i];
			}
			active = active.filter((i) => grants[i] < demands[i]);
			continue;
		}
		// Everyone left wants more than its share: split what remains by weight.
		const exact = active.map((i) => (remaining * weights[i]) / total);
		const floors = exact.map(Math.floor);
		let left = remaining - floors.reduce((a, b) => a + b, 0);
		const order = active
			.map((_, k) => k)
			.sort((a, b) => exact[b] - floors[b] - (exact[a] - floors[a]) || a - b);
		active.forEach((i, k) => (grants[i] += floors[k]));
		for (const k of order) {
			if (left <= 0) break;
			grants[active[k]] += 1;
			left--;
		}
		remaining = 0;
	}
	return grants;
}
