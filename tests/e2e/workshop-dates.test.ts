import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { addDays, dayOf, sameDayNextYear } from '../../src/lib/server/days';
import { testOnEachDatabase } from '../helpers/each-database';
import { inputValue, newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// A workshop's date, as a facilitator without JavaScript types it, in English and Spanish, on both databases: a day
// that does not exist, one past, one too far ahead are refused with a sentence, the form keeps what was typed, and
// no workshop is made; yesterday (today west of UTC) and a day months ahead are planned.

const messages = {
	en: JSON.parse(fs.readFileSync('messages/en.json', 'utf8')) as Record<string, string>,
	es: JSON.parse(fs.readFileSync('messages/es.json', 'utf8')) as Record<string, string>
};
const servers: RunningServer[] = [];
const clients: Client[] = [];

test.afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

async function facilitatorOn(env: Record<string, string>) {
	const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn', ...env } });
	servers.push(server);
	await waitUntilUp(server);
	const facilitator = await newClient(server);
	clients.push(facilitator);
	const setup = await facilitator.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password: 'river stone lantern 42' });
	expect(setup.status()).toBe(303);
	return { server, facilitator };
}

async function planAndCheck(env: Record<string, string>) {
	const { server, facilitator } = await facilitatorOn(env);
	const today = dayOf();
	const plan = (locale: 'en' | 'es', title: string, heldOn: string) =>
		facilitator.submit(`/${locale}/workshops?/create`, { title, heldOn, location: 'A library', lesson: 'why-deportation-101' });

	const refusals = [
		{ heldOn: `${today.slice(0, 4)}-02-31`, problem: 'date_invalid' },
		{ heldOn: `${today.slice(0, 4)}-13-01`, problem: 'date_invalid' },
		{ heldOn: addDays(today, -2), problem: 'date_past' },
		{ heldOn: addDays(sameDayNextYear(today), 1), problem: 'date_too_far' },
		{ heldOn: '2999-12-31', problem: 'date_too_far' } // a fixed date: far beyond any year ahead
	];
	for (const locale of ['en', 'es'] as const) {
		for (const { heldOn, problem } of refusals) {
			const title = `Refused ${locale} ${heldOn}`;
			const refused = await plan(locale, title, heldOn);
			expect(refused.status(), `${locale} ${heldOn}`).toBe(400);
			const page = await refused.text();
			expect(page, `${locale} ${heldOn}`).toContain(messages[locale][problem]);
			// What the facilitator typed is still there to correct.
			expect(inputValue(page, 'title')).toBe(title);
			expect(inputValue(page, 'heldOn')).toBe(heldOn);
			expect(inputValue(page, 'location')).toBe('A library');
		}
	}
	const list = await (await facilitator.get('/en/workshops')).text();
	expect(list).not.toContain('Refused');

	const yesterday = await plan('en', 'Planned after the fact', addDays(today, -1));
	expect(yesterday.status()).toBe(303);
	const ahead = await plan('es', 'Planned ahead', addDays(today, 60));
	expect(ahead.status()).toBe(303);
	// A workshop planned ahead can be joined already, to try the code before the day.
	const code = testIdText(await (await facilitator.get(ahead.headers()['location'])).text(), 'join-code')!;
	const phone = await newClient(server);
	clients.push(phone);
	expect((await phone.get(`/en/j/${code}`)).status()).toBe(200);
	expect(await (await facilitator.get('/en/workshops')).text()).toContain(addDays(today, 60));
}

testOnEachDatabase('a workshop’s date is a real day from yesterday to a year ahead', async (env) => {
	try {
		await planAndCheck(env);
	} finally {
		await killAll(servers.splice(0));
	}
});
