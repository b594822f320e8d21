// Which scenario a lab opens with, and what the learner is told when a saved
// draft cannot be restored (it is reported, and kept, never dropped silently).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('$app/environment', () => ({ browser: true, dev: false, building: false }));

const store = new Map<string, string>();
const storage = {
	getItem: (key: string) => store.get(key) ?? null,
	setItem: (key: string, value: string) => void store.set(key, value),
	removeItem: (key: string) => void store.delete(key)
};

const { restoreScenario, DRAFT_NOT_RESTORED, DRAFT_NOT_RESTORED_EITHER } =
	await import('$lib/scenario/restore');
const { encodeScenario } = await import('$lib/scenario/share');

const key = 'test-lab';
const check = (value: unknown) =>
	typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true
		? null
		: ['(scenario): ok must be true'];
const options = { draftKey: key, check, fallback: { ok: true, fallback: true } };

function visit(search = '') {
	vi.stubGlobal('window', { location: { href: `https://site.example/lessons/x${search}` } });
}

beforeEach(() => {
	store.clear();
	vi.stubGlobal('localStorage', storage);
	visit();
});
afterEach(() => vi.unstubAllGlobals());

describe('restoreScenario and drafts', () => {
	it('opens a valid draft without a message', async () => {
		store.set(`stepvisor:draft:${key}`, JSON.stringify({ ok: true, mine: 1 }));
		const restored = await restoreScenario(options);
		expect(restored).toMatchObject({ source: 'draft', problem: null, value: { mine: 1 } });
	});

	it('tells the learner a draft that fails validation could not be restored, and keeps it', async () => {
		const poisoned = JSON.stringify({ ok: 'no' });
		store.set(`stepvisor:draft:${key}`, poisoned);
		const restored = await restoreScenario(options);
		expect(restored.source).toBe('default');
		expect(restored.value).toEqual(options.fallback);
		expect(restored.problem).toBe(DRAFT_NOT_RESTORED);
		expect(restored.details).toEqual(['(scenario): ok must be true']);
		expect(store.get(`stepvisor:draft:${key}`)).toBe(poisoned);
	});

	it('reports a draft that is not JSON at all instead of ignoring it', async () => {
		store.set(`stepvisor:draft:${key}`, '{"ok": tru');
		const restored = await restoreScenario(options);
		expect(restored.problem).toBe(DRAFT_NOT_RESTORED);
		expect(restored.details).toEqual(['(draft): is not valid JSON text']);
	});

	it('says both when a bad link falls back to a bad draft', async () => {
		store.set(`stepvisor:draft:${key}`, JSON.stringify({ ok: 0 }));
		visit(`?scenario=${await encodeScenario({ ok: false })}`);
		const restored = await restoreScenario(options);
		expect(restored.source).toBe('default');
		expect(restored.problem).toBe(
			`The shared scenario in this link is not valid here: ${DRAFT_NOT_RESTORED_EITHER}`
		);
	});

	it('gives no message when there is no draft', async () => {
		const restored = await restoreScenario(options);
		expect(restored).toMatchObject({ source: 'default', problem: null, details: [] });
	});
});
