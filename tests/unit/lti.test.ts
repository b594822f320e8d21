/**
 * The LTI 1.3 tool end to end, against a test platform of our own (tests/lti):
 * registration → instructor login → deep-linking picker → deep-linking response →
 * student launch → score posted to the line item; then every bad case, each refused
 * with an error page and no change to the database. Runs on PGlite, and on the
 * PostgreSQL at DATABASE_URL (which .ci/run starts).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
	createLtiApp,
	CANVAS_PLACEMENT,
	DL,
	LTI,
	AGS_ENDPOINT,
	TOOL_CONFIG,
	type LtiApp
} from '../../server/lti/app';
import { SCORE_SCOPE, scoresUrl } from '../../server/lti/ags';
import { loadCatalog, type Catalog } from '../../server/lti/catalog';
import { migrate, openDb, type Db } from '../../server/lti/db';
import { rotateKeys } from '../../server/lti/keys';
import { registerPlatform } from '../../server/lti/platforms';
import {
	CLIENT_ID,
	DEPLOYMENT_ID,
	REGISTRATION_TOKEN,
	startPlatform,
	type TestPlatform
} from '../lti/test-platform';

interface Variant {
	name: string;
	open: () => Promise<Db>;
	schema?: string;
}

const databaseUrl = process.env.DATABASE_URL;
const schema = `lti_test_${process.pid}_${Date.now() % 100000}`;
const variants: Variant[] = [{ name: 'PGlite', open: () => openDb({}) }];
if (databaseUrl) {
	variants.push({ name: 'PostgreSQL', open: () => openDb({ databaseUrl, schema }), schema });
} else {
	const reason = 'DATABASE_URL is not set; .ci/run starts a PostgreSQL and sets it';
	test(`LTI on PostgreSQL (skipped: ${reason})`, () => {
		// Under .ci/run the PostgreSQL variant must run: a missing DATABASE_URL is a failure.
		expect(process.env.STEPVISOR_REQUIRE_POSTGRES, '.ci/run must provide DATABASE_URL').toBeFalsy();
		console.warn(`LTI tests on PostgreSQL did not run: ${reason}`);
	});
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
const hidden = (html: string, name: string) =>
	new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

describe.each(variants)('LTI tool on $name', (variant) => {
	let platform: TestPlatform;
	let db: Db;
	let app: LtiApp;
	let catalog: Catalog;
	let base = '';
	const servers: Server[] = [];
	const site = mkdtempSync(join(tmpdir(), 'stepvisor-lti-site-'));
	writeFileSync(join(site, 'index.html'), '<!doctype html><title>Stepvisor</title>');
	// A page, as the build writes every page: a folder with its index.html.
	mkdirSync(join(site, 'embed', 'layers'), { recursive: true });
	writeFileSync(
		join(site, 'embed', 'layers', 'index.html'),
		'<!doctype html><title>Layers</title>'
	);
	// A directory next to the site whose name starts with the site's (build-old, build.bak…).
	const sibling = `${site}-old`;
	mkdirSync(sibling);
	writeFileSync(join(sibling, 'secret.txt'), 'DATABASE_URL=postgres://admin:hunter2@db/x');

	async function startTool(overrides: Partial<Parameters<typeof createLtiApp>[0]> = {}) {
		let handler: LtiApp | null = null;
		const server = createServer((q, s) => void handler!.handle(q, s));
		servers.push(server);
		const url = await listen(server);
		handler = createLtiApp({
			db,
			catalog,
			baseUrl: url,
			siteDir: site,
			allowLoopbackHttp: true,
			rateLimit: { requests: 1000, windowSeconds: 60 },
			retry: { baseMs: 100, maxMs: 1000, maxAttempts: 5 },
			...overrides
		});
		await handler.init();
		return { app: handler, url };
	}

	beforeAll(async () => {
		[platform, db, catalog] = await Promise.all([
			startPlatform(),
			variant.open(),
			loadCatalog(process.cwd())
		]);
		({ app, url: base } = await startTool());
		platform.toolJwksUrl = `${base}/lti/jwks`;
		// Starting PGlite (WebAssembly) takes seconds on a busy machine.
	}, 180_000);

	afterAll(async () => {
		await app?.sender.stop();
		for (const server of servers) server.close();
		await platform?.close();
		if (variant.schema) await db?.query(`DROP SCHEMA ${variant.schema} CASCADE`);
		await db?.close();
		rmSync(site, { recursive: true, force: true });
		rmSync(sibling, { recursive: true, force: true });
	});

	async function startLogin(extra: Record<string, string> = {}, url = base) {
		const query = new URLSearchParams({
			iss: platform.issuer,
			login_hint: 'user-hint',
			target_link_uri: `${url}/lti/launch`,
			client_id: CLIENT_ID,
			lti_message_hint: 'message-hint',
			...extra
		});
		const response = await fetch(`${url}/lti/login?${query}`, { redirect: 'manual' });
		const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		const location = response.headers.get('location');
		const auth = location ? new URL(location) : null;
		return {
			response,
			cookie,
			state: auth?.searchParams.get('state') ?? '',
			nonce: auth?.searchParams.get('nonce') ?? '',
			auth
		};
	}

	function postLaunch(fields: Record<string, string>, cookie?: string) {
		return fetch(`${base}/lti/launch`, {
			method: 'POST',
			headers: { ...form, ...(cookie && { Cookie: cookie }) },
			body: new URLSearchParams(fields),
			redirect: 'manual'
		});
	}

	const deepLinkClaims = (nonce: string) => ({
		nonce,
		sub: 'teacher-1',
		[`${LTI}message_type`]: 'LtiDeepLinkingRequest',
		[`${LTI}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
		[`${DL}deep_linking_settings`]: {
			deep_link_return_url: `${platform.url}/deep-link-return`,
			accept_types: ['ltiResourceLink'],
			accept_presentation_document_targets: ['iframe', 'window'],
			accept_lineitem: true,
			data: 'opaque-platform-data'
		}
	});

	const studentClaims = (nonce: string, custom: Record<string, string>, sub = 'student-42') => ({
		nonce,
		sub,
		[`${LTI}message_type`]: 'LtiResourceLinkRequest',
		[`${LTI}resource_link`]: { id: 'resource-link-1' },
		[`${LTI}custom`]: custom,
		[AGS_ENDPOINT]: { scope: [SCORE_SCOPE], lineitem: platform.lineitem }
	});

	async function counts() {
		const tables = [
			'platforms',
			'deployments',
			'login_states',
			'used_nonces',
			'launches',
			'score_queue'
		];
		const out: Record<string, number> = {};
		for (const table of tables)
			out[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
		return out;
	}

	async function studentLaunch(custom: Record<string, string>, sub?: string) {
		const login = await startLogin();
		const idToken = await platform.idToken(studentClaims(login.nonce, custom, sub));
		const response = await postLaunch({ id_token: idToken, state: login.state }, login.cookie);
		const html = await response.text();
		const token = /"token":"([^"]+)"/.exec(html)?.[1] ?? '';
		return { response, html, token };
	}

	function report(token: string, event: Record<string, unknown>) {
		return fetch(`${base}/lti/progress`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
			body: JSON.stringify(event)
		});
	}

	/** Steps the animation to its end and answers every question; `wrong` lists answers given wrong. */
	async function finish(token: string, animation: string, wrong: number[] = []) {
		const lesson = catalog.lesson(catalog.animation(animation)!.lesson)!;
		expect((await report(token, { event: 'complete', total: 5 })).status).toBe(200);
		for (const [index, question] of lesson.questions.entries()) {
			const answer = await report(token, {
				event: 'answer',
				question: `${lesson.slug}/${question}`,
				correct: !wrong.includes(index)
			});
			expect(answer.status).toBe(200);
		}
	}

	const scoresOf = (userId: string) => platform.scores.filter((s) => s.userId === userId);

	/** A GET with the path exactly as given (fetch would normalize dot segments away). */
	function rawGet(path: string): Promise<{ status: number; body: string; location?: string }> {
		const url = new URL(base);
		return new Promise((resolve, reject) => {
			const request = httpRequest(
				{ host: url.hostname, port: url.port, path, method: 'GET' },
				(response) => {
					let body = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => (body += chunk));
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, body, location: response.headers.location })
					);
				}
			);
			request.on('error', reject);
			request.end();
		});
	}

	/** Lets the score worker finish what is due (bounded). */
	async function drainScores() {
		for (let i = 0; i < 20; i++) {
			await app.sender.runOnce();
			const [{ n }] = await db.query<{ n: number }>(
				"SELECT count(*)::int AS n FROM score_queue WHERE status = 'pending'"
			);
			if (n === 0) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	test('Dynamic Registration registers the platform and its deployment', async () => {
		const query = new URLSearchParams({
			openid_configuration: `${platform.url}/.well-known/openid-configuration`,
			registration_token: REGISTRATION_TOKEN
		});
		const response = await fetch(`${base}/lti/register?${query}`);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Stepvisor is registered');
		const sent = platform.registrations[0];
		expect(sent.jwks_uri).toBe(`${base}/lti/jwks`);
		expect(sent.initiate_login_uri).toBe(`${base}/lti/login`);
		expect(sent.token_endpoint_auth_method).toBe('private_key_jwt');
		// The logo is a file the build has (the build copies static/ as it is).
		const logo = new URL(sent.logo_uri as string);
		expect(logo.origin).toBe(base);
		expect(existsSync(join(process.cwd(), 'static', logo.pathname))).toBe(true);
		// Canvas offers the tool for module items (ContentArea) and assignments only when
		// the deep-linking message names those placements.
		const messages = (sent[TOOL_CONFIG] as { messages: Record<string, unknown>[] }).messages;
		expect(messages[0]).toMatchObject({
			type: 'LtiDeepLinkingRequest',
			placements: ['ContentArea', `${CANVAS_PLACEMENT}assignment_selection`]
		});
		const rows = await db.query<{ client_id: string; deployment_id: string }>(
			'SELECT p.client_id, d.deployment_id FROM platforms p JOIN deployments d ON d.platform_id = p.id'
		);
		expect(rows).toEqual([{ client_id: CLIENT_ID, deployment_id: DEPLOYMENT_ID }]);
	});

	test('a registration with a wrong token or an unreachable LMS is refused', async () => {
		const before = await counts();
		const wrongToken = new URLSearchParams({
			openid_configuration: `${platform.url}/.well-known/openid-configuration`,
			registration_token: 'nope'
		});
		const refused = await fetch(`${base}/lti/register?${wrongToken}`);
		expect(refused.status).toBe(502);
		expect(await refused.text()).toContain('Your LMS answered 401');
		const foreign = await fetch(
			`${base}/lti/register?openid_configuration=${encodeURIComponent('http://example.com/config')}`
		);
		expect(foreign.status).toBe(400);
		expect(await foreign.text()).toContain('not an https address');
		expect(await counts()).toEqual(before);
	});

	test('the JWKS publishes one public signing key and no private part', async () => {
		const jwks = (await (await fetch(`${base}/lti/jwks`)).json()) as {
			keys: Record<string, string>[];
		};
		expect(jwks.keys).toHaveLength(1);
		expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
		expect(jwks.keys[0].d).toBeUndefined();
	});

	test('login → deep linking → student launch → score in the gradebook', async () => {
		// Instructor: the login initiation redirects to the platform with state and nonce.
		const login = await startLogin();
		expect(login.response.status).toBe(302);
		expect(`${login.auth?.origin}${login.auth?.pathname}`).toBe(`${platform.url}/auth`);
		expect(login.auth?.searchParams.get('redirect_uri')).toBe(`${base}/lti/launch`);
		expect(login.auth?.searchParams.get('lti_message_hint')).toBe('message-hint');

		const picker = await postLaunch(
			{ id_token: await platform.idToken(deepLinkClaims(login.nonce)), state: login.state },
			login.cookie
		);
		expect(picker.status).toBe(200);
		const pickerHtml = await picker.text();
		for (const lesson of catalog.lessons) {
			expect(pickerHtml).toContain(`value="lesson:${lesson.slug}"`);
			for (const animation of lesson.animations)
				expect(pickerHtml).toContain(`value="animation:${animation.id}"`);
		}
		expect(catalog.lessons.length).toBeGreaterThanOrEqual(7);

		const session = hidden(pickerHtml, 'session')!;
		const chosen = await fetch(`${base}/lti/deep-link`, {
			method: 'POST',
			headers: form,
			body: new URLSearchParams({
				session,
				item: 'animation:layers',
				step: '3',
				graded: '1',
				max_score: '10'
			})
		});
		expect(chosen.status).toBe(200);
		const returnHtml = await chosen.text();
		expect(returnHtml).toContain(`action="${platform.url}/deep-link-return"`);
		const response = await platform.readDeepLinkResponse(hidden(returnHtml, 'JWT')!);
		expect(response[`${LTI}message_type`]).toBe('LtiDeepLinkingResponse');
		expect(response[`${LTI}deployment_id`]).toBe(DEPLOYMENT_ID);
		expect(response[`${DL}data`]).toBe('opaque-platform-data');
		const [item] = response[`${DL}content_items`] as Record<string, unknown>[];
		expect(item).toMatchObject({
			type: 'ltiResourceLink',
			url: `${base}/lti/launch`,
			custom: { animation: 'layers', step: '3' },
			lineItem: { scoreMaximum: 10, resourceId: 'layers' }
		});

		// Student: the link opens the animation at step 3, with its self-check.
		const student = await studentLaunch(item.custom as Record<string, string>);
		expect(student.response.status).toBe(200);
		expect(student.html).toContain('src="/embed/layers/?selfcheck=1&amp;step=3"');
		expect(student.token).not.toBe('');

		const questions = catalog.lesson('layers')!.questions;
		expect(questions.length).toBeGreaterThan(1);
		expect((await report(student.token, { event: 'complete', total: 12 })).status).toBe(200);
		for (const [index, question] of questions.entries()) {
			const answer = await report(student.token, {
				event: 'answer',
				question: `layers/${question}`,
				correct: index > 0
			});
			expect(answer.status).toBe(200);
		}
		await drainScores();
		const final = platform.scores.at(-1)!;
		expect(final).toMatchObject({
			userId: 'student-42',
			scoreGiven: Math.round((100 * (questions.length - 1)) / questions.length),
			scoreMaximum: 100,
			activityProgress: 'Completed',
			gradingProgress: 'FullyGraded'
		});
		expect(Date.parse(final.timestamp as string)).not.toBeNaN();
		// Nothing went out before the last answer: no "in progress" score, which Moodle
		// would store as an empty grade and Canvas as a new submission.
		expect(scoresOf('student-42')).toHaveLength(1);
	});

	test('a score waits in the database while the platform is down, then arrives once', async () => {
		const student = await studentLaunch({ animation: 'vms-and-containers' }, 'student-99');
		platform.down = true;
		await finish(student.token, 'vms-and-containers');
		await app.sender.runOnce();
		await app.sender.runOnce();
		const [waiting] = await db.query<{ status: string; attempts: number; last_error: string }>(
			"SELECT status, attempts, last_error FROM score_queue WHERE payload->>'userId' = 'student-99'"
		);
		expect(waiting.status).toBe('pending');
		expect(waiting.attempts).toBeGreaterThanOrEqual(1);
		expect(waiting.last_error).toMatch(/503/);
		platform.down = false;
		for (let i = 0; i < 40; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			await app.sender.runOnce();
			if (platform.scores.some((s) => s.userId === 'student-99')) break;
		}
		expect(platform.scores.filter((s) => s.userId === 'student-99')).toHaveLength(1);
		const [sent] = await db.query<{ status: string }>(
			"SELECT status FROM score_queue WHERE payload->>'userId' = 'student-99'"
		);
		expect(sent.status).toBe('sent');
	});

	test('a relaunch resumes the learner’s progress and never lowers or clears the grade', async () => {
		const sub = 'student-relaunch';
		const questions = catalog.lesson('cgroups')!.questions;
		const first = await studentLaunch({ animation: 'cgroups' }, sub);
		expect(first.html).not.toContain('earlier progress');
		// The first visit ends with one question wrong.
		await finish(first.token, 'cgroups', [0]);
		await drainScores();
		const partial = Math.round((100 * (questions.length - 1)) / questions.length);
		expect(scoresOf(sub).at(-1)).toMatchObject({
			scoreGiven: partial,
			gradingProgress: 'FullyGraded'
		});
		const firstVisit = scoresOf(sub).length;

		// A second visit to review: the embed remembers no answers and starts at step 0.
		const second = await studentLaunch({ animation: 'cgroups' }, sub);
		const review = await report(second.token, { event: 'complete', total: 9 });
		expect(await review.json()).toMatchObject({ queued: false });
		const worse = await report(second.token, {
			event: 'answer',
			question: `cgroups/${questions[1]}`,
			correct: false
		});
		expect(await worse.json()).toMatchObject({ queued: false });
		await drainScores();
		expect(scoresOf(sub).slice(firstVisit)).toEqual([]);
		// Answering the missed question right raises the grade.
		const better = await report(second.token, {
			event: 'answer',
			question: `cgroups/${questions[0]}`,
			correct: true
		});
		expect(await better.json()).toMatchObject({ queued: true });
		await drainScores();

		const third = await studentLaunch({ animation: 'cgroups' }, sub);
		await report(third.token, { event: 'complete', total: 9 });
		await drainScores();
		expect(scoresOf(sub).slice(firstVisit)).toMatchObject([
			{ scoreGiven: 100, gradingProgress: 'FullyGraded', activityProgress: 'Completed' }
		]);
		// The better score corrects the graded one: for Canvas, not a new submission (an
		// assignment with limited attempts refuses one); the first score is a submission.
		expect(scoresOf(sub).at(-1)).toMatchObject({
			'https://canvas.instructure.com/lti/submission': { new_submission: false }
		});
		expect(scoresOf(sub)[firstVisit - 1]).not.toHaveProperty([
			'https://canvas.instructure.com/lti/submission'
		]);
		expect(scoresOf(sub)).toHaveLength(firstVisit + 1);
		// The page tells the student their earlier answers still count.
		expect(second.html).toContain('earlier progress here is kept');
		const rows = await db.query<{ resource_link_id: string }>(
			'SELECT resource_link_id FROM link_progress WHERE subject = $1',
			[sub]
		);
		expect(rows).toEqual([{ resource_link_id: 'resource-link-1' }]);
	});

	test('Dynamic Registration needs the configuration on the issuer’s own origin', async () => {
		const before = await counts();
		const config = `${platform.url}/.well-known/openid-configuration`;
		// Same host, another port (and another host under the same last two labels).
		for (const issuer of ['http://127.0.0.1:1', 'http://localhost.0.1', 'not a url']) {
			platform.configOverrides = { issuer };
			try {
				const query = new URLSearchParams({
					openid_configuration: config,
					registration_token: REGISTRATION_TOKEN
				});
				const response = await fetch(`${base}/lti/register?${query}`);
				expect(response.status, issuer).toBe(502);
				expect(await response.text()).toMatch(/not served from that issuer/);
			} finally {
				platform.configOverrides = {};
			}
		}
		expect(await counts()).toEqual(before);
	});

	test('a registration cannot change the addresses of a registered platform', async () => {
		const addresses = () =>
			db.query<{ auth_url: string; jwks_url: string }>(
				'SELECT auth_url, jwks_url FROM platforms WHERE issuer = $1 AND client_id = $2',
				[platform.issuer, CLIENT_ID]
			);
		const registered = await addresses();
		expect(registered).toEqual([
			{ auth_url: `${platform.url}/auth`, jwks_url: `${platform.url}/jwks` }
		]);
		const query = new URLSearchParams({
			openid_configuration: `${platform.url}/.well-known/openid-configuration`,
			registration_token: REGISTRATION_TOKEN
		});
		const before = await counts();
		platform.configOverrides = {
			authorization_endpoint: `${platform.url}/other-auth`,
			jwks_uri: `${platform.url}/other-jwks`
		};
		try {
			const refused = await fetch(`${base}/lti/register?${query}`);
			expect(refused.status).toBe(409);
			expect(await refused.text()).toMatch(/already registered here/);
			expect(await addresses()).toEqual(registered);
			expect(await counts()).toEqual(before);
			// The operator's registration key may change them.
			const keyed = await startTool({ registrationKey: 'operator-key' });
			const allowed = await fetch(`${keyed.url}/lti/register?${query}&key=operator-key`);
			expect(allowed.status).toBe(200);
			expect(await addresses()).toEqual([
				{ auth_url: `${platform.url}/other-auth`, jwks_url: `${platform.url}/other-jwks` }
			]);
		} finally {
			platform.configOverrides = {};
			await db.query(
				'UPDATE platforms SET auth_url = $3, jwks_url = $4 WHERE issuer = $1 AND client_id = $2',
				[platform.issuer, CLIENT_ID, registered[0].auth_url, registered[0].jwks_url]
			);
		}
		// The same addresses again change nothing, and are not refused.
		const again = await fetch(`${base}/lti/register?${query}`);
		expect(again.status).toBe(200);
		expect(await addresses()).toEqual(registered);
	});

	test('after a registration that names no deployment (Canvas), the first launch records it', async () => {
		const canvas = await startPlatform();
		const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
		try {
			canvas.registrationDeployment = null;
			canvas.toolJwksUrl = `${base}/lti/jwks`;
			const query = new URLSearchParams({
				openid_configuration: `${canvas.url}/.well-known/openid-configuration`,
				registration_token: REGISTRATION_TOKEN
			});
			expect((await fetch(`${base}/lti/register?${query}`)).status).toBe(200);
			const deployments = () =>
				db.query<{ deployment_id: string }>(
					'SELECT d.deployment_id FROM deployments d JOIN platforms p ON p.id = d.platform_id WHERE p.issuer = $1',
					[canvas.issuer]
				);
			expect(await deployments()).toEqual([]);

			const launchFrom = async (deployment: string, beforeLaunch = async () => {}) => {
				const login = await startLogin({ iss: canvas.issuer });
				const idToken = await canvas.idToken({
					...studentClaims(login.nonce, { animation: 'layers' }, 'canvas-student'),
					[`${LTI}deployment_id`]: deployment
				});
				await beforeLaunch();
				return postLaunch({ id_token: idToken, state: login.state }, login.cookie);
			};
			const first = await launchFrom('canvas-deployment-7');
			expect(first.status).toBe(200);
			expect(await first.text()).toContain('/embed/layers/?selfcheck=1');
			expect(await deployments()).toEqual([{ deployment_id: 'canvas-deployment-7' }]);
			expect(log.mock.calls.flat().join('\n')).toMatch(
				/recorded deployment "canvas-deployment-7" of platform #\d+ \(http:\/\/127\.0\.0\.1:\d+\)/
			);
			expect((await launchFrom('canvas-deployment-7')).status).toBe(200);
			// Once the platform has a deployment, another one is refused as before.
			let before = {};
			const other = await launchFrom('canvas-deployment-8', async () => {
				before = await counts();
			});
			expect(other.status).toBe(400);
			expect(await other.text()).toMatch(/Unknown deployment/);
			expect(await counts()).toEqual(before);
		} finally {
			log.mockRestore();
			await canvas.close();
		}
	});

	test('static files: no encoded separators, dot segments or sibling directories', async () => {
		const name = basename(sibling);
		const refused = [
			`/..%2f${name}%2fsecret.txt`,
			`/..%2F${name}%2Fsecret.txt`,
			`/..%5c${name}%5csecret.txt`,
			`/%2e%2e/${name}/secret.txt`,
			`/lti/assets/..%2f..%2fapp.ts`,
			`/lti/assets/%2e%2e/app.ts`,
			'/./index.html'
		];
		for (const path of refused) {
			const response = await rawGet(path);
			expect(response.status, path).toBe(400);
			expect(response.body).not.toContain('hunter2');
		}
		expect((await rawGet('/index.html')).status).toBe(200);
		expect((await rawGet('/')).status).toBe(200);
		// Pages are folders: /embed/layers/ is its index.html, and /embed/layers (an older
		// link) is sent there with its query, as a plain static host does.
		expect((await rawGet('/embed/layers/?step=3')).status).toBe(200);
		const bare = await rawGet('/embed/layers?step=3');
		expect(bare.status).toBe(308);
		expect(bare.location).toBe('/embed/layers/?step=3');
		expect((await rawGet('//embed/layers/')).location).toBe('/embed/layers/');
		expect((await rawGet('/embed/no-such-animation')).status).toBe(404);
		const asset = await rawGet('/lti/assets/launch.js');
		expect(asset.status).toBe(200);
		expect(asset.body).toContain('lti.frameResize');
	});

	test('platform storage (lti.put_data / lti.get_data) stands in for a blocked cookie', async () => {
		const login = await startLogin({ lti_storage_target: '_parent' });
		expect(login.response.status).toBe(200);
		const html = await login.response.text();
		const data = JSON.parse(/id="storage-data">([^<]*)</.exec(html)![1]);
		expect(data).toMatchObject({ mode: 'put', target: '_parent', origin: platform.url });
		const next = new URL(data.next);
		const state = next.searchParams.get('state')!;
		expect(data.key).toBe(`state_${state}`);
		const idToken = await platform.idToken(
			studentClaims(next.searchParams.get('nonce')!, { animation: 'cgroups' })
		);
		// No cookie came back: the tool asks the platform's storage first…
		const ask = await postLaunch({ id_token: idToken, state });
		expect(await ask.text()).toContain('"mode":"get"');
		// …and the page posts again with what the storage held.
		const launched = await postLaunch({
			id_token: idToken,
			state,
			lti_storage_tried: '1',
			lti_storage_value: state
		});
		expect(launched.status).toBe(200);
		expect(await launched.text()).toContain('/embed/cgroups/?selfcheck=1');
	});

	test('without cookie or platform storage, the launch offers a new window', async () => {
		const login = await startLogin();
		const before = await counts();
		const response = await postLaunch({
			id_token: await platform.idToken(studentClaims(login.nonce, { animation: 'docker' })),
			state: login.state
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Open in a new window');
		expect(html).toContain('target="_blank"');
		expect(await counts()).toEqual(before);
	});

	describe('bad launches are refused and change nothing', () => {
		const cases: [string, (nonce: string) => Promise<string>, RegExp][] = [
			[
				'forged signature',
				async (nonce) => {
					const { privateKey } = await generateKeyPair('RS256');
					return platform.idToken(studentClaims(nonce, { animation: 'layers' }), {
						key: privateKey
					});
				},
				/not signed by your LMS/
			],
			[
				'unknown signing key',
				async (nonce) => {
					const { privateKey } = await generateKeyPair('RS256');
					return platform.idToken(studentClaims(nonce, { animation: 'layers' }), {
						key: privateKey,
						kid: 'someone-else'
					});
				},
				/not signed by your LMS/
			],
			[
				'expired',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						iat: Math.floor(Date.now() / 1000) - 900,
						exp: Math.floor(Date.now() / 1000) - 600
					}),
				/expired/
			],
			[
				'issued in the future',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						iat: Math.floor(Date.now() / 1000) + 600
					}),
				/iat/
			],
			[
				'wrong audience',
				(nonce) =>
					platform.idToken({ ...studentClaims(nonce, { animation: 'layers' }), aud: 'other-tool' }),
				/another tool \(aud\)/
			],
			[
				'wrong issuer',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						iss: 'https://evil.example'
					}),
				/another platform/
			],
			[
				'wrong azp',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						aud: [CLIENT_ID, 'other'],
						azp: 'other'
					}),
				/azp/
			],
			[
				'nonce of another login',
				() => platform.idToken(studentClaims('some-other-nonce', { animation: 'layers' })),
				/nonce/
			],
			[
				'unknown deployment',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						[`${LTI}deployment_id`]: 'deployment-x'
					}),
				/deployment/
			],
			[
				'wrong LTI version',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						[`${LTI}version`]: '1.1'
					}),
				/1\.3\.0/
			],
			[
				'unknown message type',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						[`${LTI}message_type`]: 'LtiSubmissionReviewRequest'
					}),
				/kind of message/
			],
			[
				'no resource link',
				(nonce) =>
					platform.idToken({
						...studentClaims(nonce, { animation: 'layers' }),
						[`${LTI}resource_link`]: undefined
					}),
				/no resource link/
			],
			[
				'unknown animation',
				(nonce) => platform.idToken(studentClaims(nonce, { animation: '<script>x</script>' })),
				/does not have/
			],
			['malformed token', async () => 'not.a.token', /malformed/]
		];
		test.each(cases)('%s', async (_name, make, message) => {
			const login = await startLogin();
			const before = await counts();
			const response = await postLaunch(
				{ id_token: await make(login.nonce), state: login.state },
				login.cookie
			);
			expect(response.status).toBe(400);
			expect(response.headers.get('content-type')).toMatch(/text\/html/);
			const html = await response.text();
			expect(html).toMatch(message);
			expect(html).not.toContain('<script>x');
			expect(await counts()).toEqual(before);
		});

		test('a replayed launch', async () => {
			const login = await startLogin();
			const fields = {
				id_token: await platform.idToken(studentClaims(login.nonce, { animation: 'layers' })),
				state: login.state
			};
			expect((await postLaunch(fields, login.cookie)).status).toBe(200);
			const before = await counts();
			const again = await postLaunch(fields, login.cookie);
			expect(again.status).toBe(400);
			expect(await again.text()).toMatch(/already used/);
			expect(await counts()).toEqual(before);
		});

		test('an unknown issuer, a foreign target and a missing parameter at login', async () => {
			const before = await counts();
			const unknown = await startLogin({ iss: 'https://unknown.example' });
			expect(unknown.response.status).toBe(400);
			expect(await unknown.response.text()).toMatch(/not registered/);
			const foreign = await startLogin({ target_link_uri: 'https://evil.example/lti/launch' });
			expect(foreign.response.status).toBe(400);
			const missing = await fetch(`${base}/lti/login?iss=${encodeURIComponent(platform.issuer)}`);
			expect(missing.status).toBe(400);
			expect(await missing.text()).toMatch(/login_hint/);
			expect(await counts()).toEqual(before);
		});

		test('oversized and malformed requests', async () => {
			const before = await counts();
			const big = await fetch(`${base}/lti/launch`, {
				method: 'POST',
				headers: form,
				body: `id_token=${'a'.repeat(200_000)}`
			});
			expect(big.status).toBe(413);
			const json = await fetch(`${base}/lti/launch`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{}'
			});
			expect(json.status).toBe(400);
			const get = await fetch(`${base}/lti/launch`);
			expect(get.status).toBe(405);
			const twice = await fetch(`${base}/lti/launch`, {
				method: 'POST',
				headers: form,
				body: 'id_token=a&id_token=b&state=c'
			});
			expect(twice.status).toBe(400);
			expect(await twice.text()).toMatch(/more than once/);
			expect(await counts()).toEqual(before);
		});
	});

	describe('tampered deep-linking returns are refused', () => {
		async function pickerSession() {
			const login = await startLogin();
			const picker = await postLaunch(
				{ id_token: await platform.idToken(deepLinkClaims(login.nonce)), state: login.state },
				login.cookie
			);
			return hidden(await picker.text(), 'session')!;
		}
		const choose = (fields: Record<string, string>) =>
			fetch(`${base}/lti/deep-link`, {
				method: 'POST',
				headers: form,
				body: new URLSearchParams(fields)
			});

		test('unknown session, unknown item, bad numbers, a grade for a lesson', async () => {
			const session = await pickerSession();
			const before = await counts();
			const refusals: [Record<string, string>, RegExp][] = [
				[{ session: 'forged-session-token', item: 'animation:layers' }, /expired/],
				[{ session, item: 'animation:../../etc' }, /not one Stepvisor offers/],
				[{ session, item: 'lesson:nope' }, /not one Stepvisor offers/],
				[{ session }, /Choose a lesson/],
				[{ session, item: 'animation:layers', step: '-1' }, /whole number/],
				[{ session, item: 'animation:layers', graded: '1', max_score: '1e9' }, /points/],
				[{ session, item: 'lesson:layers', graded: '1' }, /Only an animation/],
				[{ session, scenario_link: 'javascript:alert(1)' }, /not a web address/],
				[{ session, scenario_link: 'https://x.example/embed/layers' }, /no shared scenario/],
				[
					{ session, scenario_link: 'https://x.example/embed/docker?scenario=v1.abc' },
					/takes a scenario/
				],
				[{ session, scenario_link: 'https://x.example/embed/layers?scenario=v1.<b>' }, /damaged/]
			];
			for (const [fields, message] of refusals) {
				const response = await choose(fields);
				expect(response.status, JSON.stringify(fields)).toBe(400);
				expect(await response.text()).toMatch(message);
			}
			expect(await counts()).toEqual(before);
			// The session is still usable after the refusals, and only once.
			const ok = await choose({
				session,
				scenario_link: `https://x.example/embed/pid-namespaces/?scenario=v1.AbC_-9`
			});
			expect(ok.status).toBe(200);
			const item = (
				(await platform.readDeepLinkResponse(hidden(await ok.text(), 'JWT')!))[
					`${DL}content_items`
				] as Record<string, unknown>[]
			)[0];
			expect(item.custom).toEqual({ animation: 'pid-namespaces', scenario: 'v1.AbC_-9' });
			expect(item.lineItem).toBeUndefined();
			const again = await choose({ session, item: 'animation:layers' });
			expect(again.status).toBe(400);
			expect(await again.text()).toMatch(/already returned/);
		});
	});

	test('progress reports need a graded launch token and well-formed events', async () => {
		const student = await studentLaunch({ animation: 'namespaces-lab' }, 'student-7');
		const before = await counts();
		expect((await report('forged-token-123456', { event: 'complete', total: 3 })).status).toBe(401);
		expect(
			(await report(student.token, { event: 'answer', question: 'made-up', correct: true })).status
		).toBe(400);
		expect((await report(student.token, { event: 'complete', total: -1 })).status).toBe(400);
		const malformed = await fetch(`${base}/lti/progress`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${student.token}` },
			body: '{"event":'
		});
		expect(malformed.status).toBe(400);
		expect(await counts()).toEqual(before);
	});

	test('login and launch are rate-limited per address', async () => {
		// Behind a trusted proxy the address is the last X-Forwarded-For entry; one the
		// client adds in front cannot dodge the limit.
		const limited = await startTool({
			rateLimit: { requests: 3, windowSeconds: 60 },
			trustProxy: true
		});
		const query = new URLSearchParams({
			iss: platform.issuer,
			login_hint: 'hint',
			target_link_uri: `${limited.url}/lti/launch`
		});
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			const response = await fetch(`${limited.url}/lti/login?${query}`, {
				redirect: 'manual',
				headers: { 'X-Forwarded-For': `10.0.0.${i}, 203.0.113.9` }
			});
			statuses.push(response.status);
			if (response.status === 429) expect(await response.text()).toMatch(/Too many/);
		}
		expect(statuses).toEqual([302, 302, 302, 429, 429]);
		const other = await fetch(`${limited.url}/lti/login?${query}`, {
			redirect: 'manual',
			headers: { 'X-Forwarded-For': '203.0.113.10' }
		});
		expect(other.status).toBe(302);
	});

	test('key rotation keeps the old key published for the overlap, then drops it', async () => {
		const jwks = async () =>
			((await (await fetch(`${base}/lti/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
				(k) => k.kid
			);
		const [first] = await jwks();
		const second = await rotateKeys(db, 3600);
		expect(await jwks()).toEqual([second, first]);
		// A rotation with no overlap deletes every key retired before it; the key it
		// retires stays published for the server's own overlap (7 days by default).
		const third = await rotateKeys(db, 0);
		expect(await jwks()).toEqual([third, second]);
	});

	test('scores go to <lineitem>/scores with the line item query kept', () => {
		expect(scoresUrl('https://lms.example/api/lti/courses/1/line_items/2?type_id=9')).toBe(
			'https://lms.example/api/lti/courses/1/line_items/2/scores?type_id=9'
		);
	});
});

