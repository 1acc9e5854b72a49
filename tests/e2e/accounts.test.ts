import { generateHOTP } from '@oslojs/otp';
import { decodeBase64 } from '@oslojs/encoding';
import { expect, request, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openConnection } from '../../src/lib/server/db/connection';
import { inputValue, newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// The whole account flow through the real HTTP layer of the production build, on its own database.

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let dataDir: string;
const clients: Client[] = [];
const issuedTokens = new Set<string>();

async function client(headers: Record<string, string> = {}) {
	const created = await newClient(server, headers);
	clients.push(created);
	return created;
}

/** Remembers every session and learner token the server hands out, to look for them later. */
async function remember(c: Client) {
	const cookies = await c.cookies();
	for (const name of ['d101_session', 'd101_learner']) if (cookies[name]) issuedTokens.add(cookies[name]);
	return cookies;
}

const adminPassword = 'river stone lantern 42';
const facilitatorPassword = 'quiet orchard morning';

async function logIn(c: Client, email: string, password: string) {
	const response = await c.submit('/en/login', { email, password });
	await remember(c);
	return response;
}

/** A TOTP code for the next 30 s period: accepted now, and newer than any code used in this period. */
function nextTotpCode(key: Uint8Array): string {
	return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + 1), 6);
}

test.beforeAll(async () => {
	dataDir = freshDataDir();
	server = await startServer({ env: { DATA_DIR: dataDir } });
	await waitUntilUp(server);
});

test.afterAll(async () => {
	await Promise.all(clients.map((c) => c.dispose()));
	server.child.kill('SIGKILL');
});

let admin: Client;
let facilitator: Client;
let totpKey: Uint8Array;
let recoveryCodes: string[];

test('the setup link printed at start creates the first admin, once', async () => {
	const link = setupLink(server);
	admin = await client();
	const page = await admin.get(`/en${link}`);
	expect(await page.text()).toContain('Create the first admin');

	const weak = await admin.submit(`/en${link}`, { email: 'ada@example.org', displayName: 'Ada', password: 'password' });
	expect(weak.status()).toBe(400);
	expect(await weak.text()).toContain('too common');

	const created = await admin.submit(`/en${link}`, { email: 'ada@example.org', displayName: 'Ada', password: adminPassword });
	expect(created.status()).toBe(303);
	await remember(admin);
	expect(await (await admin.get('/en/account')).text()).toContain('Signed in as Ada (ada@example.org), admin.');

	const again = await (await client()).submit(`/en${link}`, { email: 'eve@example.org', displayName: 'Eve', password: adminPassword });
	expect(await again.text()).toContain('This link does not work');
});

test('an admin invites a facilitator, who sets a password through a single-use link', async () => {
	const invited = await admin.submit('/en/admin?/invite', { email: 'Fatima@Example.org' });
	const inviteUrl = testIdText(await invited.text(), 'invite-url');
	expect(inviteUrl).toMatch(/\/invite\/[a-z2-7]{32}\.[a-z2-7]{32}$/);
	const invitePath = new URL(inviteUrl!).pathname;

	facilitator = await client();
	expect(await (await facilitator.get(`/es${invitePath}`)).text()).toContain('Le invitaron como fatima@example.org');
	const joined = await facilitator.submit(`/en${invitePath}`, { displayName: 'Fatima', password: facilitatorPassword });
	expect(joined.status()).toBe(303);
	await remember(facilitator);
	expect(await (await facilitator.get('/en/account')).text()).toContain('Signed in as Fatima (fatima@example.org), facilitator.');

	const reused = await (await client()).submit(`/en${invitePath}`, { displayName: 'Mallory', password: facilitatorPassword });
	expect(await reused.text()).toContain('This link does not work');
});

test('logging in issues a new token, and the token held before it stops working', async () => {
	const before = (await facilitator.cookies()).d101_session;
	const response = await logIn(facilitator, 'fatima@example.org', facilitatorPassword);
	expect(response.status()).toBe(303);
	const after = (await facilitator.cookies()).d101_session;
	expect(after).not.toBe(before);

	const stale = await client();
	await stale.context.storageState(); // empty jar
	const replay = await stale.context.get('/en/account', { headers: { cookie: `d101_session=${before}` }, maxRedirects: 0 });
	expect(replay.status()).toBe(303);
	expect(replay.headers()['location']).toContain('/login');
});

test('wrong passwords and unknown accounts get the same answer', async () => {
	const c = await client();
	const wrong = await c.submit('/en/login', { email: 'fatima@example.org', password: 'not the password' });
	const unknown = await c.submit('/en/login', { email: 'nobody@example.org', password: 'not the password' });
	expect(wrong.status()).toBe(400);
	expect(unknown.status()).toBe(400);
	const message = 'That email and password do not match an active account.';
	expect(await wrong.text()).toContain(message);
	expect(await unknown.text()).toContain(message);
});

