import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'yaml';

// A participant on their own: reads a lesson, fails its quiz, retakes it, passes, finds the lesson completed,
// and finds their progress again after closing the browser; with JavaScript and without.

const lessonPath = 'rights-and-preparation/family-emergency-plan';
const quiz = parse(fs.readFileSync('curriculum/03-rights-and-preparation/02-family-emergency-plan/quiz.yaml', 'utf8')) as {
	questions: { id: string; type: string; choices?: { id: string; correct?: boolean }[]; answer?: boolean }[];
};

async function answerAll(page: Page, right: boolean) {
	for (const question of quiz.questions) {
		const correct =
			question.type === 'true_false' ? [String(question.answer)] : question.choices!.filter((c) => c.correct).map((c) => c.id);
		// A wrong answer: the first choice that is not right, alone.
		const wrong = question.type === 'true_false' ? String(!question.answer) : question.choices!.find((c) => !c.correct)!.id;
		const chosen = right ? correct : [wrong];
		for (const input of await page.locator(`input[name="q-${question.id}"]`).all()) {
			const value = (await input.getAttribute('value'))!;
			// Radio buttons are unchecked only by checking another in their group.
			if (chosen.includes(value) || (await input.getAttribute('type')) === 'checkbox') await input.setChecked(chosen.includes(value));
		}
	}
}

async function takeTheLesson(browser: Browser, javaScriptEnabled: boolean) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`/en/learn/${lessonPath}`);
	await expect(page.locator('.lesson-body')).toBeVisible();
	await expect(page.locator('h1 + p .state')).toHaveText('Not started');

	await page.getByRole('button', { name: 'I have read this lesson' }).click();
	await expect(page.getByText('You have read this lesson.')).toBeVisible();

	await answerAll(page, false);
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await expect(page.getByText(/You got 0 of \d+ right/)).toBeVisible();
	await expect(page.locator('h1 + p .state')).toHaveText('In progress');

	await answerAll(page, true);
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
	const first = await request.post(`/en/learn/${lessonPath}?/answer`, {
		headers: { origin, accept: 'application/json' },
		form: { submissionKey: key, [`q-${quiz.questions[0].id}`]: 'zzz' }
	});
	const answers = Object.fromEntries(quiz.questions.map((q) => [`q-${q.id}`, q.type === 'true_false' ? String(q.answer) : q.choices!.find((c) => c.correct)!.id]));
	const replay = await request.post(`/en/learn/${lessonPath}?/answer`, {
		headers: { origin, accept: 'application/json' },
		form: { submissionKey: key, ...answers }
	});
	const [firstBody, replayBody] = [await first.json(), await replay.json()];
	expect(firstBody.type).toBe('success');
	expect(firstBody.data).toContain('graded');
	// The replay carries the right answers, yet it gets back the first attempt, as recorded.
	expect(replayBody).toEqual(firstBody);
});

test('a submission without its key is refused with 400 and records nothing', async ({ page, request }) => {
	await page.goto(`/en/learn/${lessonPath}`);
	const origin = new URL(page.url()).origin;
	const response = await request.post(`/en/learn/${lessonPath}?/answer`, {
		headers: { origin, accept: 'text/html' },
		form: { [`q-${quiz.questions[0].id}`]: 'a' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
});
