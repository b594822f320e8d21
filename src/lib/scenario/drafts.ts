/**
 * A learner's edits to a lesson's scenario survive a reload: the latest version is
 * kept in localStorage under the lesson's key. Storage may be blocked (an embed,
 * private mode); then edits last for the page only.
 */
const prefix = 'stepvisor:draft:';

export function loadDraft(key: string): unknown | null {
	try {
		const raw = localStorage.getItem(prefix + key);
		return raw === null ? null : JSON.parse(raw);
	} catch {
		return null;
	}
}

export function saveDraft(key: string, scenario: unknown): void {
	try {
		localStorage.setItem(prefix + key, JSON.stringify(scenario));
	} catch {
		/* storage blocked or full: the draft lasts for this page only */
	}
}

export function clearDraft(key: string): void {
	try {
		localStorage.removeItem(prefix + key);
	} catch {
		/* nothing stored */
	}
}
