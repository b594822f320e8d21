/**
 * Assignment and Grade Services: scores wait in the database (score_queue) and a
 * worker posts them to the platform's line item with a client-credentials token
 * (a `private_key_jwt` assertion signed with the tool's key). A failed post is
 * retried with exponential back-off, so a platform that is briefly down loses
 * nothing; a score is marked `failed` (kept, never deleted) only after many tries.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Db } from './db';
import { signingKey } from './keys';

export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

export interface ScorePayload {
	userId: string;
	scoreGiven?: number;
	scoreMaximum?: number;
	activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
	gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
	timestamp: string;
	comment?: string;
	/** Canvas's submission extension: `new_submission: false` regrades the last one. */
	'https://canvas.instructure.com/lti/submission'?: { new_submission: boolean };
}

export interface RetryPolicy {
	/** Delay after the first failure; doubles each time. */
	baseMs: number;
	maxMs: number;
	maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2000, maxMs: 3_600_000, maxAttempts: 40 };

export function backoffMs(attempts: number, policy: RetryPolicy): number {
	return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/** `<lineitem>/scores`, keeping the line item URL's query string (AGS §3.4). */
export function scoresUrl(lineitem: string): string {
	const url = new URL(lineitem);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
	return url.toString();
}

export async function enqueueScore(
	db: Db,
	platformId: number,
	lineitemUrl: string,
	payload: ScorePayload
): Promise<void> {
	await db.query(
		'INSERT INTO score_queue (platform_id, lineitem_url, payload) VALUES ($1, $2, $3)',
		[platformId, lineitemUrl, JSON.stringify(payload)]
	);
}

interface PlatformRow {
	id: number;
	client_id: string;
	token_url: string;
}

interface QueueRow {
	id: string;
	platform_id: number;
	lineitem_url: string;
	payload: ScorePayload;
	attempts: number;
}

export class ScoreSender {
	private tokens = new Map<number, { token: string; expires: number }>();
	private timer: NodeJS.Timeout | null = null;
	private running: Promise<number> | null = null;

	constructor(
		private db: Db,
		private policy: RetryPolicy = DEFAULT_RETRY,
		private fetcher: typeof fetch = fetch
	) {}

	/** Posts every due score once; returns how many were delivered. */
	runOnce(): Promise<number> {
		// One pass at a time in this process; other processes skip rows this one holds.
		this.running ??= this.pass().finally(() => (this.running = null));
		return this.running;
	}

	start(intervalMs: number): void {
		this.timer = setInterval(() => void this.runOnce().catch(() => undefined), intervalMs);
		this.timer.unref();
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		await this.running?.catch(() => undefined);
	}

	private async pass(): Promise<number> {
		// Lease due rows: push their next attempt into the future while we work on them,
		// so that another process does not post the same score at the same time.
		const rows = await this.db.query<QueueRow>(
			`UPDATE score_queue SET next_attempt_at = now() + interval '2 minutes'
			 WHERE id IN (
				SELECT id FROM score_queue WHERE status = 'pending' AND next_attempt_at <= now()
				ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
			 RETURNING id, platform_id, lineitem_url, payload, attempts`
		);
		// Oldest first (RETURNING has no order), so the platform gets the scores in order.
		rows.sort((a, b) => Number(a.id) - Number(b.id));
		let delivered = 0;
		for (const row of rows) {
			try {
				await this.post(row);
				await this.db.query(
					"UPDATE score_queue SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1",
					[row.id]
				);
				// An older score still waiting for this learner and line item is out of date.
				await this.db.query(
					`UPDATE score_queue SET status = 'superseded'
					 WHERE status = 'pending' AND id < $1 AND platform_id = $2 AND lineitem_url = $3
					   AND payload->>'userId' = $4`,
					[row.id, row.platform_id, row.lineitem_url, row.payload.userId]
				);
				delivered++;
			} catch (error) {
				const attempts = row.attempts + 1;
				const failed = attempts >= this.policy.maxAttempts;
				await this.db.query(
					`UPDATE score_queue SET attempts = $2, last_error = $3, status = $4,
					 next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`,
					[
						row.id,
						attempts,
						String((error as Error).message ?? error).slice(0, 500),
						failed ? 'failed' : 'pending',
						backoffMs(attempts, this.policy) / 1000
					]
				);
			}
		}
		return delivered;
	}

	private async post(row: QueueRow): Promise<void> {
		const [platform] = await this.db.query<PlatformRow>(
			'SELECT id, client_id, token_url FROM platforms WHERE id = $1',
			[row.platform_id]
		);
		if (!platform) throw new Error('the platform was removed');
		const token = await this.accessToken(platform);
		const response = await this.fetcher(scoresUrl(row.lineitem_url), {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${token}`,
				'Content-Type': 'application/vnd.ims.lis.v1.score+json'
			},
			body: JSON.stringify(row.payload),
			signal: AbortSignal.timeout(10_000),
			redirect: 'error'
		});
		if (response.status === 401) this.tokens.delete(platform.id);
		if (!response.ok) throw new Error(`the platform answered ${response.status} to the score`);
	}

	private async accessToken(platform: PlatformRow): Promise<string> {
		const cached = this.tokens.get(platform.id);
		if (cached && cached.expires > Date.now()) return cached.token;
		const { kid, key } = await signingKey(this.db);
		const assertion = await new SignJWT({})
			.setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
			.setIssuer(platform.client_id)
			.setSubject(platform.client_id)
			.setAudience(platform.token_url)
			.setIssuedAt()
			.setExpirationTime('5m')
			.setJti(randomUUID())
			.sign(key);
		const response = await this.fetcher(platform.token_url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: assertion,
				scope: SCORE_SCOPE
			}),
			signal: AbortSignal.timeout(10_000),
			redirect: 'error'
		});
		if (!response.ok) throw new Error(`the platform refused a token (${response.status})`);
		const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
		if (typeof body.access_token !== 'string') throw new Error('the token answer has no token');
		const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
		this.tokens.set(platform.id, {
			token: body.access_token,
			expires: Date.now() + Math.max(0, seconds - 60) * 1000
		});
		return body.access_token;
	}
}