test('a facilitator turns on TOTP; login then asks for a code, and a recovery code works once', async () => {
	const setup = await (await facilitator.get('/en/account/two-factor')).text();
	expect(setup).toContain('<svg');
	totpKey = decodeBase64(inputValue(setup, 'key')!);
	const wrong = await facilitator.submit('/en/account/two-factor?/enable', { key: inputValue(setup, 'key')!, code: '000000' });
	expect(wrong.status()).toBe(400);
	const enabled = await facilitator.submit('/en/account/two-factor?/enable', {
		key: inputValue(setup, 'key')!,
		code: generateHOTP(totpKey, BigInt(Math.floor(Date.now() / 30_000)), 6)
	});
	recoveryCodes = [...(await enabled.text()).matchAll(/<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/code>/g)].map((match) => match[1]);
	expect(recoveryCodes).toHaveLength(10);

	const phone = await client();
	expect((await logIn(phone, 'fatima@example.org', facilitatorPassword)).headers()['location']).toContain('/login/two-factor');
	const blocked = await phone.get('/en/account');
	expect(blocked.headers()['location']).toContain('/login/two-factor');
	const verified = await phone.submit('/en/login/two-factor?/totp', { code: nextTotpCode(totpKey) });
	expect(verified.status()).toBe(303);
	expect((await phone.get('/en/account')).status()).toBe(200);

	const laptop = await client();
	await logIn(laptop, 'fatima@example.org', facilitatorPassword);
	expect((await laptop.submit('/en/login/two-factor?/recovery', { code: recoveryCodes[0].toLowerCase() })).status()).toBe(303);
	const other = await client();
	await logIn(other, 'fatima@example.org', facilitatorPassword);
	const reused = await other.submit('/en/login/two-factor?/recovery', { code: recoveryCodes[0] });
	expect(await reused.text()).toContain('That recovery code is not right or was already used.');
});

test('a user sees their sessions, revokes one, and a password change can end all the others', async () => {
	const second = await client();
	await logIn(second, 'ada@example.org', adminPassword);
	const account = await (await admin.get('/en/account')).text();
	const sessionIds = [...account.matchAll(/name="sessionId" value="([a-z2-7]{32})"/g)].map((match) => match[1]);
	expect(sessionIds.length).toBeGreaterThanOrEqual(1);

	await admin.submit('/en/account?/revokeSession', { sessionId: sessionIds[0] });
	expect((await second.get('/en/account')).status()).toBe(303);

	const third = await client();
	await logIn(third, 'ada@example.org', adminPassword);
	const changed = await admin.submit('/en/account?/changePassword', {
		currentPassword: adminPassword,
		newPassword: `${adminPassword} and more`,
		endOtherSessions: 'on'
	});
	expect(await changed.text()).toContain('Your password was changed.');
	expect((await third.get('/en/account')).status()).toBe(303);
	expect((await admin.get('/en/account')).status()).toBe(200);
	const oldPassword = await logIn(await client(), 'ada@example.org', adminPassword);
	expect(oldPassword.status()).toBe(400);
});

test('a deactivated facilitator’s open session stops working on the next request', async () => {
	const phone = await client();
	await logIn(phone, 'fatima@example.org', facilitatorPassword);
	// The TOTP codes of this minute are spent; each code works once.
	await phone.submit('/en/login/two-factor?/recovery', { code: recoveryCodes[1] });
	expect((await phone.get('/en/account')).status()).toBe(200);

	const adminPage = await (await admin.get('/en/admin')).text();
	const userId = inputValue(adminPage, 'userId')!;
	await admin.submit('/en/admin?/deactivate', { userId });
	expect((await phone.get('/en/account')).status()).toBe(303);
	expect((await logIn(await client(), 'fatima@example.org', facilitatorPassword)).status()).toBe(400);
	await admin.submit('/en/admin?/reactivate', { userId });
});

test('logging out deletes the session', async () => {
	const c = await client();
	await logIn(c, 'ada@example.org', `${adminPassword} and more`);
	const token = (await c.cookies()).d101_session;
	await c.submit('/en/logout', {});
	const replay = await (await client()).context.get('/en/account', { headers: { cookie: `d101_session=${token}` }, maxRedirects: 0 });
	expect(replay.status()).toBe(303);
});

test('a participant gets a resume code, continues on another device, and "forget me" erases them', async () => {
	const phone = await client();
	const issued = await (await phone.submit('/en/me?/resumeCode', {})).text();
	const code = /Your code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5})/.exec(issued)?.[1];
	expect(code).toBeDefined();
	await remember(phone);

	const laptop = await client();
	const resumed = await laptop.submit('/en/me?/resume', { code: code!.toLowerCase().replace(/-/g, ' ') });
	expect(await resumed.text()).toContain('Your progress is on this device now.');
	await remember(laptop);
	// The old device's token was replaced: a lost phone no longer opens the record.
	expect(await (await phone.get('/en/me')).text()).toContain('This device has no progress saved yet.');

	const forgotten = await laptop.submit('/en/me?/forget', {});
	expect(await forgotten.text()).toContain('Everything was erased.');
	const again = await (await client()).submit('/en/me?/resume', { code: code! });
	expect(await again.text()).toContain('We could not find that code.');
});

