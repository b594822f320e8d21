// What a lab is told of its draft when storage refuses it (src/lib/scenario/drafts.ts):
// the change at once, and after a reload that the draft read back is older than
// the changes that could not be kept.
import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const local = new Map<string, string>();
const session = new Map<string, string>();
/** Keys whose writes the stub refuses, as a full storage does for anything not tiny. */
let refuse: (key: string) => boolean = () => false;

function stubStorage(map: Map<string, string>, refusing: boolean) {
	return {
		getItem: (key: string) => map.get(key) ?? null,
		setItem: (key: string, value: string) => {
			if (refusing && refuse(key)) throw new DOMException('full', 'QuotaExceededError');
			map.set(key, value);
		},
		removeItem: (key: string) => void map.delete(key)
	};
}

beforeEach(() => {
	local.clear();
	session.clear();
	refuse = () => false;
	vi.resetModules();
	vi.useFakeTimers();
	vi.stubGlobal('localStorage', stubStorage(local, true));
	vi.stubGlobal('sessionStorage', stubStorage(session, false));
	vi.stubGlobal('addEventListener', () => {});
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const drafts = () => import('$lib/scenario/drafts');
const KEY = 'pid-namespaces';

describe('a draft storage refuses', () => {
	it('is reported at once, and cleared by the next write that is kept', async () => {
		const { saveDraft, draftKeeping } = await drafts();
		saveDraft(KEY, { ops: ['beta'] });
		vi.runAllTimers();
		expect(get(draftKeeping)[KEY]?.unsaved ?? null).toBeNull();
		refuse = () => true;
		saveDraft(KEY, { ops: ['beta', 'gamma'] });
		vi.runAllTimers();
		expect(get(draftKeeping)[KEY].unsaved).toBe('full');
		refuse = () => false;
		saveDraft(KEY, { ops: ['beta', 'gamma', 'delta'] });
		vi.runAllTimers();
		expect(get(draftKeeping)[KEY].unsaved).toBeNull();
	});

	it('leaves the older draft marked, so a reload does not show it as the latest', async () => {
		const first = await drafts();
		first.saveDraft(KEY, { ops: ['beta'] });
		vi.runAllTimers();
		// So full that not even the mark fits: it goes to this tab's sessionStorage.
		refuse = () => true;
		first.saveDraft(KEY, { ops: ['beta', 'gamma'] });
		vi.runAllTimers();

		vi.resetModules();
		const reloaded = await drafts();
		const read = await reloaded.readDraft(KEY);
		expect(read).toEqual({ found: true, value: { ops: ['beta'] } });
		expect(get(reloaded.draftKeeping)[KEY].stale).toBe(true);
	});

	it('a mark of a draft another tab has since replaced is dropped', async () => {
		const first = await drafts();
		first.saveDraft(KEY, { ops: ['beta'] });
		vi.runAllTimers();
		refuse = (key) => !key.endsWith(':stale');
		first.saveDraft(KEY, { ops: ['beta', 'gamma'] });
		vi.runAllTimers();
		// Another tab, with room again, writes its own draft.
		local.set(`stepvisor:draft:${KEY}`, JSON.stringify({ ops: ['other'] }));

		vi.resetModules();
		const reloaded = await drafts();
		await reloaded.readDraft(KEY);
		expect(get(reloaded.draftKeeping)[KEY]?.stale ?? false).toBe(false);
		expect(local.has(`stepvisor:draft:${KEY}:stale`)).toBe(false);
	});

	it('a draft put aside where the page keeps nothing is said to last for the page only', async () => {
		const { keepNothingOnThisPage } = await import('$lib/components/storage-policy');
		const { keepReplacedDraft, draftKeeping } = await drafts();
		keepNothingOnThisPage();
		expect(keepReplacedDraft(KEY)).toBe(false);
		expect(get(draftKeeping)[KEY].replacedOnlyHere).toBe('policy');
	});

	it('a draft put aside that storage has no room for is said to last for the page only', async () => {
		const { saveDraft, keepReplacedDraft, clearReplacedDraft, draftKeeping } = await drafts();
		saveDraft(KEY, { ops: ['beta'] });
		vi.runAllTimers();
		refuse = (key) => key.endsWith(':replaced');
		expect(keepReplacedDraft(KEY)).toBe(false);
		expect(get(draftKeeping)[KEY].replacedOnlyHere).toBe('full');
		clearReplacedDraft(KEY);
		expect(get(draftKeeping)[KEY].replacedOnlyHere).toBeNull();
	});

	it('a kept write after the draft was read touches sessionStorage only where a mark is', async () => {
		// A page's first use of sessionStorage waits on the browser: after a big write,
		// for a long task. So a write does not touch it when the read found no mark there.
		const sessionUses: string[] = [];
		const counted = stubStorage(session, false);
		vi.stubGlobal('sessionStorage', {
			getItem: (key: string) => (sessionUses.push(`get ${key}`), counted.getItem(key)),
			setItem: (key: string, value: string) => (
				sessionUses.push(`set ${key}`),
				counted.setItem(key, value)
			),
			removeItem: (key: string) => (sessionUses.push(`remove ${key}`), counted.removeItem(key))
		});
		const { readDraft, saveDraft, draftKeeping } = await drafts();
		expect(await readDraft(KEY)).toEqual({ found: false });
		const read = sessionUses.length;
		saveDraft(KEY, { ops: ['beta'] });
		vi.runAllTimers();
		saveDraft(KEY, { ops: ['beta', 'gamma'] });
		vi.runAllTimers();
		expect(sessionUses.slice(read)).toEqual([]);
		expect(local.get(`stepvisor:draft:${KEY}`)).toBe(JSON.stringify({ ops: ['beta', 'gamma'] }));

		// Full, so the mark goes to sessionStorage; the next kept write removes it there.
		refuse = () => true;
		saveDraft(KEY, { ops: ['beta', 'gamma', 'delta'] });
		vi.runAllTimers();
		expect(session.has(`stepvisor:draft:${KEY}:stale`)).toBe(true);
		refuse = () => false;
		saveDraft(KEY, { ops: ['epsilon'] });
		vi.runAllTimers();
		expect(session.has(`stepvisor:draft:${KEY}:stale`)).toBe(false);
		expect(get(draftKeeping)[KEY].unsaved).toBeNull();
	});

	it('a mark an earlier page of this tab left in sessionStorage goes with the next kept write', async () => {
		// The earlier page's draft, then a mark of it that only sessionStorage took; another tab cleared the draft.
		session.set(`stepvisor:draft:${KEY}:stale`, 'any');
		const { readDraft, saveDraft } = await drafts();
		expect(await readDraft(KEY)).toEqual({ found: false });
		saveDraft(KEY, { ops: ['beta'] });
		vi.runAllTimers();
		expect(session.has(`stepvisor:draft:${KEY}:stale`)).toBe(false);
	});
});
