// When a lab's draft is written (src/lib/scenario/drafts.ts): after the edit
// that made it has been painted, a big one's JSON in slices, and never lost:
// the page hidden or left, or the draft read back, writes it at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memory-storage';

const store = new Map<string, string>();
const windowListeners = new Map<string, () => void>();
const documentListeners = new Map<string, () => void>();
let frameCallbacks: (() => void)[] = [];
const page = { visibilityState: 'visible' as 'visible' | 'hidden' };

beforeEach(() => {
	store.clear();
	windowListeners.clear();
	documentListeners.clear();
	frameCallbacks = [];
	page.visibilityState = 'visible';
	vi.resetModules();
	vi.useFakeTimers();
	vi.stubGlobal('localStorage', memoryStorage(store));
	vi.stubGlobal('addEventListener', (type: string, listener: () => void) =>
		windowListeners.set(type, listener)
	);
	vi.stubGlobal('document', {
		get visibilityState() {
			return page.visibilityState;
		},
		addEventListener: (type: string, listener: () => void) => documentListeners.set(type, listener)
	});
	// Each look at the clock finds 3 ms gone: a slice of JSON ends after a few steps.
	let now = 0;
	vi.stubGlobal('performance', { now: () => (now += 3) });
	// Frames run only when the test paints one.
	vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
		frameCallbacks.push(callback);
		return frameCallbacks.length;
	});
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const drafts = () => import('$lib/scenario/drafts');
const KEY = 'layers';
const stored = () => {
	const raw = store.get(`stepvisor:draft:${KEY}`);
	return raw === undefined ? undefined : JSON.parse(raw);
};

/** The page paints a frame: its frame callbacks run (the tasks they queue run later). */
function paint() {
	const callbacks = frameCallbacks;
	frameCallbacks = [];
	for (const callback of callbacks) callback();
}

/** A scenario of many small entries, whose JSON takes many slices to write. */
function bigScenario(ops: number) {
	const entries: Record<string, unknown> = {};
	for (let i = 0; i < 40_000; i++) entries[`/d${i % 50}/e${i}`] = i % 2 ? { type: 'dir' } : 'v';
	return {
		model: 'unionfs',
		layers: [{ name: 'base', entries }],
		ops: Array.from({ length: ops }, (_, i) => ({ op: 'read', path: `/d0/e${i}` }))
	};
}

describe('a draft is written', () => {
	it('after the edit that saved it has been painted, not in a task before', async () => {
		const { saveDraft } = await drafts();
		saveDraft(KEY, { model: 'pidns', ops: [] });
		// Tasks queued before the next frame (the edit's own work) run without it.
		vi.advanceTimersByTime(0);
		expect(stored()).toBeUndefined();
		paint();
		vi.advanceTimersByTime(0);
		expect(stored()).toEqual({ model: 'pidns', ops: [] });
	});

	it('whole, in slices, as JSON.stringify writes it, and only the latest edit', async () => {
		const { saveDraft } = await drafts();
		const older = bigScenario(1);
		const newer = { ...older, ops: [...older.ops, { op: 'list', path: '/' }] };
		saveDraft(KEY, older);
		paint();
		vi.advanceTimersByTime(0);
		// Not written by the first slice: the rest comes in later tasks…
		expect(stored()).toBeUndefined();
		// …and a newer edit meanwhile is the draft written; the older one never replaces it.
		saveDraft(KEY, newer);
		paint();
		vi.runAllTimers();
		expect(store.get(`stepvisor:draft:${KEY}`)).toBe(JSON.stringify(newer));
	});

	it('at once when the page is hidden, or goes away, right after the edit', async () => {
		const { saveDraft } = await drafts();
		const first = bigScenario(1);
		saveDraft(KEY, first);
		page.visibilityState = 'hidden';
		documentListeners.get('visibilitychange')?.();
		expect(stored()).toEqual(first);

		page.visibilityState = 'visible';
		const second = { ...first, ops: [] };
		saveDraft(KEY, second);
		windowListeners.get('pagehide')?.();
		expect(stored()).toEqual(second);
		// What was under way is not written over it later.
		paint();
		vi.runAllTimers();
		expect(stored()).toEqual(second);
	});

	it('before it is read back, as when the lab is shown again after a navigation in the site', async () => {
		const { saveDraft, readDraft } = await drafts();
		saveDraft(KEY, { model: 'pidns', ops: [] });
		vi.runAllTimers();
		paint();
		vi.runAllTimers();
		saveDraft(KEY, { model: 'pidns', ops: [{ op: 'ps', from: 'init' }] });
		await expect(readDraft(KEY)).resolves.toEqual({
			found: true,
			value: { model: 'pidns', ops: [{ op: 'ps', from: 'init' }] }
		});
	});
});
