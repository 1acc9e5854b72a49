import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';
import { createServerDatabase, postgresMissing, serverUrl } from '../helpers/test-databases';

// The production server as a process: start, readiness, logs, the data-folder lock, SIGTERM and a failed migration.

let running: RunningServer[] = [];
test.afterEach(() => {
	for (const server of running) server.child.kill('SIGKILL');
	running = [];
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
	const server = await startServer(options);
	running.push(server);
	return server;
}

test('answers /healthz and /readyz, then on SIGTERM closes the database, releases the folder and exits', async () => {
	const dataDir = freshDataDir();
	const server = await start({ env: { DATA_DIR: dataDir } });
	await waitUntilUp(server);
	expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
	expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(true);

	server.child.kill('SIGTERM');
	expect(await server.exited).toBe(0);
	expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
});

test('a second server on the same data folder refuses to start and names the owner', async () => {
	const dataDir = freshDataDir();
	const first = await start({ env: { DATA_DIR: dataDir } });
	await waitUntilUp(first);
	const second = await start({ env: { DATA_DIR: dataDir } });
	expect(await second.exited).not.toBe(0);
	expect(second.output()).toContain(`in use by process ${first.child.pid}`);
	expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
});

test('logs one structured line per request, without cookies, query strings or bodies', async () => {
	const server = await start({ env: { DATA_DIR: freshDataDir() } });
	await waitUntilUp(server);
	const marker = 'canary-7f3a9c';
	const response = await fetch(`${server.url}/en/glossary?code=${marker}`, {
		headers: { cookie: `session=${marker}; other=${marker}` }
	});
	expect(response.status).toBe(200);
	await expect.poll(() => server.output()).toContain('"route":"/(public)/glossary"');

	const line = server
		.output()
		.split('\n')
		.find((candidate) => candidate.includes('"route":"/(public)/glossary"'))!;
	expect(JSON.parse(line)).toMatchObject({ method: 'GET', route: '/(public)/glossary', status: 200, ms: expect.any(Number) });
	expect(server.output()).not.toContain(marker);
});

test('a failing migration stops the start and names the migration', async () => {
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-bad-migration-'));
	fs.cpSync('drizzle', path.join(cwd, 'drizzle'), { recursive: true });
	const journalPath = path.join(cwd, 'drizzle', 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
	const last = journal.entries.at(-1);
	journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' });
	fs.writeFileSync(journalPath, JSON.stringify(journal));
	fs.writeFileSync(path.join(cwd, 'drizzle', '9999_broken.sql'), 'SELECT * FROM no_such_table;');

	const server = await start({ cwd, env: { DATA_DIR: path.join(cwd, '.data') } });
	expect(await server.exited).not.toBe(0);
	expect(server.output()).toContain('Migration 9999_broken.sql failed');
	expect(fs.existsSync(path.join(cwd, '.data', 'pglite.lock'))).toBe(false);
});

test('/readyz turns 503 when the PostgreSQL database goes away, while /healthz stays 200', async () => {
	const missing = postgresMissing();
	test.skip(missing !== undefined, `not run: ${missing}`);
	const database = await createServerDatabase(serverUrl!);
	const server = await start({ env: { DATABASE_URL: database.url } });
	await waitUntilUp(server);
	expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

	await database.drop();
	await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status).toBe(503);
	expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
