/**
 * The build-time half of a lesson's islands: which components a lesson's prose
 * holds, and how each use of one is rewritten into an island.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	islandComponents,
	islandNames,
	lessonValues,
	rewriteIslands
} from '../../src/lib/content/islands-build.js';
import { lessonFolder } from '../../src/lib/content/lesson-index';

const lesson = (markup: string) => `<script context="module">
	export const metadata = { title: 'T' };
</script>

<script>
	import StacksPlayer from '$lib/labs/stacks/StacksPlayer.svelte';
	import Quiz from './Quiz.svelte';
	import { questions } from './questions';
</script>

${markup}`;

describe('islands-build', () => {
	it('finds the components a lesson imports, by the names their islands go by', () => {
		expect([...islandComponents(lesson(''), '01-x')]).toEqual([
			['StacksPlayer', '$lib/labs/stacks/StacksPlayer.svelte'],
			['Quiz', '/content/lessons/01-x/Quiz.svelte']
		]);
	});

	it('rewrites each use into an island with its props, and leaves the rest alone', () => {
		const out = rewriteIslands(
			lesson(
				`<p>Step through <b>it</b>.</p>\n<StacksPlayer />\n<Quiz id="q-1" {questions} left='a' wide compact={2 > 1} />\n<Other />`
			),
			'01-x'
		);
		expect(out).toContain(
			`<StepvisorIsland name="$lib/labs/stacks/StacksPlayer.svelte" component={StacksPlayer} props={{  }} />`
		);
		expect(out).toContain(
			`<StepvisorIsland name="/content/lessons/01-x/Quiz.svelte" component={Quiz} props={{ "id": "q-1", questions, "left": "a", "wide": true, "compact": (2 > 1) }} refs={{"questions":"/content/lessons/01-x/questions#questions"}} />`
		);
		expect(out).toContain('<p>Step through <b>it</b>.</p>');
		expect(out).toContain('<Other />');
		// The island component is imported in the instance script, not the module one.
		expect(out).toMatch(
			/<script>\n\timport StepvisorIsland from '\$lib\/content\/Island\.svelte';\n\timport StacksPlayer/
		);
		expect(out).toMatch(/<script context="module">\n\texport const metadata/);
	});

	it('gives a prop the lesson imports from its own folder by where to load it, under its own name', () => {
		const source = lesson('').replace(
			"import { questions } from './questions';",
			"import { questions as asked, more } from './questions.ts';\n\timport { x } from '$lib/x';"
		);
		expect([...lessonValues(source, '01-x')]).toEqual([
			['asked', { module: '/content/lessons/01-x/questions', name: 'questions' }],
			['more', { module: '/content/lessons/01-x/questions', name: 'more' }]
		]);
		const out = rewriteIslands(`${source}\n<Quiz {asked} other={asked} {x} />`, '01-x');
		// Only a value passed as itself: `other={asked}` is an expression, kept in the page.
		expect(out).toContain(
			`props={{ asked, "other": (asked), x }} refs={{"asked":"/content/lessons/01-x/questions#questions"}} />`
		);
	});

	it('refuses a component with children, and imports from elsewhere', () => {
		expect(() => rewriteIslands(lesson('<Quiz id="a">text</Quiz>'), '01-x')).toThrow(
			'<Quiz> must close itself'
		);
		expect(() =>
			rewriteIslands(`<script>\n\timport X from '../../src/X.svelte';\n</script>\n<X />`, '01-x')
		).toThrow('must be imported from $lib/');
		expect(() => rewriteIslands(lesson('<Quiz id=bare />'), '01-x')).toThrow(
			'must be quoted or in braces'
		);
	});

	it('lists every lesson’s islands, each a file that exists', () => {
		const names = islandNames(process.cwd());
		expect(names).toContain('$lib/labs/stacks/StacksPlayer.svelte');
		expect(names).toContain('$lib/components/SelfCheck.svelte');
		expect(names).toContain(
			`/content/lessons/${lessonFolder(process.cwd(), 'vms-and-containers')}/questions`
		);
		for (const name of names) {
			const file = name.startsWith('$lib/') ? join('src/lib', name.slice(5)) : name.slice(1);
			expect(existsSync(file) || existsSync(`${file}.ts`), file).toBe(true);
		}
	});

	it('turns every component in every lesson into an island', () => {
		for (const folder of readdirSync('content/lessons')) {
			const source = readFileSync(join('content/lessons', folder, 'index.md'), 'utf8');
			const markup = rewriteIslands(source, folder).replace(/<script\b[\s\S]*?<\/script>/g, '');
			const tags = [...markup.matchAll(/<([A-Z][\w$]*)/g)].map(([, tag]) => tag);
			expect(tags.length, folder).toBeGreaterThan(0);
			expect(new Set(tags), folder).toEqual(new Set(['StepvisorIsland']));
		}
	});
});
