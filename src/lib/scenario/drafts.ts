/**
 * A learner's edits to a lesson's scenario survive a reload: the latest version is
 * kept in localStorage under the lesson's key. Storage may be blocked (private
 * mode) or full; then edits last for the page only, and `draftKeeping` says so,
 * for the lab to tell the learner. Labs inside an embed never call these.
 */
import { writable, type Readable } from 'svelte/store';
import { storageAllowed } from '../components/storage-policy';
import {
	jsonOf,
	jsonPieces,
	parseRememberedInSlices,
	rememberText,
	rememberedText
} from './json-text';

const prefix = 'stepvisor:draft:';

/** Why storage refused a write. */
export type NotKept = 'full' | 'blocked';

/** What of a lesson's draft is not kept as the learner would think. */
export interface DraftKeeping {
	/** The latest change could not be written: a reload would show an older draft, or none. */
	unsaved: NotKept | null;
	/** The draft read back when the page opened is older than changes that could not be written. */
	stale: boolean;
	/**
	 * The draft last put aside is not in storage as it was shown (the page keeps
	 * nothing, storage refused it, or held only an older draft): it lasts for this
	 * page only.
	 */
	replacedOnlyHere: NotKept | 'policy' | null;
}

const ALL_KEPT: DraftKeeping = { unsaved: null, stale: false, replacedOnlyHere: null };
let keepingNow: Record<string, DraftKeeping> = {};
const keepingStore = writable(keepingNow);

/** By lesson key, what of its draft is not kept; a key not named has everything kept. */
export const draftKeeping: Readable<Record<string, DraftKeeping>> = {
	subscribe: keepingStore.subscribe
};

function note(key: string, change: Partial<DraftKeeping>): void {
	const before = keepingNow[key] ?? ALL_KEPT;
	const after = { ...before, ...change };
	if (
		after.unsaved === before.unsaved &&
		after.stale === before.stale &&
		after.replacedOnlyHere === before.replacedOnlyHere
	)
		return;
	keepingNow = { ...keepingNow, [key]: after };
	keepingStore.set(keepingNow);
}

function notKeptBecause(error: unknown): NotKept {
	return error instanceof DOMException &&
		(error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
		? 'full'
		: 'blocked';
}

/**
 * Marks a stored draft that later changes could not replace, so that the page
 * opened next does not present it as the learner's latest. The mark names the
 * draft's text (another tab's write makes it moot), and goes to sessionStorage
 * when localStorage is too full for even that: a reload in this tab still reads it.
 */
function staleKey(key: string): string {
	return `${prefix}${key}:stale`;
}

/** FNV-1a over the text, with its length: tells a draft from any other written since. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return `${text.length}:${(hash >>> 0).toString(16)}`;
}

/** Keys whose stored draft this page has marked stale (one mark per draft is enough). */
const markedStale = new Set<string>();

function markStale(key: string): void {
	if (markedStale.has(key)) return;
	let raw: string | null;
	try {
		raw = localStorage.getItem(prefix + key);
	} catch {
		return;
	}
	// No draft stored: a reload shows the lesson's own scenario and claims nothing.
	if (raw === null) return;
	const mark = fingerprint(raw);
	for (const storage of ['localStorage', 'sessionStorage'] as const) {
		try {
			globalThis[storage].setItem(staleKey(key), mark);
			markedStale.add(key);
			if (storage === 'sessionStorage') noSessionMark.delete(key);
			return;
		} catch {
			/* full or blocked: the next storage, else the draft stays unmarked */
		}
	}
}

/**
 * Keys that, as far as this page knows, have no stale mark in sessionStorage: read
 * with the draft, and kept up since (only this tab writes its sessionStorage).
 * Forgetting a mark skips sessionStorage for them. A page's first use of
 * sessionStorage waits on the browser, and just after a big draft was written to
 * localStorage that wait took 150–170 ms (Chromium, a 4 MiB file opened in the
 * layers lab): one long task, for a removal that had nothing to remove.
 */
const noSessionMark = new Set<string>();

function forgetStale(key: string): void {
	markedStale.delete(key);
	for (const storage of ['localStorage', 'sessionStorage'] as const) {
		if (storage === 'sessionStorage' && noSessionMark.has(key)) continue;
		try {
			globalThis[storage].removeItem(staleKey(key));
			if (storage === 'sessionStorage') noSessionMark.add(key);
		} catch {
			/* blocked: nothing was marked there */
		}
	}
}

/** This tab's stale mark of `key` (sessionStorage), noting when there is none. */
function sessionMark(key: string): string | null {
	let mark: string | null;
	try {
		mark = sessionStorage.getItem(staleKey(key));
	} catch {
		/* blocked: no mark there */
		return null;
	}
	if (mark === null) noSessionMark.add(key);
	else noSessionMark.delete(key);
	return mark;
}

/** Whether `raw`, the stored draft of `key`, is marked stale; a mark of another draft goes. */
function isStale(key: string, raw: string): boolean {
	let mark: string | null = null;
	try {
		mark = localStorage.getItem(staleKey(key));
	} catch {
		/* blocked: no mark there */
	}
	const inSession = sessionMark(key);
	mark ??= inSession;
	if (mark === null) return false;
	if (mark === fingerprint(raw)) return true;
	forgetStale(key);
	return false;
}

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
	// An edit of this page's whose draft is not written yet (the lab shown again
	// after a navigation inside the site) is the latest.
	flushDraft(key);
	let raw: string | null;
	try {
		raw = localStorage.getItem(prefix + key);
	} catch {
		return { found: false };
	}
	if (raw === null) {
		// Read now, while the page is quiet: forgetting a mark after a write then skips it.
		sessionMark(key);
		return { found: false };
	}
	ownTexts.set(key, { ...ownTexts.get(key), read: raw });
	if (isStale(key, raw)) note(key, { stale: true });
	try {
		return { found: true, value: await parseRememberedInSlices(raw) };
	} catch {
		return { found: true, unreadable: true };
	}
}

