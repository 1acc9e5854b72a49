import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIResponse } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { inputValue, newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// Every route under src/routes, requested as each kind of person, against the access its group declares.
// A new route that is missing from this table fails the test until someone decides who may use it.

type Person = 'anonymous' | 'participant' | 'facilitator' | 'otherFacilitator' | 'admin';
type Expected = Record<Person, number>;

const everyone: Expected = { anonymous: 200, participant: 200, facilitator: 200, otherFacilitator: 200, admin: 200 };
const staff: Expected = { anonymous: 303, participant: 303, facilitator: 200, otherFacilitator: 200, admin: 200 };

const expectedAccess: Record<string, { path: string; expected: Expected }> = {
	'/(public)': { path: '/en', expected: everyone },
	'/(public)/glossary': { path: '/en/glossary', expected: everyone },
	'/(public)/privacy': { path: '/en/privacy', expected: everyone },
	'/(public)/changes': { path: '/en/changes', expected: everyone },
	'/(public)/changes.atom': { path: '/es/changes.atom', expected: everyone },
	'/(public)/resources': { path: '/en/resources', expected: everyone },
	'/(public)/resources/[id=slug]': { path: '/en/resources/immigrant-defense-project', expected: everyone },
	'/(public)/join': { path: '/en/join', expected: everyone },
	'/(public)/preferences': { path: '/en/preferences', expected: everyone },
	// The participant has joined {workshop}: its join address sends them back into the room.
	'/(public)/j/[code]': { path: '/en/j/{code}', expected: { ...everyone, participant: 303 } },
	'/(public)/w/[id]': { path: '/en/w/{workshop}', expected: { anonymous: 303, participant: 200, facilitator: 303, otherFacilitator: 303, admin: 303 } },
	'/(public)/w/[id]/events': { path: '/w/not-a-workshop/events', expected: { anonymous: 404, participant: 404, facilitator: 404, otherFacilitator: 404, admin: 404 } },
	'/(staff)/guide': { path: '/en/guide', expected: staff },
	'/(staff)/workshops': { path: '/en/workshops', expected: staff },
	// Someone else's workshop (or none) is not found, so its existence is not given away.
	'/(staff)/workshops/[id]': { path: '/en/workshops/{workshop}', expected: { ...staff, otherFacilitator: 404 } },
	'/(staff)/workshops/[id]/present': { path: '/en/workshops/{workshop}/present', expected: { ...staff, otherFacilitator: 404 } },
	'/(staff)/workshops/[id]/report': { path: '/en/workshops/{workshop}/report', expected: { ...staff, otherFacilitator: 404 } },
	'/(staff)/workshops/[id]/guide': { path: '/en/workshops/{workshop}/guide', expected: { ...staff, otherFacilitator: 404 } },
	'/(staff)/workshops/[id]/handout': { path: '/en/workshops/{workshop}/handout', expected: { ...staff, otherFacilitator: 404 } },
	'/(staff)/workshops/[id]/report.csv': { path: '/en/workshops/{workshop}/report.csv', expected: { ...staff, otherFacilitator: 404 } },
	'/(staff)/workshops/[id]/events': { path: '/workshops/not-a-workshop/events', expected: { ...staff, facilitator: 404, otherFacilitator: 404, admin: 404 } },
	'/(staff)/notes/[module=slug]/[lesson=slug]': { path: '/en/notes/two-systems/why-deportation-101', expected: staff },
	'/(public)/learn/[module=slug]/[lesson=slug]': { path: '/en/learn/two-systems/why-deportation-101', expected: everyone },
	'/(public)/me': { path: '/en/me', expected: everyone },
	'/(public)/me/data.json': { path: '/en/me/data.json', expected: everyone },
	'/(public)/certificate': { path: '/en/certificate', expected: everyone },
	'/(public)/healthz': { path: '/healthz', expected: everyone },
	'/(public)/readyz': { path: '/readyz', expected: everyone },
	'/(public)/setup/[token]': { path: '/en/setup/not-a-token', expected: everyone },
	'/(public)/invite/[token]': { path: '/en/invite/not-a-token', expected: everyone },
	// Signed-in people are sent on to their account.
	'/(public)/login': { path: '/en/login', expected: { ...staff, anonymous: 200, participant: 200, facilitator: 303, otherFacilitator: 303, admin: 303 } },
	// Without a second factor to enter, the second step sends a signed-in person on.
	'/(session)/login/two-factor': { path: '/en/login/two-factor', expected: { ...staff, facilitator: 303, otherFacilitator: 303, admin: 303 } },
	'/(session)/logout': { path: '/en/logout', expected: staff },
	'/(staff)/account': { path: '/en/account', expected: staff },
	'/(staff)/account/two-factor': { path: '/en/account/two-factor', expected: staff },
	'/(admin)/admin': { path: '/en/admin', expected: { ...staff, facilitator: 403, otherFacilitator: 403 } },
	'/(admin)/admin/statistics': { path: '/en/admin/statistics', expected: { ...staff, facilitator: 403, otherFacilitator: 403 } },
	'/(admin)/admin/statistics/questions': { path: '/en/admin/statistics/questions', expected: { ...staff, facilitator: 403, otherFacilitator: 403 } },
	'/(admin)/admin/statistics/export/[table]': { path: '/en/admin/statistics/export/funnel', expected: { ...staff, facilitator: 403, otherFacilitator: 403 } },
	'/(staff)/workshops/statistics': { path: '/en/workshops/statistics', expected: staff },
	'/(staff)/workshops/statistics/export/[table]': { path: '/en/workshops/statistics/export/items', expected: staff }
};

/** Route ids as SvelteKit names them, from the files under src/routes. */
function routeIds(): string[] {
	const root = path.resolve('src/routes');
	const ids = new Set<string>();
	for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
		if (/(^|\/)\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts)$/.test(file)) {
			const dir = path.dirname(file);
			ids.add(dir === '.' ? '/' : `/${dir.split(path.sep).join('/')}`);
		}
	}
	return [...ids].sort();
}

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
const people = {} as Record<Person, Client>;
const identities = { facilitator: 'fatima@example.org', otherFacilitator: 'omar@example.org' };
/** The facilitator's workshop, which the participant has joined. */
const placeholders = { workshop: '', code: '' };

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir() } });
	await waitUntilUp(server);
	const password = 'river stone lantern 42';
	for (const person of ['anonymous', 'participant', 'facilitator', 'otherFacilitator', 'admin'] as Person[]) {
		people[person] = await newClient(server);
	}
	await people.admin.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password });
	for (const person of ['facilitator', 'otherFacilitator'] as const) {
		const invited = await people.admin.submit('/en/admin?/invite', { email: identities[person] });
		const link = new URL(testIdText(await invited.text(), 'invite-url')!).pathname;
		await people[person].submit(`/en${link}`, { displayName: identities[person].split('@')[0], password });
	}
	await people.participant.submit('/en/me?/resumeCode', {});

	const created = await people.facilitator.submit('/en/workshops?/create', {
		title: 'Fatima’s workshop',
		heldOn: dayOf(),
		lesson: 'why-deportation-101'
	});
	placeholders.workshop = created.headers()['location'].split('/').pop()!;
	placeholders.code = testIdText(await (await people.facilitator.get(`/en/workshops/${placeholders.workshop}`)).text(), 'join-code')!;
	await people.participant.submit(`/en/j/${placeholders.code}`, { displayName: 'Pat' });
});

