import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, defineConfig } from '@playwright/test';
import { canaryAddress, canaryUserAgent, suiteServerLog } from './tests/helpers/canary';

/** The system's Chromium (CHROMIUM_PATH, then Debian's), else Playwright's own; never a silent skip. */
function findChromium(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
	const bundled = chromium.executablePath();
	if (bundled && fs.existsSync(bundled)) return bundled;
	throw new Error(
		'No Chromium found for the end-to-end tests. Install one (Debian: `apt-get install chromium`), ' +
			'set CHROMIUM_PATH to a Chromium binary, or run `npx playwright install chromium` where downloads are allowed.'
	);
}

const port = Number(process.env.E2E_PORT ?? 4173);
// One throwaway database folder per run, shared by the workers through the environment.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'd101-e2e-'));

export default defineConfig({
	testDir: 'tests',
	projects: [
		{ name: 'e2e', testMatch: ['e2e/**/*.test.ts'] },
		// After the whole suite: nothing it sent under the canary marks was kept by the suite's server.
		{ name: 'canary sweep', testMatch: ['canary-sweep/**/*.test.ts'], dependencies: ['e2e'] }
	],
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'line' : 'list',
	timeout: 60_000,
	webServer: {
		// The README's command: it builds when the build is missing or stale, then serves.
		// Its output is also kept in the data folder, for the canary sweep to search.
		command: `npm start 2>&1 | tee "${path.join(process.env.E2E_DATA_DIR, suiteServerLog)}"`,
		url: `http://127.0.0.1:${port}/readyz`,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATA_DIR: process.env.E2E_DATA_DIR,
			LOG_LEVEL: 'info',
			// As behind a reverse proxy, so that the browsers' marked address is the one the app sees.
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		},
		reuseExistingServer: false,
		timeout: 180_000
	},
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		userAgent: canaryUserAgent,
		extraHTTPHeaders: { 'x-forwarded-for': canaryAddress },
		browserName: 'chromium',
		launchOptions: {
			executablePath: findChromium(),
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
