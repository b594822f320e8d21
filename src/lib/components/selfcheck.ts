/**
 * Folder rule: src/lib/components/ holds page parts every lesson shares (the
 * self-check, the theme, offline); no simulation and no lab.
 *
 * Self-check questions, the answers a learner gave (kept only in this browser),
 * and the order each learner sees a question's choices in.
 *
 * Answers are stored by the choice's ORIGINAL index in `choices`, never by the
 * position it was shown at, so a reload, another browser or a SCORM resume that
 * shows the choices in another order still maps every saved answer.
 */
import { storageAllowed } from './storage-policy';

export interface Question {
	/** Stable id: the key the answer is remembered under. */
	id: string;
	/** Id of the review-deck card (in a lesson manifest's "cards") this question tests. */
	card: string;
	/**
	 * The card's main question: asked once across the site, in the lesson that
	 * teaches the card. Other questions on the same card apply it to a case.
	 */
	main?: boolean;
	prompt: string;
	/** For true/false, use ['True', 'False']. */
	choices: string[];
	/** Index of the right choice. */
	answer: number;
	/** Shown after answering, right or wrong. */
	explanation: string;
}

export type Answers = Record<string, number>;

/**
 * Version 2: the questions were rewritten (new choices under the same ids), so
 * answers kept under the old prefix would point at other choices; they are dropped.
 */
export const ANSWERS_PREFIX = 'stepvisor:answers:v2:';
const LEGACY_PREFIX = 'stepvisor:answers:';
export const LEARNER_KEY = 'stepvisor:learner';

export function loadAnswers(setId: string, questions: readonly Question[]): Answers {
	if (!storageAllowed()) return {};
	try {
		localStorage.removeItem(LEGACY_PREFIX + setId);
		const raw = localStorage.getItem(ANSWERS_PREFIX + setId);
		if (!raw) return {};
		const parsed: unknown = JSON.parse(raw);
		if (!parsed || typeof parsed !== 'object') return {};
		const answers: Answers = {};
		for (const question of questions) {
			const value = (parsed as Record<string, unknown>)[question.id];
			if (
				Number.isInteger(value) &&
				(value as number) >= 0 &&
				(value as number) < question.choices.length
			)
				answers[question.id] = value as number;
		}
		return answers;
	} catch {
		return {};
	}
}

/**
 * Writes a whole set of answers over what is stored: only for a record that is
 * the whole truth (a SCORM resume, from the LMS). A learner's answer goes
 * through `saveAnswer`.
 */
export function saveAnswers(setId: string, answers: Answers): void {
	if (!storageAllowed()) return;
	try {
		localStorage.setItem(ANSWERS_PREFIX + setId, JSON.stringify(answers));
	} catch {
		/* storage blocked (an embed without storage): answers last for this page only */
	}
}

/**
 * Keeps one answer beside the stored others, which may include answers given
 * in another tab since this page loaded and answers to generated questions
 * this page no longer shows. False when it could not be kept.
 */
export function saveAnswer(setId: string, questionId: string, choice: number): boolean {
	if (!storageAllowed()) return false;
	return updateStoredRecord(ANSWERS_PREFIX + setId, { [questionId]: choice });
}

/** Calls `changed` when another tab changes the stored answers of `setId`; returns the cleanup. */
export function watchAnswers(setId: string, changed: () => void): () => void {
	if (!storageAllowed()) return () => {};
	return watchStoredKey(ANSWERS_PREFIX + setId, changed);
}

export function clearAnswers(setId: string): void {
	if (!storageAllowed()) return;
	try {
		localStorage.removeItem(ANSWERS_PREFIX + setId);
	} catch {
		/* nothing stored */
	}
}

/**
 * Everything stored for `setId`, answers to questions this page does not show
 * included: what clearing takes away, and what undoing it puts back.
 */
export function storedAnswers(setId: string): Record<string, unknown> {
	if (!storageAllowed()) return {};
	return readStoredRecord(ANSWERS_PREFIX + setId);
}

/**
 * Puts back `answers`, as `storedAnswers` read them before a clear, beside those
 * stored since (given in another tab), which are newer and stay. False when they
 * could not be kept.
 */
