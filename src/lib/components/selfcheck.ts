/** Self-check questions and the answers a learner gave, kept only in this browser. */
import { storageAllowed } from './storage-policy';

export interface Question {
	/** Stable id: the key the answer is remembered under. */
	id: string;
	prompt: string;
	/** For true/false, use ['True', 'False']. */
	choices: string[];
	/** Index of the right choice. */
	answer: number;
	/** Shown after answering, right or wrong. */
	explanation: string;
}

export type Answers = Record<string, number>;

const prefix = 'stepvisor:answers:';

export function loadAnswers(setId: string, questions: readonly Question[]): Answers {
	if (!storageAllowed()) return {};
	try {
		const raw = localStorage.getItem(prefix + setId);
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

export function saveAnswers(setId: string, answers: Answers): void {
	if (!storageAllowed()) return;
	try {
		localStorage.setItem(prefix + setId, JSON.stringify(answers));
	} catch {
		/* storage blocked (an embed without storage): answers last for this page only */
	}
}

export function clearAnswers(setId: string): void {
	if (!storageAllowed()) return;
	try {
		localStorage.removeItem(prefix + setId);
	} catch {
		/* nothing stored */
	}
}
