import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { lessonAt, rightAnswers, wrongAnswer } from '../helpers/lessons';
import { setupLink } from '../helpers/http-client';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// A whole short workshop, in several browsers at once: a facilitator runs it, three phones join by code, follow
// the pacing live, answer a question, see the tally, and the facilitator ends it and opens the report.

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let server: RunningServer;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir() } });
	await waitUntilUp(server);
});

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.close()));
	server?.child.kill('SIGKILL');
});

async function open(browser: Browser, path: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url });
	contexts.push(context);
	const page = await context.newPage();
	// Waiting for the page to settle lets it hydrate before the test types into it.
	await page.goto(path, { waitUntil: 'networkidle' });
	return page;
}

test('a facilitator runs a workshop that three phones follow, answer and see the tally of', async ({ browser }) => {
	const facilitator = await open(browser, `/en${setupLink(server)}`);
	await facilitator.getByLabel('Email').fill('ada@example.org');
	await facilitator.getByLabel('Your name').fill('Ada');
	await facilitator.getByLabel('Password').fill('river stone lantern 42');
	await facilitator.getByRole('button', { name: 'Create admin account' }).click();
	await expect(facilitator.getByRole('heading', { level: 1, name: 'Second factor' })).toBeVisible();

	await facilitator.goto('/en/workshops', { waitUntil: 'networkidle' });
	await facilitator.getByLabel('Title').fill('Tuesday training at the library');
	await facilitator.getByRole('button', { name: 'Create workshop' }).click();
	const code = (await facilitator.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
	const workshopPath = new URL(facilitator.url()).pathname;

	const names = ['Ana', '', 'Table 3'];
	const phones: Page[] = [];
	for (const [index, name] of names.entries()) {
		const phone = await open(browser, '/en/join');
		await phone.getByLabel('Code from the screen').fill(code.toLowerCase());
		await phone.getByRole('button', { name: 'Join' }).click();
		await phone.waitForURL(/\/en\/j\/[A-Z0-9]{6}$/);
		await phone.waitForLoadState('networkidle');
		if (name) await phone.getByLabel('Name to show in the room').fill(name);
		if (index === 2) await phone.getByLabel('We are a group sharing this device').check();
		await phone.getByRole('button', { name: 'Join' }).click();
		await phone.waitForURL(/\/en\/w\//);
		await expect(phone.getByText('You are in the room as')).toBeVisible();
		phones.push(phone);
	}
	await expect(facilitator.getByTestId('attendance')).toHaveText('3 in the room');
	await expect(phones[1].getByText(/You are in the room as \w+ \w+\./)).toBeVisible();

	const presenter = await facilitator.context().newPage();
	await presenter.goto(`${workshopPath}/present`);
	await expect(presenter.getByTestId('join-code')).toHaveText(code);

	// Pacing: the phones follow "next" without reloading.
	await facilitator.getByRole('button', { name: 'Next lesson' }).click();
	const secondTitle = lessonAt('two-systems/criminal-process');
	for (const phone of [...phones, presenter]) await expect(phone.getByText('Lesson 2 of 6')).toBeVisible();
	await expect(phones[0].getByRole('heading', { level: 1 })).toHaveText(await facilitator.locator('#now').textContent().then((t) => t!.split(': ').slice(1).join(': ')));

	// A question opened to the room: two right answers and one wrong.
	const question = secondTitle.quiz.questions.find((q) => q.type !== 'multiple')!;
	await facilitator.locator('li', { has: facilitator.locator(`input[value="${question.id}"]`) }).getByRole('button', { name: 'Open this question to the room' }).click();
	for (const [index, phone] of phones.entries()) {
		const choice = index === 2 ? wrongAnswer(question) : rightAnswers(question)[0];
		await phone.locator(`input[name="choice"][value="${choice}"]`).check();
		await phone.getByRole('button', { name: 'Send my answer' }).click();
		await expect(phone.getByText('Your answer was received.')).toBeVisible();
	}
	await expect(facilitator.getByTestId('answered')).toHaveText('3 answered');
	await expect(facilitator.getByText(/Answered: .*Ana/)).toBeVisible();
	// Before the reveal the room sees a count, not the tally.
	await expect(presenter.getByText('3 of 3 answered')).toBeVisible();
	await expect(presenter.getByTestId('tally-count')).toHaveCount(0);
	await expect(phones[0].locator('.tally')).toHaveCount(0);

	await facilitator.getByRole('button', { name: 'Reveal the answer' }).click();
	await expect(phones[0].locator('.tally')).toBeVisible();
	await expect(phones[0].locator('.tally li.correct .tally-count')).toHaveText('2');
	await expect(presenter.locator('li.projector-correct').getByTestId('tally-count')).toHaveText('2');
	// The projector never shows a name.
	expect(await presenter.locator('body').innerText()).not.toMatch(/\bAna\b|Table 3/);

	await facilitator.getByRole('button', { name: 'End the workshop' }).click();
	await facilitator.getByRole('button', { name: 'Yes, end it now' }).click();
	await expect(facilitator.getByTestId('report-attendance')).toHaveText('Attendance: 3');
	const questions = facilitator.locator('table').first();
	await expect(questions.locator('tbody tr')).toHaveCount(1);
	await expect(questions.locator('tbody tr td').nth(1)).toHaveText('3');
	await expect(questions.locator('tbody tr td').nth(2)).toHaveText('2');
	await expect(facilitator.getByTestId('report-lessons').locator('tbody tr')).toHaveCount(6);
	for (const phone of phones) await expect(phone.getByText('This workshop has ended.')).toBeVisible();

	// The report downloads as CSV, with counts and no names.
	const csv = await (await facilitator.request.get(`${workshopPath}/report.csv`)).text();
	expect(csv.split('\n')[0]).toBe('section,lesson,question,answered,right,completed');
	expect(csv).toMatch(/^question,.*,3,2,$/m);
	expect(csv).not.toMatch(/Ana|Table 3/);

	// The printable guide carries the agenda with timings and notes; the handout, resources with their addresses.
	await facilitator.goto(`${workshopPath}/guide`);
	await expect(facilitator.locator('.guide > li')).toHaveCount(6);
	await expect(facilitator.getByText(/Total: \d+ min/)).toBeVisible();
	await facilitator.goto(`${workshopPath}/handout`);
	await expect(facilitator.getByRole('heading', { name: 'Know your rights: a summary' })).toBeVisible();
	await expect(facilitator.locator('.handout-resources .url').first()).toHaveText(/^https?:\/\//);
});
