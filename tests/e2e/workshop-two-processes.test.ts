import { expect, test } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { newClient, setupLink, testIdText } from '../helpers/http-client';
import { startServer, waitUntilUp, type RunningServer } from '../helpers/server';
import { createServerDatabase, postgresMissing, serverUrl } from '../helpers/test-databases';

// Two app processes on one PostgreSQL database, as behind a load balancer: a participant connected to one follows
// a facilitator connected to the other, through LISTEN/NOTIFY.

const servers: RunningServer[] = [];
let dropDatabase = async () => {};

test.afterAll(async () => {
	for (const server of servers) server.child.kill('SIGKILL');
	await Promise.all(servers.map((server) => server.exited));
	await dropDatabase();
});

test('a participant on one process follows a facilitator on another', async ({ browser }) => {
	const missing = postgresMissing();
	test.skip(missing !== undefined, `not run: ${missing}`);
	const database = await createServerDatabase(serverUrl!);
	dropDatabase = database.drop;

	const first = await startServer({ env: { DATABASE_URL: database.url } });
	servers.push(first);
	await waitUntilUp(first);
	const facilitator = await newClient(first);
	await facilitator.submit(`/en${setupLink(first)}`, { email: 'ada@example.org', displayName: 'Ada', password: 'river stone lantern 42' });
	const created = await facilitator.context.post('/en/workshops?/create', {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams([
			['title', 'Two processes'],
			['heldOn', dayOf()],
			['lesson', 'why-deportation-101'],
			['lesson', 'status-basics']
		]).toString(),
		maxRedirects: 0
	});
	const workshopPath = created.headers()['location'];
	expect(workshopPath).toMatch(/^\/en\/workshops\/[a-z2-7]{32}$/);
	const code = testIdText(await (await facilitator.get(workshopPath)).text(), 'join-code')!;

	// The second process starts after the first has migrated the database and made the admin.
	const second = await startServer({ env: { DATABASE_URL: database.url } });
	servers.push(second);
	await waitUntilUp(second);
	const context = await browser.newContext({ baseURL: second.url });
	const phone = await context.newPage();
	await phone.goto(`/en/j/${code}`, { waitUntil: 'networkidle' });
	await phone.getByRole('button', { name: 'Join' }).click();
	await phone.waitForURL(/\/en\/w\//);
	await expect(phone.getByText('Lesson 1 of 2')).toBeVisible();
	await phone.waitForLoadState('networkidle');

	expect((await facilitator.submit(`${workshopPath}?/next`, {})).status()).toBeLessThan(400);
	await expect(phone.getByText('Lesson 2 of 2')).toBeVisible();
	await context.close();
	await facilitator.dispose();
});