/**
 * Drafts waiting to be written, by key: only the latest of a burst of edits is.
 * Writing a big scenario's draft costs the page's main thread: written in one
 * task, its JSON.stringify and localStorage write took 50–490 ms for a 4 MiB
 * draft of 160,000 small entries (Chromium, the 2-core development machine),
 * most often before the edit was painted. Neither may hold up the edit the
 * learner sees, so a draft is written once the edit has been painted, its JSON
 * in slices of about 8 ms (./json-text jsonPieces: about 2.5 times the CPU of
 * one JSON.stringify, in tasks the page can answer between), the write in a
 * task of its own (13–25 ms for that draft on a quiet machine). No
 * edit is lost meanwhile: the page going away or hidden (pagehide,
 * visibilitychange) writes every waiting draft at once, and so does reading a
 * draft back or putting it aside.
 */
const pending = new Map<string, unknown>();

/** JSON written per slice before the page gets the main thread back, in ms. */
const SLICE_MS = 8;

/** A write is scheduled, or under way (its JSON being made in slices). */
let writing = false;
let listening = false;

/** Writes every waiting draft (and unapplied editor text) at once, when the page goes away or is hidden. */
function listenForLeaving(): void {
	if (listening || typeof addEventListener !== 'function') return;
	listening = true;
	// A page closed, reloaded or left right after an edit still keeps it.
	addEventListener('pagehide', flushDrafts);
	// A phone may discard a hidden tab without a pagehide.
	if (typeof document !== 'undefined')
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'hidden') flushDrafts();
		});
}

/**
 * Runs `task` in a task of its own once the page has painted what is on screen
 * now (the edit that saved the draft). A page that paints nothing (hidden, or
 * without frames) runs it in the next task.
 */
function afterPaint(task: () => void): void {
	if (
		typeof requestAnimationFrame !== 'function' ||
		typeof document === 'undefined' ||
		document.visibilityState === 'hidden'
	) {
		setTimeout(task, 0);
		return;
	}
	let done = false;
	const once = () => {
		if (done) return;
		done = true;
		task();
	};
	// A frame callback runs just before the paint; a task it queues, just after.
	requestAnimationFrame(() => setTimeout(once, 0));
	// The page may stop painting before its next frame (hidden meanwhile).
	setTimeout(once, 500);
}

/** Keeps `scenario` as the lesson's draft, written after the edit is painted (see `pending`). */
export function saveDraft(key: string, scenario: unknown): void {
	if (!storageAllowed()) return;
	pending.set(key, scenario);
	listenForLeaving();
	if (writing) return;
	writing = true;
	afterPaint(writeNext);
}

/**
 * Writes the first waiting draft: its JSON in slices, then the write. Gives up
 * on a draft that a newer one (or a flush) replaced meanwhile, and goes on
 * with whatever is waiting then.
 */
