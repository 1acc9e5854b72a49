import { test, type Browser } from '@playwright/test';
import { postgresMissing, serverUrl, withServerDatabase } from './test-databases';

/**
 * Declares an end-to-end test once per database the server runs on: the embedded PGlite (a fresh data folder is
 * the caller's), and a fresh PostgreSQL database when there is a server (reported as not run otherwise, or failed
 * under REQUIRE_POSTGRES=1). `run` gets the database's part of the server's environment, and must have stopped
 * its servers when it returns: the PostgreSQL database is dropped then. Tests with pages get Playwright's browser.
 */
export function testOnEachDatabase(title: string, run: (env: Record<string, string>, browser: Browser) => Promise<void>): void {
	test(`on the embedded PGlite, ${title}`, ({ browser }) => run({}, browser));
	test(`on PostgreSQL, ${title}`, async ({ browser }) => {
		const missing = postgresMissing();
		test.skip(missing !== undefined, `not run: ${missing}`);
		await withServerDatabase(serverUrl!, (env) => run(env, browser));
	});
}
