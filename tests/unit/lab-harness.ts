/**
 * What a unit test of a Lab (src/lib/labs/lab.svelte.ts) needs around it: a
 * `localStorage` kept in a map the test can read, fake timers (drafts are written
 * after paint), a fresh module each test (the lab module keeps state), and a lab's
 * `simulate` made from a model.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { runParsedModel, type AnyModel, type Trace } from '../../src/lib/sim/core';
import { memoryStorage } from './memory-storage';

/** Sets the globals up before each test and takes them down after; returns the drafts' store. */
export function useLabGlobals(): Map<string, string> {
	const store = new Map<string, string>();
	beforeEach(() => {
		store.clear();
		vi.resetModules();
		vi.useFakeTimers();
		vi.stubGlobal('localStorage', memoryStorage(store));
		vi.stubGlobal('addEventListener', () => {});
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});
	return store;
}

/** A lab's `simulate`: the model's trace, or its messages. */
export const simulateWith =
	(model: AnyModel) =>
	(value: unknown): Trace | string[] => {
		const outcome = runParsedModel(model, value);
		return outcome.ok ? (outcome.trace as Trace) : outcome.errors;
	};
