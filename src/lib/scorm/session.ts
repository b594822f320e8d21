/**
 * One lesson launched from a SCORM 1.2 package. Hands the lesson page a player
 * host (src/lib/player/host.ts) and, when an LMS API is found, reports to it:
 * - `cmi.core.lesson_status` incomplete, then completed once every player on the
 *   page was stepped to its last frame, then passed or failed by the self-check
 *   score once every question is answered (see ./progress.ts);
 * - `cmi.core.score.raw` (0–100, min 0, max 100), with a mastery score only once the
 *   animations are done too (see `scoreToReport`);
 * - `cmi.suspend_data` and `cmi.core.lesson_location`, read back on the next
 *   launch so the learner resumes at the same steps with the same answers;
 * - LMSCommit after changes (throttled) and LMSFinish when the page goes away.
 * Without an API nothing is reported and the lesson works as on the site.
 *
 * Answers are restored through localStorage: SelfCheck reads its answers from
 * `stepvisor:answers:<setId>` when it mounts, so the session writes the LMS's
 * copy there before the lesson mounts (and first removes answers another learner
 * may have left in this browser). The page's query string (a lesson's choices
 * and steps, as in a share link) is restored the same way, into the address,
 * before the players read it.
 *
 * The self-check's choice order is seeded by the LMS's learner (`cmi.core.student_id`,
 * else a key made once and kept in suspend_data), so it is the same on every
 * launch, whatever browser; answers are saved by original choice index anyway.
 */
import { ANSWERS_PREFIX, saveAnswers, useLearnerKey } from '$lib/components/selfcheck';
import { createPlayerHost, type PlayerHandle, type PlayerHost } from '$lib/player/host';
import { ScormConnection, findApi } from './api';
import {
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
	setOf,
	timespan,
	type Progress
} from './progress';

/** Every answer key this site ever used (older versions too), to clear another learner's. */
const ANY_ANSWERS_PREFIX = 'stepvisor:answers:';
/** The page counts as loaded this long after launch (players register on mount)... */
const SETTLE_MS = 1500;
/** ...but a page with no player yet may still be building one (a lab restoring its scenario). */
const NO_PLAYERS_MS = 10_000;
/** Query strings longer than this are not kept (suspend_data is small). */
const QUERY_LIMIT = 1500;

export interface ScormSession {
	host: PlayerHost;
	/** True while connected to an LMS. */
	readonly connected: boolean;
	/** Reports once more and finishes (the page is going away). */
	stop(): void;
}

function readStoredAnswers(setId: string): Record<string, number> | undefined {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(ANSWERS_PREFIX + setId) ?? 'null');
		if (!parsed || typeof parsed !== 'object') return undefined;
		const out: Record<string, number> = {};
		for (const [key, value] of Object.entries(parsed)) {
			if (Number.isInteger(value)) out[key] = value as number;
		}
		return out;
	} catch {
		return undefined;
	}
}

function clearStoredAnswers(): void {
	try {
		const keys: string[] = [];
		for (let i = 0; i < localStorage.length; i++) {
			const key = localStorage.key(i);
			if (key?.startsWith(ANY_ANSWERS_PREFIX)) keys.push(key);
		}
		for (const key of keys) localStorage.removeItem(key);
	} catch {
		/* storage blocked: nothing was kept either */
	}
}

