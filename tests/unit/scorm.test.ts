/** The SCORM run-time pieces that need no browser: progress, status, suspend data, API search. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ScormConnection, findApi, type Scorm12Api } from '../../src/lib/scorm/api';
import { siteLink } from '../../src/lib/scorm/links';
import { scormManifest } from '../../src/lib/scorm/lms-package.js';
import {
	SUSPEND_LIMIT,
	decodeLocation,
	decodeSuspend,
	emptyProgress,
	encodeLocation,
	furthestLocation,
	encodeSuspend,
	mergeStatus,
	outcomeOf,
	scoreToReport,
	recordAnswer,
	recordStep,
	timespan
} from '../../src/lib/scorm/progress';

describe('progress and status', () => {
	test('a player is done once stepped to its last frame, and stays done', () => {
		const progress = emptyProgress();
		expect(recordStep(progress, 'step', 3, 10)).toBe(true);
		expect(recordStep(progress, 'step', 3, 10)).toBe(false);
		expect(progress.done).toEqual([]);
		recordStep(progress, 'step', 9, 10);
		recordStep(progress, 'step', 2, 10);
		expect(progress).toMatchObject({ steps: { step: 2 }, max: { step: 9 }, done: ['step'] });
		// A one-frame animation is done at once.
		recordStep(progress, 'other', 0, 1);
		expect(progress.done).toEqual(['step', 'other']);
	});

	test('incomplete → completed → passed or failed at the mastery score', () => {
		const progress = emptyProgress();
		const players = ['step', 'io-step'];
		const questions = ['a', 'b', 'c', 'd', 'e'];
		expect(outcomeOf(progress, players, questions).status).toBe('incomplete');
		recordStep(progress, 'step', 4, 5);
		expect(outcomeOf(progress, players, questions).status).toBe('incomplete');
		recordStep(progress, 'io-step', 6, 7);
		expect(outcomeOf(progress, players, questions)).toMatchObject({
			status: 'completed',
			score: null
		});
		for (const [i, q] of questions.entries()) recordAnswer(progress, `set/${q}`, i !== 0);
		expect(outcomeOf(progress, players, questions)).toMatchObject({
			status: 'passed',
			score: 80,
			answered: 5,
			right: 4
		});
		recordAnswer(progress, 'set/b', false);
		expect(outcomeOf(progress, players, questions)).toMatchObject({ status: 'failed', score: 60 });
		expect(outcomeOf(progress, players, questions, 50).status).toBe('passed');
		// Without a mastery score (the packages' default) a finished lesson is completed.
		expect(outcomeOf(progress, players, questions, null)).toMatchObject({
			status: 'completed',
			score: 60
		});
	});

	test('a score is given once every question is answered, before the animations are done', () => {
		const progress = emptyProgress();
		recordAnswer(progress, 'set/a', true);
		expect(outcomeOf(progress, ['step'], ['a', 'b']).score).toBeNull();
		recordAnswer(progress, 'set/b', true);
		expect(outcomeOf(progress, ['step'], ['a', 'b'])).toMatchObject({
			status: 'incomplete',
			score: 100
		});
		// Answers to questions no longer on the page do not count.
		expect(outcomeOf(progress, ['step'], ['a', 'c']).score).toBeNull();
	});

	test('with a mastery score, no score is reported until the animations are done too', () => {
		// Moodle's "mastery score overrides status" turns a reported score into passed or
		// failed at LMSFinish, whatever the status: answering alone must not pass.
		const progress = emptyProgress();
		recordAnswer(progress, 'set/a', true);
		recordAnswer(progress, 'set/b', true);
		const early = outcomeOf(progress, ['step'], ['a', 'b'], 80);
		expect(early.score).toBe(100);
		expect(scoreToReport(early, 80)).toBeNull();
		expect(scoreToReport(early, null)).toBe(100);
		recordStep(progress, 'step', 4, 5);
		const done = outcomeOf(progress, ['step'], ['a', 'b'], 80);
		expect(done.status).toBe('passed');
		expect(scoreToReport(done, 80)).toBe(100);
	});

	test('no completion while the page is still loading; a page without players is done', () => {
		const progress = emptyProgress();
		expect(outcomeOf(progress, null, []).status).toBe('incomplete');
		expect(outcomeOf(progress, [], []).status).toBe('completed');
	});

	test('a status never goes back to incomplete', () => {
		expect(mergeStatus('passed', 'incomplete')).toBe('passed');
		expect(mergeStatus('completed', 'incomplete')).toBe('completed');
		expect(mergeStatus('passed', 'failed')).toBe('failed');
		expect(mergeStatus('not attempted', 'incomplete')).toBe('incomplete');
	});
});

describe('suspend data and location', () => {
	test('round trip', () => {
		const progress = emptyProgress();
		recordStep(progress, 'step', 7, 8);
		recordStep(progress, 'step', 3, 8);
		recordAnswer(progress, 'quiz/q1', true, { q1: 2 });
		recordAnswer(progress, 'quiz/q2', false, { q1: 2, q2: 0 });
		progress.query = 'step=3&left=vm-hardware';
		const text = encodeSuspend(progress);
		expect(text.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
		expect(decodeSuspend(text)).toEqual(progress);
	});

	test('too long: the query goes first, then the answers; status data stays', () => {
		const progress = emptyProgress();
		recordStep(progress, 'step', 1, 2);
		progress.query = 'x'.repeat(3000);
		progress.answers.big = Object.fromEntries(
			Array.from({ length: 400 }, (_, i) => [`question-${i}`, 1])
		);
		progress.results['big/question-1'] = true;
		const text = encodeSuspend(progress);
		expect(text.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
		const back = decodeSuspend(text);
		expect(back.query).toBe('');
		expect(back.done).toEqual(['step']);
		expect(back.results).toEqual({ 'big/question-1': true });
	});

	test('foreign or broken suspend data gives a fresh start', () => {
		for (const text of ['', 'not json', '{"v":2}', '[1,2]', 'null', '{"v":1,"s":{"a":-1,"b":"x"}}'])
			expect(decodeSuspend(text).steps).toEqual({});
	});

	test('lesson location and session time', () => {
		// The furthest player the learner moved, at the furthest step it reached.
		const moved = emptyProgress();
		const players = [
			{ id: 'first', step: 0 },
			{ id: 'second', step: 1 },
			{ id: 'third', step: 0 }
		];
		expect(furthestLocation(moved, players)).toEqual({ id: 'first', step: 0 });
		recordStep(moved, 'first', 5, 10);
		recordStep(moved, 'second', 7, 20);
		recordStep(moved, 'second', 1, 20);
		expect(furthestLocation(moved, players)).toEqual({ id: 'second', step: 7 });
		expect(furthestLocation(moved, [])).toBeNull();
		expect(encodeLocation('io-step', 4)).toBe('io-step:4');
		expect(decodeLocation('io-step:4')).toEqual({ id: 'io-step', step: 4 });
		expect(decodeLocation('')).toBeNull();
		expect(timespan(0)).toBe('0000:00:00.00');
		expect(timespan(3_723_450)).toBe('0001:02:03.45');
		expect(timespan(59_999)).toMatch(/^0000:0[01]:[0-9]{2}\.[0-9]{2}$/);
	});
});

describe('finding the LMS API', () => {
	const api = (): Scorm12Api => ({
		LMSInitialize: () => 'true',
		LMSFinish: () => 'true',
		LMSGetValue: () => '',
		LMSSetValue: () => 'true',
		LMSCommit: () => 'true',
		LMSGetLastError: () => '0',
		LMSGetErrorString: () => '',
		LMSGetDiagnostic: () => ''
	});
	type Fake = { parent: Fake; opener: Fake | null; top: Fake; API?: Scorm12Api };
	function chain(depth: number, withApi: Scorm12Api | null): Fake {
		const top: Fake = { opener: null } as Fake;
		top.parent = top;
		top.top = top;
		if (withApi) top.API = withApi;
		let win = top;
		for (let i = 0; i < depth; i++) {
			const child = { parent: win, opener: null, top } as Fake;
			win = child;
		}
		return win;
	}
	const asWindow = (fake: Fake) => fake as unknown as Window;

	test('in a parent up to 7 levels up, not further', () => {
		const found = api();
		expect(findApi(asWindow(chain(0, found)))).toBe(found);
		expect(findApi(asWindow(chain(7, found)))).toBe(found);
		expect(findApi(asWindow(chain(8, found)))).toBeNull();
		expect(findApi(asWindow(chain(3, null)))).toBeNull();
	});

	test('in the opener (a course that opens lessons in a new window)', () => {
		const found = api();
		const win = chain(1, null);
		win.top.opener = chain(2, found);
		expect(findApi(asWindow(win))).toBe(found);
	});

	test('a frame of another origin is skipped, not a crash', () => {
		const win = chain(0, null);
		Object.defineProperty(win, 'API', {
			get() {
				throw new DOMException('Blocked a frame', 'SecurityError');
			}
		});
		expect(findApi(asWindow(win))).toBeNull();
	});
});

describe('the connection', () => {
	afterEach(() => vi.useRealTimers());

	test('writes changes only, throttles commits, finishes once', () => {
		vi.useFakeTimers();
		const log: string[] = [];
		const lms: Scorm12Api = {
			LMSInitialize: () => 'true',
			LMSFinish: () => (log.push('finish'), 'true'),
			LMSGetValue: () => '',
			LMSSetValue: (element, value) => (log.push(`${element}=${value}`), 'true'),
			LMSCommit: () => (log.push('commit'), 'true'),
			LMSGetLastError: () => '0',
			LMSGetErrorString: () => '',
			LMSGetDiagnostic: () => ''
		};
		const connection = new ScormConnection(lms, 2000);
		expect(connection.initialize()).toBe(true);
		connection.set('cmi.core.lesson_location', 'step:1');
		connection.set('cmi.core.lesson_location', 'step:1');
		connection.commitSoon();
		vi.advanceTimersByTime(0);
		expect(log).toEqual(['cmi.core.lesson_location=step:1', 'commit']);
		connection.set('cmi.core.lesson_location', 'step:2');
		connection.commitSoon();
		connection.set('cmi.core.lesson_location', 'step:3');
		connection.commitSoon();
		vi.advanceTimersByTime(1000);
		expect(log.filter((entry) => entry === 'commit')).toHaveLength(1);
		vi.advanceTimersByTime(1000);
		expect(log.filter((entry) => entry === 'commit')).toHaveLength(2);
		connection.commitSoon();
		vi.advanceTimersByTime(5000);
		expect(log.filter((entry) => entry === 'commit')).toHaveLength(2);
		connection.finish();
		connection.finish();
		expect(log.filter((entry) => entry === 'finish')).toHaveLength(1);
		expect(connection.set('cmi.core.lesson_location', 'step:4')).toBe(false);
	});

	test('an LMS that refuses to initialize leaves the lesson standalone', () => {
		const connection = new ScormConnection({
			LMSInitialize: () => 'false'
		} as unknown as Scorm12Api);
		expect(connection.initialize()).toBe(false);
		expect(connection.get('cmi.suspend_data')).toBe('');
	});
});

describe('links out of a packaged lesson', () => {
	const site = 'https://stepvisor.example/';
	test('other lessons open on the public site; this lesson and plain anchors do not', () => {
		expect(siteLink('/lessons/system-call-path/', site, '/lessons/vms-and-containers')).toBe(
			'https://stepvisor.example/lessons/system-call-path/'
		);
		expect(siteLink('#/review/', site, '/lessons/x')).toBe('https://stepvisor.example/review/');
		expect(siteLink('#/lessons/x?step=2', site, '/lessons/x')).toBeNull();
		// The public site's pages are folders: this lesson's own address, with its slash.
		expect(siteLink('/lessons/x/#sources', site, '/lessons/x')).toBeNull();
		expect(siteLink('#/lessons/x/?step=2', site, '/lessons/x')).toBeNull();
		expect(siteLink('https://kernel.org/', site, '/lessons/x')).toBeNull();
		expect(siteLink('//evil.example/', site, '/lessons/x')).toBeNull();
		expect(siteLink('/lessons/y', '', '/lessons/x')).toBe('');
	});
});

describe('package manifest', () => {
	const lesson = {
		folder: '06-example',
		slug: 'example',
		number: 6,
		title: 'Example',
		summary: ''
	};
	test('has no mastery score unless one is asked for', () => {
		const plain = scormManifest(lesson, ['index.html']);
		expect(plain).not.toContain('masteryscore');
		const strict = scormManifest(lesson, ['index.html'], { mastery: 80 });
		expect(strict).toContain('<adlcp:masteryscore>80</adlcp:masteryscore>');
	});

	test('names the lesson by slug, so renumbering its folder keeps the identifiers an LMS tracks', () => {
		const manifest = scormManifest(lesson, ['index.html']);
		const renumbered = scormManifest({ ...lesson, folder: '02-example', number: 2 }, [
			'index.html'
		]);
		const identifiers = (xml: string) =>
			[...xml.matchAll(/identifier(?:ref)?="([^"]*)"/g)].map((m) => m[1]);
		expect(identifiers(manifest)).toContain('stepvisor-example');
		expect(identifiers(renumbered)).toEqual(identifiers(manifest));
		// Only the title the learner sees carries the number.
		expect(renumbered).toContain('Lesson 2: Example');
	});
});
