import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { expect, test, type BrowserContext } from '@playwright/test';
import { backUp } from '../../src/lib/server/db/backup';
import { canaryAddress, canaryUserAgent } from '../helpers/canary';
import { completeLesson } from '../helpers/lessons';
import { adminWithWorkshop } from '../helpers/room';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// Canaries: every browser here comes from a marked network address with a marked user agent, and the participant
// joins under a marked name. After the journeys of each role (an admin sets up and runs a workshop, a login fails,
// a participant joins, learns, asks for a resume code, mistypes one, downloads their record, and the workshop is
// ended and erased), the database, the server's logs and a backup are searched for the marks and for every cookie
// value handed out: none may be there. The address and user agent must never be stored; the name must be gone once
// the workshop is erased; the cookies' tokens are only ever stored as hashes.

const canary = { address: canaryAddress, userAgent: canaryUserAgent, displayName: 'Canary Quillbright' };

let server: RunningServer;
let dataDir: string;
const contexts: BrowserContext[] = [];
const cookieValues = new Set<string>();

test.beforeAll(async () => {
	dataDir = freshDataDir();
	// The proxy headers are trusted as in a deployment behind a reverse proxy, so the app sees the marked address.
	server = await startServer({ env: { DATA_DIR: dataDir, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', LOG_LEVEL: 'debug' } });
	await waitUntilUp(server);
});

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.close()));
	server?.child.kill('SIGKILL');
});

async function markedPage(browser: import('@playwright/test').Browser) {
	const context = await browser.newContext({
		baseURL: server.url,
		userAgent: canary.userAgent,
		extraHTTPHeaders: { 'x-forwarded-for': canary.address }
	});
	contexts.push(context);
	return context.newPage();
}

/** Every cookie value the browsers hold now; called after each step, so values later replaced are kept too. */
async function collectCookies() {
	for (const context of contexts) for (const cookie of await context.cookies()) cookieValues.add(cookie.value);
}

/** Every row of every table, as text. */
async function databaseDump(): Promise<string> {
	const client = await PGlite.create(path.join(dataDir, 'pglite'));
	try {
		const { rows: tables } = await client.query<{ name: string }>(
			`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
			 where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`
		);
		const dumps: string[] = [];
		for (const { name } of tables) {
			const { rows } = await client.query<{ row: string }>(`select t::text as row from ${name} t`);
			dumps.push(`${name}\n${rows.map((row) => row.row).join('\n')}`);
		}
		return dumps.join('\n');
	} finally {
		await client.close();
	}
}

const hits = (haystack: string, needles: string[]) => needles.filter((needle) => haystack.includes(needle));

test('no marked address, user agent, erased name or cookie value is left in the database, the logs or a backup', async ({ browser }) => {
	test.setTimeout(120_000);
	const staff = await markedPage(browser);
	const { workshop, code } = await adminWithWorkshop(staff, server, 'Canary workshop');
	await collectCookies();

	// A failed login from the same address: the limiter counts it under a keyed hash, never the address.
	const stranger = await markedPage(browser);
	await stranger.goto('/en/login', { waitUntil: 'networkidle' });
	await stranger.getByLabel('Email').fill('ada@example.org');
	await stranger.getByLabel('Password').fill('not the password');
	await stranger.getByRole('button', { name: 'Log in' }).click();
	await expect(stranger.getByRole('alert')).toBeVisible();

	const phone = await markedPage(browser);
	await phone.goto(`/en/j/${code}`, { waitUntil: 'networkidle' });
	await phone.getByLabel('Name to show in the room (optional)').fill(canary.displayName);
	await phone.getByRole('button', { name: 'Join' }).click();
	await phone.waitForURL(/\/w\//);
	await expect(phone.getByText(canary.displayName)).toBeVisible();
	await staff.goto(`/en/workshops/${workshop}`, { waitUntil: 'networkidle' });
	// The people list folds away on the control page: the name is there, not necessarily unfolded.
	await expect(staff.getByText(canary.displayName).first()).toBeAttached();

	await completeLesson(phone, 'two-systems/why-deportation-101');
	await phone.goto('/en/me', { waitUntil: 'networkidle' });
	await phone.getByRole('button', { name: 'Get a code' }).click();
	await expect(phone.getByText(/Your code:/)).toBeVisible();
	await phone.getByRole('textbox', { name: 'Code' }).fill('WRONG-CODE-0000');
	await phone.getByRole('button', { name: 'Continue with this code' }).click();
	await expect(phone.getByText('We could not find that code.')).toBeVisible();
	const record = await phone.request.get('/en/me/data.json');
	expect(await record.text()).toContain(canary.displayName);
	await collectCookies();

	await staff.goto(`/en/workshops/${workshop}`, { waitUntil: 'networkidle' });
	await staff.getByRole('button', { name: 'End and erase now' }).click();
	await staff.getByRole('button', { name: 'Yes, end and erase everything' }).click();
	await expect(staff.getByRole('status')).toContainText('has been erased');
	await collectCookies();

	server.child.kill('SIGTERM');
	expect(await server.exited).toBe(0);
	const archive = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'd101-canary-')), 'backup.jsonl.gz');
	await backUp(dataDir, archive);

	const dump = await databaseDump();
	const logs = server.output();
	const backup = zlib.gunzipSync(fs.readFileSync(archive)).toString('latin1');
	// The searches can find things: what should be kept is there.
	expect(dump).toContain('Canary workshop');
	expect(dump).toContain('ada@example.org');
	expect(logs).toContain('/(public)/j/[code]');

	// Session and learner tokens: long random values. Short ones (the language, the text size) say nothing.
	const tokens = [...cookieValues].filter((value) => value.length >= 16);
	expect(tokens.length).toBeGreaterThanOrEqual(2);
	const marks = [canary.address, canary.userAgent, 'CanaryAgent', canary.displayName, ...tokens];
	expect(hits(dump, marks), 'in the database').toEqual([]);
	expect(hits(logs, marks), 'in the logs').toEqual([]);
	expect(hits(backup, marks), 'in the backup').toEqual([]);
});
