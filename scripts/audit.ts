// `npm run audit`: Lighthouse in its default mobile mode (an emulated mid-range phone on a throttled connection) over
// the pages participants use most, on the production build and the system's Chromium. Prints the four category
// scores per page; the figures of the last run are kept in docs/benchmarks.md. Build first (`npm run build`).
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { freshDataDir, startServer, waitUntilUp } from '../tests/helpers/server';

const chromePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
	(candidate) => candidate && fs.existsSync(candidate)
);
if (!chromePath) throw new Error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.');

const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
const chrome = await chromeLauncher.launch({
	chromePath,
	chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
	await waitUntilUp(server);
	const pages = [
		['home', '/en'],
		['lesson', '/en/learn/two-systems/why-deportation-101'],
		['quiz (Spanish)', '/es/learn/two-systems/why-deportation-101#quiz'],
		['join', '/en/join']
	];
	const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
	console.log(`page           | ${categories.join(' | ')}`);
	for (const [name, path] of pages) {
		const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
		if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
		if (result.lhr.runtimeError) throw new Error(`${path}: ${result.lhr.runtimeError.message}`);
		const scores = categories.map((category) => String(Math.round((result.lhr.categories[category].score ?? 0) * 100)));
		console.log(`${name.padEnd(14)} | ${scores.map((score, i) => score.padStart(categories[i].length)).join(' | ')}`);
		for (const category of categories) {
			for (const ref of result.lhr.categories[category].auditRefs) {
				const audit = result.lhr.audits[ref.id];
				if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`    ${category}: ${audit.id} (${audit.score}) ${audit.title}`);
			}
		}
	}
} finally {
	chrome.kill();
	server.child.kill('SIGTERM');
	await server.exited;
}
