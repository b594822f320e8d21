/**
 * The LTI 1.3 tool: one request handler for the OIDC login, the launch, the
 * deep-linking picker and return, the score reports from launched activities,
 * Dynamic Registration and the tool's JWKS; everything else is the built static site.
 * Every refusal is an error page with a clear message, sent before anything is
 * written, so a bad request changes nothing (rate-limit counters aside).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	createRemoteJWKSet,
	errors as joseErrors,
	jwtVerify,
	SignJWT,
	type JWTPayload
} from 'jose';
import {
	emptyProgress,
	outcomeOf,
	recordAnswer,
	recordStep,
	type Progress
} from '../../src/lib/scorm/progress';
import {
	DEFAULT_RETRY,
	enqueueScore,
	SCORE_SCOPE,
	ScoreSender,
	type RetryPolicy,
	type ScorePayload
} from './ags';
import { contentTypeOf } from '../../src/lib/content-types.js';
import { locate } from '../../src/lib/static-files.js';
import type { Catalog, CatalogAnimation } from './catalog';
import type { Db } from './db';
import { ensureKeys, publicJwks, signingKey } from './keys';
import { autoPostPage, errorPage, escape, jsonScript, launchPage, page, pickerPage } from './pages';
import { RegistrationConflict, registerPlatform } from './platforms';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
export const AGS_ENDPOINT = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
export const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
/** Canvas's prefix for its own placement names in a Dynamic Registration. */
export const CANVAS_PLACEMENT = 'https://canvas.instructure.com/lti/';
/** Canvas's extension of an AGS score: how it is filed as a submission. */
export const CANVAS_SUBMISSION = 'https://canvas.instructure.com/lti/submission';

const ASSETS = fileURLToPath(new URL('./public/', import.meta.url));

export interface LtiOptions {
	db: Db;
	catalog: Catalog;
	/** The tool's public address, e.g. https://stepvisor.example.edu (no trailing slash). */
	baseUrl: string;
	/** The built static site (adapter-static output). */
	siteDir: string;
	/** How long a retired signing key stays in the JWKS. */
	keyOverlapSeconds?: number;
	/** Requests per window per client address, for /lti/login and /lti/launch each. */
	rateLimit?: { requests: number; windowSeconds: number };
	/** Take the client address from X-Forwarded-For (only behind your own reverse proxy). */
	trustProxy?: boolean;
	/** Accept http:// platform addresses on loopback hosts (tests and local trials only). */
	allowLoopbackHttp?: boolean;
	/** When set, Dynamic Registration needs `?key=` with this value. */
	registrationKey?: string;
	clockToleranceSeconds?: number;
	retry?: RetryPolicy;
	fetch?: typeof fetch;
}

class Refusal extends Error {
	constructor(
		public status: number,
		public title: string,
		message: string,
		public extra = '',
		public headers: Record<string, string> = {}
	) {
		super(message);
	}
}

const LIMIT_FORM = 64 * 1024;
const LIMIT_JSON = 4 * 1024;
const LIMIT_SCENARIO = 16_000;

const random = () => randomBytes(24).toString('base64url');
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
	const declared = Number(request.headers['content-length'] ?? 0);
	if (declared > limit) throw tooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > limit) throw tooLarge();
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function tooLarge() {
	return new Refusal(413, 'Request too large', 'The request is larger than Stepvisor accepts.');
}

