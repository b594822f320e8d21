/**
 * A test LMS for the LTI tests: its own RS256 keys and JWKS, an OpenID configuration
 * and registration endpoint (Dynamic Registration), a token endpoint that checks the
 * tool's `private_key_jwt` against the tool's published JWKS, a line item that
 * records the scores it receives, and a course page that frames a launch and records
 * the messages it gets. It can be "down" (503) to test retries.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	createRemoteJWKSet,
	exportJWK,
	generateKeyPair,
	jwtVerify,
	SignJWT,
	type CryptoKey,
	type JWTPayload
} from 'jose';

export const CLIENT_ID = 'stepvisor-client-1';
export const DEPLOYMENT_ID = 'deployment-1';
export const REGISTRATION_TOKEN = 'registration-token-1';

async function body(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export interface TestPlatform {
	url: string;
	issuer: string;
	lineitem: string;
	scores: Record<string, unknown>[];
	registrations: Record<string, unknown>[];
	tokenRequests: number;
	down: boolean;
	toolJwksUrl: string;
	/** Replaces or adds fields of the OpenID configuration it serves. */
	configOverrides: Record<string, unknown>;
	/** The deployment id its registration answer gives; null gives none, as Canvas does. */
	registrationDeployment: string | null;
	/** Claims of the launch the next OIDC authentication request (/auth) answers with. */
	nextLaunch: Record<string, unknown> | null;
	/** JWTs posted back to the deep-linking return address. */
	deepLinkReturns: string[];
	/** An id_token as this platform signs it; `overrides` replace or (with undefined) drop claims. */
	idToken(
		claims: Record<string, unknown>,
		sign?: { key?: CryptoKey; kid?: string }
	): Promise<string>;
	/** Checks a deep-linking response the way a platform does; returns its claims. */
	readDeepLinkResponse(jwt: string): Promise<JWTPayload & Record<string, unknown>>;
	close(): Promise<void>;
}

export async function startPlatform(): Promise<TestPlatform> {
	const { privateKey, publicKey } = await generateKeyPair('RS256');
	const kid = 'platform-key-1';
	const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
	const tokens = new Set<string>();
	let toolKeys: ReturnType<typeof createRemoteJWKSet> | null = null;
	const keysOfTool = () => (toolKeys ??= createRemoteJWKSet(new URL(platform.toolJwksUrl)));

	const server: Server = createServer(async (request, response) => {
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		const json = (status: number, value: unknown) => {
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(value));
		};
		try {
			if (path === '/jwks') return json(200, { keys: [publicJwk] });
			if (path === '/course') {
				// An LMS page with the activity in a fixed-height frame, as Canvas shows it; it
				// keeps every message the activity posts to it in `window.lmsMessages`.
				const launch = new URL(request.url ?? '/', 'http://x').searchParams.get('launch') ?? '';
				response.writeHead(200, { 'Content-Type': 'text/html' });
				response.end(
					`<!doctype html><title>Course</title><script>window.lmsMessages=[];addEventListener('message',(e)=>lmsMessages.push(e.data))</script><iframe id="tool" title="Activity" style="width:800px;height:600px;border:0" src="${launch.replace(/"/g, '&quot;')}"></iframe>`
				);
				return;
			}
			if (path === '/auth' && platform.nextLaunch) {
				// The platform's side of the OIDC flow: post a signed id_token back to the tool.
				const query = new URL(request.url ?? '/', 'http://x').searchParams;
				const idToken = await platform.idToken({
					...platform.nextLaunch,
					nonce: query.get('nonce')
				});
				const field = (name: string, value: string) =>
					`<input type="hidden" name="${name}" value="${value.replace(/"/g, '&quot;')}">`;
				response.writeHead(200, { 'Content-Type': 'text/html' });
				response.end(
					`<form method="post" action="${query.get('redirect_uri')}">${field('id_token', idToken)}${field('state', query.get('state') ?? '')}</form><script>document.forms[0].submit()</script>`
				);
				return;
			}
			if (path === '/deep-link-return' && request.method === 'POST') {
				platform.deepLinkReturns.push(new URLSearchParams(await body(request)).get('JWT') ?? '');
				response.writeHead(200, { 'Content-Type': 'text/html' });
				response.end('<h1>Item added to the course</h1>');
				return;
			}
			if (path === '/.well-known/openid-configuration')
				return json(200, {
					issuer: platform.issuer,
					authorization_endpoint: `${platform.url}/auth`,
					token_endpoint: `${platform.url}/token`,
					jwks_uri: `${platform.url}/jwks`,
					registration_endpoint: `${platform.url}/register`,
					'https://purl.imsglobal.org/spec/lti-platform-configuration': {
						product_family_code: 'test-lms',
						version: '1.0'
					},
					...platform.configOverrides
				});
			if (path === '/register' && request.method === 'POST') {
				if (request.headers.authorization !== `Bearer ${REGISTRATION_TOKEN}`)
					return json(401, { error: 'bad registration token' });
				platform.registrations.push(JSON.parse(await body(request)));
				return json(200, {
					client_id: CLIENT_ID,
					'https://purl.imsglobal.org/spec/lti-tool-configuration':
						platform.registrationDeployment === null
							? {}
							: { deployment_id: platform.registrationDeployment }
				});
			}
			if (path === '/token' && request.method === 'POST') {
				platform.tokenRequests++;
				if (platform.down) return json(503, { error: 'down' });
				const form = new URLSearchParams(await body(request));
				await jwtVerify(form.get('client_assertion') ?? '', keysOfTool(), {
					issuer: CLIENT_ID,
					subject: CLIENT_ID,
					audience: `${platform.url}/token`
				});
				if (form.get('grant_type') !== 'client_credentials') return json(400, {});
				const token = `token-${tokens.size + 1}`;
				tokens.add(token);
				return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
			}
			if (path === '/lineitems/7/lineitem/scores' && request.method === 'POST') {
				if (platform.down) return json(503, { error: 'down' });
				const bearer = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
				if (!tokens.has(bearer)) return json(401, { error: 'bad token' });
				if (request.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json')
					return json(415, {});
				platform.scores.push(JSON.parse(await body(request)));
				return json(200, {});
			}
			json(404, {});
		} catch (error) {
			json(400, { error: String(error) });
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const platform: TestPlatform = {
		url,
		issuer: url,
		lineitem: `${url}/lineitems/7/lineitem?type=score`,
		scores: [],
		registrations: [],
		tokenRequests: 0,
		down: false,
		toolJwksUrl: '',
		configOverrides: {},
		registrationDeployment: DEPLOYMENT_ID,
		nextLaunch: null,
		deepLinkReturns: [],
		async idToken(claims, sign = {}) {
			const now = Math.floor(Date.now() / 1000);
			const payload: Record<string, unknown> = {
				iss: platform.issuer,
				aud: CLIENT_ID,
				iat: now,
				exp: now + 300,
				sub: 'student-42',
				'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
				'https://purl.imsglobal.org/spec/lti/claim/deployment_id': DEPLOYMENT_ID,
				...claims
			};
			for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
			return new SignJWT(payload)
				.setProtectedHeader({ alg: 'RS256', kid: sign.kid ?? kid, typ: 'JWT' })
				.sign(sign.key ?? privateKey);
		},
		async readDeepLinkResponse(jwt) {
			const { payload } = await jwtVerify(jwt, keysOfTool(), {
				issuer: CLIENT_ID,
				audience: platform.issuer
			});
			return payload as JWTPayload & Record<string, unknown>;
		},
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
	return platform;
}
