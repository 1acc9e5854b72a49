import { expect, test } from '@playwright/test';
import { newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// The workshop guide at /guide: facilitators and admins read the day plans and the safety protocol, in their
// language; anyone else is sent to log in.

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let anonymous: Client;
let facilitator: Client;
let admin: Client;

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir() } });
	await waitUntilUp(server);
	const password = 'river stone lantern 42';
	[anonymous, facilitator, admin] = await Promise.all([newClient(server), newClient(server), newClient(server)]);
	await admin.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password });
	const invited = await admin.submit('/en/admin?/invite', { email: 'fatima@example.org' });
	const link = new URL(testIdText(await invited.text(), 'invite-url')!).pathname;
	await facilitator.submit(`/en${link}`, { displayName: 'fatima', password });
});

test.afterAll(async () => {
	await Promise.all([anonymous, facilitator, admin].map((client) => client?.dispose()));
	server?.child.kill('SIGKILL');
});

test('a facilitator reads the day plans and the safety protocol, in English and in Spanish', async () => {
	const english = await facilitator.get('/en/guide');
	expect(english.status()).toBe(200);
	const html = await english.text();
	expect(html).toContain('<h2>Plan for one day</h2>');
	expect(html).toContain('<h2>Safety protocol</h2>');
	expect(html).toContain('<h3>If ICE or police come to the venue</h3>');
	expect((html.match(/<table>/g) ?? []).length).toBe(3);
	// Lesson links point at the reader's language.
	expect(html).toContain('href="/en/learn/organizing/case-campaigns"');

	const spanish = await (await facilitator.get('/es/guide')).text();
	expect(spanish).toContain('<h2>Protocolo de seguridad</h2>');
	expect(spanish).toContain('href="/es/learn/organizing/case-campaigns"');
});

test('an admin reads it too, and anyone not signed in is sent to log in', async () => {
	expect((await admin.get('/en/guide')).status()).toBe(200);
	const response = await anonymous.get('/en/guide');
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toContain('/login');
});
