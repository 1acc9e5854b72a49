import { expect, test } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freePort, freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// Login throttling and cookie flags, each on a server of its own so that lock-outs touch no other test.

const password = 'river stone lantern 42';
let servers: RunningServer[] = [];
let clients: Client[] = [];

test.afterEach(async () => {
	await Promise.all(clients.map((c) => c.dispose()));
	for (const server of servers) server.child.kill('SIGKILL');
	servers = [];
	clients = [];
});

async function bootWithAdmin(env: Record<string, string> = {}) {
	const server = await startServer({ env: { DATA_DIR: freshDataDir(), ...env } });
	servers.push(server);
	await waitUntilUp(server);
	const admin = await newClient(server);
	clients.push(admin);
	const created = await admin.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password });
	expect(created.status()).toBe(303);
	return { server, admin, setCookie: created.headers()['set-cookie'] };
}

test('after five failures the account is refused with a retry time, even with the right password', async () => {
	const { server } = await bootWithAdmin();
	const c = await newClient(server);
	clients.push(c);
	for (let attempt = 1; attempt <= 6; attempt++) {
		const response = await c.submit('/en/login', { email: 'ada@example.org', password: `wrong ${attempt}` });
		expect(response.status(), `attempt ${attempt}`).toBe(400);
	}
	const locked = await c.submit('/en/login', { email: 'ada@example.org', password });
	expect(locked.status()).toBe(429);
	expect(await locked.text()).toMatch(/Too many attempts\. Please try again in \d+ min\./);
});

test('a spoofed X-Forwarded-For does not reset the client limit, across many accounts', async () => {
	const { server } = await bootWithAdmin();
	const statuses: number[] = [];
	for (let attempt = 1; attempt <= 22; attempt++) {
		const c = await newClient(server, { 'x-forwarded-for': `203.0.113.${attempt}` });
		clients.push(c);
		const response = await c.submit('/en/login', { email: `someone${attempt}@example.org`, password: 'wrong' });
		statuses.push(response.status());
	}
	// Twenty free failures from this client, then a lock-out, whatever address the header claims.
	expect(statuses.slice(0, 20).every((status) => status === 400)).toBe(true);
	expect(statuses.at(-1)).toBe(429);
});

test('join codes cannot be walked: after a hundred wrong codes from one network, even the right one waits', async () => {
	const { server, admin } = await bootWithAdmin();
	const created = await admin.submit('/en/workshops?/create', { title: 'Room', heldOn: dayOf(), lesson: 'why-deportation-101' });
	const workshop = created.headers()['location'].split('/').pop()!;
	const code = testIdText(await (await admin.get(`/en/workshops/${workshop}`)).text(), 'join-code')!;
	const phone = await newClient(server);
	clients.push(phone);
	expect((await phone.get(`/en/j/${code}`)).status()).toBe(200);

	// A room's worth of typos is fine: a hundred wrong codes, each sent back to the form as wrong.
	for (let attempt = 0; attempt < 100; attempt++) {
		const wrong = await phone.get(`/en/j/${String(attempt).padStart(6, 'Z')}`);
		expect(wrong.headers()['location'], `attempt ${attempt}`).toBe('/en/join?wrong=1');
	}
	expect((await phone.get(`/en/j/ZZZZZZ`)).headers()['location']).toBe('/en/join?wrong=1');
	const locked = await phone.get(`/en/j/${code}`);
	expect(locked.status()).toBe(303);
	expect(locked.headers()['location']).toMatch(/^\/en\/join\?wait=\d+$/);
	expect(await (await phone.get(locked.headers()['location'])).text()).toMatch(/Too many attempts\. Please try again in \d+ min\./);
	// Posting to the code's address is held back the same way.
	expect((await phone.submit(`/en/j/${code}`, { displayName: 'Pat' })).headers()['location']).toMatch(/^\/en\/join\?wait=\d+$/);
});

test('session cookies are HttpOnly, SameSite=Lax and Path=/, and __Host- with Secure behind HTTPS', async () => {
	const plain = await bootWithAdmin();
	expect(plain.setCookie).toMatch(/^d101_session=[a-z2-7]{32}\.[a-z2-7]{32};/m);
	expect(plain.setCookie).toMatch(/d101_session=[^\n]*; Path=\/;[^\n]*HttpOnly/);
	expect(plain.setCookie).toMatch(/d101_session=[^\n]*SameSite=Lax/);

	// The port is chosen here because ORIGIN must name it; the system picks a free one.
	const port = await freePort();
	const behindTls = await bootWithAdmin({ PORT: String(port), ORIGIN: `https://127.0.0.1:${port}` });
	const cookie = behindTls.setCookie.split('\n').find((line) => line.includes('session='))!;
	expect(cookie).toMatch(/^__Host-d101_session=/);
	expect(cookie).toContain('Secure');
	expect(cookie).toContain('HttpOnly');
	expect(cookie).toContain('SameSite=Lax');
	expect(cookie).toContain('Path=/');
	expect(cookie).not.toContain('Domain=');

	// The learner cookie too: a participant's token is bound to this origin behind HTTPS, so no other host can
	// plant one (and read back the workshop it joins).
	const reader = await newClient(behindTls.server);
	clients.push(reader);
	const read = await reader.submit('/en/learn/two-systems/why-deportation-101?/read', {});
	const learnerCookie = read.headers()['set-cookie'].split('\n').find((line) => line.includes('d101_learner='))!;
	expect(learnerCookie).toMatch(/^__Host-d101_learner=[a-z2-7]{32};/);
	expect(learnerCookie).toContain('Secure');
	expect(learnerCookie).toContain('Path=/');
	expect(learnerCookie).not.toContain('Domain=');
	const token = /^__Host-d101_learner=([a-z2-7]{32})/.exec(learnerCookie)![1];
	const recordWith = async (cookie: string) => {
		const visitor = await newClient(behindTls.server, { cookie });
		clients.push(visitor);
		return (await (await visitor.get('/en/me')).text()).includes('data-testid="record-summary"');
	};
	expect(await recordWith(`__Host-d101_learner=${token}`)).toBe(true);
	// The same token under the plain name, as another host on the domain could set it, is not a learner here.
	expect(await recordWith(`d101_learner=${token}`)).toBe(false);

	// Behind HTTPS every response asks the browser to keep to HTTPS, a rendered page and a static file alike;
	// over plain HTTP (development, loopback) none does.
	for (const file of ['/en/login', '/favicon.svg']) {
		expect((await behindTls.admin.get(file)).headers()['strict-transport-security'], file).toBe('max-age=31536000; includeSubDomains');
		expect((await plain.admin.get(file)).headers()['strict-transport-security'], file).toBeUndefined();
	}
});
