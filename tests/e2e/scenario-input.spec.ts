/**
 * Careless and hostile scenario input on every lab: a file nested 100,000
 * levels deep, a file that is not JSON, JSON that is not an object, another
 * lesson's scenario, and a valid cgroups scenario whose title is near the
 * limit. Each way in (share link, "Open JSON file…", the cgroups JSON editor,
 * an embed's scenario=) gives one clear message, or opens the valid scenario,
 * and nothing throws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embedStarted, encodeScenario, expect, test, type Page } from './fixtures';

// Each test goes through every lab, on pages that are slow under load.
test.describe.configure({ timeout: 180_000 });

const scenarioFile = (path: string) =>
	JSON.parse(readFileSync(join('static/scenarios', path), 'utf8')) as Record<string, unknown>;
const CGROUPS = scenarioFile('cgroups/weights.json');
const PIDNS = scenarioFile('pidns/lesson.json');

const LABS = [
	{ lesson: '/lessons/pid-namespaces', testId: 'pidns-lab', model: 'pidns', other: CGROUPS },
	{ lesson: '/lessons/layers', testId: 'unionfs-lab', model: 'unionfs', other: CGROUPS },
	{ lesson: '/lessons/cgroups', testId: 'cgroups-lab', model: 'cgroups', other: PIDNS },
	{ lesson: '/lessons/namespaces', testId: 'ns-lab', model: 'namespaces', other: CGROUPS }
] as const;
type LabCase = (typeof LABS)[number];

const labOf = (page: Page, one: LabCase) => page.getByTestId(one.testId);
const playerOf = (page: Page, one: LabCase) => labOf(page, one).locator('.player').first();

/** Collects uncaught errors: none may happen. */
function pageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

async function openLab(page: Page, one: LabCase, search = '') {
	await page.goto(`${one.lesson}${search}`);
	await expect(playerOf(page, one)).toHaveAttribute('data-ready', 'true');
}

