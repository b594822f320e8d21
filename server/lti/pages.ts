/**
 * The LTI server's own HTML pages. Every value from a request, a token or the
 * database goes through `escape` (text) or `jsonScript` (data for a page script);
 * nothing received is ever inserted as markup. Scripts are files under /lti/assets/
 * so the pages' Content-Security-Policy can forbid inline script.
 */
import type { Catalog } from './catalog';

export function escape(value: unknown): string {
	return String(value).replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/** JSON that is safe inside <script type="application/json">. */
export function jsonScript(id: string, value: unknown): string {
	const json = JSON.stringify(value).replace(/</g, '\\u003c');
	return `<script type="application/json" id="${escape(id)}">${json}</script>`;
}

export function page(options: {
	title: string;
	body: string;
	scripts?: string[];
	wide?: boolean;
}): string {
	const scripts = (options.scripts ?? [])
		.map((name) => `<script type="module" src="/lti/assets/${escape(name)}"></script>`)
		.join('');
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(options.title)} · Stepvisor</title>
<link rel="stylesheet" href="/lti/assets/lti.css">
${scripts}
</head>
<body${options.wide ? ' class="wide"' : ''}>
<main>
${options.body}
</main>
</body>
</html>`;
}

/** A refusal: what went wrong, in words, and what to do. */
export function errorPage(title: string, message: string, extra = ''): string {
	return page({
		title,
		body: `<h1>${escape(title)}</h1>
<p role="alert">${escape(message)}</p>
${extra}
<p class="hint">Nothing was changed. If this keeps happening, give your instructor or LMS administrator the time it happened and this message.</p>`
	});
}

/** A page that posts `fields` to `action` by itself (and has a button when script is off). */
export function autoPostPage(
	title: string,
	action: string,
	fields: Record<string, string>
): string {
	const inputs = Object.entries(fields)
		.map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
		.join('');
	return page({
		title,
		scripts: ['autopost.js'],
		body: `<form method="post" action="${escape(action)}" id="autopost">${inputs}
<p>${escape(title)}…</p>
<button type="submit">Continue</button>
</form>`
	});
}

export function pickerPage(options: {
	catalog: Catalog;
	session: string;
	multiple: boolean;
	gradable: boolean;
	title?: string;
}): string {
	const { catalog } = options;
	const lessons = catalog.lessons
		.map((lesson) => {
			const animations = lesson.animations
				.map(
					(
						a
					) => `<li><label><input type="radio" name="item" value="animation:${escape(a.id)}" data-preview="/embed/${escape(a.id)}/" data-model="${escape(a.model ?? '')}" required>
<span class="item-title">${escape(a.title)}</span></label>
<span class="tag">animation${lesson.questions.length ? ` · ${lesson.questions.length} self-check questions` : ''}</span></li>`
				)
				.join('');
			return `<li class="lesson"><label><input type="radio" name="item" value="lesson:${escape(lesson.slug)}" data-preview="/lessons/${escape(lesson.slug)}/" required>
<span class="item-title">${escape(lesson.number)}. ${escape(lesson.title)}</span></label>
<span class="tag">whole lesson</span>
<p class="summary">${escape(lesson.summary)}</p>
<ul>${animations}</ul></li>`;
		})
		.join('\n');
	return page({
		title: 'Add Stepvisor to your course',
		wide: true,
		scripts: ['picker.js'],
		body: `<h1>Add Stepvisor to your course</h1>
<form method="post" action="/lti/deep-link" id="picker">
<input type="hidden" name="session" value="${escape(options.session)}">
<div class="picker">
<fieldset>
<legend>Choose a lesson or one animation</legend>
<ul class="catalog">${lessons}</ul>
</fieldset>
<div class="side">
<h2>Preview</h2>
<iframe id="preview" title="Preview of the chosen item" src="about:blank"></iframe>
<label for="step">Start at step</label>
<input id="step" name="step" type="number" min="0" max="100000" value="0" inputmode="numeric">
<label for="scenario_link">Or paste a shared scenario link (optional)</label>
<input id="scenario_link" name="scenario_link" type="url" maxlength="20000" placeholder="https://…/embed/layers/?scenario=…" aria-describedby="scenario-help">
<p id="scenario-help" class="hint">A link from an animation's Share button. It opens that animation with that scenario.</p>
${
	options.gradable
		? `<label class="check"><input type="checkbox" name="graded" value="1"> Send a grade to the gradebook (animations only)</label>
<label for="max_score">Points</label>
<input id="max_score" name="max_score" type="number" min="1" max="1000" value="100">`
		: '<p class="hint">This course does not accept grades from tools.</p>'
}
<button type="submit">Add to course</button>
</div>
</div>
</form>`
	});
}

export function launchPage(options: {
	title: string;
	frameSrc: string;
	token: string | null;
	graded: boolean;
	/** This learner already made progress in this course link (it is kept). */
	resumed?: boolean;
	/** The activity has self-check questions. */
	selfCheck?: boolean;
	height: number;
}): string {
	const note = options.graded
		? `<p class="hint" id="grade-note">${
				options.selfCheck
					? 'Your self-check score goes to your course gradebook once you have stepped to the end and answered every question.'
					: 'Your course gradebook is told once you have stepped to the end.'
			}${
				options.resumed
					? ' Your earlier progress here is kept: answering again can raise your score, never lower it.'
					: ''
			}</p>`
		: '';
	return page({
		title: options.title,
		wide: true,
		scripts: ['launch.js'],
		body: `${jsonScript('launch-data', { token: options.token })}
<h1 class="visually-hidden">${escape(options.title)}</h1>
${note}
<p id="sync-status" class="hint" role="status"></p>
<iframe id="activity" title="${escape(options.title)}" src="${escape(options.frameSrc)}" style="height:${Number(options.height)}px" allow="fullscreen"></iframe>`
	});
}
