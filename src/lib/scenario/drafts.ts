/**
 * A learner's edits to a lesson's scenario survive a reload: the latest version is
 * kept in localStorage under the lesson's key. Storage may be blocked (private
 * mode); then edits last for the page only. Labs inside an embed never call these.
 */
import { storageAllowed } from '../components/storage-policy';
import { jsonOf, parseRememberedInSlices } from './json-text';

const prefix = 'stepvisor:draft:';

/** The localStorage key of a lesson's draft (what a `storage` event names). */
export function draftStorageKey(key: string): string {
	return prefix + key;
}

/** A stored draft's value (parsed in slices), or null when it is not JSON. */
export async function parseDraft(raw: string): Promise<unknown | null> {
	try {
		return await parseRememberedInSlices(raw);
	} catch {
		return null;
	}
}

export type StoredDraft =
	{ found: false } | { found: true; value: unknown } | { found: true; unreadable: true };

/**
 * The stored draft; a stored text that is not JSON is reported, not taken for
 * "no draft". A big draft is parsed in slices, so reading it never blocks the page.
 */
export async function readDraft(key: string): Promise<StoredDraft> {
	if (!storageAllowed()) return { found: false };
	let raw: string | null;
	try {
		raw = localStorage.getItem(prefix + key);
	} catch {
		return { found: false };
	}
	if (raw === null) return { found: false };
	try {
		return { found: true, value: await parseRememberedInSlices(raw) };
	} catch {
		return { found: true, unreadable: true };
	}
}

/** Drafts waiting to be written, by key: only the latest of a burst of edits is. */
const pending = new Map<string, unknown>();

/**
 * Keeps `scenario` as the lesson's draft, in a task of its own: writing a big
 * scenario (JSON text and localStorage) must not lengthen the task that draws it.
 */
export function saveDraft(key: string, scenario: unknown): void {
	if (!storageAllowed()) return;
	const waiting = pending.has(key);
	pending.set(key, scenario);
	if (waiting) return;
	if (!flushing) {
		flushing = true;
		// A page closed or reloaded right after an edit still keeps it.
		addEventListener('pagehide', flushDrafts);
	}
	setTimeout(() => {
		if (!pending.has(key)) return;
		const latest = pending.get(key);
		pending.delete(key);
		writeDraft(key, latest);
	}, 0);
}

let flushing = false;

/** Writes every draft still waiting for its task. */
export function flushDrafts(): void {
	for (const [key, scenario] of pending) writeDraft(key, scenario);
	pending.clear();
}

function writeDraft(key: string, scenario: unknown): void {
	try {
		localStorage.setItem(prefix + key, jsonOf(scenario));
	} catch {
		/* storage blocked or full: the draft lasts for this page only */
	}
}

export function clearDraft(key: string): void {
	if (!storageAllowed()) return;
	pending.delete(key);
	try {
		localStorage.removeItem(prefix + key);
	} catch {
		/* nothing stored */
	}
}

/**
 * Where a draft goes when something replaces it (a file, an example, Reset, an
 * edited link's scenario): one key per lesson, so the learner can bring the
 * last one back. Not the draft's key, so other tabs' `storage` listeners skip it.
 */
function replacedKey(key: string): string {
	return `${key}:replaced`;
}

/**
 * Copies the lesson's stored draft aside before it is replaced; true when there
 * was one. A draft still waiting for its task is written first.
 */
export function keepReplacedDraft(key: string): boolean {
	if (!storageAllowed()) return false;
	if (pending.has(key)) {
		writeDraft(key, pending.get(key));
		pending.delete(key);
	}
	try {
		const raw = localStorage.getItem(prefix + key);
		if (raw === null) return false;
		localStorage.setItem(prefix + replacedKey(key), raw);
		return true;
	} catch {
		return false;
	}
}

/** Whether a replaced draft is kept for this lesson. */
export function hasReplacedDraft(key: string): boolean {
	if (!storageAllowed()) return false;
	try {
		return localStorage.getItem(prefix + replacedKey(key)) !== null;
	} catch {
		return false;
	}
}

/** The replaced draft kept for this lesson (parsed in slices). */
export function readReplacedDraft(key: string): Promise<StoredDraft> {
	return readDraft(replacedKey(key));
}

export function clearReplacedDraft(key: string): void {
	clearDraft(replacedKey(key));
}

/**
 * The text of a lab's JSON editor that the learner typed but did not apply (it
 * may not even be JSON), kept beside the lesson's draft so that a reload does
 * not lose it. Not the draft's key either, so other tabs' `storage` listeners
 * skip it. Written in a task of its own after typing pauses, and at once when
 * the page goes away.
 */
function unappliedKey(key: string): string {
	return `${prefix}${key}:unapplied-json`;
}

/** Unapplied texts waiting to be written, by key (null: forget the stored one). */
const pendingTexts = new Map<string, string | null>();
let textTimer: ReturnType<typeof setTimeout> | null = null;
let flushingTexts = false;

/** The unapplied editor text kept for this lesson, or null. */
export function readUnappliedText(key: string): string | null {
	if (!storageAllowed()) return null;
	try {
		return localStorage.getItem(unappliedKey(key));
	} catch {
		return null;
	}
}

/** Keeps `text` as this lesson's unapplied editor text; null forgets it. */
export function saveUnappliedText(key: string, text: string | null): void {
	if (!storageAllowed()) return;
	pendingTexts.set(key, text);
	if (!flushingTexts) {
		flushingTexts = true;
		// A reload right after typing still keeps what was typed.
		addEventListener('pagehide', flushUnappliedTexts);
	}
	// Typing fires an event per key: one write per pause, not one per key of a big text.
	if (textTimer !== null) clearTimeout(textTimer);
	textTimer = setTimeout(flushUnappliedTexts, 300);
}

function flushUnappliedTexts(): void {
	if (textTimer !== null) clearTimeout(textTimer);
	textTimer = null;
	for (const [key, text] of pendingTexts) {
		try {
			if (text === null) localStorage.removeItem(unappliedKey(key));
			else localStorage.setItem(unappliedKey(key), text);
		} catch {
			// Full or blocked: an older text must not come back in its place after a reload.
			try {
				localStorage.removeItem(unappliedKey(key));
			} catch {
				/* storage blocked: the text lasts for this page only */
			}
		}
	}
	pendingTexts.clear();
}