export function restoreAnswers(setId: string, answers: Record<string, unknown>): boolean {
	if (!storageAllowed()) return false;
	const now = readStoredRecord(ANSWERS_PREFIX + setId);
	const missing = Object.fromEntries(Object.entries(answers).filter(([entry]) => !(entry in now)));
	if (Object.keys(missing).length === 0) return true;
	return updateStoredRecord(ANSWERS_PREFIX + setId, missing);
}

/** FNV-1a over the UTF-16 code units: a 32-bit seed from any string. */
export function hashSeed(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** mulberry32: small, fast and deterministic; the same seed gives the same sequence everywhere. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * True/false and numeric scales keep their natural order: "False, True" or
 * "4, 0, 2" would only make the question harder to read, and their position
 * gives nothing away.
 */
export function keepsOrder(question: Pick<Question, 'choices'>): boolean {
	const { choices } = question;
	if (choices.length === 2 && choices[0] === 'True' && choices[1] === 'False') return true;
	return choices.every((choice) => /^\d+$/.test(choice.trim()));
}

/**
 * The order to show a question's choices in, as original indices: a Fisher–Yates
 * shuffle seeded by the learner's key and the question's id. `learner` null (no
 * storage, or an embed) gives one fixed order per question, the same for everyone.
 */
export function choiceOrder(
	question: Pick<Question, 'id' | 'choices'>,
	learner: string | null
): number[] {
	const order = question.choices.map((_, index) => index);
	if (keepsOrder(question)) return order;
	const random = prng(hashSeed(`${learner ?? ''}\u0000${question.id}`));
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

let learnerOverride: string | null = null;

/** A SCORM launch seeds the order from the LMS's learner instead of this browser's key. */
export function useLearnerKey(key: string | null): void {
	learnerOverride = key;
}

function randomKey(): string {
	const bytes = new Uint8Array(12);
	crypto.getRandomValues(bytes);
	return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The learner's key for shuffling: the SCORM learner's when set, else a random key
 * made once and kept in localStorage. Null when storage is blocked or not allowed
 * (the framed view keeps nothing): the order is
 * then the fixed one per question, so it still does not change on reload.
 */
export function learnerKey(): string | null {
	if (learnerOverride !== null) return learnerOverride;
	if (!storageAllowed()) return null;
	try {
		const kept = localStorage.getItem(LEARNER_KEY);
		if (kept) return kept;
		const made = randomKey();
		localStorage.setItem(LEARNER_KEY, made);
		return localStorage.getItem(LEARNER_KEY) === made ? made : null;
	} catch {
		return null;
	}
}

/*
 * Records kept as one JSON object under one key, which more than one tab may
 * change at once (self-check answers, review marks). A tab holds the copy it
 * read when it loaded: writing that copy back whole would erase what another
 * tab wrote meanwhile, so a change re-reads the stored record and changes only
 * its own entries.
 */

/** The JSON object kept under `key`: {} when there is none, it is not an object, or storage is blocked. */
export function readStoredRecord(key: string): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}

/**
 * Sets `entries` in the record kept under `key` (an entry `undefined` is
 * removed), leaving its other entries as storage holds them now. False when
 * storage refused the write (blocked or full).
 */
export function updateStoredRecord(key: string, entries: Record<string, unknown>): boolean {
	const record = readStoredRecord(key);
	for (const [entry, value] of Object.entries(entries)) {
		if (value === undefined) delete record[entry];
		else record[entry] = value;
	}
	try {
		localStorage.setItem(key, JSON.stringify(record));
		return true;
	} catch {
		return false;
	}
}

/**
 * Calls `changed` when another tab writes or removes `key` (or clears storage):
 * the `storage` event fires only in the other tabs. Returns the cleanup.
 */
export function watchStoredKey(key: string, changed: () => void): () => void {
	if (typeof window === 'undefined') return () => {};
	const listener = (event: StorageEvent) => {
		if (event.key === key || event.key === null) changed();
	};
	window.addEventListener('storage', listener);
	return () => window.removeEventListener('storage', listener);
}

/**
 * Whether storage takes a write now. The page's policy (`storageAllowed`) says
 * whether it may; a browser that blocks storage still lets the page ask.
 */
export function storageWorks(): boolean {
	const probe = 'stepvisor:probe';
	try {
		localStorage.setItem(probe, '1');
		localStorage.removeItem(probe);
		return true;
	} catch {
		return false;
	}
}
