import { defineConfig } from '@playwright/test';

// `npm run test:faults`: the production server as a process, killed, stopped and starved of its database. Each test
// starts its own servers (and, where it needs one, its own PostgreSQL), so there is no shared web server here.
export default defineConfig({
	testDir: 'tests/fault',
	testMatch: ['**/*.test.ts'],
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'line' : 'list',
	timeout: 180_000
});
