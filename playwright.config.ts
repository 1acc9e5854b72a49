import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, defineConfig } from '@playwright/test';

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
	testMatch: ['e2e/**/*.test.ts'],
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'line' : 'list',
	timeout: 60_000,
	webServer: {
		// The README's command: it builds when the build is missing or stale, then serves.
		command: 'npm start',
		url: `http://127.0.0.1:${port}/healthz`,
		env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: 'warn' },
		reuseExistingServer: false,
		timeout: 180_000
	},
	use: {
		baseURL: `http://127.0.0.1:${port}`,
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
