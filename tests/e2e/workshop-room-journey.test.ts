import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { testOnEachDatabase } from '../helpers/each-database';
import { lessonAt, rightAnswers, wrongAnswer, type QuizQuestion } from '../helpers/lessons';
import { workshopOverHttp } from '../helpers/room';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// A room as a real workshop goes, on both databases: six phones (two without JavaScript, one in Spanish) answer three
// questions; one phone drops and comes back while joining is closed, a newcomer is turned away and then let in once
// joining reopens; every phone sees its answer received and, after the reveal, its own result; every answer counts
// exactly once. (A phone with JavaScript once kept the first answer's "received" for every later question.)

test.setTimeout(240_000);
const messages = {
	en: JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>,
	es: JSON.parse(fs.readFileSync('messages/es.json', 'utf8')) as Record<string, string>
};
const phoneScreen = { width: 360, height: 740 };
const lesson = lessonAt('two-systems/why-deportation-101');
const questions = lesson.quiz.questions.slice(0, 3);

type Locale = 'en' | 'es';
interface Phone {
	name: string;
	page: Page;
	context: BrowserContext;
	locale: Locale;
	script: boolean;
	right: boolean;
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, key: string) => values[key]);

async function joinPhone(browser: Browser, server: RunningServer, code: string, options: Omit<Phone, 'page' | 'context'> & { typed?: string }) {
	const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: options.script, viewport: phoneScreen });
	const page = await context.newPage();
	await page.goto(`/${options.locale}/j/${code}`, { waitUntil: 'networkidle' });
	if (options.typed) await page.getByLabel(messages[options.locale].join_name_label).fill(options.typed);
	await page.getByRole('button', { name: messages[options.locale].join_submit, exact: true }).click();
	await page.waitForURL(/\/w\//);
	return { ...options, page, context } satisfies Phone;
}

/** What a phone without JavaScript does to see the room move: its own button, never a timed reload under a choice. */
async function look(phone: Phone) {
	if (!phone.script) await phone.page.getByRole('link', { name: messages[phone.locale].room_check_next }).click();
}

async function answer(phone: Phone, question: QuizQuestion) {
	const { page, locale } = phone;
	await look(phone);
	const form = page.locator('form[action="?/answer"]');
	await expect(form.locator('input[name="questionId"]')).toHaveValue(question.id);
	// The question is on the first screen of the phone.
	const box = (await page.locator('.room-question legend').boundingBox())!;
	expect(box.y).toBeGreaterThanOrEqual(-1);
	expect(box.y + Math.min(box.height, 120)).toBeLessThanOrEqual(phoneScreen.height);
	if (!phone.script) await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
	// With JavaScript the new question is said aloud to screen readers.
	else await expect(page.locator('p[role="status"][aria-live="polite"]').first()).toHaveText(fill(messages[locale].room_new_question, { prompt: question.prompt[locale] }));
	// Each choice is a large tap target: the whole row, at least 44 px high, the width of the screen.
	for (const choice of await form.locator('label.choice').all()) {
		const target = (await choice.boundingBox())!;
		expect(target.height).toBeGreaterThanOrEqual(44);
		expect(target.width).toBeGreaterThanOrEqual(phoneScreen.width * 0.75);
	}
	for (const choice of phone.right ? rightAnswers(question) : [wrongAnswer(question)]) await form.locator(`input[name="choice"][value="${choice}"]`).check();
	await form.getByRole('button', { name: messages[locale].room_answer_submit }).click();
	await expect(page.getByText(messages[locale].room_answer_received)).toBeVisible();
}

async function seeOwnResult(phone: Phone, question: QuizQuestion) {
	const { page, locale } = phone;
	await look(phone);
	const result = page.getByTestId('my-result');
	await expect(result).toBeVisible();
	const said = (await result.textContent())!;
	expect(said).toContain(fill(messages[locale].room_you_chose, { choices: '' }).replace(/\.$/, '').trim());
	if (phone.right) expect(said).toContain(messages[locale].room_you_were_right);
	else expect(said).toContain(fill(messages[locale].room_the_answer_is, { choices: '' }).replace(/\.$/, '').trim());
	expect(said).toContain(question.explanation[locale].trim().slice(0, 40));
}

async function runTheRoom(browser: Browser, env: Record<string, string>) {
	const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn', ...env } });
	const phones: Phone[] = [];
	try {
		await waitUntilUp(server);
		const { facilitator, workshopPath, code } = await workshopOverHttp(server, 'A whole room', [lesson.path.split('/')[1]]);
		const act = async (action: string, form: Record<string, string> = {}) =>
			expect((await facilitator.submit(`${workshopPath}?/${action}`, form)).status()).toBeLessThan(400);
		const answeredOnControlPage = async () =>
			(await (await facilitator.get(workshopPath)).text()).match(/data-testid="answered"[^>]*>([^<]*)</)?.[1];

		const join = (options: Omit<Phone, 'page' | 'context'> & { typed?: string }) => joinPhone(browser, server, code, options);
		phones.push(
			await join({ name: 'English', locale: 'en', script: true, right: true }),
			await join({ name: 'Spanish', locale: 'es', script: true, right: false }),
			await join({ name: 'No script 1', locale: 'en', script: false, right: true }),
			await join({ name: 'No script 2', locale: 'es', script: false, right: false }),
			await join({ name: 'Typed', locale: 'en', script: true, right: false, typed: 'Luz' }),
			await join({ name: 'Dropping', locale: 'en', script: true, right: true })
		);
		// Names the room gave are all different.
		const names = await Promise.all(phones.map(async (phone) => (await phone.page.locator('.meta').textContent())!));
		expect(new Set(names).size).toBe(phones.length);

		for (const [index, question] of questions.entries()) {
			if (index === 1) {
				// Joining closes: someone new is turned away; the phone that dropped comes back in through the code.
				await act('closeJoining');
				const newcomer = await browser.newContext({ baseURL: server.url, viewport: phoneScreen });
				const late = await newcomer.newPage();
				await late.goto(`/en/j/${code}`);
				await expect(late.getByText(messages.en.join_closed)).toBeVisible();
				await expect(late.getByRole('button', { name: messages.en.join_submit, exact: true })).toHaveCount(0);
				await newcomer.close();
				const dropping = phones.find((phone) => phone.name === 'Dropping')!;
				await dropping.page.close();
				dropping.page = await dropping.context.newPage();
				await dropping.page.goto(`/en/j/${code}`);
				await dropping.page.waitForURL(/\/w\//);
			}
			if (index === 2) {
				await act('reopenJoining');
				phones.push(await join({ name: 'Late', locale: 'es', script: true, right: true }));
			}

			await act('open', { questionId: question.id });
			for (const phone of phones) await answer(phone, question);
			await expect.poll(answeredOnControlPage).toBe(`${phones.length} answered`);
			await act('reveal');
			for (const phone of phones) await seeOwnResult(phone, question);
		}

		const rows = parse(await (await facilitator.get(`${workshopPath}/report.csv`)).text(), { columns: true }) as Record<string, string>[];
		// In the order they were asked, each phone counted once.
		const asked = rows.filter((row) => row.section === 'question');
		expect(asked.map((row) => row.question)).toEqual(questions.map((question) => question.prompt.en));
		expect(asked.map((row) => row.answered)).toEqual(['6', '6', '7']);
		await facilitator.dispose();
	} finally {
		await Promise.all(phones.map((phone) => phone.context.close()));
		await killAll([server]);
	}
}

testOnEachDatabase('six phones answer three questions through a drop, a closed door and a late arrival, each answer counted once', (env, browser) =>
	runTheRoom(browser, env)
);
