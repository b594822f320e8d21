/**
 * How the Docker animation prints sizes. Apart from ./frames so that the page,
 * which is given its frames made at build time, loads this and not the model.
 */
export const MB = 1_000_000;

/** Bytes as the page prints them: "1.2 MB", "922 B". */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	if (bytes < MB) return `${(bytes / 1000).toFixed(1)} kB`;
	if (bytes < 1000 * MB) return `${(bytes / MB).toFixed(1)} MB`;
	return `${(bytes / 1000 / MB).toFixed(2)} GB`;
}
