/**
 * The LTI tool in a real browser, against the test platform (tests/lti): the OIDC
 * login and launch through the browser, the instructor's picker (preview, choice,
 * return to the platform), and a student's launch whose progress in the embedded
 * animation and self-check reaches the platform as a score.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { AGS_ENDPOINT, createLtiApp, DL, LTI, type LtiApp } from '../../server/lti/app';
import { SCORE_SCOPE } from '../../server/lti/ags';
import { loadCatalog } from '../../server/lti/catalog';
import { openDb, type Db } from '../../server/lti/db';
import { registerPlatform } from '../../server/lti/platforms';
import { CLIENT_ID, DEPLOYMENT_ID, startPlatform, type TestPlatform } from '../lti/test-platform';

// A whole LMS round trip per test, on a machine that may be busy.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let platform: TestPlatform;
let db: Db;
let app: LtiApp;
let server: Server;
let base = '';

test.beforeAll(async () => {
	test.setTimeout(180_000);
	platform = await startPlatform();
	db = await openDb({});
	let handler: LtiApp | null = null;
	server = createServer((q, s) => void handler!.handle(q, s));
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	app = handler = createLtiApp({
		db,
		catalog: await loadCatalog(process.cwd()),
		baseUrl: base,
		siteDir: resolve(process.env.STEPVISOR_BUILD_DIR ?? 'build'),
		allowLoopbackHttp: true
	});
	await app.init();
	platform.toolJwksUrl = `${base}/lti/jwks`;
	await registerPlatform(db, {
		issuer: platform.issuer,
		clientId: CLIENT_ID,
		authUrl: `${platform.url}/auth`,
		tokenUrl: `${platform.url}/token`,
		jwksUrl: `${platform.url}/jwks`,
		deployments: [DEPLOYMENT_ID]
	});
});

test.afterAll(async () => {
	await app?.sender.stop();
	server?.close();
	await platform?.close();
	await db?.close();
});

function openFromCourse(page: Page, claims: Record<string, unknown>) {
	platform.nextLaunch = claims;
	const query = new URLSearchParams({
		iss: platform.issuer,
		login_hint: 'hint',
		target_link_uri: `${base}/lti/launch`,
		client_id: CLIENT_ID
	});
	return page.goto(`${base}/lti/login?${query}`);
}

let chosen: Record<string, unknown> = {};

test('the instructor picks an animation, previews it and adds it with a grade', async ({
	page
}) => {
	await openFromCourse(page, {
		sub: 'teacher-1',
		[`${LTI}message_type`]: 'LtiDeepLinkingRequest',
		[`${DL}deep_linking_settings`]: {
			deep_link_return_url: `${platform.url}/deep-link-return`,
			accept_types: ['ltiResourceLink'],
			accept_lineitem: true
		}
	});
	await expect(page.getByRole('heading', { name: 'Add Stepvisor to your course' })).toBeVisible();
	await page.getByLabel('Virtual machines and containers, layer by layer').check();
	await expect(page.locator('#preview')).toHaveAttribute('src', '/embed/vms-and-containers/');
	await expect(
		page.frameLocator('#preview').getByRole('button', { name: 'Next step' }).first()
	).toBeVisible();
	await page.getByLabel('Send a grade to the gradebook').check();
	await page.getByRole('button', { name: 'Add to course' }).click();
	await expect(page.getByRole('heading', { name: 'Item added to the course' })).toBeVisible();
	const response = await platform.readDeepLinkResponse(platform.deepLinkReturns[0]);
	[chosen] = response[`${DL}content_items`] as Record<string, unknown>[];
	expect(chosen).toMatchObject({
		custom: { animation: 'vms-and-containers' },
		lineItem: { scoreMaximum: 100 }
	});
});

test('a student steps through and answers; the score reaches the platform', async ({ page }) => {
	await openFromCourse(page, {
		sub: 'student-1',
		[`${LTI}message_type`]: 'LtiResourceLinkRequest',
		[`${LTI}resource_link`]: { id: 'link-1' },
		[`${LTI}custom`]: chosen.custom,
		[AGS_ENDPOINT]: { scope: [SCORE_SCOPE], lineitem: platform.lineitem }
	});
	await expect(page.locator('#grade-note')).toContainText('gradebook');
	const frame = page.frameLocator('#activity');
	await frame.getByRole('button', { name: 'Last step' }).first().click();
	const forms = frame.locator('[data-testid="selfcheck"] form[data-question]');
	// Counted once the self-check has drawn its questions.
	await expect(forms.first()).toBeVisible();
	const count = await forms.count();
	expect(count).toBeGreaterThan(0);
	for (let i = 0; i < count; i++) {
		await forms.nth(i).locator('input[type=radio]').first().check();
		await forms.nth(i).getByRole('button', { name: 'Check answer' }).click();
	}
	await expect
		.poll(() => platform.scores.find((s) => s.activityProgress === 'Completed') ?? null, {
			timeout: 15_000
		})
		.toMatchObject({ userId: 'student-1', gradingProgress: 'FullyGraded', scoreMaximum: 100 });
	await expect(page.locator('#sync-status')).toContainText('Progress saved');
});

test('inside the LMS page, the launch page tells the LMS its height', async ({ page }) => {
	platform.nextLaunch = {
		sub: 'student-2',
		[`${LTI}message_type`]: 'LtiResourceLinkRequest',
		[`${LTI}resource_link`]: { id: 'link-2' },
		[`${LTI}custom`]: { animation: 'vms-and-containers' },
		[AGS_ENDPOINT]: { scope: [SCORE_SCOPE], lineitem: platform.lineitem }
	};
	const login = new URLSearchParams({
		iss: platform.issuer,
		login_hint: 'hint',
		target_link_uri: `${base}/lti/launch`,
		client_id: CLIENT_ID
	});
	// The course page shows the activity in a 600 px frame, as Canvas does until told otherwise.
	await page.goto(
		`${platform.url}/course?${new URLSearchParams({ launch: `${base}/lti/login?${login}` })}`
	);
	await expect(page.frameLocator('#tool').locator('#grade-note')).toBeVisible();
	const launchFrame = page.frame({ url: `${base}/lti/launch` })!;
	// The activity inside has sized itself to the animation, taller than the LMS frame.
	await expect
		.poll(() => launchFrame.evaluate(() => document.documentElement.scrollHeight), {
			timeout: 15_000
		})
		.toBeGreaterThan(600);
	const reported = async () => {
		const messages = (await page.evaluate(() => window.lmsMessages)) as unknown[];
		const heights = messages
			.filter((m): m is string => typeof m === 'string')
			.map((m) => JSON.parse(m) as { subject?: string; height?: number })
			.filter((m) => m.subject === 'lti.frameResize')
			.map((m) => m.height);
		return heights.at(-1) ?? null;
	};
	await expect
		.poll(
			async () =>
				(await reported()) ===
				(await launchFrame.evaluate(() => document.documentElement.scrollHeight)),
			{ timeout: 15_000 }
		)
		.toBe(true);
	expect(await reported()).toBeGreaterThan(600);
});

declare global {
	interface Window {
		/** Messages the test platform's course page received (tests/lti/test-platform.ts). */
		lmsMessages: unknown[];
	}
}
