/**
 * Which part of a long list an editor lists: at most `size` items, centred on the
 * one in focus. A scenario may hold 10,000 ops, and listing every one of them
 * (four elements each) made a page of 40,000 elements that took seconds to lay out.
 */
export interface ListedRange {
	/** First listed index. */
	start: number;
	/** One past the last listed index. */
	end: number;
}

export function listedRange(length: number, focus: number, size: number): ListedRange {
	if (length <= size) return { start: 0, end: length };
	const centred = Math.floor(focus) - Math.floor(size / 2);
	const start = Math.max(0, Math.min(length - size, Number.isFinite(centred) ? centred : 0));
	return { start, end: start + size };
}
