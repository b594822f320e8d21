/**
 * Drops what a component's stylesheet carries only for its reader: comments, and
 * the white space around braces, semicolons, commas and child combinators. Run as
 * a Svelte style preprocessor (svelte.config.js): the components in src/lib keep
 * their styles in their JavaScript and in each page they are drawn on, and Svelte
 * copies that text as it is written, comments and indentation included, where
 * Vite would have minified a stylesheet file. Quoted strings are left as they are.
 */

/** A quoted string, a comment, or a run of white space, in CSS source. */
const TOKEN = /("(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*')|\/\*[\s\S]*?(?:\*\/|$)|\s+/g;

/**
 * @param {string} css
 * @returns {string}
 */
export function compactCss(css) {
	// White space becomes one space, which the second pass drops where no token
	// needs it; a comment goes (CSS reads `.a/**/.b` as `.a.b`). A string is kept
	// whole, which shields its content from both.
	const spaced = css.replace(TOKEN, (match, quoted) =>
		quoted !== undefined ? quoted : match.startsWith('/*') ? '' : ' '
	);
	const parts = spaced.split(/("(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*')/);
	return parts
		.map((part, index) =>
			index % 2 === 1 ? part : part.replace(/ +/g, ' ').replace(/ ?([{};,>]) ?/g, '$1')
		)
		.join('')
		.trim();
}