function cookies(request: IncomingMessage): Map<string, string> {
	const jar = new Map<string, string>();
	for (const part of (request.headers.cookie ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
	}
	return jar;
}

function field(
	params: URLSearchParams,
	name: string,
	max: number,
	required: boolean
): string | null {
	const values = params.getAll(name);
	if (values.length > 1) throw badRequest(`The parameter “${name}” is given more than once.`);
	const value = values[0] ?? null;
	if (value === null || value === '') {
		if (required) throw badRequest(`The parameter “${name}” is missing.`);
		return null;
	}
	if (value.length > max) throw badRequest(`The parameter “${name}” is too long.`);
	return value;
}

const badRequest = (message: string) => new Refusal(400, 'This request cannot be used', message);

function isLoopback(host: string): boolean {
	return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export function createLtiApp(options: LtiOptions) {
	const { db, catalog } = options;
	const base = options.baseUrl.replace(/\/+$/, '');
	const secureCookies = base.startsWith('https:');
	const overlap = options.keyOverlapSeconds ?? 7 * 24 * 3600;
	const limit = options.rateLimit ?? { requests: 60, windowSeconds: 60 };
	const tolerance = options.clockToleranceSeconds ?? 5;
	const fetcher = options.fetch ?? fetch;
	const sender = new ScoreSender(db, options.retry ?? DEFAULT_RETRY, fetcher);
	const siteRoot = resolve(options.siteDir);
	// One cached key set per platform JWKS address: jose refetches on an unknown `kid`
	// (the platform rotated its keys) at most every 30 s, and at the latest every 10 min.
	const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
	const platformKeys = (url: string) => {
		let set = jwksCache.get(url);
		if (!set) {
			set = createRemoteJWKSet(new URL(url), {
				cooldownDuration: 30_000,
				cacheMaxAge: 600_000,
				timeoutDuration: 5000
			});
			jwksCache.set(url, set);
		}
		return set;
	};

	function send(
		response: ServerResponse,
		status: number,
		body: string,
		headers: Record<string, string> = {},
		formAction = "'self'"
	) {
		response.statusCode = status;
		response.setHeader('Content-Type', 'text/html; charset=utf-8');
		response.setHeader('Cache-Control', 'no-store');
		response.setHeader('X-Content-Type-Options', 'nosniff');
		response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
		// The LMS shows these pages in its own frame.
		response.setHeader(
			'Content-Security-Policy',
			`default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action ${formAction}; base-uri 'none'; object-src 'none'; frame-ancestors *`
		);
		for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
		response.end(body);
	}

	function sendJson(response: ServerResponse, status: number, value: unknown) {
		response.statusCode = status;
		response.setHeader('Content-Type', 'application/json; charset=utf-8');
		response.setHeader('Cache-Control', 'no-store');
		response.setHeader('X-Content-Type-Options', 'nosniff');
		response.end(JSON.stringify(value));
	}

	function clientAddress(request: IncomingMessage): string {
		if (options.trustProxy) {
			const forwarded = String(request.headers['x-forwarded-for'] ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			// The last address is the one our own proxy saw; earlier ones the client can forge.
			if (forwarded.length) return forwarded[forwarded.length - 1];
		}
		return request.socket.remoteAddress ?? 'unknown';
	}

	async function rateLimit(request: IncomingMessage, endpoint: string) {
		const bucket = `${endpoint}:${clientAddress(request)}`;
		const [row] = await db.query<{ hits: number }>(
			`INSERT INTO rate_limits (bucket, window_start, hits)
			 VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
			 ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
			 RETURNING hits`,
			[bucket, limit.windowSeconds]
		);
		if (Math.random() < 0.02)
			await db.query("DELETE FROM rate_limits WHERE window_start < now() - interval '1 hour'");
		if (row.hits > limit.requests)
			throw new Refusal(
				429,
				'Too many requests',
				'Too many launches from this address in a short time. Wait a minute and try again.',
				'',
				{ 'Retry-After': String(limit.windowSeconds) }
			);
	}

	async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
		if (request.method !== 'POST')
			throw new Refusal(405, 'Wrong method', 'This address takes a form POST.');
		const type = String(request.headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		if (type !== 'application/x-www-form-urlencoded')
			throw badRequest('This address takes a form (application/x-www-form-urlencoded).');
		return new URLSearchParams(await readBody(request, LIMIT_FORM));
	}

	// ---- OIDC third-party login initiation -------------------------------------------------
	async function login(request: IncomingMessage, response: ServerResponse, url: URL) {
		await rateLimit(request, 'login');
		const params = request.method === 'POST' ? await formOf(request) : url.searchParams;
		const iss = field(params, 'iss', 2048, true)!;
		const loginHint = field(params, 'login_hint', 4096, true)!;
		const targetLinkUri = field(params, 'target_link_uri', 2048, true)!;
		const messageHint = field(params, 'lti_message_hint', 8192, false);
		const clientId = field(params, 'client_id', 2048, false);
		const deploymentId = field(params, 'lti_deployment_id', 2048, false);
		const storageTarget = field(params, 'lti_storage_target', 256, false);
		const platforms = await db.query<{ id: number; auth_url: string; client_id: string }>(
			'SELECT id, auth_url, client_id FROM platforms WHERE issuer = $1 AND ($2::text IS NULL OR client_id = $2)',
			[iss, clientId]
		);
		if (platforms.length === 0)
			throw new Refusal(
				400,
				'Unknown platform',
				'This LMS is not registered with Stepvisor. An administrator can register it (see docs/lti.md).'
			);
		if (platforms.length > 1)
			throw badRequest(
				'This LMS has several registrations here; the login must name its client_id.'
			);
		if (!targetLinkUri.startsWith(`${base}/lti/`))
			throw badRequest('The launch names a target address that is not this Stepvisor tool.');
		const platform = platforms[0];
		const state = random();
		const nonce = random();
		const loginParams = Object.fromEntries(
			Object.entries({
				iss,
				login_hint: loginHint,
				target_link_uri: targetLinkUri,
				lti_message_hint: messageHint,
				client_id: clientId,
				lti_deployment_id: deploymentId
			}).filter(([, v]) => v !== null)
		);
		await db.query(
			"INSERT INTO login_states (state, nonce, platform_id, storage_target, login_params, expires_at) VALUES ($1, $2, $3, $4, $5, now() + interval '10 minutes')",
			[state, nonce, platform.id, storageTarget, JSON.stringify(loginParams)]
		);
		if (Math.random() < 0.05) {
			await db.query('DELETE FROM login_states WHERE expires_at < now()');
			await db.query('DELETE FROM used_nonces WHERE expires_at < now()');
		}
		const auth = new URL(platform.auth_url);
		const query = {
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: platform.client_id,
			redirect_uri: `${base}/lti/launch`,
			login_hint: loginHint,
			state,
			nonce,
			...(messageHint && { lti_message_hint: messageHint })
		};
		for (const [k, v] of Object.entries(query)) auth.searchParams.set(k, v);
		const cookie = `lti_state_${state}=1; Path=/lti/; Max-Age=600; HttpOnly; ${
			secureCookies ? 'SameSite=None; Secure' : 'SameSite=Lax'
		}`;
		if (storageTarget) {
			// The platform offers its own storage (LTI client-side postMessage storage): keep
			// the state there too, since the cookie may be blocked as third-party.
			send(
				response,
				200,
				page({
					title: 'Opening Stepvisor',
					scripts: ['storage.js'],
					body: `${jsonScript('storage-data', {
						mode: 'put',
						target: storageTarget,
						origin: auth.origin,
						key: `state_${state}`,
						value: state,
						next: auth.toString()
					})}<p>Opening Stepvisor…</p><noscript><p><a href="${escape(auth.toString())}">Continue</a></p></noscript>`
				}),
				{ 'Set-Cookie': cookie }
			);
			return;
		}
		response.statusCode = 302;
		response.setHeader('Location', auth.toString());
		response.setHeader('Set-Cookie', cookie);
		response.setHeader('Cache-Control', 'no-store');
		response.end();
	}

	// ---- The launch --------------------------------------------------------------------
	interface StateRow {
		state: string;
		nonce: string;
		platform_id: number;
		storage_target: string | null;
		login_params: Record<string, string>;
		issuer: string;
		client_id: string;
		jwks_url: string;
		auth_url: string;
	}

	async function launch(request: IncomingMessage, response: ServerResponse) {
		await rateLimit(request, 'launch');
		const form = await formOf(request);
		if (form.get('error'))
			throw new Refusal(
				400,
				'The LMS did not start the launch',
				`Your LMS answered: ${String(form.get('error_description') ?? form.get('error')).slice(0, 300)}`
			);
		const idToken = field(form, 'id_token', 32 * 1024, true)!;
		const state = field(form, 'state', 200, true)!;
		const [row] = await db.query<StateRow>(
			`SELECT s.state, s.nonce, s.platform_id, s.storage_target, s.login_params,
			        p.issuer, p.client_id, p.jwks_url, p.auth_url
			 FROM login_states s JOIN platforms p ON p.id = s.platform_id
			 WHERE s.state = $1 AND s.expires_at > now()`,
			[state]
		);
		if (!row)
			throw new Refusal(
				400,
				'This launch cannot be used',
				'The launch expired, was already used, or did not start at this tool. Go back to your course and open the activity again.'
			);

		// The state must come back to the browser that started the login.
		const storageValue = form.get('lti_storage_value');
		const bound =
			cookies(request).get(`lti_state_${state}`) === '1' ||
			(row.storage_target !== null && storageValue !== null && sameText(storageValue, state));
		if (!bound) {
			if (row.storage_target && form.get('lti_storage_tried') !== '1') {
				send(
					response,
					200,
					page({
						title: 'Opening Stepvisor',
						scripts: ['storage.js'],
						body: `${jsonScript('storage-data', {
							mode: 'get',
							target: row.storage_target,
							origin: new URL(row.auth_url).origin,
							key: `state_${state}`,
							fields: { id_token: idToken, state }
						})}<form method="post" action="/lti/launch" id="storage-form"></form><p>Opening Stepvisor…</p>`
					})
				);
				return;
			}
			const retry = new URL(`${base}/lti/login`);
			for (const [k, v] of Object.entries(row.login_params)) retry.searchParams.set(k, v);
			throw new Refusal(
				400,
				'Open Stepvisor in a new window',
				'Your browser blocks the cookie Stepvisor needs inside the course page, and the LMS offers no other way to keep it. Open the activity in its own window; it works there.',
				`<p><a href="${escape(retry.toString())}" target="_blank" rel="noopener">Open in a new window</a></p>`
			);
		}

		const { claims, newDeployment } = await verifyIdToken(idToken, row);
		const messageType = claims[`${LTI}message_type`];
		const deploymentId = claims[`${LTI}deployment_id`] as string;
		const launchId = random();
		const token = random();

		if (messageType === 'LtiDeepLinkingRequest') {
			const settings = claims[`${DL}deep_linking_settings`] as Record<string, unknown> | undefined;
			if (!settings || typeof settings.deep_link_return_url !== 'string')
				throw badRequest('The deep-linking launch has no return address.');
			const returnUrl = checkedUrl(settings.deep_link_return_url, 'deep-linking return address');
			const accept = Array.isArray(settings.accept_types) ? settings.accept_types : [];
			if (!accept.includes('ltiResourceLink'))
				throw badRequest(
					'The LMS asks for content types Stepvisor cannot give (it gives LTI links).'
				);
			await consume(row, claims, newDeployment, async (tx) => {
				await tx.query(
					`INSERT INTO launches (id, token_hash, platform_id, deployment_id, message_type, subject, deep_linking, expires_at)
					 VALUES ($1, $2, $3, $4, 'LtiDeepLinkingRequest', $5, $6, now() + interval '1 hour')`,
					[
						launchId,
						hash(token),
						row.platform_id,
						deploymentId,
						claims.sub ?? null,
						JSON.stringify({ ...settings, deep_link_return_url: returnUrl })
					]
				);
			});
			send(
				response,
				200,
				pickerPage({
					catalog,
					session: token,
					multiple: settings.accept_multiple === true,
					gradable: settings.accept_lineitem !== false
				}),
				{ 'Set-Cookie': clearCookie(state) }
			);
			return;
		}

		// LtiResourceLinkRequest
		const link = claims[`${LTI}resource_link`] as { id?: unknown } | undefined;
		if (!link || typeof link.id !== 'string' || !link.id)
			throw badRequest('The launch names no resource link.');
		const custom = (claims[`${LTI}custom`] ?? {}) as Record<string, unknown>;
		const target = launchTarget(custom);
		const ags = claims[AGS_ENDPOINT] as { scope?: unknown; lineitem?: unknown } | undefined;
		const lineitem =
			ags && typeof ags.lineitem === 'string'
				? checkedUrl(ags.lineitem, 'line item address')
				: null;
		const scoreScope = Array.isArray(ags?.scope) && ags.scope.includes(SCORE_SCOPE);
		const graded = Boolean(
			lineitem && scoreScope && target.animation && typeof claims.sub === 'string'
		);
		let resumed = false;
		await consume(row, claims, newDeployment, async (tx) => {
			await tx.query(
				`INSERT INTO launches (id, token_hash, platform_id, deployment_id, message_type, subject, resource_link_id,
				   target, lineitem_url, score_scope, expires_at)
				 VALUES ($1, $2, $3, $4, 'LtiResourceLinkRequest', $5, $6, $7, $8, $9, now() + interval '12 hours')`,
				[
					launchId,
					hash(token),
					row.platform_id,
					deploymentId,
					claims.sub ?? null,
					link.id,
					JSON.stringify(target),
					lineitem,
					scoreScope
				]
			);
			if (lineitem)
				await tx.query(
					'INSERT INTO line_items (platform_id, url, resource_link_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
					[row.platform_id, lineitem, link.id]
				);
			if (graded) {
				const stored = await linkProgress(tx, {
					platform_id: row.platform_id,
					deployment_id: deploymentId,
					resource_link_id: link.id as string,
					subject: claims.sub as string
				});
				resumed =
					stored.progress.done.length > 0 || Object.keys(stored.progress.results).length > 0;
			}
		});
		send(
			response,
			200,
			launchPage({
				title: target.title,
				frameSrc: target.src,
				token: graded ? token : null,
				graded,
				resumed,
				selfCheck:
					target.lesson !== null && (catalog.lesson(target.lesson)?.questions.length ?? 0) > 0,
				height: target.height
			}),
			{ 'Set-Cookie': clearCookie(state) }
		);
	}

	const clearCookie = (state: string) =>
		`lti_state_${state}=; Path=/lti/; Max-Age=0; HttpOnly; ${secureCookies ? 'SameSite=None; Secure' : 'SameSite=Lax'}`;

	/**
	 * Checks the id_token; `newDeployment` is true for the first launch of a platform
	 * that has no deployment yet (Canvas's registration answer names none): a token
	 * signed with that platform's keys for our client id is proof enough of it.
	 */
	async function verifyIdToken(
		idToken: string,
		row: StateRow
	): Promise<{ claims: JWTPayload & Record<string, unknown>; newDeployment: boolean }> {
		let payload: JWTPayload;
		try {
			({ payload } = await jwtVerify(idToken, platformKeys(row.jwks_url), {
				issuer: row.issuer,
				audience: row.client_id,
				algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
				clockTolerance: tolerance,
				maxTokenAge: '10m',
				requiredClaims: ['exp', 'iat', 'nonce']
			}));
		} catch (error) {
			throw new Refusal(400, 'This launch cannot be trusted', tokenProblem(error));
		}
		const claims = payload as JWTPayload & Record<string, unknown>;
		const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
		if ((aud.length > 1 || claims.azp !== undefined) && claims.azp !== row.client_id)
			throw new Refusal(
				400,
				'This launch cannot be trusted',
				'The launch was issued for another tool (azp).'
			);
		if (typeof claims.nonce !== 'string' || !sameText(claims.nonce, row.nonce))
			throw new Refusal(
				400,
				'This launch cannot be trusted',
				'The launch does not belong to the login that started it (nonce).'
			);
		if (claims[`${LTI}version`] !== '1.3.0')
			throw badRequest('The launch is not LTI version 1.3.0.');
		const type = claims[`${LTI}message_type`];
		if (type !== 'LtiResourceLinkRequest' && type !== 'LtiDeepLinkingRequest')
			throw badRequest('The launch asks for a kind of message Stepvisor does not handle.');
		const deployment = claims[`${LTI}deployment_id`];
		if (typeof deployment !== 'string' || !deployment || deployment.length > 255)
			throw badRequest('The launch names no deployment.');
		const { known, total } = await deploymentsOf(db, row.platform_id, deployment);
		if (total > 0 && !known) throw unknownDeployment();
		return { claims, newDeployment: total === 0 };
	}

	async function deploymentsOf(
		q: Db,
		platformId: number,
		deployment: string
	): Promise<{ known: boolean; total: number }> {
		const [row] = await q.query<{ known: boolean; total: number }>(
			`SELECT coalesce(bool_or(deployment_id = $2), false) AS known, count(*)::int AS total
			 FROM deployments WHERE platform_id = $1`,
			[platformId, deployment]
		);
		return row;
	}

	const unknownDeployment = () =>
		new Refusal(
			400,
			'Unknown deployment',
			'This installation of Stepvisor in your LMS (its deployment) is not registered here. An administrator can add it (see docs/lti.md).'
		);

	function tokenProblem(error: unknown): string {
		if (error instanceof joseErrors.JWTExpired)
			return 'The launch has expired. Open the activity again from your course.';
		if (error instanceof joseErrors.JWTClaimValidationFailed) {
			const claim = error.claim;
			if (claim === 'iss')
				return 'The launch comes from another platform than the one that started it (iss).';
			if (claim === 'aud') return 'The launch is addressed to another tool (aud).';
			if (claim === 'iat') return 'The launch was issued at an impossible time (iat).';
			return `The launch is missing or has a wrong “${claim}” claim.`;
		}
		if (
			error instanceof joseErrors.JWSSignatureVerificationFailed ||
			error instanceof joseErrors.JWKSNoMatchingKey
		)
			return 'The launch is not signed by your LMS (the signature does not match its published keys).';
		if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid)
			return 'Your LMS’s published keys could not be read; try again in a minute.';
		return 'The launch token is malformed.';
	}

	/**
	 * Uses the state and nonce once, records a platform's first deployment, then runs
	 * `work`, all in one transaction.
	 */
	async function consume(
		row: StateRow,
		claims: JWTPayload & Record<string, unknown>,
		newDeployment: boolean,
		work: (tx: Db) => Promise<void>
	) {
		const deployment = claims[`${LTI}deployment_id`] as string;
		const recorded = await db.transaction(async (tx) => {
			const used = await tx.query('DELETE FROM login_states WHERE state = $1 RETURNING state', [
				row.state
			]);
			const fresh = await tx.query(
				"INSERT INTO used_nonces (platform_id, nonce, expires_at) VALUES ($1, $2, now() + interval '1 day') ON CONFLICT DO NOTHING RETURNING nonce",
				[row.platform_id, claims.nonce]
			);
			if (used.length === 0 || fresh.length === 0)
				throw new Refusal(
					400,
					'This launch was already used',
					'A launch can be used once. Go back to your course and open the activity again.'
				);
			let adopted = false;
			if (newDeployment) {
				// Two first launches at once must not record two deployments.
				await tx.query('SELECT id FROM platforms WHERE id = $1 FOR UPDATE', [row.platform_id]);
				const { known, total } = await deploymentsOf(tx, row.platform_id, deployment);
				if (total > 0 && !known) throw unknownDeployment();
				if (total === 0) {
					await tx.query('INSERT INTO deployments (platform_id, deployment_id) VALUES ($1, $2)', [
						row.platform_id,
						deployment
					]);
					adopted = true;
				}
			}
			await work(tx);
			return adopted;
		});
		// The administrator should be able to see which installation was trusted this way.
		if (recorded)
			console.log(
				`stepvisor-lti: recorded deployment ${JSON.stringify(deployment)} of platform #${row.platform_id} (${row.issuer}) from its first verified launch`
			);
	}

	interface LinkKey {
		platform_id: number;
		deployment_id: string;
		resource_link_id: string;
		subject: string;
	}

	interface LinkProgressRow {
		progress: Progress;
		last_score: Record<string, unknown> | null;
		last_lineitem_url: string | null;
	}

	/** A learner's progress in a course link, created empty on first use, locked until commit. */
	async function linkProgress(tx: Db, key: LinkKey): Promise<LinkProgressRow> {
		const params = [key.platform_id, key.deployment_id, key.resource_link_id, key.subject];
		await tx.query(
			`INSERT INTO link_progress (platform_id, deployment_id, resource_link_id, subject, progress)
			 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
			[...params, JSON.stringify(emptyProgress())]
		);
		const [row] = await tx.query<LinkProgressRow>(
			`SELECT progress, last_score, last_lineitem_url FROM link_progress
			 WHERE platform_id = $1 AND deployment_id = $2 AND resource_link_id = $3 AND subject = $4
			 FOR UPDATE`,
			params
		);
		return { ...row, progress: { ...emptyProgress(), ...row.progress } };
	}

	function checkedUrl(value: string, what: string): string {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw badRequest(`The ${what} is not a valid address.`);
		}
		const ok =
			url.protocol === 'https:' ||
			(url.protocol === 'http:' && options.allowLoopbackHttp && isLoopback(url.hostname));
		if (!ok || value.length > 2048) throw badRequest(`The ${what} is not an https address.`);
		return url.toString();
	}

	interface Target {
		animation: string | null;
		lesson: string | null;
		title: string;
		src: string;
		height: number;
	}

	/** What a resource link opens, from its custom parameters (set by the picker). */
	function launchTarget(custom: Record<string, unknown>): Target {
		const text = (name: string) =>
			typeof custom[name] === 'string' ? (custom[name] as string) : '';
		const step = text('step');
		const scenario = text('scenario');
		if (step && !/^\d{1,6}$/.test(step))
			throw badRequest('The link’s starting step is not a whole number.');
		if (scenario && (scenario.length > LIMIT_SCENARIO || !/^[A-Za-z0-9._~-]+$/.test(scenario)))
			throw badRequest('The link’s scenario is damaged or too long.');
		const animation = text('animation') ? catalog.animation(text('animation')) : undefined;
		if (animation) {
			const query = new URLSearchParams({ selfcheck: '1' });
			if (step) query.set('step', step);
			if (scenario && animation.model) query.set('scenario', scenario);
			return {
				animation: animation.id,
				lesson: animation.lesson,
				title: animation.title,
				src: `/embed/${animation.id}/?${query}`,
				height: animation.height + 420
			};
		}
		const lesson = text('lesson') ? catalog.lesson(text('lesson')) : undefined;
		if (lesson)
			return {
				animation: null,
				lesson: lesson.slug,
				title: lesson.title,
				src: `/lessons/${lesson.slug}/`,
				height: 1200
			};
		throw new Refusal(
			400,
			'Unknown activity',
			'This link names a lesson or animation Stepvisor does not have. Ask your instructor to choose it again.'
		);
	}

	// ---- Deep linking: the picker's answer ---------------------------------------------
	async function deepLinkReturn(request: IncomingMessage, response: ServerResponse) {
		const form = await formOf(request);
		const session = field(form, 'session', 200, true)!;
		const [launchRow] = await db.query<{
			id: string;
			platform_id: number;
			deployment_id: string;
			deep_linking: Record<string, unknown>;
			used_at: Date | null;
			issuer: string;
			client_id: string;
		}>(
			`SELECT l.id, l.platform_id, l.deployment_id, l.deep_linking, l.used_at, p.issuer, p.client_id
			 FROM launches l JOIN platforms p ON p.id = l.platform_id
			 WHERE l.token_hash = $1 AND l.message_type = 'LtiDeepLinkingRequest' AND l.expires_at > now()`,
			[hash(session)]
		);
		if (!launchRow)
			throw new Refusal(
				400,
				'This picker has expired',
				'Open the picker again from your course (it stays valid for an hour).'
			);
		if (launchRow.used_at)
			throw new Refusal(
				400,
				'Already added',
				'This picker already returned its choice to your course. Open it again to add another.'
			);
		const item = contentItem(form, launchRow.deep_linking);
		const { kid, key } = await signingKey(db);
		const settings = launchRow.deep_linking;
		const jwt = await new SignJWT({
			nonce: random(),
			[`${LTI}message_type`]: 'LtiDeepLinkingResponse',
			[`${LTI}version`]: '1.3.0',
			[`${LTI}deployment_id`]: launchRow.deployment_id,
			[`${DL}content_items`]: [item],
			...(typeof settings.data === 'string' && { [`${DL}data`]: settings.data })
		})
			.setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
			.setIssuer(launchRow.client_id)
			.setAudience(launchRow.issuer)
			.setIssuedAt()
			.setExpirationTime('5m')
			.sign(key);
		const marked = await db.query(
			'UPDATE launches SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id',
			[launchRow.id]
		);
		if (marked.length === 0)
			throw new Refusal(
				400,
				'Already added',
				'This picker already returned its choice to your course.'
			);
		const returnUrl = String(settings.deep_link_return_url);
		send(
			response,
			200,
			autoPostPage('Returning to your course', returnUrl, { JWT: jwt }),
			{},
			`'self' ${new URL(returnUrl).origin}`
		);
	}

	function contentItem(
		form: URLSearchParams,
		settings: Record<string, unknown>
	): Record<string, unknown> {
		const choice = field(form, 'item', 200, false);
		const stepText = field(form, 'step', 10, false);
		const link = field(form, 'scenario_link', 20_000, false);
		const graded = field(form, 'graded', 10, false) === '1';
		const maxText = field(form, 'max_score', 10, false) ?? '100';
		if (stepText !== null && !/^\d{1,6}$/.test(stepText))
			throw badRequest('The starting step must be a whole number from 0.');
		if (!/^\d{1,4}$/.test(maxText) || Number(maxText) < 1 || Number(maxText) > 1000)
			throw badRequest('The points must be a whole number from 1 to 1000.');
		let animation: CatalogAnimation | undefined;
		let lessonSlug: string | null = null;
		let scenario: string | null = null;
		if (link) {
			const fromLink = scenarioLink(link);
			animation = fromLink.animation;
			scenario = fromLink.scenario;
		} else if (choice?.startsWith('animation:')) {
			animation = catalog.animation(choice.slice('animation:'.length));
			if (!animation) throw badRequest('The chosen animation is not one Stepvisor offers.');
		} else if (choice?.startsWith('lesson:')) {
			lessonSlug = choice.slice('lesson:'.length);
			if (!catalog.lesson(lessonSlug))
				throw badRequest('The chosen lesson is not one Stepvisor offers.');
		} else {
			throw badRequest('Choose a lesson or an animation (or paste a scenario link).');
		}
		if (graded && !animation)
			throw badRequest('Only an animation can send a grade; a whole lesson cannot.');
		if (graded && settings.accept_lineitem === false)
			throw badRequest('This course does not accept grades from tools.');
		const custom: Record<string, string> = {};
		let title: string;
		let text: string;
		if (animation) {
			custom.animation = animation.id;
			title = animation.title;
			text = `Stepvisor animation from the lesson “${catalog.lesson(animation.lesson)?.title ?? animation.lesson}”.`;
		} else {
			const lesson = catalog.lesson(lessonSlug!)!;
			custom.lesson = lesson.slug;
			title = lesson.title;
			text = lesson.summary;
		}
		if (stepText && stepText !== '0') custom.step = String(Number(stepText));
		if (scenario) custom.scenario = scenario;
		return {
			type: 'ltiResourceLink',
			title,
			text,
			url: `${base}/lti/launch`,
			custom,
			...(graded && {
				lineItem: {
					scoreMaximum: Number(maxText),
					label: title,
					resourceId: animation!.id,
					tag: 'stepvisor'
				}
			})
		};
	}

	function scenarioLink(link: string): { animation: CatalogAnimation; scenario: string } {
		let url: URL;
		try {
			url = new URL(link);
		} catch {
			throw badRequest('The scenario link is not a valid address.');
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:')
			throw badRequest('The scenario link is not a web address.');
		const scenario = url.searchParams.get('scenario');
		if (!scenario)
			throw badRequest(
				'The link has no shared scenario in it (no “scenario=” part). Use an animation’s Share link.'
			);
		if (scenario.length > LIMIT_SCENARIO || !/^v1\.[A-Za-z0-9_-]+$/.test(scenario))
			throw badRequest('The shared scenario in this link is damaged or too long for an LMS link.');
		const embed = /\/embed\/([a-z0-9-]+)\/?$/.exec(url.pathname);
		const lesson = /\/lessons\/([a-z0-9-]+)\/?$/.exec(url.pathname);
		let animation: CatalogAnimation | undefined;
		if (embed) animation = catalog.animation(embed[1]);
		else if (lesson)
			animation = catalog.lesson(lesson[1])?.animations.find((a) => a.model !== null);
		if (!animation || !animation.model)
			throw badRequest('The link does not point at a Stepvisor animation that takes a scenario.');
		return { animation, scenario };
	}

	// ---- Progress reports from a launched activity → scores ----------------------------
	async function progress(request: IncomingMessage, response: ServerResponse) {
		if (request.method !== 'POST')
			throw new Refusal(405, 'Wrong method', 'This address takes a POST.');
		const auth = String(request.headers.authorization ?? '');
		const token = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(auth)?.[1];
		if (!token) return sendJson(response, 401, { error: 'no launch token' });
		if (!String(request.headers['content-type'] ?? '').startsWith('application/json'))
			return sendJson(response, 415, { error: 'JSON expected' });
		let body: Record<string, unknown>;
		try {
			const parsed = JSON.parse(await readBody(request, LIMIT_JSON));
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
			body = parsed;
		} catch (error) {
			if (error instanceof Refusal) return sendJson(response, 413, { error: 'too large' });
			return sendJson(response, 400, { error: 'malformed JSON' });
		}
		const result = await db.transaction(async (tx) => {
			const [row] = await tx.query<{
				platform_id: number;
				deployment_id: string;
				resource_link_id: string;
				subject: string;
				target: { animation: string | null; lesson: string | null };
				lineitem_url: string | null;
				score_scope: boolean;
			}>(
				`SELECT platform_id, deployment_id, resource_link_id, subject, target, lineitem_url, score_scope
				 FROM launches
				 WHERE token_hash = $1 AND message_type = 'LtiResourceLinkRequest' AND expires_at > now()`,
				[hash(token)]
			);
			if (!row || !row.lineitem_url || !row.score_scope || !row.target.animation || !row.subject)
				return { status: 401, body: { error: 'unknown or ungraded launch' } };
			const animation = catalog.animation(row.target.animation)!;
			const questions = catalog.lesson(animation.lesson)?.questions ?? [];
			const stored = await linkProgress(tx, row);
			const state = stored.progress;
			const ok = applyEvent(state, animation.id, body, questions);
			if (!ok) return { status: 400, body: { error: 'not an event Stepvisor sends' } };
			const outcome = outcomeOf(state, [animation.id], questions, 0);
			const allAnswered = questions.length === 0 || outcome.answered === questions.length;
			const scorePercent =
				outcome.score ?? (questions.length === 0 && outcome.animationsDone ? 100 : null);
			// Only a finished activity is reported, never an "in progress" score: Moodle turns
			// a Pending score into an empty grade (it can only clear one), and Canvas makes every
			// score a new submission by default, so each intermediate post would use up an
			// attempt and mark the work submitted before the student finished.
			const score =
				outcome.animationsDone && allAnswered && scorePercent !== null
					? ({
							userId: row.subject,
							scoreGiven: scorePercent,
							scoreMaximum: 100,
							activityProgress: 'Completed',
							gradingProgress: 'FullyGraded'
						} as const)
					: null;
			// The last score queued is what the LMS holds (or soon will: the queue retries).
			// Progress only grows, so a later score is never lower; the check keeps it so even
			// if the link was switched to another animation.
			const last = stored.last_score;
			const lastGiven =
				last?.gradingProgress === 'FullyGraded' && typeof last.scoreGiven === 'number'
					? last.scoreGiven
					: null;
			const queue =
				score !== null &&
				(stored.last_lineitem_url !== row.lineitem_url ||
					lastGiven === null ||
					score.scoreGiven > lastGiven);
			await tx.query(
				`UPDATE link_progress SET progress = $5, updated_at = now()${
					queue ? ', last_score = $6, last_lineitem_url = $7' : ''
				}
				 WHERE platform_id = $1 AND deployment_id = $2 AND resource_link_id = $3 AND subject = $4`,
				[
					row.platform_id,
					row.deployment_id,
					row.resource_link_id,
					row.subject,
					JSON.stringify(state),
					...(queue ? [JSON.stringify(score), row.lineitem_url] : [])
				]
			);
			if (queue) {
				// A better score on a line item already graded corrects that grade. Canvas would
				// otherwise count it as a new submission, which an assignment with limited
				// attempts refuses; other platforms ignore the extension.
				const regrade = lastGiven !== null && stored.last_lineitem_url === row.lineitem_url;
				const payload: ScorePayload = {
					...score,
					timestamp: new Date().toISOString(),
					...(regrade && { [CANVAS_SUBMISSION]: { new_submission: false } })
				};
				await enqueueScore(tx, row.platform_id, row.lineitem_url, payload);
			}
			return { status: 200, body: { queued: queue, score } };
		});
		sendJson(response, result.status, result.body);
		if (result.status === 200 && (result.body as { queued?: boolean }).queued)
			void sender.runOnce().catch(() => undefined);
	}

	function applyEvent(
		state: Progress,
		animation: string,
		body: Record<string, unknown>,
		questions: string[]
	): boolean {
		const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e7;
		if (body.event === 'step' && int(body.step) && int(body.total)) {
			recordStep(state, animation, body.step as number, body.total as number);
			return true;
		}
		if (body.event === 'complete' && int(body.total) && (body.total as number) > 0) {
			recordStep(state, animation, (body.total as number) - 1, body.total as number);
			return true;
		}
		if (
			body.event === 'answer' &&
			typeof body.question === 'string' &&
			typeof body.correct === 'boolean'
		) {
			const question = body.question;
			const bare = question.slice(question.indexOf('/') + 1);
			if (question.length > 200 || !questions.includes(bare)) return false;
			// Answering again on a later visit (the embed does not keep answers) can only help.
			if (state.results[question] !== true) recordAnswer(state, question, body.correct);
			return true;
		}
		return false;
	}

	// ---- Dynamic Registration -----------------------------------------------------------
	async function dynamicRegistration(request: IncomingMessage, response: ServerResponse, url: URL) {
		await rateLimit(request, 'register');
		// Only the holder of the operator's key may change an existing registration.
		const keyed = Boolean(options.registrationKey);
		if (options.registrationKey) {
			const key = url.searchParams.get('key') ?? '';
			if (!sameText(key, options.registrationKey))
				throw new Refusal(
					403,
					'Registration needs a key',
					'This Stepvisor server accepts registrations only at the address its administrator gave out (with its key).'
				);
		}
		const configUrl = checkedUrl(
			field(url.searchParams, 'openid_configuration', 2048, true)!,
			'openid_configuration address'
		);
		const registrationToken = field(url.searchParams, 'registration_token', 8192, false);
		const config = (await fetchJson(configUrl, { method: 'GET' })) as Record<string, unknown>;
		const str = (name: string) => {
			const value = config[name];
			if (typeof value !== 'string')
				throw new Refusal(502, 'Registration failed', `The LMS's configuration has no “${name}”.`);
			return value;
		};
		const issuer = str('issuer');
		const authUrl = checkedUrl(str('authorization_endpoint'), 'authorization endpoint');
		const tokenUrl = checkedUrl(str('token_endpoint'), 'token endpoint');
		const jwksUrl = checkedUrl(str('jwks_uri'), 'JWKS address');
		const registrationUrl = checkedUrl(str('registration_endpoint'), 'registration endpoint');
		// LTI Dynamic Registration 1.0 §3.5.1: the configuration must be served from the
		// issuer's own origin. Anyone can publish a configuration that claims an issuer;
		// only the issuer's site can publish one at its address.
		if (!URL.canParse(issuer) || new URL(issuer).origin !== new URL(configUrl).origin)
			throw new Refusal(
				502,
				'Registration failed',
				`The LMS configuration names the issuer “${issuer.slice(0, 200)}”, but it was not served from that issuer’s address (scheme, host and port must be the same).`
			);
		const host = new URL(base).host;
		const toolConfig = {
			application_type: 'web',
			response_types: ['id_token'],
			grant_types: ['implicit', 'client_credentials'],
			initiate_login_uri: `${base}/lti/login`,
			redirect_uris: [`${base}/lti/launch`],
			client_name: 'Stepvisor',
			jwks_uri: `${base}/lti/jwks`,
			// A PNG from static/ (the web manifest's icon): LMSs show the logo as an <img>,
			// and not every one accepts SVG.
			logo_uri: `${base}/icon-192.png`,
			token_endpoint_auth_method: 'private_key_jwt',
			scope: SCORE_SCOPE,
			[TOOL_CONFIG]: {
				domain: host,
				target_link_uri: `${base}/lti/launch`,
				description:
					'Step-through animations of how virtual machines and containers isolate software.',
				claims: ['iss', 'sub', 'name'],
				// Canvas offers a tool only where its messages' placements say (ContentArea is
				// its link_selection, for module items); Moodle reads the deep-linking message's
				// address and ignores placements. The deep-linking message comes first: Canvas
				// gives each placement to the first message naming it, and it counts a message
				// without placements as link_selection.
				messages: [
					{
						type: 'LtiDeepLinkingRequest',
						target_link_uri: `${base}/lti/launch`,
						label: 'Stepvisor',
						placements: ['ContentArea', `${CANVAS_PLACEMENT}assignment_selection`]
					},
					{ type: 'LtiResourceLinkRequest', target_link_uri: `${base}/lti/launch` }
				]
			}
		};
		const answer = (await fetchJson(registrationUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				...(registrationToken && { Authorization: `Bearer ${registrationToken}` })
			},
			body: JSON.stringify(toolConfig)
		})) as Record<string, unknown>;
		const clientId = answer.client_id;
		const deployment = (answer[TOOL_CONFIG] as Record<string, unknown> | undefined)?.deployment_id;
		if (typeof clientId !== 'string' || !clientId || clientId.length > 255)
			throw new Refusal(502, 'Registration failed', 'The LMS did not give Stepvisor a client id.');
		if (deployment !== undefined && (typeof deployment !== 'string' || deployment.length > 255))
			throw new Refusal(502, 'Registration failed', 'The LMS gave a malformed deployment id.');
		const platformName =
			typeof (
				config['https://purl.imsglobal.org/spec/lti-platform-configuration'] as
					Record<string, unknown> | undefined
			)?.product_family_code === 'string'
				? String(
						(
							config['https://purl.imsglobal.org/spec/lti-platform-configuration'] as Record<
								string,
								unknown
							>
						).product_family_code
					)
				: '';
		try {
			await registerPlatform(
				db,
				{
					issuer,
					clientId,
					authUrl,
					tokenUrl,
					jwksUrl,
					name: platformName,
					deployments: typeof deployment === 'string' ? [deployment] : []
				},
				{ replace: keyed }
			);
		} catch (error) {
			if (!(error instanceof RegistrationConflict)) throw error;
			throw new Refusal(
				409,
				'Already registered',
				`Your LMS (issuer “${issuer.slice(0, 200)}”) is already registered here with client id “${clientId.slice(0, 100)}” and other addresses. Stepvisor does not let a registration change them: ask the Stepvisor administrator to update them with \`npm run lti -- register\` (see docs/lti.md).`
			);
		}
		send(
			response,
			200,
			page({
				title: 'Stepvisor is registered',
				scripts: ['registered.js'],
				body: `<h1>Stepvisor is registered</h1><p>Your LMS can now add Stepvisor activities. You can close this window.</p>`
			})
		);
	}

	async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
		let response: Response;
		try {
			response = await fetcher(url, {
				...init,
				redirect: 'error',
				signal: AbortSignal.timeout(8000)
			});
		} catch {
			throw new Refusal(
				502,
				'Registration failed',
				`Stepvisor could not reach your LMS at ${url}.`
			);
		}
		const text = await response.text();
		if (!response.ok)
			throw new Refusal(
				502,
				'Registration failed',
				`Your LMS answered ${response.status}: ${text.slice(0, 200)}`
			);
		if (text.length > 256 * 1024)
			throw new Refusal(502, 'Registration failed', 'Your LMS sent an oversized answer.');
		try {
			return JSON.parse(text);
		} catch {
			throw new Refusal(502, 'Registration failed', 'Your LMS sent an answer that is not JSON.');
		}
	}

	// ---- Static files ---------------------------------------------------------------
	/**
	 * The decoded path of a request for a file, or null when it must be refused, as
	 * scripts/serve.js does: an encoded separator (%2f, %5c), a backslash, a NUL or a dot
	 * segment names no file of the site. `rawPath` is the path as the client sent it,
	 * before URL normalization.
	 */
	function safePath(rawPath: string): string | null {
		if (!rawPath.startsWith('/') || /%(2f|5c|00)|\\/i.test(rawPath)) return null;
		let decoded: string;
		try {
			decoded = decodeURIComponent(rawPath);
		} catch {
			return null;
		}
		if (decoded.includes('\0') || decoded.includes('\\')) return null;
		if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return null;
		return decoded;
	}

	/**
	 * `decoded` has passed `safePath`; `locate` never leaves the folder either. Pages
	 * are folders (`lessons/layers/index.html`): `/lessons/layers` is redirected to
	 * `/lessons/layers/` (308, query kept), as scripts/serve.js and plain static
	 * hosts do. `prefix` is where the folder is served from (`/lti/assets`).
	 */
	function serveFile(
		response: ServerResponse,
		rootDir: string,
		decoded: string,
		fallback404: boolean,
		query = '',
		prefix = ''
	) {
		const root = resolve(rootDir);
		const found = locate(root, decoded);
		response.setHeader('X-Content-Type-Options', 'nosniff');
		response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
		// Served through an LMS, lessons and embeds both live inside the LMS's frame.
		response.setHeader('Content-Security-Policy', 'frame-ancestors *');
		if (found && 'redirect' in found) {
			response.statusCode = 308;
			response.setHeader('Location', prefix + found.redirect + query);
			response.end();
			return;
		}
		const file = found?.file ?? null;
		const target =
			file ?? (fallback404 && existsSync(join(root, '404.html')) ? join(root, '404.html') : null);
		response.statusCode = file ? 200 : 404;
		if (!target) {
			response.setHeader('Content-Type', 'text/plain; charset=utf-8');
			response.end('Not found');
			return;
		}
		response.setHeader('Content-Type', contentTypeOf(extname(target)));
		if (target.includes(`${join(root, '_app', 'immutable')}`))
			response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
		createReadStream(target).pipe(response);
	}

	async function route(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const path = url.pathname;
		switch (path) {
			case '/lti/jwks':
				return sendJson(response, 200, await publicJwks(db, overlap));
			case '/lti/login':
				return login(request, response, url);
			case '/lti/launch':
				return launch(request, response);
			case '/lti/deep-link':
				return deepLinkReturn(request, response);
			case '/lti/progress':
				return progress(request, response);
			case '/lti/register':
				return dynamicRegistration(request, response, url);
		}
		const decoded = safePath((request.url ?? '/').split(/[?#]/, 1)[0]);
		if (decoded === null) {
			response.statusCode = 400;
			response.setHeader('Content-Type', 'text/plain; charset=utf-8');
			response.setHeader('X-Content-Type-Options', 'nosniff');
			response.end('Bad request: encoded separators and dot segments are not allowed in paths.\n');
			return;
		}
		const query = /\?[^#]*/.exec(request.url ?? '')?.[0] ?? '';
		if (decoded.startsWith('/lti/assets/'))
			return serveFile(
				response,
				ASSETS,
				decoded.slice('/lti/assets'.length),
				false,
				query,
				'/lti/assets'
			);
		if (request.method !== 'GET' && request.method !== 'HEAD')
			throw new Refusal(405, 'Wrong method', 'This address only serves pages.');
		return serveFile(response, siteRoot, decoded, true, query);
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		try {
			await route(request, response);
		} catch (error) {
			if (error instanceof Refusal) {
				if (request.url?.startsWith('/lti/progress'))
					return sendJson(response, error.status, { error: error.message });
				send(
					response,
					error.status,
					errorPage(error.title, error.message, error.extra),
					error.headers
				);
				// Drain what the client still sends, so it sees our answer and not a reset.
				request.resume();
				return;
			}
			// Never log request data or keys: only that something failed, and where.
			console.error(
				`stepvisor-lti: ${request.method} ${new URL(request.url ?? '/', 'http://x').pathname} failed: ${(error as Error).name}`
			);
			if (!response.headersSent)
				send(
					response,
					500,
					errorPage(
						'Something went wrong',
						'Stepvisor could not finish this request. Try again in a minute.'
					)
				);
		}
	}

	return {
		handle,
		sender,
		async init() {
			await ensureKeys(db);
		}
	};
}

export type LtiApp = ReturnType<typeof createLtiApp>;
