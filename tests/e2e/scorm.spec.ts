/**
 * SCORM 1.2 packages (scripts/package-scorm.js) in a test LMS: tests/fixtures/lms
 * runs scorm-again's Scorm12API as window.API and opens an unzipped package in an
 * iframe, served from a nested path by a server this spec starts. The packages
 * are built here when missing or older than the sources.
 */
import { expect, test, type FrameLocator, type Page } from './fixtures';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { questions as lessonOneQuestions } from '$lesson/vms-and-containers/questions';

const ROOT = resolve('.');
const OUT = join(ROOT, 'dist-packages', 'scorm');
// The packages are named by slug (docs/lms.md): `<slug>.zip`.
const LESSON_ONE = 'vms-and-containers';
const LESSON_TWO = 'system-call-path';
const COURSE_PATH = '/courses/7/mod_scorm/content/1';

test.describe.configure({ mode: 'serial' });

let server: Server;
let origin = '';
let unpacked = '';

function newestMtime(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

function packagesFresh(): boolean {
	const zips = [LESSON_ONE, LESSON_TWO].map((name) => join(OUT, `${name}.zip`));
	if (!zips.every(existsSync)) return false;
	const built = Math.min(...zips.map((zip) => statSync(zip).mtimeMs));
	const sources = ['src', 'content', 'static', 'svelte.config.js', 'scripts/package-scorm.js'];
	return sources.every((source) => newestMtime(join(ROOT, source)) < built);
}

function unzip(zip: string, into: string): Record<string, Uint8Array> {
	const files = unzipSync(readFileSync(zip));
	for (const [name, data] of Object.entries(files)) {
		if (name.endsWith('/')) continue;
		const path = join(into, name);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, data);
	}
	return files;
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.json': 'application/json',
	'.xml': 'application/xml'
};

/** Where a request path is on disk: the test LMS, the run-time, or an unpacked package. */
function fileFor(pathname: string): string | null {
	if (pathname === '/vendor/scorm12.min.js')
		return join(ROOT, 'node_modules', 'scorm-again', 'dist', 'scorm12.min.js');
	const routes: [string, string][] = [
		['/lms/', join(ROOT, 'tests', 'fixtures', 'lms')],
		[`${COURSE_PATH}/`, unpacked]
	];
	for (const [prefix, dir] of routes) {
		if (!pathname.startsWith(prefix)) continue;
		const path = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
		if (!path.startsWith(dir)) return null;
		return existsSync(path) && statSync(path).isFile() ? path : null;
	}
	return null;
}

