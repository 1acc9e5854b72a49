import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { adminWithWorkshop, joinWorkshop } from '../helpers/room';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// axe-core (WCAG 2.2 A and AA rules) on every page, as each kind of person who sees it, in both languages. The
// same walk records every request the browser makes: none may leave the app's own origin (privacy issue).

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

let server: RunningServer;
const contexts: BrowserContext[] = [];
let staff: Page;
let participant: Page;
const ids = { workshop: '', code: '' };
let anonymous: Page;
/** Every request any page of this walk made, by its full address. */
const requested: string[] = [];

async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.url });
	contexts.push(context);
	context.on('request', (request) => requested.push(request.url()));
	return context.newPage();
}

test.beforeAll(async ({ browser }) => {
	server = await startServer({ env: { DATA_DIR: freshDataDir() } });
	await waitUntilUp(server);
	staff = await newPage(browser);
	Object.assign(ids, await adminWithWorkshop(staff, server, 'Library training'));
	await staff.locator('form[action="?/open"]').first().locator('button').click();
	participant = await newPage(browser);
	await joinWorkshop(participant, ids.code);
	anonymous = await newPage(browser);
});

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.close()));
	server?.child.kill('SIGKILL');
});

const publicPages = [
	'',
	'/learn/two-systems/why-deportation-101',
	'/learn/crimes-and-enforcement/detainers-and-local-policy?region=ny',
	'/resources',
	'/resources/immigrant-defense-project',
	'/glossary',
	'/changes',
	'/privacy',
	'/me',
	'/certificate',
	'/join',
	'/login',
	'/setup/not-a-token',
	'/learn/no/such-lesson'
];
const participantPages = () => [`/w/${ids.workshop}`];
const staffPages = () => [
	'/account',
	'/account/two-factor',
	'/admin',
	'/admin/statistics',
	'/admin/statistics/questions',
	'/workshops',
	'/workshops/statistics',
	`/workshops/${ids.workshop}`,
	`/workshops/${ids.workshop}/present`,
	`/workshops/${ids.workshop}/report`,
	`/workshops/${ids.workshop}/guide`,
	`/workshops/${ids.workshop}/handout`,
	'/notes/two-systems/why-deportation-101'
];

async function violations(page: Page, path: string): Promise<string[]> {
	await page.goto(path, { waitUntil: 'networkidle' });
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const found = results.violations.map(
		(violation) => `${path}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`
	);
	// Every page's footer leads to the privacy notice, in the page's language; but the projector, which is the room's
	// screen and has nothing of the site around it.
	const locale = path.split('/')[1];
	const projector = (await page.getByTestId('projector').count()) > 0;
	if (!projector && (await page.locator(`footer a[href="/${locale}/privacy"]`).count()) !== 1) found.push(`${path}: no link to /${locale}/privacy in the footer`);
	return found;
}

for (const locale of ['en', 'es']) {
	test(`every page passes axe in ${locale}, as a visitor, a participant and staff`, async () => {
		const found: string[] = [];
		for (const path of publicPages) found.push(...(await violations(anonymous, `/${locale}${path}`)));
		for (const path of [...publicPages, ...participantPages()]) found.push(...(await violations(participant, `/${locale}${path}`)));
		for (const path of staffPages()) found.push(...(await violations(staff, `/${locale}${path}`)));
		expect(found).toEqual([]);
	});
}

test('no page, for anyone, in either language, made a request to another origin', () => {
	expect(requested.length).toBeGreaterThan(100);
	expect(requested.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:'))).toEqual([]);
});

test('the check can fail: a field planted without a label is reported', async () => {
	await participant.goto('/en', { waitUntil: 'networkidle' });
	await participant.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text">'));
	const results = await new AxeBuilder({ page: participant }).withTags(['wcag2a', 'wcag2aa']).analyze();
	expect(results.violations.map((violation) => violation.id)).toContain('label');
});

test('the whole app read in Spanish shows no English interface string', async () => {
	const english = JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
	const spanish = JSON.parse(fs.readFileSync('messages/es.json', 'utf8')) as Record<string, string>;
	// The longest literal run of each English message that Spanish does not share, long enough to be unmistakable.
	const fragments = Object.entries(english)
		.filter(([key, text]) => key !== '$schema' && text !== spanish[key])
		.map(([, text]) => text.split(/\{[^}]*\}/).sort((a, b) => b.length - a.length)[0].trim())
		.filter((fragment) => fragment.length >= 10);
	expect(fragments.length).toBeGreaterThan(100);

	const found: string[] = [];
	const pages: [Page, string][] = [
		...[...publicPages, ...participantPages()].map((path): [Page, string] => [participant, path]),
		...staffPages().map((path): [Page, string] => [staff, path])
	];
	for (const [page, path] of pages) {
		await page.goto(`/es${path}`, { waitUntil: 'load' });
		// Names in <code> (the privacy notice's table and column names) are identifiers, not interface text.
		const text = await page.evaluate(() => {
			for (const code of document.querySelectorAll('code')) code.hidden = true;
			return document.body.innerText;
		});
		for (const fragment of fragments) if (text.includes(fragment)) found.push(`/es${path}: "${fragment}"`);
	}
	expect(found).toEqual([]);
});
