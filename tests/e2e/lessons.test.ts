import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { allLessons, answerQuiz, rightAnswers, wrongAnswer } from '../helpers/lessons';

// Lessons as a reader meets them: both languages, quizzes graded on the server with nothing given away
// beforehand, regional notes, the resource pages, and facilitator notes kept from participants.

const lessons = allLessons;

test('the Spanish home page lists every module and at least twelve lessons in Spanish', async ({ page }) => {
	await page.goto('/es');
	const links = page.locator('.lesson-list a');
	expect(await links.count()).toBeGreaterThanOrEqual(12);
	await page.goto('/en');
	const english = await page.locator('.lesson-list a').allTextContents();
	await page.goto('/es');
	const spanish = await links.allTextContents();
	expect(spanish.filter((title, index) => title !== english[index]).length).toBe(spanish.length);
});

test('every lesson page shows objectives, body, resources, key terms and a quiz, in both languages', async ({ page }) => {
	for (const lesson of lessons()) {
		for (const locale of ['en', 'es']) {
			const response = await page.goto(`/${locale}/learn/${lesson.path}`);
			expect(response?.status(), lesson.path).toBe(200);
			await expect(page.locator('section[aria-labelledby="objectives"] li').first()).toBeVisible();
			await expect(page.locator('section[aria-labelledby="resources"] li').first()).toBeVisible();
			await expect(page.locator('section[aria-labelledby="glossary"] dt').first()).toBeVisible();
			await expect(page.locator('.question')).toHaveCount(lesson.quiz.questions.length);
		}
	}
});

test('no lesson page or script gives away a correct answer or an explanation before submission', async ({ request }) => {
	// Every script a page can load is one of these files.
	const scriptFiles = (fs.readdirSync('build/client', { recursive: true }) as string[]).filter((file) => file.endsWith('.js'));
	expect(scriptFiles.length).toBeGreaterThan(0);
	const scripts = scriptFiles.map((file) => fs.readFileSync(path.join('build/client', file), 'utf8')).join('\n');

	const leaks: string[] = [];
	for (const lesson of lessons()) {
		for (const locale of ['en', 'es'] as const) {
			const html = await (await request.get(`/${locale}/learn/${lesson.path}`)).text();
			expect(html.match(/<fieldset class="question"/g)).toHaveLength(lesson.quiz.questions.length);
			for (const question of lesson.quiz.questions) {
				const explanation = question.explanation[locale].trim();
				if (html.includes(explanation)) leaks.push(`${locale}/${lesson.path} page: ${question.id}`);
				if (scripts.includes(explanation)) leaks.push(`client script: ${question.id}`);
			}
			// The page's serialized data carries the questions but no key: no "correct" flag, no true/false answer.
			if (/correctChoiceIds|\bcorrect"?:\s*true|\banswer"?:\s*(true|false)/.test(html)) leaks.push(`${locale}/${lesson.path} data`);
		}
	}
	expect(leaks).toEqual([]);
});

test('with JavaScript off, a reader fails a quiz, reads why, retakes it and passes', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const [lesson] = lessons();
	await page.goto(`/en/learn/${lesson.path}`);

	// First attempt: every question left unanswered but the first, answered wrongly.
	const first = lesson.quiz.questions[0];
	const wrong = wrongAnswer(first);
	await page.locator(`input[name="q-${first.id}"][value="${wrong}"]`).check();
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await expect(page.getByText(/You got 0 of \d+ right/)).toBeVisible();
	await expect(page.getByText('Not yet: you need 70% to pass.')).toBeVisible();
	await expect(page.getByText(first.explanation.en.trim().slice(0, 40), { exact: false })).toBeVisible();
	await expect(page.locator(`input[name="q-${first.id}"][value="${wrong}"]`)).toBeChecked();

	// Second attempt: every right answer.
	await answerQuiz(page, lesson, true);
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByText('You passed this quiz.')).toBeVisible();
	await context.close();
});

test('with JavaScript on, grading happens without a page load and keeps the answers', async ({ page }) => {
	const [, lesson] = lessons();
	await page.goto(`/en/learn/${lesson.path}`);
	const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
	const question = lesson.quiz.questions[0];
	const right = rightAnswers(question);
	for (const id of right) await page.locator(`input[name="q-${question.id}"][value="${id}"]`).check();
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await expect(page.getByText(/You got \d+ of \d+ right/)).toBeVisible();
	expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
	for (const id of right) await expect(page.locator(`input[name="q-${question.id}"][value="${id}"]`)).toBeChecked();
});

test('a reader picks a region and reads its local notes; no region shows the national text alone', async ({ page }) => {
	await page.goto('/en/learn/crimes-and-enforcement/detainers-and-local-policy');
	await expect(page.getByRole('heading', { name: 'In New York' })).toHaveCount(0);
	await page.getByLabel('Local notes for').selectOption('ny');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/region=ny/);
	await expect(page.getByRole('heading', { name: 'In New York' })).toBeVisible();
	await page.getByLabel('Local notes for').selectOption('');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page.getByRole('heading', { name: 'In New York' })).toHaveCount(0);
});

test('a resource’s page lists the lessons that cite it', async ({ page }) => {
	await page.goto('/en/resources');
	await page.locator('a[href="/en/resources/families-for-freedom"]').click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Families for Freedom');
	const cited = page.locator('main ul li a');
	expect(await cited.count()).toBeGreaterThan(0);
	await cited.first().click();
	await expect(page.locator('section[aria-labelledby="resources"]')).toContainText('Families for Freedom');
});

test('facilitator notes are not shown to participants', async ({ page }) => {
	await page.goto('/en/learn/two-systems/why-deportation-101');
	await expect(page.getByRole('link', { name: 'Facilitator notes for this lesson' })).toHaveCount(0);
	const response = await page.goto('/en/notes/two-systems/why-deportation-101');
	expect(new URL(page.url()).pathname).toBe('/en/login');
	expect(response?.status()).toBe(200);
});
