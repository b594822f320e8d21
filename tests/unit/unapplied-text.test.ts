// The JSON editor's unapplied text (src/lib/scenario/drafts.ts): kept beside the
// lesson's draft, written once typing pauses or the page goes away, forgotten when
// it is the scenario shown again, and never kept where storage is not allowed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memory-storage';

const store = new Map<string, string>();
const listeners = new Map<string, () => void>();

beforeEach(() => {
	store.clear();
	listeners.clear();
	vi.resetModules();
	vi.useFakeTimers();
	vi.stubGlobal('localStorage', memoryStorage(store));
	vi.stubGlobal('addEventListener', (type: string, listener: () => void) =>
		listeners.set(type, listener)
	);
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const drafts = () => import('$lib/scenario/drafts');

describe('unapplied editor text', () => {
	it('is written once typing pauses, under its own key, and read back as typed', async () => {
		const { saveUnappliedText, readUnappliedText, draftStorageKey } = await drafts();
		saveUnappliedText('cgroups', '{ "model": ');
		saveUnappliedText('cgroups', '{ "model": "cg');
		expect(store.size).toBe(0);
		vi.advanceTimersByTime(300);
		expect(readUnappliedText('cgroups')).toBe('{ "model": "cg');
		// Not the draft's key: other tabs' draft listeners never take it for a scenario.
		expect(store.has(draftStorageKey('cgroups'))).toBe(false);
	});

	it('is written at once when the page goes away, and null forgets it', async () => {
		const { saveUnappliedText, readUnappliedText } = await drafts();
		saveUnappliedText('cgroups', 'half-typed');
		listeners.get('pagehide')?.();
		expect(readUnappliedText('cgroups')).toBe('half-typed');
		saveUnappliedText('cgroups', null);
		vi.advanceTimersByTime(300);
		expect(readUnappliedText('cgroups')).toBeNull();
	});

	it('leaves no older text behind when storage refuses the newer one', async () => {
		const { saveUnappliedText, readUnappliedText } = await drafts();
		saveUnappliedText('cgroups', 'older');
		vi.advanceTimersByTime(300);
		localStorage.setItem = () => {
			throw new Error('QuotaExceededError');
		};
		saveUnappliedText('cgroups', 'newer and too big');
		vi.advanceTimersByTime(300);
		expect(readUnappliedText('cgroups')).toBeNull();
	});

	it('is neither kept nor read where the page keeps nothing (a framed lesson)', async () => {
		const { keepNothingOnThisPage } = await import('$lib/components/storage-policy');
		const { saveUnappliedText, readUnappliedText } = await drafts();
		store.set('stepvisor:draft:cgroups:unapplied-json', 'from an earlier visit');
		keepNothingOnThisPage();
		saveUnappliedText('cgroups', 'typed here');
		vi.advanceTimersByTime(300);
		listeners.get('pagehide')?.();
		expect(readUnappliedText('cgroups')).toBeNull();
		expect(store.get('stepvisor:draft:cgroups:unapplied-json')).toBe('from an earlier visit');
	});
});
