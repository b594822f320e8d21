/**
 * A lesson's manifest (content/lessons/NN-slug/manifest.json): its animations, the
 * built-in scenarios it uses, and its review cards. The embed catalogue and
 * registry, the review deck, the labs' example pickers and the embed docs table
 * are derived from the manifests, so adding a lesson touches no central list.
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
	/** Its place in the course's review deck (1 is first), across all lessons. */
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
}

/** A lesson's slug from its folder or a path inside it: `…/06-layers/manifest.json` → `layers`. */
export function slugOfPath(path: string): string {
	const folder = /(?:^|\/)\d+-([^/]+)(?:\/[^/]*)?$/.exec(path);
	if (!folder) throw new Error(`not a lesson folder: ${path}`);
	return folder[1];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * What is missing or wrong in a manifest, as messages (empty when it is complete).
 * `exists(path)` tells whether a project file exists, so this stays pure.
 */
export function manifestProblems(
	folder: string,
	value: unknown,
	exists: (path: string) => boolean
): string[] {
	const problems: string[] = [];
	const where = `content/lessons/${folder}/manifest.json`;
	if (!value || typeof value !== 'object') return [`${where}: not an object`];
	const manifest = value as Partial<LessonManifest>;
	for (const key of ['animations', 'scenarios', 'cards'] as const) {
		if (!Array.isArray(manifest[key])) problems.push(`${where}: "${key}" must be a list`);
	}
	if (problems.length) return problems;
	const { animations, scenarios, cards } = manifest as LessonManifest;
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
		if (!Number.isInteger(c.deck) || c.deck < 1) problems.push(`${at}: "deck" is its place, from 1`);
		if (typeof c.id !== 'string' || !ID.test(c.id)) problems.push(`${at}: "id" must be kebab-case`);
		if (typeof c.question !== 'string' || !c.question.trim())
			problems.push(`${at}: "question" is missing`);
		if (!Array.isArray(c.answer) || c.answer.length === 0)
			problems.push(`${at}: "answer" is a list of at least one line`);
	}
	for (const file of ['index.md', 'questions.ts']) {
		if (!exists(`content/lessons/${folder}/${file}`))
			problems.push(`content/lessons/${folder}: no ${file}`);
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

const TABLE_START = '<!-- animations: from the lessons’ manifests, written by `npm run docs` -->';
const TABLE_END = '<!-- /animations -->';

/** `markdown` with the text between its table markers replaced by `table`. */
export function withEmbedDocsTable(markdown: string, table: string): string {
	const start = markdown.indexOf(TABLE_START);
	const end = markdown.indexOf(TABLE_END);
	if (start < 0 || end < start) throw new Error(`the table markers are missing: ${TABLE_START}`);
	return `${markdown.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${markdown.slice(end)}`;
}