test.beforeAll(async () => {
	test.setTimeout(240_000);
	if (!packagesFresh()) {
		const result = spawnSync(process.execPath, ['scripts/package-scorm.js'], {
			cwd: ROOT,
			encoding: 'utf8'
		});
		if (result.status !== 0)
			throw new Error(`package:scorm failed\n${result.stdout}\n${result.stderr}`);
	}
	unpacked = mkdtempSync(join(tmpdir(), 'stepvisor-scorm-'));
	for (const name of [LESSON_ONE, LESSON_TWO])
		unzip(join(OUT, `${name}.zip`), join(unpacked, name));
	server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const file = fileFor(url.pathname);
		if (!file) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
		response.end(readFileSync(file));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
	await new Promise((done) => server?.close(done));
	if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

type Cmi = {
	core: {
		lesson_status: string;
		lesson_location: string;
		exit: string;
		score: { raw: string; min: string; max: string };
	};
	suspend_data: string;
};

const cmi = (page: Page) =>
	page.evaluate(
		() => (window as unknown as { lms: { cmi(): unknown } }).lms.cmi() as unknown
	) as Promise<Cmi>;
const calls = (page: Page) =>
	page.evaluate(() => (window as unknown as { lms: { calls: string[][] } }).lms.calls.slice());

async function openLms(page: Page, lesson: string, saved?: unknown): Promise<FrameLocator> {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`${origin}/lms/index.html`);
	await page.evaluate(
		([src, data]) =>
			(window as unknown as { lms: { launch(src: string, saved?: unknown): void } }).lms.launch(
				src as string,
				data
			),
		[`${COURSE_PATH}/${lesson}/index.html`, saved] as const
	);
	const frame = page.frameLocator('#sco');
	await expect(frame.locator('h1')).toBeVisible();
	await expect(frame.locator('[data-scorm]')).toHaveAttribute('data-scorm', 'connected');
	expect(errors).toEqual([]);
	return frame;
}

test('each package has a SCORM 1.2 manifest that lists every file', () => {
	for (const name of [LESSON_ONE, LESSON_TWO]) {
		const files = unzipSync(readFileSync(join(OUT, `${name}.zip`)));
		const text = new TextDecoder().decode(files['imsmanifest.xml']);
		const doc = new DOMParser().parseFromString(text, 'application/xml');
		const root = doc.documentElement!;
		const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
		const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
		expect(root.namespaceURI).toBe(CP);
		expect(root.localName).toBe('manifest');
		expect(doc.getElementsByTagNameNS(CP, 'schema')[0]?.textContent).toBe('ADL SCORM');
		expect(doc.getElementsByTagNameNS(CP, 'schemaversion')[0]?.textContent).toBe('1.2');
		expect(doc.getElementsByTagNameNS(CP, 'organization')).toHaveLength(1);
		const items = doc.getElementsByTagNameNS(CP, 'item');
		expect(items).toHaveLength(1);
		const resources = doc.getElementsByTagNameNS(CP, 'resource');
		expect(resources).toHaveLength(1);
		const resource = resources[0]!;
		expect(resource.getAttributeNS(ADLCP, 'scormtype')).toBe('sco');
		expect(items[0]!.getAttribute('identifierref')).toBe(resource.getAttribute('identifier'));
		expect(resource.getAttribute('href')).toBe('index.html');
		const listed = Array.from(resource.getElementsByTagNameNS(CP, 'file')).map((file) =>
			file.getAttribute('href')
		);
		const inZip = Object.keys(files).filter(
			(file) => file !== 'imsmanifest.xml' && !file.endsWith('/')
		);
		expect(listed.sort()).toEqual(inZip.sort());
		expect(listed).toContain('index.html');
	}
});

test('a package runs as a plain page from file:// and from a nested path, with no LMS', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	const fileUrl = pathToFileURL(join(unpacked, LESSON_ONE, 'index.html')).href;
	for (const url of [fileUrl, `${origin}${COURSE_PATH}/${LESSON_ONE}/index.html`]) {
		await page.goto(url);
		await expect(page.locator('h1')).toHaveText('Virtual machines and containers');
		expect(page.url()).toContain('#/lessons/vms-and-containers');
		await expect(page.locator('[data-scorm]')).toHaveAttribute('data-scorm', 'standalone');
		const player = page.locator('section.player').first();
		await player.getByRole('button', { name: 'Next step' }).click();
		await expect(player).toHaveAttribute('data-step', '1');
		// A table-of-contents link scrolls to its section and keeps the lesson's route.
		await page.locator('nav.toc a').nth(1).click();
		await expect(page.locator('h1')).toHaveText('Virtual machines and containers');
		expect(page.url()).toContain('#/lessons/vms-and-containers');
	}
	expect(errors).toEqual([]);
});

