import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { testOnEachDatabase } from '../helpers/each-database';
import { inputValue, newClient, setupLink, type Client } from '../helpers/http-client';
import { joinOverHttp } from '../helpers/room';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// The facilitator's control page with a real room (issue 16): at 1280×800 with 25 people, the controls that move
// the room stay in view however far the page is scrolled; a removal is undone, with and without JavaScript; the
// agenda changes until the workshop starts; practice runs and deletion. Then the create and invite forms sent 50
// times at once make one workshop and one invitation, on both databases.

test.setTimeout(180_000);
const password = 'river stone lantern 42';

/** An admin signed in over HTTP (through the setup link); the same session in a browser context of the caller's. */
async function admin(server: RunningServer) {
	const client = await newClient(server);
	expect((await client.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password })).status()).toBe(303);
	const cookies = (await client.context.storageState()).cookies;
	return { client, cookies, cookieHeader: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') };
}

/** Whether the element is inside the window and is what is drawn at its own centre (nothing sticks over it). */
async function inView(page: Page, locator: Locator): Promise<boolean> {
	const box = await locator.boundingBox();
	const viewport = page.viewportSize()!;
	if (!box || box.y < 0 || box.x < 0 || box.y + box.height > viewport.height || box.x + box.width > viewport.width) return false;
	return locator.evaluate((element, [x, y]) => {
		const top = document.elementFromPoint(x, y);
		return top !== null && (top === element || element.contains(top));
	}, [box.x + box.width / 2, box.y + box.height / 2]);
}

