import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { inputValue, newClient, type Client } from '../helpers/http-client';
import { allLessons, postRightAnswers } from '../helpers/lessons';
import { adminWithWorkshop, joinWorkshop } from '../helpers/room';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// The statistics as an admin and as a facilitator see them: an admin filters the dashboard and downloads a CSV
// whose rows match the screen; a facilitator's page counts only the workshops they ran.

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let server: RunningServer;
let adminContext: BrowserContext;
let admin: Page;
let facilitator: Client;
const firstLesson = allLessons()[0];
const today = dayOf();

/** A new anonymous learner who reads the first lesson and passes its quiz, without JavaScript. */
async function learnerCompletesFirstLesson() {
	const learner = await newClient(server);
	const path = `/en/learn/${firstLesson.path}`;
	await learner.get(path);
	expect((await learner.submit(`${path}?/read`, {})).status()).toBeLessThan(400);
	const key = inputValue(await (await learner.get(path)).text(), 'submissionKey')!;
	const answered = await postRightAnswers(learner, firstLesson, key, { maxRedirects: 0 });
	expect(answered.status()).toBeLessThan(400);
	await learner.dispose();
}

test.beforeAll(async ({ browser }, testInfo) => {
	testInfo.setTimeout(180_000);
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
	adminContext = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
	admin = await adminContext.newPage();
	const { code } = await adminWithWorkshop(admin, server, 'Library training');
	const joiner = await browser.newContext({ baseURL: server.url });
	await joinWorkshop(await joiner.newPage(), code);
	await joiner.close();
	for (let i = 0; i < 6; i++) await learnerCompletesFirstLesson();

	// A facilitator, invited by the admin, who plans a workshop of their own that nobody has joined yet.
	await admin.goto('/en/admin', { waitUntil: 'networkidle' });
	await admin.getByLabel('Email').fill('fatima@example.org');
	await admin.getByRole('button', { name: 'Create invitation link' }).click();
	const invite = new URL((await admin.getByTestId('invite-url').textContent())!).pathname;
	facilitator = await newClient(server);
	await facilitator.submit(`/en${invite}`, { displayName: 'Fatima', password: 'river stone lantern 42' });
	await facilitator.submit('/en/workshops?/create', { title: 'Fatima’s workshop', heldOn: today, lesson: 'why-deportation-101' });
});

test.afterAll(async () => {
	await facilitator?.dispose();
	await adminContext?.close();
	server?.child.kill('SIGKILL');
});

/** The cells of a table on the page, row by row, found by its caption. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
	const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
	return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim())));
}

test('an admin filters the dashboard and downloads a CSV whose rows match the screen', async () => {
	await admin.goto('/en/admin/statistics', { waitUntil: 'networkidle' });
	await admin.getByLabel('Mode').selectOption('self');
	await admin.getByRole('button', { name: 'Show' }).click();
	await admin.waitForURL(/mode=self/);

	const onScreen = await tableRows(admin, 'Lesson by lesson');
	// Six learners read and passed the first lesson on their own; the workshop participant is not counted here.
	expect(onScreen[0].slice(2, 5)).toEqual([expect.any(String), '6', '6']);
	expect(onScreen[1].slice(3, 5)).toEqual(['0', '0']);

	const [download] = await Promise.all([
		admin.waitForEvent('download'),
		admin.getByRole('link', { name: 'Download "Lesson by lesson" as CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`deportation101-funnel-${today}.csv`);
	const [header, ...rows] = parse(fs.readFileSync((await download.path())!, 'utf8')) as string[][];
	expect(header).toEqual(['module', 'position', 'lesson', 'started', 'completed', 'completion_rate_pct', 'retained_pct']);
	expect(rows.map((row) => row.map((cell) => (cell === '' ? '–' : cell)))).toEqual(onScreen);
});

test('the summary hides counts under five, on screen and in the export', async () => {
	await admin.goto('/en/admin/statistics?mode=workshop', { waitUntil: 'networkidle' });
	const summary = await admin.request.get(`/en/admin/statistics/export/summary?mode=workshop`);
	const figures = Object.fromEntries((parse(await summary.text()) as string[][]).slice(1));
	expect(figures).toMatchObject({ learners: '<5', workshops: '2', attendance: '<5', pass_rate_pct: '' });
	await expect(admin.locator('.figures')).toContainText('<5');
	expect(await summary.text()).not.toContain('Library training');
});

test('a facilitator sees the figures of their own workshops only', async () => {
	const page = await (await facilitator.get('/en/workshops/statistics')).text();
	expect(page).toContain('Statistics for my workshops');
	const summary = Object.fromEntries(
		(parse(await (await facilitator.get('/en/workshops/statistics/export/summary?mode=all&facilitator=anyone')).text()) as string[][]).slice(1)
	);
	// Their one workshop, empty; not the admin's, which someone joined, nor the self-paced learners.
	expect(summary).toMatchObject({ workshops: '1', attendance: '0', learners: '0', lessons_started: '0' });
});