test('in an LMS: completed with a score (no mastery score), and the learner resumes where they left', async ({
	page,
	browser
}) => {
	// Two launches and fourteen answers: more than the default 30 s on a busy machine.
	test.setTimeout(120_000);
	const frame = await openLms(page, LESSON_ONE);
	await expect.poll(async () => (await cmi(page)).core.lesson_status).toBe('incomplete');
	expect((await calls(page))[0]?.[0]).toBe('LMSInitialize');

	// Every animation to its last frame: completed.
	const players = frame.locator('section.player');
	const count = await players.count();
	expect(count).toBeGreaterThan(0);
	for (let i = 0; i < count; i++) {
		await players.nth(i).getByRole('button', { name: 'Last step' }).click();
	}
	await expect.poll(async () => (await cmi(page)).core.lesson_status).toBe('completed');
	expect((await calls(page)).some(([method]) => method === 'LMSCommit')).toBe(true);
	const lastStep = await players.first().getAttribute('data-step');

	// The self-check: all right but the first.
	const forms = frame.locator('[data-testid="selfcheck"] form[data-question]');
	await expect(forms).toHaveCount(lessonOneQuestions.length);
	for (const [index, question] of lessonOneQuestions.entries()) {
		const choice = index === 0 ? (question.answer + 1) % question.choices.length : question.answer;
		const form = frame.locator(`form[data-question="${question.id}"]`);
		// By its text: the choices are shown in an order shuffled per learner.
		await form.getByRole('radio', { name: question.choices[choice], exact: true }).check();
		await form.getByRole('button', { name: 'Check answer' }).click();
	}
	const shown = async (from: FrameLocator) =>
		Promise.all(
			lessonOneQuestions.map((question) =>
				from
					.locator(`form[data-question="${question.id}"] .choice > span:first-of-type`)
					.allTextContents()
			)
		);
	const firstOrder = await shown(frame);
	const n = lessonOneQuestions.length;
	const score = Math.round((100 * (n - 1)) / n);
	// No mastery score in the package (the default): completed, with the score, for the
	// LMS's own grade settings to judge.
	const status = 'completed';
	await expect.poll(async () => (await cmi(page)).core.score.raw).toBe(String(score));
	expect((await cmi(page)).core.lesson_status).toBe(status);
	const after = await cmi(page);
	expect(after.core.score).toMatchObject({ raw: String(score), min: '0', max: '100' });

	// Leave the player part-way: that is where the next launch starts.
	const player = players.first();
	await player.getByRole('button', { name: 'First step' }).click();
	await player.getByRole('button', { name: 'Next step' }).click();
	await player.getByRole('button', { name: 'Next step' }).click();
	await expect(player).toHaveAttribute('data-step', '2');
	// The location tells the teacher how far the learner got, not where they stopped.
	await expect.poll(async () => JSON.parse((await cmi(page)).suspend_data).s.step).toBe(2);
	expect((await cmi(page)).core.lesson_location).toBe(`step:${lastStep}`);
	const suspend = JSON.parse((await cmi(page)).suspend_data);
	expect(suspend).toMatchObject({ v: 2, s: { step: 2 }, d: ['step'] });
	// This LMS gives no student id: the order's seed is kept in the suspend data.
	expect(suspend.k).toMatch(/^[0-9a-f]{16}$/);
	expect(Object.keys(suspend.a['vms-and-containers'])).toHaveLength(n);
	expect(suspend.a['vms-and-containers'][lessonOneQuestions[1].id]).toBe(
		lessonOneQuestions[1].answer
	);

	// Closing the course finishes the session.
	await page.evaluate(() => (window as unknown as { lms: { close(): void } }).lms.close());
	await expect
		.poll(async () => (await calls(page)).some(([method]) => method === 'LMSFinish'))
		.toBe(true);
	const saved = await cmi(page);
	expect(saved.core.exit).toBe('suspend');

	// Relaunch in a fresh browser profile (nothing in localStorage) with the saved data.
	const context = await browser.newContext();
	const again = await context.newPage();
	const resumed = await openLms(again, LESSON_ONE, saved);
	await expect(resumed.locator('section.player').first()).toHaveAttribute('data-step', '2');
	await expect(resumed.locator('[data-testid="selfcheck"] .progress')).toContainText(
		`${n} of ${n} answered, ${n - 1} right`
	);
	await expect(
		resumed.locator(`form[data-question="${lessonOneQuestions[0].id}"] .explanation`)
	).toContainText('Not quite.');
	// The same learner sees the same order, and each saved answer is on the choice it was given to.
	expect(await shown(resumed)).toEqual(firstOrder);
	const missed = lessonOneQuestions[0];
	await expect(
		resumed.locator(`form[data-question="${missed.id}"] .choice.wrong > span:first-of-type`)
	).toHaveText(missed.choices[(missed.answer + 1) % missed.choices.length]);
	// Nothing was lost, and the status is kept.
	await again.waitForTimeout(2000);
	const relaunched = await cmi(again);
	expect(relaunched.core.lesson_status).toBe(status);
	expect(relaunched.core.score.raw).toBe(String(score));
	await context.close();
});

test('in an LMS with a mastery score: no score until the animations are done too, then passed', async ({
	page
}) => {
	// Moodle's "mastery score overrides status" judges passed/failed from a reported
	// score at LMSFinish: answering every question must not report one on its own.
	test.setTimeout(90_000);
	const frame = await openLms(page, LESSON_ONE, { student_data: { mastery_score: '80' } });
	await expect.poll(async () => (await cmi(page)).core.lesson_status).toBe('incomplete');
	for (const question of lessonOneQuestions) {
		const form = frame.locator(`form[data-question="${question.id}"]`);
		await form.getByRole('radio', { name: question.choices[question.answer], exact: true }).check();
		await form.getByRole('button', { name: 'Check answer' }).click();
	}
	await expect(frame.locator('[data-testid="selfcheck"] .progress')).toContainText(
		`${lessonOneQuestions.length} of ${lessonOneQuestions.length} answered`
	);
	await expect.poll(async () => JSON.parse((await cmi(page)).suspend_data || '{}').a).toBeTruthy();
	expect((await cmi(page)).core.score.raw).toBe('');
	expect((await cmi(page)).core.lesson_status).toBe('incomplete');
	const players = frame.locator('section.player');
	for (let i = 0; i < (await players.count()); i++)
		await players.nth(i).getByRole('button', { name: 'Last step' }).click();
	await expect.poll(async () => (await cmi(page)).core.lesson_status).toBe('passed');
	expect((await cmi(page)).core.score.raw).toBe('100');
});

test('in an LMS: completed only when every animation on the page reached its end', async ({
	page
}) => {
	const frame = await openLms(page, LESSON_TWO);
	const players = frame.locator('section.player');
	await expect(players).toHaveCount(2);
	await players.nth(0).getByRole('button', { name: 'Last step' }).click();
	await page.waitForTimeout(2500);
	expect((await cmi(page)).core.lesson_status).toBe('incomplete');
	await players.nth(1).getByRole('button', { name: 'Last step' }).click();
	await expect.poll(async () => (await cmi(page)).core.lesson_status).toBe('completed');
	expect((await cmi(page)).core.score.raw).toBe('');
	const suspend = JSON.parse((await cmi(page)).suspend_data);
	expect(suspend.d.sort()).toEqual(['io-step', 'step']);
});
