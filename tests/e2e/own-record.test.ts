import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { completeLesson, lessonAt } from '../helpers/lessons';
import { adminWithWorkshop } from '../helpers/room';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// A participant downloads what the platform holds about them, then erases it: from the server, and from the
// device (the pages kept offline, the answers waiting to be sent, the cookies).

let server: RunningServer;
const lessonPath = 'two-systems/why-deportation-101';

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
});

test.afterAll(() => {
	server?.child.kill('SIGKILL');
});

test('a participant downloads their whole record, then erases it from the server and from the device', async ({ browser }) => {
	test.setTimeout(90_000);
	const staff = await (await browser.newContext({ baseURL: server.url })).newPage();
	const { code } = await adminWithWorkshop(staff, server, 'Library training');

	const context = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
	const page = await context.newPage();
	await page.goto(`/en/j/${code}`, { waitUntil: 'networkidle' });
	await page.getByLabel(/name/i).first().fill('Rosa');
	await page.getByRole('button', { name: 'Join' }).click();
	await page.waitForURL(/\/w\//);
	await completeLesson(page, lessonPath);

	await page.goto('/en/me', { waitUntil: 'networkidle' });
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my record (JSON)' }).click()]);
	expect(download.suggestedFilename()).toBe('deportation101-my-record.json');
	const text = fs.readFileSync((await download.path())!, 'utf8');
	const record = JSON.parse(text);
	expect(record.lessons).toEqual([expect.objectContaining({ lessonId: 'why-deportation-101', passedOn: expect.any(String) })]);
	expect(record.quizAttempts).toHaveLength(1);
	expect(record.quizAttempts[0].answers).toHaveLength(lessonAt(lessonPath).quiz.questions.length);
	expect(record.workshops).toEqual([expect.objectContaining({ title: 'Library training', displayName: 'Rosa' })]);
	// Nothing in it could open the record again.
	const learnerCookie = (await context.cookies()).find((cookie) => cookie.name.includes('learner'))!;
	expect(text).not.toContain(learnerCookie.value);
	expect(text).not.toMatch(/hash|token/i);

	// Something kept on the device: an answer waiting to be sent, and the pages kept for offline reading.
	await page.evaluate(() => localStorage.setItem('d101-outbox', '[{"action":"x"}]'));
	await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);

	await page.getByRole('button', { name: 'Erase my progress' }).click();
	await expect(page.getByText('Everything was erased.')).toBeVisible();
	expect(await page.evaluate(() => localStorage.length)).toBe(0);
	expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
	expect((await context.cookies()).filter((cookie) => cookie.name.includes('learner'))).toEqual([]);

	const after = await page.request.get('/en/me/data.json');
	expect(await after.json()).toBeNull();
	await context.close();
});