function randomLearner(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function restoreQuery(query: string): void {
	if (!query || window.location.search.length > 1) return;
	const url = new URL(window.location.href);
	url.search = query;
	try {
		history.replaceState(history.state, '', url);
	} catch {
		/* the address cannot change here; the steps are restored through the players */
	}
}

/** Ids ("setId/questionId" or bare question ids) of the self-check questions on the page. */
function questionsOnPage(): string[] {
	return [...document.querySelectorAll<HTMLElement>('[data-testid="selfcheck"] [data-question]')]
		.map((element) => element.dataset.question ?? '')
		.filter(Boolean);
}

export function startScormSession(): ScormSession {
	const api = findApi(window);
	const connection = api ? new ScormConnection(api) : null;
	const connected = connection?.initialize() ?? false;
	const started = Date.now();

	let progress: Progress = emptyProgress();
	// Set only when the package asks for one (adlcp:masteryscore, `--mastery`).
	let mastery: number | null = null;
	let status = '';
	/** Steps to put players back at, by player id, until each first reports. */
	let pending: Record<string, number> = {};
	let settled = false;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;

	if (connection && connected) {
		status = connection.get('cmi.core.lesson_status');
		const given = Number.parseFloat(connection.get('cmi.student_data.mastery_score'));
		if (Number.isFinite(given) && given >= 0 && given <= 100) mastery = given;
		progress = decodeSuspend(connection.get('cmi.suspend_data'));
		const location = decodeLocation(connection.get('cmi.core.lesson_location'));
		if (location && progress.steps[location.id] === undefined)
			progress.steps[location.id] = location.step;
		pending = { ...progress.steps };
		const student = connection.get('cmi.core.student_id');
		if (!student && !progress.learner) progress.learner = randomLearner();
		useLearnerKey(student ? `scorm:${student}` : `scorm-key:${progress.learner}`);
		clearStoredAnswers();
		for (const [setId, answers] of Object.entries(progress.answers)) saveAnswers(setId, answers);
		restoreQuery(progress.query);
		if (status === '' || status === 'not attempted') {
			status = 'incomplete';
			connection.set('cmi.core.lesson_status', status);
		}
		connection.commitSoon();
	}

	const { host, players } = createPlayerHost({
		step(player: PlayerHandle, step: number, total: number) {
			if (!connected) return;
			const saved = pending[player.id];
			if (saved !== undefined) {
				delete pending[player.id];
				if (Math.min(saved, total - 1) !== step) {
					// Back to where the learner left off; the move reports again.
					player.goto(saved);
					return;
				}
			}
			if (recordStep(progress, player.id, step, total)) schedule();
		},
		answer(question: string, correct: boolean) {
			if (!connected) return;
			const choices = readStoredAnswers(setOf(question));
			if (recordAnswer(progress, question, correct, choices)) schedule();
		}
	});

	function report() {
		if (!connection || !connected || stopped) return;
		const query = window.location.search.slice(1);
		progress.query = query.length <= QUERY_LIMIT ? query : '';
		let ids: string[] | null = settled ? players.map((player) => player.id) : null;
		if (ids?.length === 0 && Date.now() - started < NO_PLAYERS_MS) ids = null;
		const outcome = outcomeOf(progress, ids, questionsOnPage(), mastery);
		const score = scoreToReport(outcome, mastery);
		if (score !== null) {
			connection.set('cmi.core.score.min', '0');
			connection.set('cmi.core.score.max', '100');
			connection.set('cmi.core.score.raw', String(score));
		}
		const next = mergeStatus(status, outcome.status);
		if (next !== status && connection.set('cmi.core.lesson_status', next)) status = next;
		connection.set('cmi.suspend_data', encodeSuspend(progress));
		// For the teacher's report: how far the learner got (resuming uses suspend_data).
		const location = furthestLocation(progress, players);
		if (location)
			connection.set('cmi.core.lesson_location', encodeLocation(location.id, location.step));
		connection.commitSoon();
	}

	function schedule() {
		clearTimeout(timer);
		timer = setTimeout(report, 250);
	}

	function stop() {
		if (stopped || !connection || !connected) return;
		clearTimeout(timer);
		report();
		stopped = true;
		connection.set('cmi.core.session_time', timespan(Date.now() - started));
		// Keep the suspend data for the next launch, whatever the status.
		connection.set('cmi.core.exit', 'suspend');
		connection.finish();
	}

	if (connected) {
		setTimeout(() => {
			settled = true;
			report();
		}, SETTLE_MS);
		setTimeout(() => {
			if (players.length === 0) report();
		}, NO_PLAYERS_MS + 50);
		window.addEventListener('pagehide', stop);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'hidden' && !stopped) {
				report();
				connection?.commitNow();
			}
		});
	}

	return {
		host,
		get connected() {
			return connected && !stopped;
		},
		stop
	};
}