test('only this site’s own pages may post: Sec-Fetch-Site decides, and Origin when a client sends none', async () => {
	const login = { email: 'a@b.c', password: 'x' };
	// What Chromium sends on this site's own form under Referrer-Policy: no-referrer.
	const ownForm = await client({ origin: 'null', 'sec-fetch-site': 'same-origin' });
	expect((await ownForm.submit('/en/login', login)).status()).toBe(400);
	const forged: Record<string, string>[] = [
		{ origin: 'null', 'sec-fetch-site': 'cross-site' },
		{ origin: 'null', 'sec-fetch-site': 'same-site' },
		{ origin: server.origin, 'sec-fetch-site': 'cross-site' },
		{ origin: 'null' }
	];
	for (const headers of forged) {
		const sender = await client(headers);
		expect((await sender.submit('/en/login', login)).status(), JSON.stringify(headers)).toBe(403);
	}
	const noOrigin = await request.newContext({ baseURL: server.url });
	expect((await noOrigin.post('/en/login', { form: login, maxRedirects: 0 })).status()).toBe(403);
	await noOrigin.dispose();
});

test('cross-origin POSTs are refused whatever their content type', async () => {
	const attacker = await client({ origin: 'https://evil.example' });
	const bodies: [string, string][] = [
		['application/x-www-form-urlencoded', 'email=a%40b.c&password=x'],
		['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--b--\r\n'],
		['text/plain', 'email=a@b.c'],
		['application/json', '{"email":"a@b.c"}']
	];
	for (const [contentType, data] of bodies) {
		for (const target of ['/en/login', '/en/me?/forget', '/en/admin?/invite']) {
			const response = await attacker.context.post(target, { headers: { 'content-type': contentType }, data, maxRedirects: 0 });
			expect(response.status(), `${contentType} to ${target}`).toBe(403);
		}
	}
});

test('bad input gets the form back with a message, never a 500', async () => {
	const c = await client();
	const cases: Record<string, string>[] = [{}, { email: 'x'.repeat(300), password: 'y' }, { email: 'a@b.c', password: '\u0000' }];
	for (const form of cases) {
		const response = await c.submit('/en/login', form);
		expect(response.status()).toBe(400);
	}
	const broken = await c.context.post('/en/login', {
		headers: { 'content-type': 'multipart/form-data; boundary=zz' },
		data: 'not really multipart',
		maxRedirects: 0
	});
	expect(broken.status()).toBe(400);
	expect(await broken.text()).toContain('We could not read that form.');
});

test('an admin sets how long workshop participants and inactive learners are kept, within bounds', async () => {
	const refused = await admin.submit('/en/admin?/settings', { workshopRetentionHours: '0', learnerRetentionDays: '180' });
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('Enter a whole number from 1 to 720.');
	const saved = await admin.submit('/en/admin?/settings', { workshopRetentionHours: '48', learnerRetentionDays: '90' });
	expect(await saved.text()).toContain('Saved.');
	const page = await (await admin.get('/en/admin')).text();
	expect(page).toMatch(/id="workshopRetentionHours"[^>]*value="48"/);
	expect(page).toMatch(/id="learnerRetentionDays"[^>]*value="90"/);
});

test('when an admin requires a second factor, everyone without one is sent to set it up', async () => {
	const saved = await admin.submit('/en/admin?/settings', { requireTwoFactor: 'on' });
	expect(await saved.text()).toContain('Saved.');
	// The admin has no second factor yet: every staff page now leads to its set-up, which says why.
	const account = await admin.get('/en/account');
	expect(account.status()).toBe(303);
	expect(account.headers()['location']).toBe('/en/account/two-factor');
	expect(await (await admin.get('/en/account/two-factor')).text()).toContain('Your organization asks everyone to use a second factor.');
});

test('no session or learner token appears in the database or the logs', async () => {
	expect(issuedTokens.size).toBeGreaterThan(5);
	server.child.kill('SIGTERM');
	await server.exited;
	const connection = await openConnection({ driver: 'pglite', dataDir });
	try {
		const tables = (await connection.db.execute(
			sql`select table_name from information_schema.tables where table_schema = 'public'`
		)) as unknown as { rows: { table_name: string }[] };
		let dump = '';
		for (const { table_name } of tables.rows) {
			const rows = (await connection.db.execute(sql.raw(`select row_to_json(t)::text as row from "${table_name}" t`))) as unknown as {
				rows: { row: string }[];
			};
			dump += rows.rows.map((row) => row.row).join('\n');
		}
		expect(dump).toContain('fatima@example.org');
		for (const token of issuedTokens) {
			// A session token is "<id>.<secret>": the id is a row's key, the secret must exist nowhere.
			const secret = token.split('.').at(-1)!;
			expect(dump).not.toContain(secret);
			expect(server.output()).not.toContain(secret);
		}
	} finally {
		await connection.close();
	}
});
