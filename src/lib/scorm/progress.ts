/**
 * What a SCORM launch of one lesson remembers and reports, without any browser or
 * LMS: the learner's progress through the lesson's players and self-check, how it
 * is packed into `cmi.suspend_data` (at most 4096 characters in SCORM 1.2), and
 * the lesson status and score it amounts to.
 */

/**
 * The score (in percent) at or above which the self-check counts as passed, when a
 * mastery score is asked for. Packages set none by default (`--mastery` sets one):
 * then a finished lesson reports `completed` with its score, and the LMS's own grade
 * settings judge it.
 */
export const DEFAULT_MASTERY = 80;

/** SCORM 1.2 limits (CMIString4096 and CMIString255). */
export const SUSPEND_LIMIT = 4096;
export const LOCATION_LIMIT = 255;

export interface Progress {
	/** Current step of each player, by player id. */
	steps: Record<string, number>;
	/** Furthest step each player reached. */
	max: Record<string, number>;
	/** Players stepped to their last frame at least once. */
	done: string[];
	/**
	 * The answer given to each self-check question: set id, question id, and the
	 * ORIGINAL index of the chosen choice (never its shuffled display position).
	 */
	answers: Record<string, Record<string, number>>;
	/** Whether each answer was right, by "setId/questionId". */
	results: Record<string, boolean>;
	/** The page's query string (the lesson's choices: platforms, scenario, steps), without "?". */
	query: string;
	/** The key seeding the choice order when the LMS gives no student id ('' if none). */
	learner: string;
}

export function emptyProgress(): Progress {
	return { steps: {}, max: {}, done: [], answers: {}, results: {}, query: '', learner: '' };
}

/**
 * Version of the suspend data. 2: the self-check questions were rewritten, so the
 * answers and results of version 1 name choices that no longer exist; a version 1
 * record keeps its steps and drops them.
 */
const SUSPEND_VERSION = 2;

/** Records a player's step; returns true when something changed. */
export function recordStep(progress: Progress, id: string, step: number, total: number): boolean {
	let changed = false;
	if (progress.steps[id] !== step) {
		progress.steps[id] = step;
		changed = true;
	}
	if (!(step <= (progress.max[id] ?? -1))) {
		progress.max[id] = step;
		changed = true;
	}
	if (total > 0 && step >= total - 1 && !progress.done.includes(id)) {
		progress.done.push(id);
		changed = true;
	}
	return changed;
}

/** Records an answer (`question` is "setId/questionId"); returns true when something changed. */
export function recordAnswer(
	progress: Progress,
	question: string,
	correct: boolean,
	choices?: Record<string, number>
): boolean {
	let changed = progress.results[question] !== correct;
	progress.results[question] = correct;
	const setId = setOf(question);
	if (choices && JSON.stringify(progress.answers[setId] ?? {}) !== JSON.stringify(choices)) {
		progress.answers[setId] = { ...choices };
		changed = true;
	}
	return changed;
}

export function setOf(question: string): string {
	const slash = question.indexOf('/');
	return slash < 0 ? '' : question.slice(0, slash);
}

export type LessonStatus = 'incomplete' | 'completed' | 'passed' | 'failed';

export interface Outcome {
	status: LessonStatus;
	/** 0–100, or null while some question is unanswered (or there are none). */
	score: number | null;
	/** Every player on the page reached its last frame. */
	animationsDone: boolean;
	answered: number;
	right: number;
}

/**
 * The lesson's status from what is on the page now.
 * - `players`: ids of the players registered on the page (null while the page is
 *   still loading, so that a lesson whose player appears late is not complete early);
 *   a page with no players at all counts as done once loaded.
 * - `questions`: ids ("setId/questionId", or a bare question id matched against
 *   any set) of the self-check questions on the page.
 * Completed once every player was stepped to its end; then passed or failed by the
 * self-check score once every question is answered. A score is given as soon as
 * every question is answered, whatever the animations.
 */
export function outcomeOf(
	progress: Progress,
	players: readonly string[] | null,
	questions: readonly string[],
	mastery: number | null = DEFAULT_MASTERY
): Outcome {
	const animationsDone = players !== null && players.every((id) => progress.done.includes(id));
	let answered = 0;
	let right = 0;
	for (const question of questions) {
		const result = resultFor(progress, question);
		if (result === undefined) continue;
		answered++;
		if (result) right++;
	}
	const allAnswered = questions.length > 0 && answered === questions.length;
	const score = allAnswered ? Math.round((100 * right) / questions.length) : null;
	let status: LessonStatus = 'incomplete';
	if (animationsDone) {
		if (score === null || mastery === null) status = 'completed';
		else status = score >= mastery ? 'passed' : 'failed';
	}
	return { status, score, animationsDone, answered, right };
}

/**
 * The score to write to `cmi.core.score.raw`, or null for none yet. With a mastery
 * score, not before the animations are done: an LMS may judge passed or failed from
 * the score alone (Moodle's "mastery score overrides status", on by default, does at
 * LMSFinish), which would pass a learner who never stepped the animations.
 */
