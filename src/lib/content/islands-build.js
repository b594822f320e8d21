/**
 * Build-time half of a lesson's islands (the client half is ./islands.ts).
 *
 * A lesson's prose is prerendered HTML that the browser never needs to rebuild,
 * so it is not hydrated: each animation, lab or self-check in it is an island,
 * hydrated on its own once the page has started. This module finds the
 * components a lesson imports, and rewrites each use of one in the lesson's
 * markup (`<StacksPlayer />`) into an Island (./Island.svelte) that names it, so
 * that the client can load and hydrate that component by name. Used by
 * svelte.config.js (the rewrite, after mdsvex) and vite.config.ts (the list of
 * loaders every lesson's islands need).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ISLAND_TAG = 'StepvisorIsland';

/**
 * The instance script of a Svelte component's source (not `<script module>`), or ''.
 * @param {string} source
 */
function instanceScript(source) {
	for (const match of source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		if (!/\b(context\s*=\s*["']module["']|module\b)/.test(match[1])) return match[2];
	}
	return '';
}

/**
 * The components a lesson imports, each local name with the name its island goes by:
 * `$lib/...` as written, and a lesson folder's own files as `/content/lessons/<folder>/...`.
 * @param {string} source the lesson's index.md (or mdsvex's output of it)
 * @param {string} folder the lesson's folder name
 * @returns {Map<string, string>}
 */
export function islandComponents(source, folder) {
	/** @type {Map<string, string>} */
	const components = new Map();
	const script = instanceScript(source);
	for (const [, local, spec] of script.matchAll(
		/import\s+([A-Z][\w$]*)\s+from\s+['"]([^'"]+\.svelte)['"]/g
	)) {
		const name = spec.startsWith('./') ? `/content/lessons/${folder}/${spec.slice(2)}` : spec;
		if (!name.startsWith('$lib/') && !name.startsWith('/content/lessons/')) {
			throw new Error(
				`content/lessons/${folder}/index.md: ${spec} must be imported from $lib/ or the lesson's own folder`
			);
		}
		components.set(local, name);
	}
	return components;
}

/**
 * The values a lesson imports from its own folder's modules (`import { questions }
 * from './questions'`), each local name with where the client finds it: the module
 * by the name its loader goes by, and the export's name.
 * @param {string} source the lesson's index.md (or mdsvex's output of it)
 * @param {string} folder the lesson's folder name
 * @returns {Map<string, { module: string; name: string }>}
 */
export function lessonValues(source, folder) {
	/** @type {Map<string, { module: string; name: string }>} */
	const values = new Map();
	for (const [, names, spec] of instanceScript(source).matchAll(
		/import\s*\{([^}]*)\}\s*from\s*['"](\.\/[^'"]+)['"]/g
	)) {
		if (spec.endsWith('.svelte')) continue;
		const module = `/content/lessons/${folder}/${spec.slice(2).replace(/\.[jt]s$/, '')}`;
		for (const part of names.split(',')) {
			const [name, local = name] = part.trim().split(/\s+as\s+/);
			if (name) values.set(local, { module, name });
		}
	}
	return values;
}

/**
 * The attributes of a self-closing component tag as an object literal's entries:
 * `id="x" {questions} left={a}` → `"id": "x"`, `questions`, `"left": (a)`.
 * @param {string} attributes
 * @param {string} where the tag, for error messages
 * @returns {string[]}
 */
function propsOf(attributes, where) {
	const entries = [];
	let i = 0;
	const skipSpace = () => {
		while (i < attributes.length && /\s/.test(attributes[i])) i++;
	};
	const readBraced = () => {
		let depth = 0;
		const start = i;
		for (; i < attributes.length; i++) {
			if (attributes[i] === '{') depth++;
			else if (attributes[i] === '}' && --depth === 0) return attributes.slice(start + 1, i++);
		}
		throw new Error(`${where}: an attribute's { has no }`);
	};
	for (skipSpace(); i < attributes.length; skipSpace()) {
		if (attributes[i] === '{') {
			const inner = readBraced().trim();
			entries.push(inner); // {name} or {...spread}
			continue;
		}
		const name = /^[A-Za-z_$][\w$-]*/.exec(attributes.slice(i))?.[0];
		if (!name) throw new Error(`${where}: cannot read the attributes ${attributes}`);
		i += name.length;
		skipSpace();
		if (attributes[i] !== '=') {
			entries.push(`${JSON.stringify(name)}: true`);
			continue;
		}
		i++;
		skipSpace();
		const quote = attributes[i];
		if (quote === '{') {
			entries.push(`${JSON.stringify(name)}: (${readBraced()})`);
		} else if (quote === '"' || quote === "'") {
			const end = attributes.indexOf(quote, i + 1);
			if (end < 0) throw new Error(`${where}: the value of ${name} has no closing quote`);
			entries.push(`${JSON.stringify(name)}: ${JSON.stringify(attributes.slice(i + 1, end))}`);
			i = end + 1;
		} else {
			throw new Error(`${where}: the value of ${name} must be quoted or in braces`);
		}
	}
	return entries;
}

/**
 * Rewrites every use of an imported component in a lesson's markup into an island.
 * A component used with children cannot be an island (its children would be prose
 * the client never sees), so that is an error.
 * @param {string} source mdsvex's output for a lesson
 * @param {string} folder the lesson's folder name
 * @returns {string}
 */
export function rewriteIslands(source, folder) {
	const components = islandComponents(source, folder);
	if (components.size === 0) return source;
	const values = lessonValues(source, folder);
	const where = `content/lessons/${folder}/index.md`;
	// The scripts stay as they are; only the markup between them is rewritten.
	const parts = source.split(/(<script\b[^>]*>[\s\S]*?<\/script>)/);
	const markup = parts.map((part, index) => {
		if (index % 2 === 1) return part;
		return part.replace(
			/<([A-Z][\w$]*)((?:\s+(?:[^>{"']|"[^"]*"|'[^']*'|\{[^}]*\})*?)?)\s*(\/?)>/g,
			(tag, local, attributes, selfClosing) => {
				const name = components.get(local);
				if (!name) return tag;
				if (!selfClosing) throw new Error(`${where}: <${local}> must close itself (<${local} />)`);
				const entries = propsOf(attributes, `${where}, <${local}>`);
				const props = entries.join(', ');
				// A prop given a value the lesson imports from its own folder (`{questions}`)
				// is not written into the page beside the part, which would carry it a second
				// time after the markup drawn from it: the client loads it when the part starts.
				const refs = Object.fromEntries(
					entries.flatMap((entry) => {
						const value = values.get(entry);
						return value ? [[entry, `${value.module}#${value.name}`]] : [];
					})
				);
				const byReference = Object.keys(refs).length ? ` refs={${JSON.stringify(refs)}}` : '';
				return `<${ISLAND_TAG} name=${JSON.stringify(name)} component={${local}} props={{ ${props} }}${byReference} />`;
			}
		);
	});
	// The island component is imported where the lesson imports its own.
	return markup
		.join('')
		.replace(
			/(<script\b(?![^>]*\b(?:context\s*=\s*["']module["']|module\b))[^>]*>)/,
			`$1\n\timport ${ISLAND_TAG} from '$lib/content/Island.svelte';`
		);
}

/**
 * Every island name any lesson uses, and every module of a lesson's own that a
 * part's props are loaded from (for the client's loaders).
 * @param {string} root the project's folder
 * @returns {string[]}
 */
export function islandNames(root) {
	/** @type {Set<string>} */
	const names = new Set();
	const lessons = join(root, 'content', 'lessons');
	for (const folder of readdirSync(lessons).sort()) {
		let source;
		try {
			source = readFileSync(join(lessons, folder, 'index.md'), 'utf8');
		} catch {
			continue;
		}
		for (const name of islandComponents(source, folder).values()) names.add(name);
		for (const { module } of lessonValues(source, folder).values()) names.add(module);
	}
	return [...names].sort();
}
