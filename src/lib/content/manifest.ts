/**
 * A lesson's manifest (content/lessons/NN-slug/manifest.json): its animations, the
 * built-in scenarios it uses, its review cards and its key glossary terms. The
 * embed catalogue and registry, the review deck, the labs' example pickers, the
 * embed docs table and the glossary test's terms are derived from the manifests,
 * so adding a lesson touches no central list.
 * Types and pure functions only: the app reads the manifests through the
 * `virtual:stepvisor-manifests/<list>` modules (vite.config.ts), Node through
 * ./lesson-index.ts (readManifests), both from the same files.
 */

export interface AnimationEntry {
	/** The embed's id: `/embed/<id>`. */
	id: string;
	title: string;
	/** The model whose scenarios it accepts, or null when it takes none. */
	model: string | null;
	/** `one-or-two`: one scenario, or a list of two stepped side by side. */
	accepts?: 'one' | 'one-or-two';
	/** The widest the animation needs (the snippet's width attribute). */
	width: number;
	/**
	 * The snippet's height: in a 784 px column (Moodle's content column, the
	 * narrowest common LMS page) it shows the animation with its player's controls
	 * without scrolling inside the frame. tests/e2e/lms.spec.ts fails when a layout
	 * change pushes the controls below it.
	 */
	height: number;
	/** Its lab component, `src/lib/labs/<lab>.svelte`. */
	lab: string;
}

export interface ScenarioEntry {
	model: string;
	/** The file `static/scenarios/<model>/<name>.json`. */
	name: string;
	/** What an examples picker calls it (the scenario's title otherwise). */
	label?: string;
	/** The lab's own scenario, shown when there is no draft and no link. */
	default?: boolean;
}

export interface CardEntry {
	/**
	 * Its place in the course's review deck, across all lessons: the deck is sorted
	 * by it. A whole number from 1, no two cards alike; gaps are allowed (the cards
	 * are numbered in tens), so a new card goes between two without renumbering.
	 */
	deck: number;
	id: string;
	question: string;
	/** Short paragraphs or list items. */
	answer: string[];
}

export interface LessonManifest {
	animations: AnimationEntry[];
	scenarios: ScenarioEntry[];
	cards: CardEntry[];
	/**
	 * Glossary entries (their ids in content/glossary.js) that the lesson is about:
	 * tests/e2e/glossary.spec.ts checks that its prose links each one.
	 */
	keyTerms: string[];
}

/** What manifestProblems needs to know about the lesson and the project beside its manifest. */
export interface LessonContext {
	/** Whether a project file exists (`static/lessons/x.svg`), so that the check stays pure. */
	exists: (path: string) => boolean;
	/** The `image` of the lesson's front matter ('' when it has none). */
	image: string;
	/** The glossary's entry ids (content/glossary.js). */
	glossary: ReadonlySet<string>;
}