test('upgrading the database keeps each learner’s best graded progress for its link', async () => {
	const db = await openDb({});
	try {
		// The database as the first release left it: progress kept per launch.
		await db.query('DROP TABLE link_progress');
		await db.query('DELETE FROM schema_migrations WHERE version > 1');
		const platformId = await registerPlatform(db, {
			issuer: 'https://lms.example',
			clientId: 'c',
			authUrl: 'https://lms.example/auth',
			tokenUrl: 'https://lms.example/token',
			jwksUrl: 'https://lms.example/jwks',
			deployments: ['d']
		});
		const graded = { done: ['layers'], results: { 'layers/a': true } };
		const launches: [string, string, unknown, unknown][] = [
			['1', 'learner', graded, { gradingProgress: 'FullyGraded', scoreGiven: 75 }],
			['2', 'learner', { done: [], results: {} }, { gradingProgress: 'Pending' }],
			['3', 'other', { done: [], results: {} }, null]
		];
		for (const [id, subject, progress, score] of launches)
			await db.query(
				`INSERT INTO launches (id, token_hash, platform_id, deployment_id, message_type, subject,
				   resource_link_id, lineitem_url, progress, last_score, created_at, expires_at)
				 VALUES ($1, $1, $2, 'd', 'LtiResourceLinkRequest', $3, 'link', 'https://lms.example/li',
				   $4, $5, now() + make_interval(secs => $6), now())`,
				[
					id,
					platformId,
					subject,
					JSON.stringify(progress),
					score && JSON.stringify(score),
					Number(id)
				]
			);
		await migrate(db);
		const rows = await db.query(
			'SELECT subject, progress, last_score, last_lineitem_url FROM link_progress ORDER BY subject'
		);
		expect(rows).toEqual([
			{
				subject: 'learner',
				progress: graded,
				last_score: { gradingProgress: 'FullyGraded', scoreGiven: 75 },
				last_lineitem_url: 'https://lms.example/li'
			},
			{
				subject: 'other',
				progress: { done: [], results: {} },
				last_score: null,
				last_lineitem_url: null
			}
		]);
	} finally {
		await db.close();
	}
}, 120_000);