async function upload(page: Page, one: LabCase, name: string, contents: string) {
	await labOf(page, one)
		.locator('.share input[type="file"]')
		.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

/** A share link's `scenario=` for raw JSON text (encodeScenario takes a value). */
function encodeText(page: Page, text: string) {
	return encodeScenario(page, JSON.parse(text));
}

test('"Open JSON file…" on a file nested 100,000 levels deep says the nesting limit on every lab, and changes nothing', async ({
	page
}) => {
	const errors = pageErrors(page);
	for (const one of LABS) {
		await openLab(page, one);
		const total = await playerOf(page, one).getAttribute('data-total');
		await upload(page, one, 'deep.json', '['.repeat(100_000) + ']'.repeat(100_000));
		await expect(labOf(page, one).locator('.share [role="status"]')).toHaveText(
			`deep.json is nested more than 64 levels deep (the limit); nothing was changed.`
		);
		await expect(playerOf(page, one)).toHaveAttribute('data-total', total!);
	}
	expect(errors).toEqual([]);
});

test('a scenario without "model" gets the command line’s one line, from "Open JSON file…" on every lab and from the JSON editor', async ({
	page
}) => {
	for (const one of LABS) {
		await openLab(page, one);
		await upload(page, one, 'no-model.json', JSON.stringify({ title: 'No model', ops: [] }));
		const status = labOf(page, one).locator('.share [role="status"]');
		await expect(status.locator('p')).toHaveText(
			'no-model.json is not a valid scenario for this lesson; nothing was changed:'
		);
		// As `npm run trace` prints it (tests/unit/trace-cli.test.ts), and nothing more.
		await expect(status.locator('li')).toHaveText([
			'model: is required (one of cgroups, namespaces, pidns, syscall, unionfs)'
		]);
	}
	// The cgroups lab's JSON editor says the same.
	await openLab(page, LABS[2]);
	await page.getByText('Edit the whole scenario as JSON').click();
	const json = page.getByTestId('scenario-json');
	await json.fill(JSON.stringify({ processes: [], ops: [] }));
	await page.getByRole('button', { name: 'Apply JSON' }).click();
	await expect(json).toHaveAccessibleDescription(
		'model: is required (one of cgroups, namespaces, pidns, syscall, unionfs)'
	);
});

test('"Open JSON file…" on a file that is not JSON says where it breaks, on every lab', async ({
	page
}) => {
	for (const one of LABS) {
		await openLab(page, one);
		await upload(
			page,
			one,
			'invalid.json',
			`{\n  "model": "${one.model}",\n  "ops": [ { "op": "x" ,, ] }`
		);
		await expect(labOf(page, one).locator('.share [role="status"]')).toHaveText(
			'invalid.json is not valid JSON; nothing was changed. The first error is at line 3, column 25.'
		);
	}
});

test('"Open JSON file…" reads a file as the command line does: a byte-order mark or UTF-16 opens, bytes that are not text do not', async ({
	page
}) => {
	// The layers lab's own scenario, saved three ways (scripts/trace.ts accepts the same).
	const one = LABS[1];
	await openLab(page, one);
	const json = JSON.stringify({
		...scenarioFile('unionfs/lesson.json'),
		title: 'Saved by Notepad'
	});
	const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
	const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
	const status = labOf(page, one).locator('.share [role="status"]');
	for (const [name, bytes] of [
		['bom.json', withBom],
		['utf16.json', utf16]
	] as const) {
		await labOf(page, one)
			.locator('.share input[type="file"]')
			.setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
		await expect(status).toHaveText(`Opened ${name}.`);
	}
	// A lone 0xE9 (é in Latin-1) inside a string: not UTF-8, refused rather than replaced.
	await labOf(page, one)
		.locator('.share input[type="file"]')
		.setInputFiles({
			name: 'latin1.json',
			mimeType: 'application/json',
			buffer: Buffer.concat([
				Buffer.from(json.slice(0, 30)),
				Buffer.from([0xe9]),
				Buffer.from(json.slice(30))
			])
		});
	await expect(status).toHaveText(/^latin1\.json is not UTF-8 text .*; nothing was changed\.\s*$/);
});

test('a share link holding JSON that is not an object says it must be an object, on every lab', async ({
	page
}) => {
	for (const one of LABS) {
		await openLab(page, one);
		for (const text of ['"hi"', '[1,2,3]', '[]', '7', 'null']) {
			await openLab(page, one, `?scenario=${await encodeText(page, text)}`);
			const problem = labOf(page, one).getByTestId('scenario-problem');
			await expect(problem).toContainText('(scenario): must be an object');
			await expect(problem).not.toContainText('not valid JSON');
			await expect(problem).not.toContainText('unknown key');
		}
	}
});

test('a share link holding another lesson’s scenario gets the one sentence the file opener gives', async ({
	page
}) => {
	for (const one of LABS) {
		await openLab(page, one);
		const theirs = one.other.model as string;
		await openLab(page, one, `?scenario=${await encodeScenario(page, one.other)}`);
		const problem = labOf(page, one).getByTestId('scenario-problem');
		await expect(problem).toContainText(
			`The shared scenario in this link holds a “${theirs}” scenario, which another lesson’s lab opens; this lab opens “${one.model}” scenarios.`
		);
		await expect(problem).not.toContainText('must be');
		await expect(problem.locator('li')).toHaveCount(0);
		// The notice says once what became of it.
		await expect(problem).not.toContainText('Nothing was changed');
		await expect(problem.getByText('shown instead')).toHaveCount(1);
	}
});

test('an embed’s scenario= holding another lesson’s scenario gets the same sentence', async ({
	page
}) => {
	await page.goto('/embed/cgroups');
	await page.goto(`/embed/cgroups?scenario=${await encodeScenario(page, PIDNS)}`);
	await embedStarted(page);
	const problem = page.locator('.notice.error[role="alert"]');
	await expect(problem).toContainText(
		'The scenario in this link holds a “pidns” scenario, which another lesson’s lab opens; this lab opens “cgroups” scenarios.'
	);
	await expect(problem).not.toContainText('must be');
});

test('an embed of another lab says once what became of another lesson’s scenario', async ({
	page
}) => {
	await page.goto('/embed/pid-namespaces');
	await page.goto(`/embed/pid-namespaces?scenario=${await encodeScenario(page, CGROUPS)}`);
	await embedStarted(page);
	await expect(page.locator('.notice.error[role="alert"] > p')).toHaveText(
		'The scenario in this link holds a “cgroups” scenario, which another lesson’s lab opens; this lab opens “pidns” scenarios. The animation shows its own scenario instead.'
	);
});

test.describe('a valid cgroups scenario whose title is near the 200-character limit', () => {
	// 192 characters: within the limit, but past it with " (no limits)" added.
	const title = `${'Weights, told at length. '.repeat(7)}${'x'.repeat(17)}`;
	const longTitled = { ...CGROUPS, title };
	const cgroups = LABS[2];
	const shownTitle = (page: Page) => labOf(page, cgroups).getByTestId('scenario-title');

	test('opens from a share link', async ({ page }) => {
		const errors = pageErrors(page);
		await openLab(page, cgroups);
		await openLab(page, cgroups, `?scenario=${await encodeScenario(page, longTitled)}`);
		await expect(shownTitle(page)).toHaveText(title);
		await expect(labOf(page, cgroups).getByTestId('scenario-problem')).toHaveCount(0);
		expect(errors).toEqual([]);
	});

	test('opens from "Open JSON file…"', async ({ page }) => {
		await openLab(page, cgroups);
		await upload(page, cgroups, 'long-title.json', JSON.stringify(longTitled));
		await expect(labOf(page, cgroups).locator('.share [role="status"]')).toHaveText(
			'Opened long-title.json.'
		);
		await expect(shownTitle(page)).toHaveText(title);
	});

	test('applies from the JSON editor, whose earlier errors it replaces', async ({ page }) => {
		const errors = pageErrors(page);
		await openLab(page, cgroups);
		await page.getByText('Edit the whole scenario as JSON').click();
		const json = page.getByTestId('scenario-json');
		const apply = page.getByRole('button', { name: 'Apply JSON' });
		await json.fill('[1, 2, 3]');
		await apply.click();
		await expect(json).toHaveAccessibleDescription('(scenario): must be an object');
		await json.fill('"hi"');
		await apply.click();
		await expect(json).toHaveAccessibleDescription('(scenario): must be an object');
		await json.fill(JSON.stringify(longTitled, null, 2));
		await apply.click();
		await expect(json).not.toHaveAttribute('aria-invalid');
		await expect(labOf(page, cgroups).getByRole('alert')).toHaveCount(0);
		await expect(shownTitle(page)).toHaveText(title);
		expect(errors).toEqual([]);
	});

	test('opens in /embed/cgroups?scenario=', async ({ page }) => {
		await page.goto('/embed/cgroups');
		await page.goto(`/embed/cgroups?scenario=${await encodeScenario(page, longTitled)}`);
		await embedStarted(page);
		await expect(page.getByTestId('scenario-title')).toHaveText(title);
		await expect(page.locator('.notice.error[role="alert"]')).toHaveCount(0);
	});
});
