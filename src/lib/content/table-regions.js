/**
 * A rehype plugin for the lessons (mdsvex, svelte.config.js): each table in a
 * lesson's prose goes into a box of its own that scrolls sideways when the table
 * is wider than the screen, as with 200% text on a phone, where its longest words
 * no longer fit beside each other (WCAG 1.4.10 lets a data table scroll; the page
 * must not). The box takes focus so that a keyboard can scroll it, and is named
 * after the table's column headings so that the stop says what it holds (its
 * style: `.table-scroll` in app.css).
 */

/**
 * @typedef {{ type: string, value?: string, tagName?: string,
 *   properties?: Record<string, unknown>, children?: Node[] }} Node
 */

/** @param {Node} node @returns {string} */
const textOf = (node) => node.value ?? (node.children ?? []).map(textOf).join('');

/** @param {Node} node @returns {Node[]} */
const headingsOf = (node) =>
	node.tagName === 'th' ? [node] : (node.children ?? []).flatMap(headingsOf);

/** @param {Node} table @returns {Node} */
function scrollBox(table) {
	const columns = headingsOf(table).map((th) => textOf(th).trim());
	return {
		type: 'element',
		tagName: 'div',
		properties: {
			// `prose`: as wide as the lesson's paragraphs (the lesson page's rule).
			className: ['table-scroll', 'prose'],
			role: 'region',
			tabIndex: 0,
			ariaLabel: `Table: ${columns.join(', ')}`
		},
		children: [table]
	};
}

export default function tableRegions() {
	/** @param {Node} node */
	const walk = (node) => {
		node.children = (node.children ?? []).map((child) => {
			if (child.tagName === 'table') return scrollBox(child);
			walk(child);
			return child;
		});
	};
	return walk;
}