test.describe('the control page', () => {
	test.describe.configure({ mode: 'serial' });
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

	async function staffPage(browser: Browser, cookies: Awaited<ReturnType<typeof admin>>['cookies'], javaScriptEnabled = true) {
		const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 }, javaScriptEnabled });
		contexts.push(context);
		await context.addCookies(cookies);
		return context.newPage();
	}

	test('moves the room from a bar that stays in view, with 25 people, and undoes a removal', async ({ browser }) => {
		const { cookies } = await admin(server);
		const page = await staffPage(browser, cookies);
		await page.goto('/en/workshops', { waitUntil: 'networkidle' });
		await page.getByLabel('Title').fill('Saturday at the library');
		await page.getByLabel('This is a practice run').check();
		await page.getByRole('button', { name: 'Create workshop' }).click();
		await page.waitForURL(/\/workshops\/[a-z2-7]{32}$/);
		const workshopPath = new URL(page.url()).pathname;
		const code = (await page.getByTestId('join-code').textContent())!.trim();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Practice run');

		const names = Array.from({ length: 25 }, (_, index) => `Person ${String(index + 1).padStart(2, '0')}`);
		for (const name of names) await joinOverHttp(server, code, name);
		await page.reload({ waitUntil: 'networkidle' });
		await expect(page.getByTestId('attendance')).toHaveText('25 in the room');

		// One tap to each screen and paper, and to the general guide.
		for (const [name, path] of [
			['Open the projector view', `${workshopPath}/present`],
			['Guide for this workshop', `${workshopPath}/guide`],
			['Handout', `${workshopPath}/handout`],
			['How to run a workshop', '/en/guide']
		]) {
			await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('href', path);
		}

		// The people fold away: closed, the page is little more than the window.
		const people = page.getByTestId('people');
		await expect(people).not.toHaveAttribute('open');
		const controls = {
			previous: page.getByRole('button', { name: 'Previous lesson' }),
			next: page.getByRole('button', { name: 'Next lesson' }),
			open: page.getByRole('button', { name: /^Open question 1 to the room/ })
		};
		for (const [name, control] of Object.entries(controls)) expect(await inView(page, control), name).toBe(true);

		// Opened and scrolled to its last person (and then to the very bottom): the controls are still in view.
		await people.locator('summary').click();
		const removeButtons = people.getByRole('button', { name: /^Remove / });
		await expect(removeButtons).toHaveCount(25);
		const labels = await removeButtons.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
		expect(new Set(labels).size).toBe(25);
		await people.getByRole('button', { name: 'Remove Person 25 from the room' }).scrollIntoViewIfNeeded();
		for (const [name, control] of Object.entries(controls)) expect(await inView(page, control), `${name}, at the last person`).toBe(true);
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		for (const [name, control] of Object.entries(controls)) expect(await inView(page, control), `${name}, at the bottom`).toBe(true);

		// A question open: reveal and close are in the bar, in view from the bottom of the page.
		await controls.open.click();
		const reveal = page.getByRole('button', { name: 'Reveal the answer' });
		await expect(reveal).toBeVisible();
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		expect(await inView(page, reveal), 'reveal').toBe(true);
		expect(await inView(page, page.getByRole('button', { name: 'Close the question' })), 'close').toBe(true);
		await reveal.click();
		await expect(reveal).toHaveCount(0);
		await page.getByRole('button', { name: 'Close the question' }).click();
		await expect(controls.open).toBeVisible();

		// A removal acts at once, says so, and is undone from the notice or from the person's row.
		await people.getByRole('button', { name: 'Remove Person 07 from the room' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Person 07 was taken out of the room.' })).toBeVisible();
		await expect(page.getByTestId('attendance')).toHaveText('24 in the room');
		await page.getByRole('button', { name: 'Undo: let Person 07 back in' }).click();
		await expect(page.getByTestId('attendance')).toHaveText('25 in the room');
		await people.getByRole('button', { name: 'Remove Person 08 from the room' }).click();
		await expect(page.getByTestId('attendance')).toHaveText('24 in the room');
		await people.getByRole('button', { name: 'Let back in: Person 08' }).click();
		await expect(page.getByTestId('attendance')).toHaveText('25 in the room');

		// Without JavaScript, the same: the page that comes back shows the notice, the list open, and "Undo".
		const plain = await staffPage(browser, cookies, false);
		await plain.goto(workshopPath);
		await plain.getByTestId('people').locator('summary').click();
		await plain.getByRole('button', { name: 'Remove Person 09 from the room' }).click();
		await expect(plain.getByText('Person 09 was taken out of the room.')).toBeVisible();
		await expect(plain.getByTestId('attendance')).toHaveText('24 in the room');
		await expect(plain.getByTestId('people')).toHaveAttribute('open');
		await plain.getByRole('button', { name: 'Undo: let Person 09 back in' }).click();
		await expect(plain.getByText('Person 09 is back in the room.')).toBeVisible();
		await expect(plain.getByTestId('attendance')).toHaveText('25 in the room');

		// The workshops list: the practice run marked, and one tap to its screens and papers.
		await plain.goto('/en/workshops');
		const row = plain.getByRole('listitem').filter({ has: plain.getByRole('link', { name: 'Saturday at the library', exact: true }) });
		await expect(row).toContainText('Practice run');
		await expect(row.getByRole('link', { name: 'Projector view of Saturday at the library' })).toHaveAttribute('href', `${workshopPath}/present`);
		await expect(row.getByRole('link', { name: 'Guide for Saturday at the library' })).toHaveAttribute('href', `${workshopPath}/guide`);
		await expect(row.getByRole('link', { name: 'Handout for Saturday at the library' })).toHaveAttribute('href', `${workshopPath}/handout`);
		await expect(plain.getByRole('link', { name: 'How to run a workshop' })).toHaveAttribute('href', '/en/guide');
	});

	test('changes the agenda until the room moves on, marks a practice run, and deletes a workshop', async ({ browser }) => {
		const client = await newClient(server);
		await client.submit('/en/login', { email: 'ada@example.org', password });
		const cookies = (await client.context.storageState()).cookies;
		const page = await staffPage(browser, cookies, false);
		await page.goto('/en/workshops');
		await page.getByLabel('Title').fill('Agenda to change');
		await page.getByRole('button', { name: 'Create workshop' }).click();
		await page.waitForURL(/\/workshops\/[a-z2-7]{32}$/);
		const workshopPath = new URL(page.url()).pathname;

		const agenda = page.getByTestId('agenda');
		await agenda.locator('summary').click();
		const lessons = agenda.locator('ol > li > span');
		const [first, second] = await lessons.allTextContents();
		await agenda.getByRole('button', { name: `Move ${first} down` }).click();
		await expect(page.getByTestId('agenda').locator('ol > li > span').first()).toHaveText(second);
		await page.getByTestId('agenda').locator('summary').click();
		await page.getByTestId('agenda').getByRole('button', { name: `Take off the agenda: ${first}` }).click();
		await page.getByTestId('agenda').locator('summary').click();
		await expect(page.getByTestId('agenda').locator('ol > li > span')).not.toContainText([first]);
		await page.getByLabel('Add a lesson at the end').selectOption({ label: first });
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await page.getByTestId('agenda').locator('summary').click();
		await expect(page.getByTestId('agenda').locator('ol > li > span').last()).toHaveText(first);

		// The room moves on: the workshop has started, and the agenda stays as it is, with a reason.
		await page.getByRole('button', { name: 'Next lesson' }).click();
		await page.getByTestId('agenda').locator('summary').click();
		await expect(page.getByTestId('agenda')).toContainText('The workshop has started');
		await expect(page.getByTestId('agenda').getByRole('button')).toHaveCount(0);
		const html = await (await client.get(workshopPath)).text();
		expect(inputValue(html, 'practice')).toBe('yes');
		const refused = await client.submit(`${workshopPath}?/agenda`, { edit: 'up', lessonId: first });
		expect(refused.status()).toBe(409);
		expect(await refused.text()).toContain('The workshop has started');

		// A practice run, marked after the fact, and counted again.
		await page.getByRole('button', { name: 'Mark as a practice run' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Practice run');
		await page.getByRole('button', { name: 'Count it as a real workshop' }).click();
		await expect(page.getByRole('heading', { level: 1 })).not.toContainText('Practice run');

		// Deleting asks once more, then the workshop is gone.
		await page.getByRole('button', { name: 'Delete the workshop' }).click();
		await expect(page.getByRole('alert')).toContainText('This cannot be undone');
		await page.getByRole('button', { name: 'Yes, delete the workshop' }).click();
		await page.waitForURL(/\/en\/workshops\?deleted=1$/);
		await expect(page.getByRole('status')).toContainText('The workshop was deleted');
		await expect(page.getByRole('link', { name: 'Agenda to change', exact: true })).toHaveCount(0);
		expect((await client.get(workshopPath)).status()).toBe(404);
		await client.dispose();
	});
});

/** A form post as a browser without JavaScript sends it, with the admin's session. */
function post(server: RunningServer, path: string, form: Record<string, string>, cookie: string) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
		body: new URLSearchParams(form).toString(),
		redirect: 'manual'
	}).then(async (response) => ({ status: response.status, location: response.headers.get('location') ?? '', body: await response.text() }));
}

