import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { lessonAt, rightAnswers, wrongAnswer } from '../helpers/lessons';
import { workshopOverHttp } from '../helpers/room';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// A room through several questions, as a real workshop goes: phones with JavaScript in English and in Spanish and
// one without JavaScript each answer every question, and each question counts every phone once. (A phone with
// JavaScript once kept the first answer's "received" for every question after it, and could answer no more.)

test.setTimeout(120_000);
const messages = {
	en: JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>,
	es: JSON.parse(fs.readFileSync('messages/es.json', 'utf8')) as Record<string, string>
};
const lesson = lessonAt('two-systems/why-deportation-101');
const questions = lesson.quiz.questions.slice(0, 3);
let server: RunningServer;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
});

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.close()));
	await killAll([server]);
});

async function phone(browser: Browser, code: string, locale: 'en' | 'es', javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled });
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(`/${locale}/j/${code}`, { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: messages[locale].join_submit, exact: true }).click();
	await page.waitForURL(/\/w\//);
	return page;
}

test('three phones, one without JavaScript and one in Spanish, answer each of three questions once', async ({ browser }) => {
	expect(questions).toHaveLength(3);
	const { facilitator, workshopPath, code } = await workshopOverHttp(server, 'Several questions', [lesson.path.split('/')[1]]);
	const english = await phone(browser, code, 'en', true);
	const spanish = await phone(browser, code, 'es', true);
	const noScript = await phone(browser, code, 'en', false);

	for (const question of questions) {
		expect((await facilitator.submit(`${workshopPath}?/open`, { questionId: question.id })).status()).toBeLessThan(400);
		await noScript.reload();
		for (const [page, locale, right] of [[english, 'en', true], [spanish, 'es', false], [noScript, 'en', true]] as const) {
			const form = page.locator('form[action="?/answer"]');
			await expect(form.locator(`input[name="questionId"]`)).toHaveValue(question.id);
			const choices = right ? rightAnswers(question) : [wrongAnswer(question)];
			for (const choice of choices) await form.locator(`input[name="choice"][value="${choice}"]`).check();
			await form.locator('button[type="submit"]').click();
			await expect(page.getByText(messages[locale].room_answer_received)).toBeVisible();
		}
		await expect.poll(async () => (await (await facilitator.get(workshopPath)).text()).match(/data-testid="answered"[^>]*>([^<]*)</)?.[1]).toBe('3 answered');
		expect((await facilitator.submit(`${workshopPath}?/reveal`, {})).status()).toBeLessThan(400);
	}

	// Each question counts each phone once in the report.
	const rows = parse(await (await facilitator.get(`${workshopPath}/report.csv`)).text(), { columns: true }) as Record<string, string>[];
	const answered = rows.filter((row) => row.section === 'question').map((row) => row.answered);
	expect(answered).toEqual(['3', '3', '3']);
	await facilitator.dispose();
});
