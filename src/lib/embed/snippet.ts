/** The iframe snippet an instructor pastes into an LMS page. Attribute values are escaped. */
export function escapeAttribute(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/"/g, '&quot;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

export function iframeSnippet(options: {
	src: string;
	title: string;
	width: number;
	height: number;
}): string {
	return (
		`<iframe src="${escapeAttribute(options.src)}" title="${escapeAttribute(options.title)}"` +
		` width="${options.width}" height="${options.height}" loading="lazy" allowfullscreen` +
		// As wide as the page's column allows; the height is set for a 784 px column.
		` style="border:0;width:100%;max-width:100%"></iframe>`
	);
}
