/**
 * A learner's edits to a lesson's scenario survive a reload: the latest version is
 * kept in localStorage under the lesson's key. Storage may be blocked (private
 * mode); then edits last for the page only. Labs inside an embed never call these.
 */
import { storageAllowed } from '../components/storage-policy';

const prefix = 'stepvisor:draft:';

/** The localStorage key of a lesson's draft (what a `storage` event names). */
export function draftStorageKey(key: string): string {
	return prefix + key;
}

/** A stored draft's value, or null when it is not JSON. */
export function parseDraft(raw: string): unknown | null {
	try {
		return JSON.parse(raw);
	} catch {
		return null;
	}
}

export type StoredDraft =
	{ found: false } | { found: true; value: unknown } | { found: true; unreadable: true };

/** The stored draft; a stored text that is not JSON is reported, not taken for "no draft". */
export function readDraft(key: string): StoredDraft {
	if (!storageAllowed()) return { found: false };
	let raw: string | null;
	try {
		raw = localStorage.getItem(prefix + key);
	} catch {
		return { found: false };
	}
	if (raw === null) return { found: false };
	try {
		return { found: true, value: JSON.parse(raw) };
	} catch {
		return { found: true, unreadable: true };
	}
}

export function loadDraft(key: string): unknown | null {
	const draft = readDraft(key);
	return draft.found && 'value' in draft ? draft.value : null;
}

export function saveDraft(key: string, scenario: unknown): void {
	if (!storageAllowed()) return;
	try {
		localStorage.setItem(prefix + key, JSON.stringify(scenario));
	} catch {
		/* storage blocked or full: the draft lasts for this page only */
	}
}

export function clearDraft(key: string): void {
	if (!storageAllowed()) return;
	try {
		localStorage.removeItem(prefix + key);
	} catch {
		/* nothing stored */
	}
}
