import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Files matching `files` may not import from the `$lib` folders named in
 * `banned` (by alias or by a relative path), nor, with `noApp`, SvelteKit's
 * `$app` modules (page state, navigation).
 */
function layer(files, banned, noApp, why) {
	const folders = banned.join('|');
	const patterns = [
		{
			regex: `^(\\$lib/|(\\.\\./)+)(${folders})(/|$)`,
			message: `Layering: ${why}.`
		}
	];
	if (noApp) patterns.push({ regex: '^\\$app/', message: `Layering: ${why} (no $app state).` });
	return [
		{
			files: [`${files}/*.ts`, `${files}/*.js`, `${files}/*.svelte`],
			rules: { 'no-restricted-imports': ['error', { patterns }] }
		}
	];
}

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-at-html-tags': 'error'
		}
	},
	// The layering (README, "How it fits together"): a folder imports only the layers below it.
	...layer(
		'src/lib/sim/**',
		['player', 'labs', 'embed', 'export', 'scenario', 'viz', 'components', 'review', 'scorm'],
		true,
		'the simulation core has no UI, no storage and no I/O'
	),
	...layer(
		'src/lib/viz/**',
		['player', 'labs', 'embed', 'export', 'scenario'],
		true,
		'a renderer draws one frame from its props'
	),
	...layer(
		'src/lib/player/**',
		['embed', 'export', 'labs', 'scenario'],
		false,
		'the player steps any trace and knows nothing of embeds or labs'
	),
	...layer(
		'src/lib/scenario/**',
		['player', 'labs', 'embed', 'export'],
		false,
		'scenario storage sits below the player and the labs'
	),
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'content/**/*.md',
			'test-results/',
			'playwright-report/',
			// Local outputs (gitignored): bench builds, side builds, screenshots.
			'.bench/',
			'.build-*/',
			'.kit-*/',
			'.shots/'
		]
	}
);
