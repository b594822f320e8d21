/**
 * A rehype plugin for the lessons (mdsvex, svelte.config.js): the first use of
 * each glossary term in a lesson's prose becomes a link to its entry on
 * /glossary/, followed by the definition itself, which the link names as its
 * description (aria-describedby) and which shows beside it on hover, focus and a
 * tap, with a link to the entry and a button that closes it.
 * Headings, code, links, and components or HTML written in the lesson are left
 * alone. The lesson Markdown is never edited: the links follow whatever the
 * prose says at build time.
 */

/** @typedef {import('../../../content/glossary.js').GlossaryEntry} GlossaryEntry */
/**
 * @typedef {{ type: string, value?: string, tagName?: string,
 *   properties?: Record<string, unknown>, children?: Node[] }} Node
 */

/** Elements whose text is never linked. */
const SKIP = new Set([
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'a',
	'code',
	'pre',
	'kbd',
	'samp',
	'script',
	'style',
	'svg',
	'button',
	'summary'
]);

const escapeRegExp = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * @param {GlossaryEntry[]} entries
 * @returns {{ pattern: RegExp, idOf: Map<string, GlossaryEntry> }}
 */
export function termMatcher(entries) {
	/** @type {Map<string, GlossaryEntry>} */
	const idOf = new Map();
	for (const entry of entries) {
		for (const alias of entry.aliases) {
			const key = alias.toLowerCase();
			if (idOf.has(key) && idOf.get(key) !== entry) {
				throw new Error(`glossary: "${alias}" is an alias of two entries`);
			}
			idOf.set(key, entry);
		}
	}
	// Longest first, so "trap-and-emulate" wins over "trap" where both fit.
	const aliases = [...idOf.keys()].sort((a, b) => b.length - a.length);
	// Whole words only: not "ring" in "during", nor "init" in "initial".
	const pattern = new RegExp(
		`(?<![\\w-])(${aliases.map(escapeRegExp).join('|')})(?![\\w-])`,
		'giu'
	);
	return { pattern, idOf };
}

/**
 * @param {{ entries: GlossaryEntry[], href?: (id: string) => string }} options
 */
export default function glossaryLinks({ entries, href = (id) => `/glossary/#${id}` }) {
	const { pattern, idOf } = termMatcher(entries);

	/** @param {Node} tree */
	return (tree) => {
		/** @type {Set<string>} */
		const linked = new Set();

		/** @param {string} text @returns {Node[] | null} */
		function link(text) {
			/** @type {Node[]} */
			const out = [];
			let last = 0;
			for (const match of text.matchAll(pattern)) {
				const entry = idOf.get(match[0].toLowerCase());
				if (!entry || linked.has(entry.id)) continue;
				linked.add(entry.id);
				const index = match.index ?? 0;
				if (index > last) out.push({ type: 'text', value: text.slice(last, index) });
				out.push(termElement(entry, match[0], href(entry.id)));
				last = index + match[0].length;
			}
			if (last === 0) return null;
			if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
			return out;
		}

		/** @param {Node} node */
		function walk(node) {
			if (!node.children) return;
			/** @type {Node[]} */
			const children = [];
			for (const child of node.children) {
				if (child.type === 'text' && typeof child.value === 'string') {
					children.push(...(link(child.value) ?? [child]));
				} else {
					if (child.type === 'element' && !SKIP.has(child.tagName ?? '')) walk(child);
					children.push(child);
				}
			}
			node.children = children;
		}

		walk(tree);
	};
}

/**
 * @param {GlossaryEntry} entry
 * @param {string} text the words as the lesson wrote them
 * @param {string} url
 * @returns {Node}
 */
function termElement(entry, text, url) {
	const definitionId = `glossary-definition-${entry.id}`;
	return {
		type: 'element',
		tagName: 'span',
		properties: { className: ['glossary-term'] },
		children: [
			{
				type: 'element',
				tagName: 'a',
				properties: {
					href: url,
					ariaDescribedBy: definitionId,
					dataGlossary: entry.id
				},
				children: [{ type: 'text', value: text }]
			},
			{
				type: 'element',
				tagName: 'span',
				properties: { className: ['glossary-definition'] },
				children: [
					{
						type: 'element',
						tagName: 'span',
						properties: { id: definitionId, role: 'tooltip' },
						children: [{ type: 'text', value: entry.definition }]
					},
					// After the definition, not in it (the link's description is the definition
					// alone): its glossary entry, for a tap, which shows the definition instead of
					// following the term's link; and a button that hides it (glossary-tips.ts).
					// The term is that link for the keyboard, so this one takes no Tab stop.
					{
						type: 'element',
						tagName: 'a',
						properties: { href: url, tabIndex: -1 },
						children: [{ type: 'text', value: 'Glossary entry' }]
					},
					{
						type: 'element',
						tagName: 'button',
						properties: { type: 'button', className: ['button'] },
						children: [{ type: 'text', value: 'Close' }]
					}
				]
			}
		]
	};
}
