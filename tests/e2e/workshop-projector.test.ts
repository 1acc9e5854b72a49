import { expect, test, type Page } from '@playwright/test';
import { allLessons, type QuizQuestion } from '../helpers/lessons';
import { joinOverHttp, workshopOverHttp } from '../helpers/room';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';
import type { Client } from '../helpers/http-client';

// The projector, as a room sees it: the whole screen and nothing of the site around it; at 1024×768, 1280×800 and
// 1920×1080 everything fits without scrolling, with the curriculum's longest question in both languages side by
// side; no text under the stated floor (1/32 of the screen's height); never a name; a clicker's keys run the room.

test.setTimeout(180_000);
const sizes = [
	{ width: 1024, height: 768 },
	{ width: 1280, height: 800 },
	{ width: 1920, height: 1080 }
];
const participantName = 'Zelda Quokka';
let server: RunningServer;
let facilitator: Client;
let workshopPath: string;
let code: string;

/** The question with the most text to show, English and Spanish together, and the lesson it belongs to. */
const wordiest = allLessons()
	.flatMap((lesson) => lesson.quiz.questions.map((question) => ({ lesson, question })))
	.map((entry) => ({ ...entry, length: textLength(entry.question) }))
	.sort((a, b) => b.length - a.length)[0];
function textLength(question: QuizQuestion) {
	return ['en', 'es'].reduce(
		(sum, locale) =>
			sum + question.prompt[locale as 'en'].length + (question.choices ?? []).reduce((n, choice) => n + ((choice as { text?: { en: string } }).text?.[locale as 'en'].length ?? 0), 0),
		0
	);
}

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
	({ facilitator, workshopPath, code } = await workshopOverHttp(server, 'Projector', [wordiest.lesson.path.split('/')[1]]));
	await joinOverHttp(server, code, participantName);
});

test.afterAll(async () => {
	await facilitator?.dispose();
	await killAll([server]);
});

async function projector(browser: import('@playwright/test').Browser, size: { width: number; height: number }, query = '') {
	const context = await browser.newContext({ baseURL: server.url, viewport: size, storageState: await facilitator.context.storageState() });
	const page = await context.newPage();
	await page.goto(`${workshopPath}/present${query}`, { waitUntil: 'networkidle' });
	return page;
}

/** Every element shown lies inside the screen, the page does not scroll, and no text is under the floor. */
async function expectFits(page: Page, size: { width: number; height: number }, testIds: string[]) {
	for (const id of testIds) {
		for (const element of await page.getByTestId(id).all()) {
			const box = (await element.boundingBox())!;
			expect(box, id).not.toBeNull();
			expect(box.y, id).toBeGreaterThanOrEqual(0);
			expect(box.x, id).toBeGreaterThanOrEqual(0);
			expect(box.y + box.height, `${id} bottom at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
			expect(box.x + box.width, `${id} right at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
		}
	}
	const { scrollHeight, scrollWidth, smallestText } = await page.evaluate(() => {
		const sizes = [...document.querySelectorAll('[data-testid="projector"] *')]
			.filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim()))
			.map((element) => parseFloat(getComputedStyle(element).fontSize));
		return { scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth, smallestText: Math.min(...sizes) };
	});
	expect(scrollHeight).toBeLessThanOrEqual(size.height);
	expect(scrollWidth).toBeLessThanOrEqual(size.width);
	expect(smallestText).toBeGreaterThanOrEqual(size.height / 32 - 0.5);
	expect(await page.locator('body').textContent()).not.toContain(participantName);
}

test('the projector is a projector screen at every size, in one language and in two', async ({ browser }) => {
	for (const size of sizes) {
		for (const query of ['', '?both=1']) {
			const page = await projector(browser, size, query);
			// No site around it.
			await expect(page.locator('.site-header, .site-footer, .skip-link')).toHaveCount(0);
			// Joining is open and no question: the join address, the code and the QR, large.
			await expectFits(page, size, ['join-address', 'join-code', 'join-qr']);
			const qr = (await page.getByTestId('join-qr').boundingBox())!;
			expect(qr.height, `QR at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(size.height * 0.4);
			await page.context().close();
		}
	}

	expect((await facilitator.submit(`${workshopPath}?/open`, { questionId: wordiest.question.id })).status()).toBeLessThan(400);
	for (const revealed of [false, true]) {
		if (revealed) expect((await facilitator.submit(`${workshopPath}?/reveal`, {})).status()).toBeLessThan(400);
		for (const size of sizes) {
			for (const query of ['', '?both=1']) {
				const page = await projector(browser, size, query);
				await expect(page.getByTestId('prompt')).toHaveCount(query ? 2 : 1);
				const expected = ['lesson-line', 'join-address', 'prompt', 'choice', 'answered', ...(revealed ? ['tally-count'] : [])];
				await expectFits(page, size, expected);
				await expect(page.getByTestId('answered')).toHaveText('0 of 1 answered');
				await page.context().close();
			}
		}
	}
});

test('a clicker’s keys walk the room: open, reveal, the next question, back', async ({ browser }) => {
	expect((await facilitator.submit(`${workshopPath}?/close`, {})).status()).toBeLessThan(400);
	const page = await projector(browser, sizes[1]);
	const questions = wordiest.lesson.quiz.questions;
	await page.keyboard.press('ArrowLeft'); // closes whatever is open
	await expect(page.getByTestId('prompt')).toHaveCount(0);
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('prompt')).toHaveText(questions[0].prompt.en);
	await expect(page.getByTestId('tally-count')).toHaveCount(0);
	await page.keyboard.press('PageDown');
	await expect(page.getByTestId('tally-count').first()).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('prompt')).toHaveText(questions[1].prompt.en);
	await page.keyboard.press('r');
	await expect(page.getByTestId('tally-count').first()).toBeVisible();
	await page.keyboard.press('PageUp');
	await expect(page.getByTestId('prompt')).toHaveCount(0);
	await page.context().close();
});