export function scoreToReport(outcome: Outcome, mastery: number | null): number | null {
	if (mastery !== null && !outcome.animationsDone) return null;
	return outcome.score;
}

function resultFor(progress: Progress, question: string): boolean | undefined {
	if (question.includes('/')) return progress.results[question];
	for (const [key, value] of Object.entries(progress.results)) {
		if (key.slice(key.indexOf('/') + 1) === question) return value;
	}
	return undefined;
}

/** A status may change between completed, passed and failed, but never back to incomplete. */
export function mergeStatus(previous: string, next: LessonStatus): LessonStatus {
	if (
		next === 'incomplete' &&
		(previous === 'completed' || previous === 'passed' || previous === 'failed')
	)
		return previous;
	return next;
}

/** Compact JSON for cmi.suspend_data; drops what does not fit (the query first). */
export function encodeSuspend(progress: Progress, limit = SUSPEND_LIMIT): string {
	const packed: Record<string, unknown> = {
		v: SUSPEND_VERSION,
		s: progress.steps,
		m: progress.max,
		d: progress.done,
		a: progress.answers,
		r: Object.fromEntries(Object.entries(progress.results).map(([k, v]) => [k, v ? 1 : 0]))
	};
	if (progress.query) packed.q = progress.query;
	if (progress.learner) packed.k = progress.learner;
	let text = JSON.stringify(packed);
	if (text.length <= limit) return text;
	delete packed.q;
	text = JSON.stringify(packed);
	if (text.length <= limit) return text;
	// Still too long (a huge generated self-check): keep what makes the status.
	delete packed.a;
	delete packed.s;
	text = JSON.stringify(packed);
	return text.length <= limit
		? text
		: JSON.stringify({ v: SUSPEND_VERSION, d: progress.done, k: progress.learner || undefined });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function numbers(value: unknown): Record<string, number> {
	const out: Record<string, number> = {};
	if (!isRecord(value)) return out;
	for (const [key, item] of Object.entries(value)) {
		if (Number.isInteger(item) && (item as number) >= 0) out[key] = item as number;
	}
	return out;
}

/** Reads what `encodeSuspend` wrote; anything else (empty, foreign, broken) gives empty progress. */
export function decodeSuspend(text: string): Progress {
	const progress = emptyProgress();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return progress;
	}
	if (!isRecord(parsed) || (parsed.v !== 1 && parsed.v !== SUSPEND_VERSION)) return progress;
	progress.steps = numbers(parsed.s);
	progress.max = numbers(parsed.m);
	if (Array.isArray(parsed.d))
		progress.done = parsed.d.filter((id): id is string => typeof id === 'string');
	if (typeof parsed.q === 'string') progress.query = parsed.q;
	if (typeof parsed.k === 'string') progress.learner = parsed.k.slice(0, 64);
	// Version 1 answers point at the choices of the old questions: drop them.
	if (parsed.v !== SUSPEND_VERSION) return progress;
	if (isRecord(parsed.a)) {
		for (const [setId, answers] of Object.entries(parsed.a))
			progress.answers[setId] = numbers(answers);
	}
	if (isRecord(parsed.r)) {
		for (const [key, value] of Object.entries(parsed.r)) {
			if (value === 0 || value === 1) progress.results[key] = value === 1;
		}
	}
	return progress;
}

/**
 * Where the learner got to, for cmi.core.lesson_location: the furthest player in page
 * order that the learner has moved (its id and the furthest step it reached), or the
 * first player's current step when none was moved yet. `players` are in page order.
 */
export function furthestLocation(
	progress: Progress,
	players: readonly { id: string; step: number }[]
): { id: string; step: number } | null {
	for (let index = players.length - 1; index >= 0; index--) {
		const { id } = players[index];
		const furthest = progress.max[id];
		if ((furthest !== undefined && furthest > 0) || progress.done.includes(id))
			return { id, step: furthest ?? 0 };
	}
	return players.length ? { id: players[0].id, step: players[0].step } : null;
}

/** cmi.core.lesson_location text: a player's id and a step, e.g. "io-step:4". */
export function encodeLocation(id: string, step: number): string {
	return `${id}:${step}`.slice(0, LOCATION_LIMIT);
}

export function decodeLocation(text: string): { id: string; step: number } | null {
	const match = /^(.+):(\d+)$/.exec(text);
	return match ? { id: match[1], step: Number(match[2]) } : null;
}

/** CMITimespan (HHHH:MM:SS.SS) for cmi.core.session_time. */
export function timespan(milliseconds: number): string {
	const total = Math.max(0, Math.round(milliseconds / 10)) / 100;
	const hours = Math.min(9999, Math.floor(total / 3600));
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = total - hours * 3600 - minutes * 60;
	const pad = (n: number, width: number) => String(n).padStart(width, '0');
	return `${pad(hours, 4)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, '0')}`;
}
