import { expect, test, type Browser } from '@playwright/test';
import { answerQuiz, completeLesson, lessonAt, rightAnswers } from '../helpers/lessons';

// A participant on their own: reads a lesson, fails its quiz, retakes it, passes, finds the lesson completed,
// and finds their progress again after closing the browser; with JavaScript and without.

const lessonPath = 'rights-and-preparation/family-emergency-plan';
const lesson = lessonAt(lessonPath);

async function takeTheLesson(browser: Browser, javaScriptEnabled: boolean) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`/en/learn/${lessonPath}`);
	await expect(page.locator('.lesson-body')).toBeVisible();
	await expect(page.locator('h1 + p .state')).toHaveText('Not started');

	await page.getByRole('button', { name: 'I have read this lesson' }).click();
	await expect(page.getByText('You have read this lesson.')).toBeVisible();

	await answerQuiz(page, lesson, false);
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await expect(page.getByText(/You got 0 of \d+ right/)).toBeVisible();
	await expect(page.locator('h1 + p .state')).toHaveText('In progress');

	await answerQuiz(page, lesson, true);
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByText('You passed this quiz.')).toBeVisible();
	await expect(page.locator('h1 + p .state')).toHaveText('Completed');
	await expect(page.getByText('1 of 2 lessons completed in this module')).toBeVisible();

	// Closing the browser keeps nothing but the cookie jar; the progress comes back with it.
	const saved = await context.storageState();
	await context.close();
	const later = await browser.newContext({ javaScriptEnabled, storageState: saved });
	const again = await later.newPage();
	await again.goto('/en');
	const row = again.locator('.lesson-list li', { has: again.locator(`a[href="/en/learn/${lessonPath}"]`) });
	await expect(row.locator('.state')).toHaveText('Completed');
	// Progress belongs to the lesson, not the language.
	await again.goto('/es');
	await expect(again.locator('.lesson-list li', { has: again.locator(`a[href="/es/learn/${lessonPath}"]`) }).locator('.state')).toHaveText(
		'Completada'
	);
	await later.close();
}

test('a participant completes a lesson and finds it completed after closing the browser', async ({ browser }) => {
	await takeTheLesson(browser, true);
});

test('the same, with JavaScript off', async ({ browser }) => {
	await takeTheLesson(browser, false);
});

test('sending the same quiz form twice records one attempt and answers both with it', async ({ page, request }) => {
	await page.goto(`/en/learn/${lessonPath}`);
	const key = await page.locator('input[name="submissionKey"]').inputValue();
	const origin = new URL(page.url()).origin;
	const post = (fields: Record<string, string>) =>
		request.post(`/en/learn/${lessonPath}?/answer`, { headers: { origin, accept: 'application/json' }, form: { submissionKey: key, ...fields } });
	const first = await post({ [`q-${lesson.quiz.questions[0].id}`]: 'zzz' });
	const replay = await post(Object.fromEntries(lesson.quiz.questions.map((q) => [`q-${q.id}`, rightAnswers(q)[0]])));
	const [firstBody, replayBody] = [await first.json(), await replay.json()];
	expect(firstBody.type).toBe('success');
	expect(firstBody.data).toContain('graded');
	// The replay carries right answers, yet it gets back the first attempt, as recorded.
	expect(replayBody).toEqual(firstBody);
});

test('a submission without its key is refused with 400', async ({ page, request }) => {
	await page.goto(`/en/learn/${lessonPath}`);
	const response = await request.post(`/en/learn/${lessonPath}?/answer`, {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		form: { [`q-${lesson.quiz.questions[0].id}`]: 'a' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
});

test('a module’s certificate appears once every lesson in it is completed, with a name that never leaves the page', async ({ page }) => {
	await page.goto('/en/certificate?module=rights-and-preparation');
	await expect(page.getByText('Complete every lesson of this course or module')).toBeVisible();
	for (const path of ['rights-and-preparation/know-your-rights', lessonPath]) await completeLesson(page, path);

	const requests: string[] = [];
	page.on('request', (request) => requests.push(`${request.url()} ${request.postData() ?? ''}`));
	await page.goto('/en/certificate?module=rights-and-preparation');
	await page.getByLabel('Name to print (optional)').fill('Marisol Canary-Name');
	await expect(page.locator('.certificate-name')).toHaveText('Marisol Canary-Name');
	await expect(page.locator('.certificate')).toContainText('has completed the Deportation 101 module');
	await page.goto('/en/certificate');
	await expect(page.getByText('Complete every lesson of this course or module')).toBeVisible();
	expect(requests.join('\n')).not.toContain('Canary');
});
