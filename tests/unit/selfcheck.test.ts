/**
 * The self-check questions as a whole (every lesson's, plus the generated ones)
 * and the per-learner choice order: keyed answers exist and agree with their
 * explanations, the right choice is not given away by its length or place,
 * every review card is tested, and a saved answer survives a different order.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
	ANSWERS_PREFIX,
	LEARNER_KEY,
	choiceOrder,
	keepsOrder,
	learnerKey,
	loadAnswers,
	saveAnswer,
	saveAnswers,
	updateStoredRecord,
	useLearnerKey,
	type Question
} from '../../src/lib/components/selfcheck';
import { CARDS } from '../../src/lib/review/cards';
import { loadMarks, saveMarks } from '../../src/lib/review/progress';
import { decodeSuspend, emptyProgress, encodeSuspend } from '../../src/lib/scorm/progress';
import { DEFAULT_SCENARIO as PIDNS_SCENARIO } from '../../src/lib/labs/pidns/defaults';
import { generatedQuestions as pidnsQuestions } from '../../src/lib/labs/pidns/questions';
import { DEFAULT_SCENARIO as UNIONFS_SCENARIO } from '../../src/lib/labs/unionfs/defaults';
import { generatedQuestions as unionfsQuestions } from '../../src/lib/labs/unionfs/questions';
import { runModel, type Trace } from '../../src/lib/sim/core';
import { pagedItems, pidnsModel, type PidnsState } from '../../src/lib/sim/pidns';

const modules = import.meta.glob<{ questions: Question[] }>(
	'../../content/lessons/*/questions.ts',
	{
		eager: true
	}
);

interface Lesson {
	slug: string;
	file: string;
	questions: Question[];
}

const lessons: Lesson[] = Object.entries(modules)
	.map(([file, module]) => ({
		slug: /\/\d+-([^/]+)\/questions\.ts$/.exec(file)![1],
		file: new URL(file, import.meta.url).pathname,
		questions: module.questions
	}))
	.sort((a, b) => a.file.localeCompare(b.file));

/**
 * The labs whose generated questions `generated()` runs: each needs its own
 * inputs (pidns's, the process tree at the last frame). A test below finds
 * every lab that generates questions, so a new one cannot be left out unseen.
 */
const GENERATING_LABS = ['pidns', 'unionfs'];

function generated(): Question[] {
	const outcome = runModel(pidnsModel, PIDNS_SCENARIO);
	if (!outcome.ok) throw new Error('the default pidns scenario must run');
	const frames = (outcome.trace as Trace<PidnsState>).frames;
	const last = frames[frames.length - 1];
	const now = {
		namespaces: pagedItems(last.namespacePages),
		processes: pagedItems(last.processPages)
	};
	return [...pidnsQuestions(PIDNS_SCENARIO, now), ...unionfsQuestions(UNIONFS_SCENARIO)];
}

const fixed = lessons.flatMap((lesson) => lesson.questions);
const all = [...fixed, ...generated()];
/** Questions whose choices are sentences (not true/false, not a numeric scale). */
const worded = fixed.filter((q) => !keepsOrder(q) && q.choices.length >= 3);

const STOP = new Set(
	'that this with from into they their there then than what when which while where have been will would also only each every other some same does done were your them just because since before after about under over more most much many such like'.split(
		' '
	)
);

