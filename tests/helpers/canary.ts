// Marks that must never be stored or logged: every browser of the end-to-end suite sends them (playwright.config.ts),
// and the canary tests search the database files, the logs and backups for them.

/** A client address from TEST-NET-3, trusted through X-Forwarded-For as behind a reverse proxy. */
export const canaryAddress = '203.0.113.77';
export const canaryUserAgent = 'Mozilla/5.0 (Linux; Android 10) CanaryAgent/5f1d9';
/** The name of the server's log file in the suite's data folder. */
export const suiteServerLog = 'server.log';