test.afterAll(async () => {
	await Promise.all(Object.values(people).map((c) => c.dispose()));
	server?.child.kill('SIGKILL');
});

/** What every response carries (server.js and the hooks), whoever asks and whatever the answer. */
function expectProtectiveHeaders(response: APIResponse, what: string) {
	const headers = response.headers();
	expect(headers['referrer-policy'], what).toBe('no-referrer');
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['permissions-policy'], what).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
	expect(headers['cache-control'], what).toMatch(/(^|, )no-(store|cache)$/);
	expect(headers['x-frame-options'], what).toBe('DENY');
	if (headers['content-type']?.startsWith('text/html')) {
		const csp = headers['content-security-policy'];
		for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
			expect(csp, what).toContain(directive);
		}
		// Scripts from this origin only: a rendered page's carry its nonce, and nothing inline runs anywhere.
		expect(csp, what).toMatch(/script-src 'self'( 'nonce-[^']+')?(;|$)/);
	}
}

test('a 404, a missing lesson, a data request and static files carry the same protective headers', async () => {
	expectProtectiveHeaders(await people.anonymous.get('/en/no/such/page'), 'a 404');
	for (const file of ['/favicon.svg', '/closed.html', '/service-worker.js', '/_app/version.json']) {
		const response = await people.anonymous.get(file);
		expect(response.status(), file).toBe(200);
		expectProtectiveHeaders(response, file);
	}
	const asset = fs.readdirSync('build/client/_app/immutable/entry').find((name) => name.endsWith('.js'))!;
	const immutable = await people.anonymous.get(`/_app/immutable/entry/${asset}`);
	expect(immutable.headers()['referrer-policy']).toBe('no-referrer');
	expect(immutable.headers()['cache-control']).toContain('immutable');
	expectProtectiveHeaders(await people.anonymous.get('/en/learn/no/such-lesson'), 'a missing lesson');
	expectProtectiveHeaders(await people.participant.get('/en/me/__data.json'), 'a data request');
	expect((await people.anonymous.get('/en/me')).headers()['cache-control']).toBe('no-store');
});

test('every route is in the access table, and the table names no route that is gone', () => {
	expect(routeIds()).toEqual(Object.keys(expectedAccess).sort());
});

test('facilitators read a lesson’s facilitator notes, with its timing and activity', async () => {
	const notes = await (await people.facilitator.get('/en/notes/two-systems/why-deportation-101')).text();
	expect(notes).toContain('<h2>Timing</h2>');
	expect(notes).toContain('<h2>Activity</h2>');
	const spanish = await (await people.facilitator.get('/es/notes/two-systems/why-deportation-101')).text();
	expect(spanish).toContain('<h2>Tiempo</h2>');
});

test('each person gets what the route’s group allows, and no facilitator sees another’s data', async () => {
	expect(inputValue(await (await people.admin.get('/en/admin')).text(), 'userId')).toBeDefined();
	for (const [routeId, { path: template, expected }] of Object.entries(expectedAccess)) {
		const url = template.replace('{workshop}', placeholders.workshop).replace('{code}', placeholders.code);
		for (const person of Object.keys(expected) as Person[]) {
			const response = await people[person].get(url);
			expect(response.status(), `${person} GET ${url} (${routeId})`).toBe(expected[person]);
			expectProtectiveHeaders(response, `${person} GET ${url}`);
			const body = await response.text();
			if (person === 'facilitator') expect(body).not.toContain(identities.otherFacilitator);
			if (person === 'otherFacilitator') {
				expect(body).not.toContain(identities.facilitator);
				// The join page shows its title to anyone holding the code, by design.
				if (routeId !== '/(public)/j/[code]') expect(body).not.toContain('Fatima’s workshop');
			}
		}
	}
});
