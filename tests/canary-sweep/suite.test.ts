import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canaryAddress, canaryUserAgent, suiteServerLog } from '../helpers/canary';
import { filesUnder } from '../helpers/files';

// Runs after the whole end-to-end suite (a project that depends on it): every browser of the suite sent the marked
// address and user agent to the suite's server, which trusted the address header as behind a proxy. Neither may be
// in the server's log or anywhere in its database's files, read raw: deleted rows and the write-ahead log included.

const dataDir = process.env.E2E_DATA_DIR!;

test('the suite’s server kept neither the marked address nor the marked user agent, in its log or its database', async ({ page }) => {
	// The marks were sent: this browser, like every other of the suite, carries them.
	const seen = await page.request.get('/en');
	expect(seen.ok()).toBe(true);
	await page.goto('/en');
	expect(await page.evaluate(() => navigator.userAgent)).toBe(canaryUserAgent);

	const marks = [canaryAddress, canaryUserAgent, 'CanaryAgent'];
	const log = fs.readFileSync(path.join(dataDir, suiteServerLog), 'utf8');
	// The log holds the suite's requests: the search has something to search.
	expect(log).toContain('"route":"/(public)/learn/[module=slug]/[lesson=slug]"');
	expect(marks.filter((mark) => log.includes(mark)), 'in the server log').toEqual([]);

	const files = filesUnder(path.join(dataDir, 'pglite'));
	const found = files.flatMap((file) => {
		const bytes = fs.readFileSync(file);
		return marks.filter((mark) => bytes.includes(mark)).map((mark) => `${path.relative(dataDir, file)}: ${mark}`);
	});
	// The files hold what the suite recorded (its learners' lesson progress), so a mark would be found too.
	expect(files.some((file) => fs.readFileSync(file).includes('why-deportation-101'))).toBe(true);
	expect(found, 'in the database files').toEqual([]);
});