async function burstOfForms(env: Record<string, string>) {
	const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn', ...env } });
	let client: Client | undefined;
	try {
		await waitUntilUp(server);
		const signedIn = await admin(server);
		client = signedIn.client;

		// The create form, as the page drew it, sent 50 times at once: one workshop, and every answer leads to it.
		const creationKey = inputValue(await (await client.get('/en/workshops')).text(), 'creationKey')!;
		expect(creationKey).toMatch(/^[a-z2-7]{32}$/);
		const form = { creationKey, title: 'Sent fifty times', heldOn: dayOf(), lesson: 'why-deportation-101' };
		const created = await Promise.all(Array.from({ length: 50 }, () => post(server, '/en/workshops?/create', form, signedIn.cookieHeader)));
		expect(created.map((answer) => answer.status)).toEqual(Array(50).fill(303));
		expect(new Set(created.map((answer) => answer.location)).size).toBe(1);
		const list = await (await client.get('/en/workshops')).text();
		expect(list.split('>Sent fifty times</a>').length - 1).toBe(1);

		// The invitation form sent 50 times at once: one invitation listed, and one of the links shown works.
		const email = 'fatima@example.org';
		const invited = await Promise.all(Array.from({ length: 50 }, () => post(server, '/en/admin?/invite', { email }, signedIn.cookieHeader)));
		expect(invited.map((answer) => answer.status)).toEqual(Array(50).fill(200));
		const adminPage = await (await client.get('/en/admin')).text();
		expect(adminPage.split(`<span>${email},`).length - 1).toBe(1);
		const shown = invited.map((answer) => /data-testid="invite-url">[^<]*(\/invite\/[a-z2-7]{32}\.[a-z2-7]{32})</.exec(answer.body)![1]);
		const opened = await Promise.all(shown.map(async (path) => (await (await fetch(`${server.url}/en${path}`)).text()).includes(email)));
		expect(opened.filter(Boolean)).toHaveLength(1);
	} finally {
		await client?.dispose();
		await killAll([server]);
	}
}

testOnEachDatabase('a create form and an invitation sent 50 times at once make one workshop and one invitation', burstOfForms);
