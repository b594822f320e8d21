import { describe, expect, test } from 'vitest';
import { compactCss } from '../../scripts/compact-css.js';

describe('compactCss', () => {
	test('drops comments and the white space a reader needs', () => {
		const css = `
	/* Why this rule exists. */
	.a > .b,
	.c :global(.d) {
		margin: 0 auto;
		grid-template-columns: minmax(0, 1fr)  2fr;
	}

	@media (max-width: 700px) {
		.a { display: none; }
	}
`;
		expect(compactCss(css)).toBe(
			'.a>.b,.c :global(.d){margin: 0 auto;grid-template-columns: minmax(0,1fr) 2fr;}@media (max-width: 700px){.a{display: none;}}'
		);
	});

	test('keeps the space that is a descendant combinator, and arithmetic in calc()', () => {
		expect(compactCss('.a   .b:hover  ~ .c { width: calc(100% - 2rem); }')).toBe(
			'.a .b:hover ~ .c{width: calc(100% - 2rem);}'
		);
	});

	test('leaves quoted strings as they are, comment-like text and braces included', () => {
		const css = `.q::before { content: "a  /* b */ {c};"; } .r::after { content: 'x , > y'; }`;
		expect(compactCss(css)).toBe(
			`.q::before{content: "a  /* b */ {c};";}.r::after{content: 'x , > y';}`
		);
	});

	test('a comment is not white space: it leaves a compound selector whole', () => {
		expect(compactCss('.a/**/.b{}')).toBe('.a.b{}');
		expect(compactCss('.a /* x */ .b{}')).toBe('.a .b{}');
	});
});