/** Content words, lower case, with a crude plural strip, so “layers” matches “layer”. */
function words(text: string): Set<string> {
	return new Set(
		text
			.toLowerCase()
			.replace(/[’']s\b/g, '')
			.split(/[^a-z0-9.]+/)
			.map((word) => word.replace(/\.+$/, '').replace(/s$/, ''))
			.filter((word) => word.length >= 4 && !STOP.has(word))
	);
}

/** Words of one choice that no other choice of the question uses. */
function distinctive(question: Question, index: number): Set<string> {
	const others = new Set(
		question.choices.filter((_, i) => i !== index).flatMap((choice) => [...words(choice)])
	);
	return new Set([...words(question.choices[index])].filter((word) => !others.has(word)));
}

/**
 * Why a worded question's explanation does not agree with its keyed choice, or ''.
 * The explanation must use at least one of the keyed choice's own words (those no
 * other choice uses), and no fewer of them than of any wrong choice's: an answer
 * index pointing at the wrong choice, or an explanation written for another
 * choice, fails here.
 */
function disagreement(question: Question): string {
	const said = words(question.explanation);
	const matched = (index: number) =>
		[...distinctive(question, index)].filter((word) => said.has(word));
	const own = matched(question.answer);
	if (own.length === 0)
		return `the explanation names none of ${[...distinctive(question, question.answer)].join(' ')}`;
	for (let i = 0; i < question.choices.length; i++) {
		if (i !== question.answer && matched(i).length > own.length)
			return `the explanation leans to choice ${i} (${matched(i).join(' ')} against ${own.join(' ')})`;
	}
	return '';
}

const NUMBER_WORDS = ['none|zero|no', 'one', 'two', 'three', 'four', 'five', 'six'];

describe('every question', () => {
	test('every lab that generates questions has them checked here', () => {
		const generating = Object.entries(
			import.meta.glob<Record<string, unknown>>('../../src/lib/labs/*/questions.ts', {
				eager: true
			})
		)
			.filter(([, module]) => typeof module.generatedQuestions === 'function')
			.map(([path]) => /\/labs\/([^/]+)\/questions\.ts$/.exec(path)![1])
			.sort();
		expect(generating, 'call the new lab’s generatedQuestions in generated()').toEqual(
			GENERATING_LABS
		);
	});

	test('lessons and questions were found', () => {
		expect(lessons.length).toBeGreaterThanOrEqual(7);
		expect(fixed.length).toBeGreaterThan(40);
		expect(all.length).toBeGreaterThan(fixed.length);
	});

	test.each(all.map((q) => [q.id, q] as const))(
		'%s: its keyed answer exists and its choices are distinct',
		(_, question) => {
			expect(Number.isInteger(question.answer)).toBe(true);
			expect(question.answer).toBeGreaterThanOrEqual(0);
			expect(question.answer).toBeLessThan(question.choices.length);
			expect(question.choices.length).toBeGreaterThanOrEqual(2);
			expect(new Set(question.choices).size).toBe(question.choices.length);
		}
	);

	test.each(fixed.map((q) => [q.id, q] as const))(
		'%s: the explanation agrees with the keyed answer',
		(_, question) => {
			const keyed = question.choices[question.answer];
			const explanation = question.explanation;
			if (question.choices.length === 2 && question.choices[0] === 'True') {
				// It says the keyed verdict first, never the other one.
				expect(explanation.startsWith(`${keyed}.`)).toBe(true);
			} else if (keepsOrder(question)) {
				const n = Number(keyed);
				const spelled = new RegExp(`\\b(${n}|${NUMBER_WORDS[n] ?? n})\\b`, 'i');
				expect(explanation).toMatch(spelled);
			} else {
				expect(disagreement(question), question.id).toBe('');
			}
		}
	);

	test('the agreement check has teeth: a keyed index moved to a wrong choice fails it', () => {
		let caught = 0;
		let moved = 0;
		for (const question of worded) {
			for (let i = 0; i < question.choices.length; i++) {
				if (i === question.answer) continue;
				moved++;
				if (disagreement({ ...question, answer: i }) !== '') caught++;
			}
		}
		// Ties (a wrong choice matched as often as the keyed one) let the rest through.
		expect(caught / moved).toBeGreaterThan(0.85);
	});

	test('no question id is used twice across the site', () => {
		const ids = fixed.map((q) => q.id);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
	});

	test('every wrong worded choice has a comment naming its misconception', () => {
		for (const lesson of lessons) {
			const source = readFileSync(lesson.file, 'utf8');
			for (const question of lesson.questions) {
				if (keepsOrder(question)) continue;
				const start = source.indexOf(`id: '${question.id}'`);
				const choices = source.slice(source.indexOf('choices: [', start));
				const block = choices.slice(0, choices.indexOf('\n\t\t],'));
				const comments = block.split('\n').filter((line) => line.trim().startsWith('//'));
				expect(comments.length, `${lesson.slug}/${question.id}`).toBe(question.choices.length - 1);
			}
		}
	});
});

/** Whether a question's keyed choice is as long as its longest choice, or longer. */
const keyedIsLongest = (q: Question) =>
	q.choices.every((choice, i) => i === q.answer || choice.length <= q.choices[q.answer].length);

describe('the right choice is not given away by its form', () => {
	test('it is never the longest choice (nor tied for it) in a worded question', () => {
		expect(worded.length).toBeGreaterThan(30);
		expect(worded.filter(keyedIsLongest).map((q) => q.id)).toEqual([]);
	});

	test('the check has teeth: a worded question keyed to its longest choice fails it', () => {
		for (const q of worded.slice(0, 5)) {
			const longest = q.choices.reduce(
				(best, choice, i) => (choice.length > q.choices[best].length ? i : best),
				0
			);
			expect(keyedIsLongest({ ...q, answer: longest })).toBe(true);
		}
	});

	test('it is the shortest choice in at most 40 % of the worded questions', () => {
		const shortest = worded.filter((q) => {
			const length = q.choices[q.answer].length;
			return q.choices.every((choice, i) => i === q.answer || choice.length > length);
		});
		expect(shortest.length / worded.length).toBeLessThanOrEqual(0.4);
	});

	test('keyed positions (original index) are spread: none holds more than 40 %', () => {
		const counts = new Map<number, number>();
		for (const q of worded) counts.set(q.answer, (counts.get(q.answer) ?? 0) + 1);
		for (const [position, count] of counts)
			expect(count / worded.length, `position ${position}`).toBeLessThanOrEqual(0.4);
		for (const position of [0, 1, 2, 3]) expect(counts.get(position) ?? 0).toBeGreaterThan(2);
	});

	test('no keyed choice shares a run of five words with its card’s answer', () => {
		const runs = (text: string) => {
			const list = text
				.toLowerCase()
				.replace(/[’']/g, '')
				.split(/[^a-z0-9]+/)
				.filter(Boolean);
			return new Set(list.slice(0, -4).map((_, i) => list.slice(i, i + 5).join(' ')));
		};
		const copied: string[] = [];
		for (const q of fixed) {
			const card = CARDS.find((c) => c.id === q.card);
			if (!card) continue;
			const cardRuns = runs(card.answer.join(' '));
			const shared = [...runs(q.choices[q.answer])].filter((run) => cardRuns.has(run));
			if (shared.length) copied.push(`${q.id}: “${shared[0]}”`);
		}
		expect(copied).toEqual([]);
	});

	test('no keyed choice repeats a card’s answer word for word', () => {
		const normal = (text: string) =>
			text
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, ' ')
				.trim();
		const clauses = CARDS.flatMap((card) =>
			card.answer.flatMap((line) => line.split(/[.:;]\s/)).map(normal)
		).filter((clause) => clause.split(' ').length >= 6);
		for (const q of fixed) {
			const keyed = normal(q.choices[q.answer]);
			for (const clause of clauses) expect(keyed, `${q.id} quotes a card`).not.toContain(clause);
		}
	});
});

describe('every card is self-checked, each main question once, where it is taught', () => {
	const cardIds = new Set(CARDS.map((card) => card.id));

	test('every question names a card of the deck', () => {
		for (const q of all) expect(cardIds.has(q.card), `${q.id} → ${q.card}`).toBe(true);
	});

	test.each(CARDS.map((card) => [card.id, card] as const))(
		'%s: one main question, in its lesson',
		(_, card) => {
			const mains = lessons.flatMap((lesson) =>
				lesson.questions
					.filter((q) => q.card === card.id && q.main)
					.map((q) => ({ lesson: lesson.slug, id: q.id }))
			);
			expect(mains).toHaveLength(1);
			expect(mains[0].lesson).toBe(card.lesson);
		}
	);

	test('the implications of VMs and of containers are each tested three ways', () => {
		for (const id of ['vm-implications', 'container-implications']) {
			expect(fixed.filter((q) => q.card === id).length, id).toBeGreaterThanOrEqual(3);
		}
	});

	test('a question about a card comes no earlier than the lesson that teaches it', () => {
		const order = lessons.map((lesson) => lesson.slug);
		const taughtIn = new Map(CARDS.map((card) => [card.id, order.indexOf(card.lesson)]));
		for (const [index, lesson] of lessons.entries()) {
			for (const q of lesson.questions)
				expect(index, `${lesson.slug}/${q.id} asks about ${q.card} early`).toBeGreaterThanOrEqual(
					taughtIn.get(q.card) ?? 0
				);
		}
	});
});

describe('choice order per learner', () => {
	test('an order is a permutation of the original indices', () => {
		fc.assert(
			fc.property(fc.string(), fc.constantFrom(...worded), (learner, question) => {
				const order = choiceOrder(question, learner);
				expect([...order].sort((a, b) => a - b)).toEqual(question.choices.map((_, i) => i));
			})
		);
	});

	test('the same learner always gets the same order; another learner another one', () => {
		fc.assert(
			fc.property(fc.string(), (learner) => {
				for (const q of worded) expect(choiceOrder(q, learner)).toEqual(choiceOrder(q, learner));
			})
		);
		const a = worded.map((q) => choiceOrder(q, 'learner-a').join());
		const b = worded.map((q) => choiceOrder(q, 'learner-b').join());
		expect(a.filter((order, i) => order !== b[i]).length).toBeGreaterThan(worded.length / 2);
	});

	test('without a learner (an embed, blocked storage) one order per question, not the source order everywhere', () => {
		const orders = worded.map((q) => choiceOrder(q, null));
		for (const [i, q] of worded.entries()) expect(choiceOrder(q, null)).toEqual(orders[i]);
		const identity = orders.filter((order) => order.every((value, i) => value === i));
		expect(identity.length).toBeLessThan(worded.length / 2);
	});

	test('true/false and numeric choices keep their order', () => {
		for (const q of fixed.filter(keepsOrder))
			expect(choiceOrder(q, 'anyone')).toEqual(q.choices.map((_, i) => i));
		expect(keepsOrder({ choices: ['True', 'False'] })).toBe(true);
		expect(keepsOrder({ choices: ['1', '3', '6'] })).toBe(true);
		expect(keepsOrder({ choices: ['2 levels', '32 levels'] })).toBe(false);
	});

	test('over many learners the keyed choice is shown at every position', () => {
		for (const q of worded) {
			const seen = new Array(q.choices.length).fill(0);
			for (let learner = 0; learner < 400; learner++)
				seen[choiceOrder(q, `learner-${learner}`).indexOf(q.answer)]++;
			for (const count of seen) expect(count, q.id).toBeGreaterThan(400 / q.choices.length / 2);
		}
	});
});

/** A Storage kept in `store`, for the code that reads and writes localStorage. */
function memoryStorage(store: Map<string, string>): Storage {
	return {
		getItem: (key: string) => store.get(key) ?? null,
		setItem: (key: string, value: string) => void store.set(key, String(value)),
		removeItem: (key: string) => void store.delete(key),
		clear: () => store.clear(),
		key: (i: number) => [...store.keys()][i] ?? null,
		get length() {
			return store.size;
		}
	};
}

/** A memory localStorage for each test of the calling describe; its store, emptied before each. */
function useMemoryStorage(): Map<string, string> {
	const store = new Map<string, string>();
	beforeEach(() => {
		store.clear();
		(globalThis as { localStorage?: Storage }).localStorage = memoryStorage(store);
	});
	afterEach(() => {
		delete (globalThis as { localStorage?: Storage }).localStorage;
	});
	return store;
}

describe('answers kept by original index', () => {
	const store = useMemoryStorage();
	afterEach(() => useLearnerKey(null));

	test('a saved answer names the same choice after a reload that shows another order', () => {
		const question = worded.find(
			(q) => choiceOrder(q, 'first').join() !== choiceOrder(q, 'second').join()
		)!;
		const shownFirst = choiceOrder(question, 'first');
		// The learner clicks the second choice on screen; the original index is saved.
		const clicked = shownFirst[1];
		saveAnswers('set', { [question.id]: clicked });
		const shownAfter = choiceOrder(question, 'second');
		expect(shownAfter.indexOf(clicked)).not.toBe(1);
		const back = loadAnswers('set', [question]);
		expect(question.choices[back[question.id]]).toBe(question.choices[clicked]);
	});

	test('answers saved under the old key, for the old choices, are dropped', () => {
		store.set('stepvisor:answers:set', JSON.stringify({ [worded[0].id]: 0 }));
		expect(loadAnswers('set', worded)).toEqual({});
		expect(store.has('stepvisor:answers:set')).toBe(false);
		saveAnswers('set', { [worded[0].id]: 2 });
		expect(store.get(`${ANSWERS_PREFIX}set`)).toBe(JSON.stringify({ [worded[0].id]: 2 }));
	});

	test('the learner key is made once and kept; blocked storage gives none', () => {
		const key = learnerKey();
		expect(key).toMatch(/^[0-9a-f]{24}$/);
		expect(learnerKey()).toBe(key);
		expect(store.get(LEARNER_KEY)).toBe(key);
		useLearnerKey('scorm:student-7');
		expect(learnerKey()).toBe('scorm:student-7');
		useLearnerKey(null);
		const blocked = () => {
			throw new DOMException('blocked', 'SecurityError');
		};
		(globalThis as { localStorage?: Storage }).localStorage = {
			getItem: blocked,
			setItem: blocked
		} as unknown as Storage;
		expect(learnerKey()).toBe(null);
	});
});

describe('SCORM suspend data', () => {
	test('version 1 answers (for the old choices) are dropped, the steps kept', () => {
		const old = JSON.stringify({
			v: 1,
			s: { step: 3 },
			m: { step: 4 },
			d: ['step'],
			a: { set: { q: 1 } },
			r: { 'set/q': 1 }
		});
		const progress = decodeSuspend(old);
		expect(progress.steps).toEqual({ step: 3 });
		expect(progress.done).toEqual(['step']);
		expect(progress.answers).toEqual({});
		expect(progress.results).toEqual({});
	});

	test('answers and the learner key survive a round trip', () => {
		const progress = emptyProgress();
		progress.answers = { set: { q: 2 } };
		progress.results = { 'set/q': true };
		progress.learner = 'abc123';
		const back = decodeSuspend(encodeSuspend(progress));
		expect(back.answers).toEqual({ set: { q: 2 } });
		expect(back.results).toEqual({ 'set/q': true });
		expect(back.learner).toBe('abc123');
	});
});

describe('records two tabs change at once', () => {
	const store = useMemoryStorage();

	test('an answer is kept beside those another tab gave since this one loaded', () => {
		const [one, two] = worded;
		// Both tabs load with nothing answered; the other tab answers first.
		expect(loadAnswers('set', worded)).toEqual({});
		expect(saveAnswer('set', one.id, 1)).toBe(true);
		expect(saveAnswer('set', two.id, 2)).toBe(true);
		expect(loadAnswers('set', worded)).toEqual({ [one.id]: 1, [two.id]: 2 });
	});

	test('answers to questions this page does not show (an earlier tree’s) stay stored', () => {
		store.set(`${ANSWERS_PREFIX}set`, JSON.stringify({ 'earlier-tree': 0 }));
		saveAnswer('set', worded[0].id, 1);
		expect(JSON.parse(store.get(`${ANSWERS_PREFIX}set`)!)).toEqual({
			'earlier-tree': 0,
			[worded[0].id]: 1
		});
	});

	test('an answer storage refuses is reported, not taken for kept', () => {
		localStorage.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		expect(saveAnswer('set', worded[0].id, 1)).toBe(false);
		expect(updateStoredRecord('any', { a: 1 })).toBe(false);
	});

	test('an entry set to undefined is removed, the others left', () => {
		store.set('record', JSON.stringify({ a: 1, b: 2 }));
		updateStoredRecord('record', { a: undefined, c: 3 });
		expect(JSON.parse(store.get('record')!)).toEqual({ b: 2, c: 3 });
	});

	test('review marks: a tab writes only the marks it changed, not its whole copy', () => {
		// Two tabs load the same marks; each then marks another card.
		store.set('stepvisor:review', JSON.stringify({ vm: 'known' }));
		const mine = loadMarks();
		store.set('stepvisor:review', JSON.stringify({ vm: 'known', docker: 'hard' }));
		saveMarks({ ...mine, 'make-vm': 'known' });
		expect(JSON.parse(store.get('stepvisor:review')!)).toEqual({
			vm: 'known',
			docker: 'hard',
			'make-vm': 'known'
		});
		// Forgetting takes back the marks this tab knew of, not another tab's.
		saveMarks({});
		expect(JSON.parse(store.get('stepvisor:review')!)).toEqual({ docker: 'hard' });
	});
});