function writeNext(): void {
	const next = pending.entries().next();
	if (next.done) {
		writing = false;
		return;
	}
	const [key, scenario] = next.value;
	const stillDue = () => pending.get(key) === scenario;
	const write = (text: string) => {
		if (!stillDue()) {
			afterPaint(writeNext);
			return;
		}
		pending.delete(key);
		writeDraftText(key, text);
		writeNext();
	};
	const known = rememberedText(scenario);
	if (known !== undefined) {
		write(known);
		return;
	}
	const pieces: string[] = [];
	// Each slice joins its own pieces: the text is then a few dozen strings, not a
	// hundred thousand, and joining it all at the end is no long task of its own.
	const slices: string[] = [];
	const steps = jsonPieces(scenario, pieces);
	const slice = (first: boolean) => {
		// A newer edit (not painted yet) or a flush replaced it: whatever waits now is
		// written once that edit is painted.
		if (!stillDue()) {
			afterPaint(writeNext);
			return;
		}
		const start = performance.now();
		let done = false;
		while (!done && performance.now() - start < SLICE_MS) done = steps.next().done === true;
		slices.push(pieces.join(''));
		pieces.length = 0;
		if (!done) {
			setTimeout(() => slice(false), 0);
			return;
		}
		const text = slices.join('');
		if (scenario !== null && typeof scenario === 'object') rememberText(scenario, text);
		// Made in one slice, a small draft is written in this task; a big one, in a task of its own.
		if (first) write(text);
		else setTimeout(() => write(text), 0);
	};
	slice(true);
}

/** Writes every waiting draft now. */
export function flushDrafts(): void {
	for (const [key, scenario] of pending) writeDraft(key, scenario);
	pending.clear();
	flushUnappliedTexts();
}

/** Writes the waiting draft of `key` now, if there is one. */
function flushDraft(key: string): void {
	if (!pending.has(key)) return;
	const scenario = pending.get(key);
	pending.delete(key);
	writeDraft(key, scenario);
}

function writeDraft(key: string, scenario: unknown): void {
	writeDraftText(key, jsonOf(scenario));
}

/**
 * The draft text this page last read and last wrote, by key. A \`storage\` event
 * carrying one of them is no other tab's newer draft: Chromium delivered the
 * event of the write made as the previous page of this tab went away (a reload)
 * after the new page had read that very draft, and under load after the
 * learner's first edit too. Taken for another tab's, it stopped the page from
 * saving the learner's edits (lab.svelte.ts, \`newer\`).
 */
const ownTexts = new Map<string, { read?: string; written?: string }>();

/** Whether \`text\` is the draft of \`key\` that this page last read or wrote. */
export function isOwnDraftText(key: string, text: string): boolean {
	const own = ownTexts.get(key);
	return own !== undefined && (text === own.read || text === own.written);
}

function writeDraftText(key: string, text: string): void {
	try {
		localStorage.setItem(prefix + key, text);
		ownTexts.set(key, { ...ownTexts.get(key), written: text });
	} catch (error) {
		// The draft lasts for this page only: the lab says so now, and the older
		// draft left in storage is marked, so a reload does not show it as the latest.
		note(key, { unsaved: notKeptBecause(error) });
		markStale(key);
		return;
	}
	forgetStale(key);
	note(key, { unsaved: null, stale: false });
}

export function clearDraft(key: string): void {
	if (!storageAllowed()) return;
	pending.delete(key);
	try {
		localStorage.removeItem(prefix + key);
	} catch {
		/* nothing stored */
	}
	// No draft now, and none claimed: what was not kept no longer matters.
	forgetStale(key);
	note(key, { unsaved: null, stale: false });
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
	if (!storageAllowed()) {
		note(key, { replacedOnlyHere: 'policy' });
		return false;
	}
	flushDraft(key);
	// A write that failed left an older draft in storage, or none: that is what a copy keeps.
	const unsaved = keepingNow[key]?.unsaved ?? null;
	try {
		const raw = localStorage.getItem(prefix + key);
		if (raw === null) {
			if (unsaved) note(key, { replacedOnlyHere: unsaved });
			return false;
		}
		localStorage.setItem(prefix + replacedKey(key), raw);
		note(key, { replacedOnlyHere: unsaved });
		return true;
	} catch (error) {
		note(key, { replacedOnlyHere: notKeptBecause(error) });
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
	note(key, { replacedOnlyHere: null });
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
	// A reload right after typing still keeps what was typed.
	listenForLeaving();
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
