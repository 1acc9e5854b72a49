// `npm run bench:weight`: what a first visit to each page costs on the production build, gzip-compressed
// (JavaScript, and everything together), beside the accessibility issue's budgets. Prints figures; not a test.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { chromium, type Cookie, type Page } from '@playwright/test';
import { adminWithWorkshop, joinWorkshop } from '../tests/helpers/room';
import { freshDataDir, startServer, waitUntilUp } from '../tests/helpers/server';

const kb = 1024;
const budgets = { participant: { js: 50, total: 150 }, facilitator: { js: 100, total: Infinity }, admin: { js: 150, total: Infinity } };
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((candidate) => candidate && fs.existsSync(candidate));

const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
await waitUntilUp(server);
const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});

async function freshPage(cookies: Cookie[] = []): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
	await context.addCookies(cookies);
	return context.newPage();
}

/** Loads a page with a cold cache and adds up the gzip size of each response (never an event stream's). */
async function weigh(page: Page, path: string) {
	const sizes: Promise<{ script: boolean; size: number }>[] = [];
	page.on('response', (response) => {
		if (response.headers()['content-type']?.includes('text/event-stream')) return;
		sizes.push(
			response
				.body()
				.then((body) => ({ script: response.request().resourceType() === 'script', size: zlib.gzipSync(body).length }))
				.catch(() => ({ script: false, size: 0 }))
		);
	});
	await page.goto(path, { waitUntil: 'load' });
	await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
	const loaded = await Promise.all(sizes);
	await page.context().close();
	return {
		js: loaded.filter((item) => item.script).reduce((sum, item) => sum + item.size, 0) / kb,
		total: loaded.reduce((sum, item) => sum + item.size, 0) / kb
	};
}

// An admin with a workshop, and a participant who joined it, so that every kind of page can be weighed.
const staff = await freshPage();
const { workshop, code } = await adminWithWorkshop(staff, server, 'Weight');
const staffCookies = await staff.context().cookies();
const joiner = await freshPage();
await joinWorkshop(joiner, code);
const participantCookies = await joiner.context().cookies();

const pages: [keyof typeof budgets, string, Cookie[]][] = [
	['participant', '/en', []],
	['participant', '/es/learn/two-systems/why-deportation-101', []],
	['participant', '/en/join', []],
	['participant', `/en/j/${code}`, []],
	['participant', `/en/w/${workshop}`, participantCookies],
	['facilitator', '/en/workshops', staffCookies],
	['facilitator', `/en/workshops/${workshop}`, staffCookies],
	['facilitator', `/en/workshops/${workshop}/present`, staffCookies],
	['admin', '/en/admin', staffCookies]
];
console.log('kind        | JS KB (budget) | total KB (budget) | page');
for (const [kind, path, cookies] of pages) {
	const weight = await weigh(await freshPage(cookies), path);
	const budget = budgets[kind];
	const mark = (value: number, limit: number) => `${value.toFixed(1)}${value > limit ? ' OVER' : ''}`;
	console.log(
		`${kind.padEnd(11)} | ${`${mark(weight.js, budget.js)} (${budget.js})`.padEnd(14)} | ${`${mark(weight.total, budget.total)} (${Number.isFinite(budget.total) ? budget.total : '–'})`.padEnd(17)} | ${path}`
	);
}
await browser.close();
server.child.kill('SIGTERM');
await server.exited;
