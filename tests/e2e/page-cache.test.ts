import { expect, test } from '@playwright/test';
import { inputValue, newClient } from '../helpers/http-client';
import { lessonAt, postRightAnswers } from '../helpers/lessons';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// Reading pages are rendered once for visitors without a session or learner cookie and then served from memory
// (src/lib/server/http/page-cache.ts). What must still be true of every response: its own CSP nonce, its own
// quiz submission key, the language cookie, and a learner's own page once they have a cookie.

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
const lessonPath = 'two-systems/why-deportation-101';
const path = `/en/learn/${lessonPath}`;

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
});

test.afterAll(() => {
	server?.child.kill('SIGKILL');
});

async function anonymousVisit() {
	const visitor = await newClient(server);
	const response = await visitor.get(path);
	const html = await response.text();
	const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'])![1];
	await visitor.dispose();
	return { response, html, nonce, key: inputValue(html, 'submissionKey')! };
}

test('every anonymous response carries its own nonce and submission key, and is otherwise the same page', async () => {
	const visits = [await anonymousVisit(), await anonymousVisit(), await anonymousVisit()];
	for (const visit of visits) {
		expect(visit.response.status()).toBe(200);
		expect(visit.response.headers()['set-cookie']).toContain('PARAGLIDE_LOCALE=en');
		const noncesInPage = [...visit.html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]);
		expect(noncesInPage.length).toBeGreaterThan(0);
		expect(new Set(noncesInPage)).toEqual(new Set([visit.nonce]));
	}
	expect(new Set(visits.map((visit) => visit.nonce)).size).toBe(3);
	expect(new Set(visits.map((visit) => visit.key)).size).toBe(3);
	const neutral = (visit: (typeof visits)[number]) => visit.html.replaceAll(visit.nonce, 'N').replaceAll(visit.key, 'K');
	expect(neutral(visits[2])).toBe(neutral(visits[0]));
});

test('a quiz answered from a served page is graded and recorded, and the learner then sees their own page', async () => {
	const { key } = await anonymousVisit();
	const learner = await newClient(server);
	const graded = await postRightAnswers(learner, lessonAt(lessonPath), key);
	expect(await graded.text()).toContain('You passed this quiz.');
	await learner.submit(`${path}?/read`, {});

	const own = await (await learner.get(path)).text();
	expect(own).toContain('You have read this lesson.');
	// Anonymous visitors still get the shared page, not this learner's.
	expect((await anonymousVisit()).html).not.toContain('You have read this lesson.');
	await learner.dispose();
});

test('a page revalidated by the browser keeps its own policy: the 304 sends none that would replace it', async () => {
	const { response } = await anonymousVisit();
	const etag = response.headers()['etag'];
	expect(etag).toBeTruthy();
	const revisit = await newClient(server, { 'if-none-match': etag });
	const notModified = await revisit.get(path);
	expect(notModified.status()).toBe(304);
	expect(notModified.headers()['content-security-policy']).toBeUndefined();
	await revisit.dispose();
});