/** A lesson's slug from its folder or a path inside it: `…/06-some-slug/manifest.json` → `some-slug`. */
export function slugOfPath(path: string): string {
	const folder = /(?:^|\/)\d+-([^/]+)(?:\/[^/]*)?$/.exec(path);
	if (!folder) throw new Error(`not a lesson folder: ${path}`);
	return folder[1];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * What is missing or wrong in a lesson's manifest and its home-page picture, as
 * messages (empty when it is complete).
 */
export function manifestProblems(
	folder: string,
	value: unknown,
	{ exists, image, glossary }: LessonContext
): string[] {
	const problems: string[] = [];
	const where = `content/lessons/${folder}/manifest.json`;
	if (exists(`content/lessons/${folder}/index.md`)) problems.push(...imageProblems(folder, image, exists));
	if (!value || typeof value !== 'object') return [...problems, `${where}: not an object`];
	const manifest = value as Partial<LessonManifest>;
	const before = problems.length;
	for (const key of ['animations', 'scenarios', 'cards', 'keyTerms'] as const) {
		if (!Array.isArray(manifest[key])) problems.push(`${where}: "${key}" must be a list`);
	}
	if (problems.length > before) return problems;
	const { animations, scenarios, cards, keyTerms } = manifest as LessonManifest;
	if (animations.length === 0) problems.push(`${where}: a lesson has at least one animation`);
	if (cards.length === 0) problems.push(`${where}: a lesson has at least one review card`);
	for (const [i, a] of animations.entries()) {
		const at = `${where}: animations[${i}]`;
		if (typeof a.id !== 'string' || !ID.test(a.id)) problems.push(`${at}: "id" must be kebab-case`);
		if (typeof a.title !== 'string' || !a.title.trim()) problems.push(`${at}: "title" is missing`);
		if (a.model !== null && typeof a.model !== 'string')
			problems.push(`${at}: "model" is a model name or null`);
		if (typeof a.model === 'string' && !exists(`src/lib/sim/${a.model}/index.ts`))
			problems.push(`${at}: no model "${a.model}" in src/lib/sim`);
		for (const size of ['width', 'height'] as const) {
			if (!Number.isInteger(a[size]) || a[size] < 200 || a[size] > 4000)
				problems.push(`${at}: "${size}" must be a whole number of pixels (200–4000)`);
		}
		if (typeof a.lab !== 'string' || !exists(`src/lib/labs/${a.lab}.svelte`))
			problems.push(`${at}: no lab component src/lib/labs/${String(a.lab)}.svelte`);
	}
	for (const [i, s] of scenarios.entries()) {
		const at = `${where}: scenarios[${i}]`;
		if (!exists(`static/scenarios/${s.model}/${s.name}.json`))
			problems.push(`${at}: no file static/scenarios/${s.model}/${s.name}.json`);
	}
	for (const [i, c] of cards.entries()) {
		const at = `${where}: cards[${i}]`;
		if (!Number.isInteger(c.deck) || c.deck < 1)
			problems.push(`${at}: "deck" is its place in the course deck, a whole number from 1`);
		if (typeof c.id !== 'string' || !ID.test(c.id)) problems.push(`${at}: "id" must be kebab-case`);
		if (typeof c.question !== 'string' || !c.question.trim())
			problems.push(`${at}: "question" is missing`);
		if (!Array.isArray(c.answer) || c.answer.length === 0)
			problems.push(`${at}: "answer" is a list of at least one line`);
	}
	if (keyTerms.length === 0)
		problems.push(`${where}: "keyTerms" lists at least one glossary entry the lesson is about`);
	for (const [i, term] of keyTerms.entries()) {
		if (typeof term !== 'string' || !glossary.has(term))
			problems.push(`${where}: keyTerms[${i}]: no glossary entry ${JSON.stringify(term)} in content/glossary.js`);
		else if (keyTerms.indexOf(term) !== i) problems.push(`${where}: keyTerms[${i}]: "${term}" is listed twice`);
	}
	for (const file of ['index.md', 'questions.ts']) {
		if (!exists(`content/lessons/${folder}/${file}`))
			problems.push(`content/lessons/${folder}: no ${file}`);
	}
	return problems;
}

/** The home page's picture of a lesson: its front matter's `image`, a file under static/. */
function imageProblems(folder: string, image: string, exists: (path: string) => boolean): string[] {
	const where = `content/lessons/${folder}/index.md`;
	const example = `/lessons/${slugOfPath(folder)}.svg`;
	if (!image)
		return [
			`${where}: the front matter has no "image:", the home page's picture of the lesson (a file under static/: "image: ${example}" is static${example})`
		];
	if (!image.startsWith('/') || image.split('/').includes('..'))
		return [`${where}: "image: ${image}" must be a path from the site's root, such as ${example}`];
	if (!exists(`static${image}`))
		return [`${where}: "image: ${image}" names no file: static${image} does not exist`];
	return [];
}

/**
 * Cards that share a place in the course deck, across lessons (each manifest on
 * its own cannot tell): the deck is sorted by `deck`, so two alike have no order.
 */
export function deckProblems(lessons: { folder: string; manifest: LessonManifest }[]): string[] {
	const seen = new Map<number, string>();
	const problems: string[] = [];
	for (const { folder, manifest } of lessons) {
		for (const card of manifest.cards) {
			const here = `"${card.id}" (content/lessons/${folder})`;
			const other = seen.get(card.deck);
			if (other)
				problems.push(
					`cards ${other} and ${here} both have "deck": ${card.deck}; give each its own place (gaps are allowed)`
				);
			else seen.set(card.deck, here);
		}
	}
	return problems;
}

/** The embed docs' table (docs/embed-api.md, between its markers), from the manifests. */
export function embedDocsTable(
	animations: (AnimationEntry & { lesson: string })[],
	lessonTitle: (slug: string) => string
): string {
	const rows = animations.map((a) => {
		const takes = !a.model
			? ''
			: a.accepts === 'one-or-two'
				? ` (takes \`${a.model}\` scenarios: one, or a list of two side by side)`
				: ` (takes \`${a.model}\` scenarios)`;
		return `| \`${a.id}\` | ${a.title} | ${lessonTitle(a.lesson)}${takes} |`;
	});
	return ['| animation | what it shows | lesson |', '| --- | --- | --- |', ...rows].join('\n');
}

/** README's list of the lessons (between its markers), from their front matter, in order. */
export function readmeLessonList(
	lessons: { number: number; title: string; summary: string }[]
): string {
	return lessons
		.map(({ number, title, summary }) => `- **Lesson ${number}: ${title}.** ${summary}`)
		.join('\n');
}

/** The comments around a part of a doc that `npm run docs` writes. */
interface Markers {
	start: string;
	end: string;
}

export const EMBED_TABLE_MARKERS: Markers = {
	start: '<!-- animations: from the lessons’ manifests, written by `npm run docs` -->',
	end: '<!-- /animations -->'
};

export const LESSON_LIST_MARKERS: Markers = {
	start: '<!-- lessons: from the lessons’ front matter, written by `npm run docs` -->',
	end: '<!-- /lessons -->'
};

/** `markdown` with the text between `markers` replaced by `text`. */
export function withGenerated(markdown: string, { start, end }: Markers, text: string): string {
	const from = markdown.indexOf(start);
	const to = markdown.indexOf(end);
	if (from < 0 || to < from) throw new Error(`the markers are missing: ${start} … ${end}`);
	return `${markdown.slice(0, from + start.length)}\n\n${text}\n\n${markdown.slice(to)}`;
}

/** `markdown` with the text between its table markers replaced by `table`. */
export function withEmbedDocsTable(markdown: string, table: string): string {
	return withGenerated(markdown, EMBED_TABLE_MARKERS, table);
}
