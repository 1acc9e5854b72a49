import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, test } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { testOnEachDatabase } from '../helpers/each-database';
import { inputValue, newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// An attacker's script against the real server: hundreds of guesses released together, at the login, the join
// codes, the resume codes and the second factor on the account page; and a page on another site full of images
// pointing at join links. No burst gets more guesses checked than the limit allows, on either database.

test.setTimeout(180_000);
const burst = 300;
const password = 'river stone lantern 42';
const servers: RunningServer[] = [];
const clients: Client[] = [];

test.afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

/** A form post as a browser without JavaScript sends it, from the address `from` (the server trusts the header). */
function post(server: RunningServer, path: string, form: Record<string, string>, from: string, cookie = '') {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from, cookie },
		body: new URLSearchParams(form).toString(),
		redirect: 'manual'
	}).then(async (response) => ({ status: response.status, location: response.headers.get('location') ?? '', body: await response.text() }));
}

const statusCounts = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

async function attack(env: Record<string, string>) {
	try {
		await attackOn(env);
	} finally {
		await killAll(servers.splice(0));
	}
}

async function attackOn(env: Record<string, string>) {
	const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', ...env } });
	servers.push(server);
	await waitUntilUp(server);
	const admin = await newClient(server, { 'x-forwarded-for': '198.51.100.1' });
	clients.push(admin);
	expect((await admin.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password })).status()).toBe(303);

	// 300 password guesses at once from one address, the right password among them: none signs in, six are checked.
	const guesses = await Promise.all(
		Array.from({ length: burst }, (_, index) => post(server, '/en/login', { email: 'ada@example.org', password: index === 250 ? password : `guess ${index}` }, '203.0.113.9'))
	);
	expect(guesses.filter((guess) => guess.status === 303), JSON.stringify(statusCounts(guesses.map((guess) => guess.status)))).toHaveLength(0);
	expect(guesses.filter((guess) => guess.status === 400).length, JSON.stringify(statusCounts(guesses.map((guess) => guess.status)))).toBeLessThanOrEqual(6);
	expect(guesses.filter((guess) => guess.status === 429).length, JSON.stringify(statusCounts(guesses.map((guess) => guess.status)))).toBeGreaterThanOrEqual(burst - 6);

	// A workshop, then 300 wrong join codes at once from one network: at most 101 are looked up.
	const created = await admin.submit('/en/workshops?/create', { title: 'Burst', heldOn: dayOf(), lesson: 'why-deportation-101' });
	const code = testIdText(await (await admin.get(created.headers()['location'])).text(), 'join-code')!;
	const wrongCodes = await Promise.all(
		Array.from({ length: burst }, (_, index) =>
			fetch(`${server.url}/en/j/ZZZZ${String(index % 100).padStart(2, '0')}`, { headers: { 'x-forwarded-for': '203.0.113.10' }, redirect: 'manual' })
		)
	);
	const lookedUp = wrongCodes.filter((response) => response.headers.get('location')?.includes('wrong=1')).length;
	expect(lookedUp).toBeLessThanOrEqual(101);
	expect(wrongCodes.filter((response) => response.headers.get('location')?.includes('wait=')).length).toBeGreaterThanOrEqual(burst - 101);

	// Another site's page with 150 images pointing at join links: the venue behind that address can still join.
	await Promise.all(
		Array.from({ length: 150 }, (_, index) =>
			fetch(`${server.url}/en/j/ZZZY${String(index % 100).padStart(2, '0')}`, {
				headers: { 'x-forwarded-for': '203.0.113.11', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
				redirect: 'manual'
			})
		)
	);
	const joined = await post(server, `/en/j/${code}`, { displayName: 'Venue phone' }, '203.0.113.11');
	expect(joined.status).toBe(303);
	expect(joined.location).toMatch(/\/en\/w\//);

	// 300 resume codes at once from one address: at most 21 are looked up.
	const resumes = await Promise.all(
		Array.from({ length: burst }, (_, index) => post(server, '/en/me?/resume', { code: `0000-0000-${String(index).padStart(5, '0')}` }, '203.0.113.12'))
	);
	expect(resumes.filter((attempt) => attempt.status === 400).length).toBeLessThanOrEqual(21);

	// The second factor on the account page: turned on once; replacing it needs a code, and guesses are limited.
	const setup = await (await admin.get('/en/account/two-factor')).text();
	const key = decodeBase64(inputValue(setup, 'key')!);
	const totp = (offset = 0) => generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + offset), 6);
	expect((await admin.submit('/en/account/two-factor?/enable', { key: inputValue(setup, 'key')!, code: totp() })).status()).toBe(200);
	const otherKey = new Uint8Array(20).fill(7);
	const takeover = await admin.submit('/en/account/two-factor?/enable', { key: encodeBase64(otherKey), code: generateHOTP(otherKey, BigInt(Math.floor(Date.now() / 30_000)), 6) });
	expect(takeover.status()).toBe(409);
	const cookie = (await admin.context.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	const wrong = totp() === '000000' ? '111111' : '000000';
	for (const action of ['regenerate', 'disable']) {
		const tries = await Promise.all(Array.from({ length: burst }, () => post(server, `/en/account/two-factor?/${action}`, { code: wrong }, '198.51.100.1', cookie)));
		expect(tries.filter((attempt) => attempt.status === 400).length, action).toBeLessThanOrEqual(6);
	}
	expect((await post(server, '/en/account/two-factor?/disable', { code: totp(1) }, '198.51.100.1', cookie)).status).toBe(429);
}

testOnEachDatabase('no burst of guesses gets past a limit', attack);
