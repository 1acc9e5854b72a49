import { expect, test } from '@playwright/test';
import { answerQuiz, lessonAt } from '../helpers/lessons';

// A lesson opened once reads offline; a quiz answered offline is kept on the device and recorded exactly once
// when the connection returns, even if it is sent twice.

const lessonPath = 'organizing/case-campaigns';

test('an opened lesson reads offline, and an answer given offline is sent once when back online', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`/en/learn/${lessonPath}`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	// Once the service worker controls the page, loading it again stores it for offline reading.
	await page.reload();
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	await page.reload();
	const title = await page.getByRole('heading', { level: 1 }).textContent();

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
	await expect(page.locator('.lesson-body')).toBeVisible();

	await answerQuiz(page, lessonAt(lessonPath), true);
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await expect(page.getByText('You are offline. Your answers are saved on this device')).toBeVisible();
	// As if a second tab had kept the same answers: both will be sent.
	await page.evaluate(() => {
		const kept = JSON.parse(localStorage.getItem('d101-outbox')!);
		localStorage.setItem('d101-outbox', JSON.stringify([...kept, ...kept]));
	});

	await context.setOffline(false);
	await expect(page.getByText('Your saved answers were sent.')).toBeVisible();
	expect(await page.evaluate(() => localStorage.getItem('d101-outbox'))).toBeNull();
	await expect(page.locator('h1 + p .state')).toHaveText('In progress');

	await page.goto('/en/me');
	await expect(page.getByTestId('record-summary')).toHaveText('Lessons completed: 0. Quiz attempts: 1.');
	await context.close();
});
