import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import postgres from 'postgres';
import { addDays, dayOf } from '../../src/lib/server/days';
import { cleanDisplayName, displayNameLimits } from '../../src/lib/server/display-name';
import { newClient, setupLink, testIdText, type Client } from '../helpers/http-client';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';
import { createServerDatabase, postgresMissing, serverUrl } from '../helpers/test-databases';

// Hostile input (issue #8, item 9): fast-check sends generated bodies (random, oversized, malformed, in broken
// encodings and the wrong content types) to every form action, each as a person the action serves, so that the body
// is read rather than refused at the door. No answer may be a 500 or show a stack trace, and a refused request may
// change no row: the test reads every table of the server's PostgreSQL database before and after each request.
// A failing property prints its seed; FC_SEED=<seed> replays it.
// Crafted addresses (issue #17): a control character in any route parameter, for every route and every person, a
// `next` that hides another site behind a tab or line break, a statistics export named like an object's own
// property, a refused account form's password, and a bare path's language, at the end of the file.

const password = 'river stone lantern 42';
/** adapter-node's default BODY_SIZE_LIMIT (512K), which the production server runs with. */
const bodySizeLimit = 512 * 1024;
const numRuns = 40;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

type Person = 'anonymous' | 'participant' | 'facilitator' | 'admin' | 'newLearner' | 'newSession';

interface Target {
	/** The route id as SvelteKit names it, and the action ('default' for an unnamed one). */
	route: string;
	action: string;
	/** Where to post; {code} and {workshop} are the participant's workshop, {room} the one whose room is driven. */
	path: string;
	/** Who posts: a person the action serves (newLearner and newSession: a fresh one for each request). */
	as: Person;
	/** The fields the action reads; generated bodies use these names as well as random ones. */
	fields: string[];
	/** Values that get further into the action than random text does. */
	samples?: Record<string, string[]>;
	/** False for an action that never reads its body: it cannot answer 413. */
	readsBody: boolean;
	/** Whether an accepted request may write; a refused one never may. */
	writes: boolean;
	/** Tables a refusal writes by design: failed guesses count towards the throttle. */
	refusalWrites?: string[];
	runs?: number;
}

/** Values filled in once the people and workshops exist. */
const known = {
	code: '',
	workshop: '',
	room: '',
	questionId: '',
	choices: [] as string[],
	quizFields: [] as string[],
	quizChoices: [] as string[],
	submissionKey: '',
	inviteId: '',
	spareFacilitatorId: '',
	lessons: ['why-deportation-101', 'status-basics', 'know-your-rights'],
	regions: ['ny', 'national', 'xx']
};

const longNames = ['x'.repeat(41), 'é'.repeat(81), '😀'.repeat(120), 'María\u202E José\u2066 \u200B', `${'ab'.repeat(30)}\u0085`];

// Every form action under src/routes, in the order they run: the ones that can end the room, the settings, the
// session or the login throttle come last, so that they cannot take away what the others need.
const targets: Target[] = [
	{ route: '/(public)/preferences', action: 'default', path: '/en/preferences', as: 'anonymous', fields: ['textSize', 'contrast', 'next'], samples: { textSize: ['large', 'larger'], contrast: ['high'], next: ['/en/glossary', '//evil.example', '/\\evil.example', 'https://evil.example/', '/\t/evil.example/', '/\n/evil.example', '/\r\n/evil.example', '\r\n', '/.//evil.example', '/é?ñ#ü'] }, readsBody: true, writes: false },
	{ route: '/(public)/j/[code]', action: 'default', path: '/en/j/{code}', as: 'anonymous', fields: ['displayName', 'group'], samples: { displayName: longNames, group: ['on'] }, readsBody: true, writes: true },
	{ route: '/(public)/learn/[module=slug]/[lesson=slug]', action: 'answer', path: '/en/learn/two-systems/why-deportation-101', as: 'participant', fields: ['submissionKey', '{quizFields}'], samples: { submissionKey: ['{submissionKey}'] }, readsBody: true, writes: true },
	{ route: '/(public)/learn/[module=slug]/[lesson=slug]', action: 'read', path: '/en/learn/two-systems/why-deportation-101', as: 'participant', fields: [], readsBody: false, writes: true },
	{ route: '/(public)/me', action: 'resumeCode', path: '/en/me', as: 'participant', fields: [], readsBody: false, writes: true },
	{ route: '/(public)/me', action: 'resume', path: '/en/me', as: 'participant', fields: ['code'], samples: { code: ['7KQ2-M9XD-4TRPB', '0000-0000-00000'] }, readsBody: true, writes: true, refusalWrites: ['login_throttles'] },
	{ route: '/(public)/me', action: 'forget', path: '/en/me', as: 'newLearner', fields: [], readsBody: false, writes: true, runs: 10 },
	{ route: '/(public)/w/[id]', action: 'answer', path: '/en/w/{workshop}', as: 'participant', fields: ['questionId', 'choice'], samples: { questionId: ['{questionId}'], choice: ['{choices}'] }, readsBody: true, writes: true },
	{ route: '/(public)/setup/[token]', action: 'default', path: '/en/setup/not-a-token', as: 'anonymous', fields: ['email', 'displayName', 'password'], samples: { displayName: longNames, password: [password] }, readsBody: true, writes: false },
	{ route: '/(public)/invite/[token]', action: 'default', path: '/en/invite/not-a-token', as: 'anonymous', fields: ['displayName', 'password'], samples: { displayName: longNames, password: [password] }, readsBody: true, writes: false },
	// The facilitator has no second factor: the step sends them on before reading a body or counting a guess.
	{ route: '/(session)/login/two-factor', action: 'totp', path: '/en/login/two-factor', as: 'facilitator', fields: ['code'], samples: { code: ['123456', '000000'] }, readsBody: false, writes: false },
	{ route: '/(session)/login/two-factor', action: 'recovery', path: '/en/login/two-factor', as: 'facilitator', fields: ['code'], samples: { code: ['ABCD-EFGH-JKMN'] }, readsBody: false, writes: false },
	{ route: '/(staff)/account', action: 'changePassword', path: '/en/account', as: 'facilitator', fields: ['currentPassword', 'newPassword', 'endOtherSessions'], samples: { newPassword: ['correct horse battery staple 9'], endOtherSessions: ['on'] }, readsBody: true, writes: false, refusalWrites: ['login_throttles'], runs: 15 },
	{ route: '/(staff)/account', action: 'revokeSession', path: '/en/account', as: 'facilitator', fields: ['sessionId'], readsBody: true, writes: false },
	{ route: '/(staff)/account/two-factor', action: 'enable', path: '/en/account/two-factor', as: 'facilitator', fields: ['code', 'key'], samples: { key: ['AAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==', '!!!'], code: ['123456'] }, readsBody: true, writes: false },
	{ route: '/(staff)/account/two-factor', action: 'regenerate', path: '/en/account/two-factor', as: 'facilitator', fields: ['code'], readsBody: true, writes: false, refusalWrites: ['login_throttles'] },
	{ route: '/(staff)/account/two-factor', action: 'disable', path: '/en/account/two-factor', as: 'facilitator', fields: ['code'], readsBody: true, writes: false, refusalWrites: ['login_throttles'] },
	{ route: '/(staff)/workshops', action: 'create', path: '/en/workshops', as: 'facilitator', fields: ['title', 'heldOn', 'location', 'region', 'lesson', 'practice', 'creationKey'], samples: { heldOn: [dayOf(), addDays(dayOf(), -2), addDays(dayOf(), 400), `${dayOf().slice(0, 4)}-02-31`, '2026-13-45', '0000-00-00', '99999-01-01'], lesson: ['{lessons}'], region: ['{regions}'] }, readsBody: true, writes: true },
	...['previous', 'next', 'close', 'reveal', 'closeJoining', 'reopenJoining'].map((action) => ({ route: '/(staff)/workshops/[id]', action, path: '/en/workshops/{room}', as: 'facilitator' as const, fields: [], readsBody: true, writes: true, runs: 12 })),
	{ route: '/(staff)/workshops/[id]', action: 'open', path: '/en/workshops/{room}', as: 'facilitator', fields: ['questionId'], samples: { questionId: ['{questionId}'] }, readsBody: true, writes: true },
	{ route: '/(staff)/workshops/[id]/present', action: 'step', path: '/en/workshops/{room}/present', as: 'facilitator', fields: ['move'], samples: { move: ['next', 'previous', 'open', 'reveal', 'sideways'] }, readsBody: true, writes: true, runs: 12 },
	{ route: '/(staff)/workshops/[id]', action: 'remove', path: '/en/workshops/{room}', as: 'facilitator', fields: ['participantId'], readsBody: true, writes: true },
	{ route: '/(staff)/workshops/[id]', action: 'letBackIn', path: '/en/workshops/{room}', as: 'facilitator', fields: ['participantId'], readsBody: true, writes: true },
	{ route: '/(staff)/workshops/[id]', action: 'agenda', path: '/en/workshops/{room}', as: 'facilitator', fields: ['edit', 'lessonId'], samples: { edit: ['up', 'down', 'remove', 'add'], lessonId: ['{lessons}'] }, readsBody: true, writes: true },
	{ route: '/(staff)/workshops/[id]', action: 'practice', path: '/en/workshops/{room}', as: 'facilitator', fields: ['practice'], samples: { practice: ['yes', 'no'] }, readsBody: true, writes: true },
	{ route: '/(admin)/admin', action: 'invite', path: '/en/admin', as: 'admin', fields: ['email'], samples: { email: ['someone@example.org', 'a@b', 'x@y.z\u202E'] }, readsBody: true, writes: true },
	{ route: '/(admin)/admin', action: 'reinvite', path: '/en/admin', as: 'admin', fields: ['inviteId'], samples: { inviteId: ['{inviteId}'] }, readsBody: true, writes: true },
	{ route: '/(admin)/admin', action: 'deactivate', path: '/en/admin', as: 'admin', fields: ['userId'], samples: { userId: ['{spareFacilitatorId}'] }, readsBody: true, writes: true },
	{ route: '/(admin)/admin', action: 'reactivate', path: '/en/admin', as: 'admin', fields: ['userId'], samples: { userId: ['{spareFacilitatorId}'] }, readsBody: true, writes: true },
	// requireTwoFactor is left out of the generated names: turned on, it would send every staff session to enrolment.
	{ route: '/(admin)/admin', action: 'settings', path: '/en/admin', as: 'admin', fields: ['workshopRetentionHours', 'learnerRetentionDays'], samples: { workshopRetentionHours: ['24', '0', '-1', '1e3', '1.5', '720', '99999999'], learnerRetentionDays: ['30', 'NaN', ' 7 '] }, readsBody: true, writes: true },
	{ route: '/(staff)/workshops/[id]', action: 'end', path: '/en/workshops/{room}', as: 'facilitator', fields: ['confirm'], samples: { confirm: ['yes'] }, readsBody: true, writes: true, runs: 12 },
	{ route: '/(staff)/workshops/[id]', action: 'erase', path: '/en/workshops/{room}', as: 'facilitator', fields: ['confirm'], samples: { confirm: ['yes'] }, readsBody: true, writes: true, runs: 12 },
	// Deletes the room outright: after every other action that needs it.
	{ route: '/(staff)/workshops/[id]', action: 'delete', path: '/en/workshops/{room}', as: 'facilitator', fields: ['confirm'], samples: { confirm: ['yes'] }, readsBody: true, writes: true, runs: 12 },
	{ route: '/(session)/logout', action: 'default', path: '/en/logout', as: 'newSession', fields: [], readsBody: false, writes: true, runs: 8 },
	{ route: '/(public)/login', action: 'default', path: '/en/login', as: 'anonymous', fields: ['email', 'password'], samples: { email: ['fatima@example.org', 'FATIMA@example.org '], password: [password.toUpperCase()] }, readsBody: true, writes: false, refusalWrites: ['login_throttles'], runs: 15 }
];

/** The +server.ts endpoints (GET only today), where a body must get a 405, and a concrete address for each. */
const endpoints: Record<string, string> = {
	'/(public)/healthz': '/healthz',
	'/(public)/readyz': '/readyz',
	'/(public)/me/data.json': '/en/me/data.json',
	'/(public)/changes.atom': '/en/changes.atom',
	'/(public)/w/[id]/events': '/w/{workshop}/events',
	'/(staff)/workshops/[id]/events': '/workshops/{room}/events',
	'/(staff)/workshops/[id]/report.csv': '/en/workshops/{room}/report.csv',
	'/(staff)/workshops/statistics/export/[table]': '/en/workshops/statistics/export/items',
	'/(admin)/admin/statistics/export/[table]': '/en/admin/statistics/export/funnel'
};

// ---- What the route files declare ----------------------------------------------------------------------------

function routeFiles(name: string): { routeId: string; source: string }[] {
	const root = path.resolve('src/routes');
	return (fs.readdirSync(root, { recursive: true }) as string[])
		.filter((file) => path.basename(file) === name)
		.map((file) => ({ routeId: `/${path.dirname(file).split(path.sep).join('/')}`, source: fs.readFileSync(path.join(root, file), 'utf8') }));
}

/** "route action" for every key of every `export const actions` object (top-level keys, one tab in). */
function declaredActions(): string[] {
	const found: string[] = [];
	for (const { routeId, source } of routeFiles('+page.server.ts')) {
		const start = source.indexOf('export const actions');
		if (start === -1) continue;
		const block = source.slice(start, source.indexOf('\n};', start));
		const keys = [...block.matchAll(/^\t([A-Za-z_$][\w$]*)\s*:/gm)].map((match) => match[1]);
		if (keys.length === 0) throw new Error(`Could not read the action names in ${routeId}/+page.server.ts`);
		found.push(...keys.map((key) => `${routeId} ${key}`));
	}
	return found.sort();
}

/** "route METHOD" for every handler a +server.ts exports that takes a body. */
function declaredBodyHandlers(): string[] {
	return routeFiles('+server.ts')
		.flatMap(({ routeId, source }) =>
			[...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(POST|PUT|PATCH|DELETE|fallback)\b/g)].map((match) => `${routeId} ${match[1]}`)
		)
		.sort();
}

// ---- The server, its people, and its database ----------------------------------------------------------------

let server: RunningServer;
let sql: postgres.Sql;
let dropDatabase = async () => {};
const clients: Client[] = [];
const cookies: Record<'participant' | 'facilitator' | 'admin', string> = { participant: '', facilitator: '', admin: '' };

async function cookieHeader(client: Client): Promise<string> {
	return Object.entries(await client.cookies())
		.map(([name, value]) => `${name}=${value}`)
		.join('; ');
}

/** A Set-Cookie value by cookie name, from a raw response. */
function setCookie(response: Response, name: string): string {
	const line = response.headers.getSetCookie().find((header) => header.startsWith(`${name}=`));
	if (!line) throw new Error(`No ${name} cookie in the response (${response.status})`);
	return line.split(';')[0];
}

async function post(url: string, init: { headers?: Record<string, string>; body?: Uint8Array | ReadableStream<Uint8Array>; cookie?: string; method?: string }) {
	return fetch(`${server.url}${url}`, {
		method: init.method ?? 'POST',
		headers: { origin: server.origin, ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
		body: init.body,
		redirect: 'manual',
		...(init.body instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);
}

const formType = { 'content-type': 'application/x-www-form-urlencoded' };

async function cookieFor(person: Person): Promise<string> {
	if (person === 'anonymous') return '';
	if (person === 'newLearner') return setCookie(await post('/en/me?/resumeCode', { headers: formType, body: new Uint8Array() }), 'd101_learner');
	if (person === 'newSession') {
		const body = new TextEncoder().encode(new URLSearchParams({ email: 'ada@example.org', password }).toString());
		return setCookie(await post('/en/login', { headers: formType, body }), 'd101_session');
	}
	return cookies[person];
}

const volatileColumns: Record<string, string[]> = {
	// Touched by any signed-in request at most once a minute, and by any learner's first request of the day:
	// bookkeeping of the visit, not an effect of the body.
	sessions: ['last_used_at'],
	learners: ['last_seen_on']
};
let checksumQuery = '';

/** An md5 of every row of every table in the public schema (less the visit bookkeeping above), by table. */
async function checksums(): Promise<Record<string, string>> {
	const rows = await sql.unsafe<{ name: string; sum: string }[]>(checksumQuery);
	return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>, allowed: string[] = []): string[] {
	return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name] && !allowed.includes(name));
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	if (!serverUrl) return;
	const database = await createServerDatabase(serverUrl);
	dropDatabase = database.drop;
	sql = postgres(database.url, { max: 1, onnotice: () => {} });
	server = await startServer({ env: { DATABASE_URL: database.url, DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);

	const [admin, facilitator, spare, participant] = await Promise.all([0, 1, 2, 3].map(() => newClient(server)));
	clients.push(admin, facilitator, spare, participant);
	expect((await admin.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password })).status()).toBe(303);
	for (const [client, email] of [[facilitator, 'fatima@example.org'], [spare, 'omar@example.org']] as const) {
		const invited = await admin.submit('/en/admin?/invite', { email });
		const link = new URL(testIdText(await invited.text(), 'invite-url')!).pathname;
		expect((await client.submit(`/en${link}`, { displayName: email.split('@')[0], password })).status()).toBe(303);
	}
	await admin.submit('/en/admin?/invite', { email: 'pending@example.org' });
	// Signing in as usual also makes the login limiter's server secret, which is made on first use: a refused guess
	// later must find it there rather than be the request that writes it.
	expect((await facilitator.submit('/en/login', { email: 'fatima@example.org', password })).status()).toBe(303);

	const createWorkshop = async (title: string) => {
		const created = await facilitator.context.post('/en/workshops?/create', {
			headers: formType,
			data: new URLSearchParams([['title', title], ['heldOn', dayOf()], ['lesson', 'why-deportation-101'], ['lesson', 'status-basics']]).toString(),
			maxRedirects: 0
		});
		return created.headers()['location'].split('/').pop()!;
	};
	known.workshop = await createWorkshop('The participant’s workshop');
	known.room = await createWorkshop('The room the test drives');
	const facilitatorPage = await (await facilitator.get(`/en/workshops/${known.workshop}`)).text();
	known.code = testIdText(facilitatorPage, 'join-code')!;
	known.questionId = /name="questionId" value="([^"]+)"/.exec(facilitatorPage)![1];
	await facilitator.submit(`/en/workshops/${known.workshop}?/open`, { questionId: known.questionId });

	// The participant: a lesson read and its quiz answered, then in the workshop, where a question is open.
	await participant.submit('/en/learn/two-systems/why-deportation-101?/read', {});
	const lesson = await (await participant.get('/en/learn/two-systems/why-deportation-101')).text();
	known.submissionKey = /name="submissionKey" value="([^"]+)"/.exec(lesson)![1];
	const quiz = [...lesson.matchAll(/name="(q-[^"]+)"[^>]*value="([^"]+)"/g)];
	known.quizFields = [...new Set(quiz.map((match) => match[1]))];
	known.quizChoices = quiz.map((match) => match[2]);
	expect(known.quizFields.length).toBeGreaterThan(0);
	const answered = await participant.context.post('/en/learn/two-systems/why-deportation-101?/answer', {
		headers: formType,
		data: new URLSearchParams([['submissionKey', known.submissionKey], ...quiz.map((match) => [match[1], match[2]])]).toString(),
		maxRedirects: 0
	});
	expect(answered.status()).toBe(200);
	expect((await participant.submit(`/en/j/${known.code}`, { displayName: 'Pat' })).status()).toBe(303);
	const room = await (await participant.get(`/en/w/${known.workshop}`)).text();
	known.choices = [...room.matchAll(/name="choice"[^>]*value="([^"]+)"/g)].map((match) => match[1]);
	expect(known.choices.length).toBeGreaterThan(0);

	cookies.admin = await cookieHeader(admin);
	cookies.facilitator = await cookieHeader(facilitator);
	cookies.participant = await cookieHeader(participant);
	[{ id: known.spareFacilitatorId }] = await sql<{ id: string }[]>`select id from users where email = 'omar@example.org'`;
	[{ id: known.inviteId }] = await sql<{ id: string }[]>`select id from account_links where email = 'pending@example.org'`;

	const tables = await sql<{ name: string }[]>`
		select table_name as name from information_schema.tables
		where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
	expect(tables.map((table) => table.name)).toContain('workshop_participants');
	checksumQuery = tables
		.map(({ name }) => {
			const row = `(to_jsonb(t) - array[${(volatileColumns[name] ?? []).map((column) => `'${column}'`).join(', ')}]::text[])::text`;
			return `select '${name}' as name, md5(coalesce(string_agg(${row}, E'\\n' order by ${row}), '')) as sum from "${name}" t`;
		})
		.join(' union all ');
});

test.afterAll(async () => {
	await Promise.all(clients.map((client) => client.dispose()));
	server?.child.kill('SIGKILL');
	await server?.exited;
	await sql?.end();
	await dropDatabase();
});

/** Skips a test that needs the server and its database when there is no PostgreSQL to run them on. */
function needsServer() {
	const missing = postgresMissing();
	test.skip(missing !== undefined, `not run: ${missing}`);
}

// ---- Generated requests --------------------------------------------------------------------------------------

interface HostileRequest {
	kind: string;
	headers: Record<string, string>;
	body: Uint8Array;
	/** Sent without a Content-Length, in chunks, as a stream. */
	chunked: boolean;
}

/** How fast-check prints a request in a failure report: its size and its first bytes, not megabytes of them. */
function described(request: HostileRequest): HostileRequest {
	const start = Buffer.from(request.body.subarray(0, 160)).toString('latin1');
	const summary = `${request.kind}${request.chunked ? ', chunked' : ''}, ${request.body.length} bytes, ${JSON.stringify(request.headers)}: ${JSON.stringify(start)}`;
	return Object.assign(request, { [fc.toStringMethod]: () => summary });
}

const nasty = [
	'', ' ', '\u0000', '\u0000\u0001\u001f\u007f', '\u0085\u009b', '\r\n\r\n', '\u202Eevil\u202C', '\u2066\u2067\u2068\u2069', '\u200E\u200F\u061C',
	'\u200B\u200C\u200D\uFEFF', '\uFFFD', '\uD800', '\uDC00x', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --",
	'${7*7}{{7*7}}', '__proto__', 'constructor', '../../../etc/passwd', '%00', '%', 'NaN', 'Infinity', '-1', '1e309', '9'.repeat(400), 'on', 'yes', 'true'
];
const text = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 3, arbitrary: fc.constantFrom(...nasty) },
	{ weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'é', '😀', '\u202E', '\u0000', 'ab%&='), fc.integer({ min: 100, max: 60_000 })).map(([unit, n]) => unit.repeat(n)) }
);
const bytes = fc.uint8Array({ maxLength: 64 });

function resolveSamples(values: string[]): string[] {
	return values.flatMap((value) => {
		const key = /^\{(\w+)\}$/.exec(value)?.[1] as keyof typeof known | undefined;
		if (!key) return [value];
		const resolved = known[key];
		return Array.isArray(resolved) ? resolved : [resolved];
	});
}

/** The fields the target reads, with their samples; the quiz's fields are only known once the server runs. */
function fieldsOf(target: Target): { names: string[]; samples: Record<string, string[]> } {
	const names = target.fields.flatMap((field) => resolveSamples([field]));
	const samples = Object.fromEntries(Object.entries(target.samples ?? {}).map(([field, values]) => [field, resolveSamples(values)]));
	for (const field of names) if (field.startsWith('q-')) samples[field] = known.quizChoices;
	return { names, samples };
}

function utf8(value: string): Uint8Array {
	return new TextEncoder().encode(value);
}

function concat(parts: Uint8Array[]): Uint8Array {
	return new Uint8Array(Buffer.concat(parts));
}

function multipartBody(boundary: string, parts: { name: string; value: Uint8Array; filename?: string }[], close = true): Uint8Array {
	const chunks = parts.flatMap((part) => [
		utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}\r\n`),
		utf8(part.filename === undefined ? '\r\n' : 'Content-Type: application/octet-stream\r\n\r\n'),
		part.value,
		utf8('\r\n')
	]);
	return concat([...chunks, utf8(close ? `--${boundary}--\r\n` : '')]);
}

function hostileRequests(target: Target): fc.Arbitrary<HostileRequest> {
	const { names, samples } = fieldsOf(target);
	const name = names.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names, ...names.map((field) => `${field}[]`)) }, text) : text;
	const sampled = Object.values(samples).flat();
	const value = sampled.length ? fc.oneof(text, fc.constantFrom(...sampled)) : text;
	// Duplicate keys come from the array itself: nothing keeps a name from repeating.
	const entries = fc.array(fc.tuple(name, value), { maxLength: 10 });
	const accept = fc.constantFrom<Record<string, string>>({ accept: 'text/html' }, { accept: 'application/json', 'x-sveltekit-action': 'true' }, {});
	const urlencodedType = fc.constantFrom(
		'application/x-www-form-urlencoded',
		'application/x-www-form-urlencoded; charset=UTF-8',
		'application/x-www-form-urlencoded; charset=utf-16le',
		'Application/X-WWW-Form-URLEncoded'
	);
	const request = (kind: string, contentType: string | undefined, body: Uint8Array, chunked = false): HostileRequest => ({
		kind,
		headers: contentType === undefined ? {} : { 'content-type': contentType },
		body,
		chunked
	});

	const urlencoded = fc
		.tuple(entries, urlencodedType)
		.map(([pairs, type]) => request('urlencoded', type, utf8(new URLSearchParams(pairs).toString())));
	const multipart = fc
		.tuple(entries, fc.array(fc.tuple(name, bytes, fc.option(text, { nil: undefined })), { maxLength: 3 }))
		.map(([pairs, files]) => {
			const boundary = '----d101hostile';
			const parts = [...pairs.map(([field, content]) => ({ name: field, value: utf8(content) })), ...files.map(([field, content, filename]) => ({ name: field, value: content, filename }))];
			return request('multipart', `multipart/form-data; boundary=${boundary}`, multipartBody(boundary, parts));
		});
	// Broken percent escapes, overlong and surrogate UTF-8, and raw bytes that are no UTF-8 at all.
	const malformedUrlencoded = fc
		.array(fc.oneof(fc.constantFrom('=', '&', '%', '%Z', '%zz', '%E0%A4', '%ED%A0%80', '%C0%AF', '%FF%FE', '%00', '+', '==&&', ...names.map((field) => `${field}=`)).map(utf8), bytes), { maxLength: 20 })
		.chain((chunks) => urlencodedType.map((type) => request('malformed urlencoded', type, concat(chunks))));
	const brokenMultipart = fc
		.tuple(
			fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary=${'b'.repeat(300)}`, 'multipart/form-data; boundary="unterminated', 'multipart/form-data; boundary=other', 'multipart/form-data; boundary=----d101hostile'),
			entries,
			fc.nat(),
			bytes
		)
		.map(([type, pairs, cut, tail]) => {
			const whole = multipartBody('----d101hostile', pairs.map(([field, content]) => ({ name: field, value: utf8(content) })), false);
			return request('broken multipart', type, concat([whole.subarray(0, whole.length ? cut % whole.length : 0), tail]));
		});
	const wrongType = fc
		.tuple(
			fc.constantFrom(undefined, 'application/json', 'text/plain', 'text/html', 'application/xml', 'application/octet-stream', 'image/png', 'multipart/mixed; boundary=x', '', 'application/x-www-form-urlencoded-not'),
			fc.oneof(entries.map((pairs) => utf8(JSON.stringify(Object.fromEntries(pairs)))), bytes)
		)
		.map(([type, body]) => request('wrong content type', type, body));
	const oversized = fc
		.tuple(fc.constantFrom(...(names.length ? names : ['x'])), fc.integer({ min: bodySizeLimit + 1, max: 4 * 1024 * 1024 }), fc.boolean())
		.map(([field, size, chunked]) => request('oversized', 'application/x-www-form-urlencoded', utf8(`${field}=${'a'.repeat(size)}`), chunked));

	return fc
		.tuple(
			fc.oneof(
				{ weight: 4, arbitrary: urlencoded },
				{ weight: 2, arbitrary: multipart },
				{ weight: 2, arbitrary: malformedUrlencoded },
				{ weight: 2, arbitrary: brokenMultipart },
				{ weight: 2, arbitrary: wrongType },
				{ weight: 1, arbitrary: oversized }
			),
			accept
		)
		.map(([hostile, headers]) => described({ ...hostile, headers: { ...headers, ...hostile.headers } }));
}

/** One of each kind, so that every target meets each at least once whatever the random draw. */
function fixedRequests(target: Target): HostileRequest[] {
	const field = fieldsOf(target).names[0] ?? 'x';
	const huge = utf8(`${field}=${'a'.repeat(3 * 1024 * 1024)}`);
	const requests: HostileRequest[] = [
		{ kind: 'no content type', headers: {}, body: utf8(`${field}=1`), chunked: false },
		{ kind: 'json', headers: { 'content-type': 'application/json', accept: 'application/json', 'x-sveltekit-action': 'true' }, body: utf8(`{"${field}": [1, {"a": null}]}`), chunked: false },
		{ kind: 'text', headers: { 'content-type': 'text/plain' }, body: utf8(`${field}=1`), chunked: false },
		{ kind: 'broken multipart', headers: { 'content-type': 'multipart/form-data; boundary=nope' }, body: utf8(`--other\r\nContent-Disposition: form-data; name="${field}"\r\n\r\nx`), chunked: false },
		{ kind: 'invalid UTF-8', headers: formType, body: concat([utf8(`${field}=`), new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), utf8('&'), utf8(`${field}=%C0%AF%ED%A0%80`)]), chunked: false },
		{ kind: 'bidi and control characters', headers: formType, body: utf8(new URLSearchParams([[field, '\u202Eevil\u0000\u0085\u2066'], [field, 'second']]).toString()), chunked: false },
		{ kind: 'oversized', headers: formType, body: huge, chunked: false },
		{ kind: 'oversized', headers: { ...formType, accept: 'application/json', 'x-sveltekit-action': 'true' }, body: huge, chunked: true }
	];
	return requests.map(described);
}

// ---- What every answer must be -------------------------------------------------------------------------------

const leakPatterns = [
	/\bat\s+(?:async\s+)?[\w$.<>[\]]+\s+\((?:file:|node:|\/)/,
	/\bat\s+(?:file:\/\/|node:|\/)\S+:\d+:\d+/,
	/\.(?:ts|js|svelte):\d+:\d+/,
	/node_modules/,
	/\/src\/(?:lib|routes|hooks)/,
	/\b\w*Error:\s/
];

function leaks(body: string): string[] {
	return leakPatterns.filter((pattern) => pattern.test(body)).map((pattern) => `${pattern} matched ${JSON.stringify(pattern.exec(body)![0])}`);
}

interface Answer {
	status: number;
	body: string;
	/** The redirect location, from the header or from an enhanced form's JSON. */
	location?: string;
	refused: boolean;
}

async function send(url: string, request: HostileRequest, cookie: string, method = 'POST'): Promise<Answer> {
	const body = request.chunked
		? new ReadableStream<Uint8Array>({
				start(controller) {
					for (let at = 0; at < request.body.length; at += 64 * 1024) controller.enqueue(request.body.subarray(at, at + 64 * 1024));
					controller.close();
				}
			})
		: request.body;
	const response = await post(url, { method, headers: request.headers, body, cookie });
	const text = await response.text();
	let location = response.headers.get('location') ?? undefined;
	let refused = response.status >= 400;
	if (response.headers.get('content-type')?.startsWith('application/json')) {
		try {
			const json = JSON.parse(text) as { type?: string; location?: string };
			if (json.type === 'failure' || json.type === 'error') refused = true;
			if (json.type === 'redirect') location = json.location;
		} catch {
			// A download or another endpoint's JSON: the status says enough.
		}
	}
	// The guards send the unknown to log in, and the not-joined to join.
	if (location && /\/(login|join)(\/|\?|$)/.test(location)) refused = true;
	return { status: response.status, body: text, location, refused };
}

function expectSafeAnswer(answer: Answer, what: string) {
	expect(answer.status, `${what}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
	expect(leaks(answer.body), what).toEqual([]);
	if (answer.location) expectOnThisSite(answer.location, what);
}

/** Never to another site, whatever the request asked for: read as a browser reads it, without tabs and line breaks. */
function expectOnThisSite(location: string, what: string) {
	const asBrowsersRead = location.replace(/[\t\n\r]/g, '');
	expect(new URL(asBrowsersRead, server.origin).origin, `${what}: redirect to ${JSON.stringify(location)}`).toBe(new URL(server.origin).origin);
	expect(asBrowsersRead, `${what}: redirect to ${JSON.stringify(location)}`).toMatch(/^(\/(?![/\\])|https?:\/\/)/);
}

function urlOf(target: { path: string; action: string }): string {
	const address = target.path.replace('{code}', known.code).replace('{workshop}', known.workshop).replace('{room}', known.room);
	return target.action === 'default' ? address : `${address}?/${target.action}`;
}

/** Sends one request as `person` and checks the answer and, unless the target may write when it accepts, every row. */
async function checkOne(target: Target, request: HostileRequest, person: Person, accepts: boolean) {
	const cookie = await cookieFor(person);
	const before = await checksums();
	const answer = await send(urlOf(target), request, cookie);
	const after = await checksums();
	const what = `${request.kind} (${request.body.length} bytes, ${JSON.stringify(request.headers)}) to ${urlOf(target)} as ${person}: ${answer.status}`;
	expectSafeAnswer(answer, what);
	if (request.kind === 'oversized' && target.readsBody && accepts) expect(answer.status, what).toBe(413);
	if (answer.refused || !target.writes || !accepts) {
		expect(changedTables(before, after, target.refusalWrites), `tables changed by ${what}`).toEqual([]);
	}
}

// ---- The tests -----------------------------------------------------------------------------------------------

test('the table lists every form action and every endpoint, and nothing that is gone', () => {
	expect(targets.map((target) => `${target.route} ${target.action}`).sort()).toEqual(declaredActions());
	// No +server.ts takes a body today; one that starts to must join the table of targets above.
	expect(declaredBodyHandlers()).toEqual([]);
	expect(Object.keys(endpoints).sort()).toEqual(routeFiles('+server.ts').map((file) => file.routeId).sort());
});

test('the leak patterns find a real stack trace and nothing in the pages the targets render', async () => {
	needsServer();
	expect(leaks('TypeError: x\n    at readForm (/app/src/lib/server/http/forms.ts:9:3)').length).toBeGreaterThan(2);
	expect(leaks('at file:///app/node_modules/@sveltejs/kit/x.js:1:2').length).toBeGreaterThan(1);
	for (const target of targets) {
		const cookie = target.as === 'newLearner' || target.as === 'newSession' ? '' : cookies[target.as as keyof typeof cookies] ?? '';
		const response = await fetch(`${server.url}${urlOf({ ...target, action: 'default' })}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
		expect(leaks(await response.text()), target.path).toEqual([]);
	}
});

for (const target of targets) {
	test(`hostile bodies to ${target.route} ${target.action}, as ${target.as}`, async () => {
		needsServer();
		test.setTimeout(90_000);
		await fc.assert(
			fc.asyncProperty(hostileRequests(target), (request) => checkOne(target, request, target.as, true)),
			{ numRuns: target.runs ?? numRuns, seed, examples: fixedRequests(target).map((request) => [request]) }
		);
	});
}

test('hostile bodies from someone the action does not serve are refused at the door and change nothing', async () => {
	needsServer();
	test.setTimeout(90_000);
	const guarded = targets.filter((target) => /^\/\((staff|admin|session)\)/.test(target.route) || target.route === '/(public)/w/[id]');
	for (const target of guarded) {
		const intruders: Person[] = target.route.startsWith('/(admin)') ? ['anonymous', 'participant', 'facilitator'] : ['anonymous'];
		for (const intruder of intruders) {
			await fc.assert(
				fc.asyncProperty(hostileRequests(target), async (request) => {
					await checkOne({ ...target, writes: false }, request, intruder, false);
				}),
				{ numRuns: 4, seed }
			);
		}
	}
});

test('a body sent to an endpoint that takes none gets a 405, never a 500, and changes nothing', async () => {
	needsServer();
	const everyone = `${cookies.admin}; ${cookies.participant}`;
	for (const [routeId, template] of Object.entries(endpoints)) {
		const url = template.replace('{workshop}', known.workshop).replace('{room}', known.room);
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const requests = fixedRequests({ route: routeId, action: 'default', path: url, as: 'admin', fields: [], readsBody: false, writes: false });
			for (const request of requests.filter((candidate) => method === 'POST' || candidate.kind !== 'oversized')) {
				const before = await checksums();
				const answer = await send(url, request, everyone, method);
				const what = `${method} ${url} with ${request.kind}`;
				expectSafeAnswer(answer, what);
				expect(answer.status, what).toBe(405);
				expect(changedTables(before, await checksums()), what).toEqual([]);
			}
		}
	}
});

/** Writes raw bytes to the server and returns what it answers before closing (empty if it answers nothing). */
function rawExchange(bytes: string, endWrite: boolean): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
		let answer = '';
		socket.setTimeout(5_000, () => socket.destroy());
		socket.on('data', (chunk) => (answer += chunk));
		socket.on('close', () => resolve(answer));
		socket.on('error', reject);
		socket.write(bytes, () => endWrite && socket.end());
	});
}

test('a body that nothing reads does not stall the connection it came on', async () => {
	needsServer();
	// Two requests on one kept-alive connection: an action that ignores its body (and a guard that refuses it
	// unread), sent a large body, then an ordinary request. Both must be answered, and promptly.
	const large = 'x='.padEnd(1024 * 1024, 'a');
	const chunked = `${(large.length).toString(16)}\r\n${large}\r\n0\r\n\r\n`;
	const head = (path: string, framing: string) =>
		`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.origin}\r\nContent-Type: application/x-www-form-urlencoded\r\n${framing}\r\n`;
	const then = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
	for (const path of ['/en/me?/resumeCode', '/en/account?/revokeSession']) {
		for (const first of [head(path, 'Transfer-Encoding: chunked\r\n') + chunked, head(path, `Content-Length: ${large.length}\r\n`) + large]) {
			const started = Date.now();
			const answer = await rawExchange(first + then, false);
			expect(answer.match(/HTTP\/1\.1 \d{3}/g), `${path}: ${answer.slice(0, 200)}`).toHaveLength(2);
			expect(Date.now() - started).toBeLessThan(3_000);
		}
	}
});

test('malformed HTTP framing (short body, broken chunks, two lengths) is answered with a 4xx, never a 500', async () => {
	needsServer();
	const head = (extra: string) => `POST /en/login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n${extra}\r\n`;
	const before = await checksums();
	const cases = {
		'a body shorter than its Content-Length': head('Content-Length: 100\r\n') + 'email=a',
		'a chunk size that is not hexadecimal': head('Transfer-Encoding: chunked\r\n') + 'zz\r\nemail=a\r\n0\r\n\r\n',
		'both Content-Length and chunked': head('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n') + '5\r\nemail\r\n0\r\n\r\n',
		'a NUL in a header': head('X-Name: a\u0000b\r\n') + ''
	};
	for (const [what, bytes] of Object.entries(cases)) {
		const answer = await rawExchange(bytes, true);
		const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
		// No answer at all is fine for a body that never came; a 500 or a stack trace is not.
		if (answer) expect(status, `${what}: ${answer.slice(0, 200)}`).toBeLessThan(500);
		expect(leaks(answer), what).toEqual([]);
	}
	expect(changedTables(before, await checksums())).toEqual([]);
});

test('a participant’s display name is stored cleaned and within 40 characters, or a name is made up', async () => {
	needsServer();
	test.setTimeout(60_000);
	await fc.assert(
		fc.asyncProperty(fc.oneof(text, fc.constantFrom(...longNames)), async (displayName) => {
			const body = utf8(new URLSearchParams({ displayName }).toString());
			const before = new Set((await sql<{ id: string }[]>`select id from workshop_participants`).map((row) => row.id));
			const answer = await send(`/en/j/${known.code}`, described({ kind: 'display name', headers: { ...formType, accept: 'text/html' }, body, chunked: false }), '');
			expectSafeAnswer(answer, JSON.stringify(displayName));
			const added = (await sql<{ id: string; name: string }[]>`select id, display_name as name from workshop_participants`).filter((row) => !before.has(row.id));
			if (answer.refused) return expect(added).toEqual([]);
			expect(added).toHaveLength(1);
			// What arrives is what the form reader let through: trimmed, and with no lone surrogate (sent as U+FFFD, refused).
			const expected = cleanDisplayName(displayName.trim(), displayNameLimits.participant);
			if (expected) expect(added[0].name).toBe(expected);
			else expect(added[0].name, 'a made-up name when nothing visible was typed').toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
		}),
		{ numRuns: 20, seed }
	);
	// And every name joined with so far, by any test of this run.
	for (const { name } of await sql<{ name: string }[]>`select display_name as name from workshop_participants`) {
		expect(cleanDisplayName(name, displayNameLimits.participant), JSON.stringify(name)).toBe(name);
	}
});

test('a staff display name is stored cleaned, or refused with its message in English and Spanish', async () => {
	needsServer();
	test.setTimeout(90_000);
	let invited = 0;
	const invite = async () => {
		const email = `hostile-${++invited}-${Date.now()}@example.org`;
		const response = await post('/en/admin?/invite', { headers: { ...formType, accept: 'text/html' }, body: utf8(new URLSearchParams({ email }).toString()), cookie: cookies.admin });
		return new URL(testIdText(await response.text(), 'invite-url')!).pathname;
	};
	for (const [locale, message] of [['en', 'Enter a name of 1 to 80 characters.'], ['es', 'Escriba un nombre de 1 a 80 caracteres.']]) {
		const link = await invite();
		const before = await checksums();
		const answer = await send(`/${locale}${link}`, { kind: 'bidi only', headers: { ...formType, accept: 'text/html' }, body: utf8(new URLSearchParams({ displayName: '\u202E\u2066\u200B\u200F', password }).toString()), chunked: false }, '');
		expect(answer.status).toBe(400);
		expect(answer.body).toContain(message);
		expect(changedTables(before, await checksums())).toEqual([]);
	}
	await fc.assert(
		fc.asyncProperty(fc.oneof(text, fc.constantFrom(...longNames)), async (displayName) => {
			const link = await invite();
			const before = await checksums();
			const body = utf8(new URLSearchParams({ displayName, password }).toString());
			const answer = await send(`/en${link}`, { kind: 'display name', headers: { ...formType, accept: 'text/html' }, body, chunked: false }, '');
			expectSafeAnswer(answer, JSON.stringify(displayName));
			if (answer.refused) {
				expect(changedTables(before, await checksums())).toEqual([]);
			} else {
				const [user] = await sql<{ name: string }[]>`
					select u.display_name as name from users u order by u.created_at desc limit 1`;
				// The form carries a lone surrogate as U+FFFD, which the form reader refuses; so what arrives is well formed.
				expect(user.name).toBe(cleanDisplayName(displayName.trim(), displayNameLimits.staff, 'refuse'));
			}
		}),
		{ numRuns: 12, seed }
	);
});

test('a hostile ?region= only chooses among the lesson’s own supplements, whose HTML is the only kind rendered raw', async () => {
	needsServer();
	for (const region of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '<script>alert(1)</script>', '\u0000', '../../x', 'r'.repeat(4000)]) {
		const response = await fetch(`${server.url}/en/learn/two-systems/why-deportation-101?region=${encodeURIComponent(region)}`);
		const page = await response.text();
		expect(response.status, region.slice(0, 40)).toBe(200);
		expect(leaks(page)).toEqual([]);
		expect(page).not.toContain('<script>alert(1)</script>');
	}
});

test('a participant’s name shows as text on the facilitator’s page, never as markup', async () => {
	needsServer();
	const joined = await post(`/en/j/${known.code}`, { headers: { ...formType, accept: 'text/html' }, body: utf8(new URLSearchParams({ displayName: '<b id="pwn">Eve</b>' }).toString()) });
	expect(joined.status).toBe(303);
	const page = await (await fetch(`${server.url}/en/workshops/${known.workshop}`, { headers: { cookie: cookies.facilitator } })).text();
	expect(page).not.toContain('<b id="pwn">');
	expect(page).toContain('&lt;b id="pwn">Eve&lt;/b>');
});

// ---- Crafted addresses (issue #17) ---------------------------------------------------------------------------
// Last in the file: a join code guessed many times counts towards the join throttle of the address the tests use.

const people = ['anonymous', 'participant', 'facilitator', 'admin'] as const;

/** Every route with a page or an endpoint, by its id. */
function everyRoute(): string[] {
	return [...new Set(['+page.svelte', '+page.server.ts', '+server.ts'].flatMap((name) => routeFiles(name).map((file) => file.routeId)))].sort();
}

/** The parameters of a route id, in order: `[id]` and `[module=slug]` give id and module. */
function paramsOf(routeId: string): string[] {
	return [...routeId.matchAll(/\[(\w+)(?:=\w+)?\]/g)].map((match) => match[1]);
}

/** A concrete English address for a route id, with each parameter's value taken from `values` (already encoded). */
function addressOf(routeId: string, values: Record<string, string>): string {
	const path = routeId
		.split('/')
		.filter((segment) => segment && !/^\(.*\)$/.test(segment))
		.map((segment) => segment.replace(/^\[(\w+)(?:=\w+)?\]$/, (_, name: string) => values[name]))
		.join('/');
	return `/en/${path}`.replace(/\/$/, '');
}

function ordinaryValues(): Record<string, string> {
	return { id: known.workshop, code: known.code, token: 'not-a-token', table: 'items', module: 'two-systems', lesson: 'why-deportation-101' };
}

/** A GET as `person`, without following redirects; an event stream is closed as soon as it answers. */
async function visitAs(person: (typeof people)[number], address: string): Promise<Answer> {
	const cookie = person === 'anonymous' ? '' : cookies[person];
	const response = await fetch(`${server.url}${address}`, { headers: cookie ? { cookie } : {}, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
	if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
		await response.body?.cancel();
		return { status: response.status, body: '', refused: false };
	}
	return { status: response.status, body: await response.text(), location: response.headers.get('location') ?? undefined, refused: response.status >= 400 };
}

/** Percent-encoded, as they arrive in a path: a NUL, line breaks, a tab, DEL and ESC. */
const controlParams = ['ab%00cd', '%00', 'a%0Ab', 'a%0D%0Ab', 'a%09b', 'a%7Fb', 'a%1Bb'];
const oddParams = ['constructor', '__proto__', 'toString', 'hasOwnProperty', '%C3%A9', '%E2%80%AE', '..%2F..%2Fetc', 'a'.repeat(2000)];

test('every route answers every person without a 500, and a control character in any parameter is a 404', async () => {
	needsServer();
	test.setTimeout(300_000);
	const routes = everyRoute();
	expect(routes.length).toBeGreaterThan(25);
	for (const routeId of routes) {
		for (const person of people) {
			const ordinary = addressOf(routeId, ordinaryValues());
			expectSafeAnswer(await visitAs(person, ordinary), `${ordinary} as ${person}`);
			for (const param of paramsOf(routeId)) {
				for (const value of [...controlParams, ...oddParams]) {
					const address = addressOf(routeId, { ...ordinaryValues(), [param]: value });
					const answer = await visitAs(person, address);
					const what = `${address.slice(0, 120)} as ${person}: ${answer.status}`;
					expectSafeAnswer(answer, what);
					if (controlParams.includes(value)) expect(answer.status, what).toBe(404);
				}
			}
		}
	}
});

test('a form posted to an address with a NUL in its id, token or code is a 404 and changes nothing', async () => {
	needsServer();
	for (const target of targets.filter((candidate) => /\{code\}|\{workshop\}|\{room\}|not-a-token/.test(candidate.path))) {
		const address = target.path.replace(/\{code\}|\{workshop\}|\{room\}|not-a-token/, 'ab%00cd');
		const url = target.action === 'default' ? address : `${address}?/${target.action}`;
		const before = await checksums();
		const request = described({ kind: 'a form', headers: { ...formType, accept: 'text/html' }, body: utf8('x=1'), chunked: false });
		const answer = await send(url, request, await cookieFor(target.as));
		expectSafeAnswer(answer, url);
		expect(answer.status, url).toBe(404);
		expect(changedTables(before, await checksums()), url).toEqual([]);
	}
});

test('a statistics export named like an object’s own property (constructor, __proto__) is a 404', async () => {
	needsServer();
	for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
		for (const [person, address] of [['admin', `/en/admin/statistics/export/${name}`], ['facilitator', `/en/workshops/statistics/export/${name}`], ['admin', `/en/workshops/statistics/export/${name}`]] as const) {
			const answer = await visitAs(person, address);
			expectSafeAnswer(answer, address);
			expect(answer.status, `${address} as ${person}`).toBe(404);
		}
	}
});

/** Raw query values for `next`, as an attacker writes them in a link: a tab or line break hides `//`. */
const hostileNext = [
	'/%09/evil.example/', '/%0a/evil.example', '/%0d%0a/evil.example', '%0a', '%0d', '%0d%0a', '/%09%09/evil.example', '%09//evil.example',
	'/%5Cevil.example', '/%09%5Cevil.example', '/.//evil.example', '/x/..//evil.example', '%2F%2Fevil.example', 'https://evil.example/',
	'javascript:alert(1)', '%C3%A9', '/%C3%A9?q=%C3%B1#%C3%BC', '/%E2%80%AE', '%00', '/a%00b', '/%E0%A4'
];

test('a hostile next after signing in, on the login page or in preferences, stays on the site and is never a 500', async () => {
	needsServer();
	test.setTimeout(120_000);
	for (const next of hostileNext) {
		// Signed in already: the login page sends the visitor on at once.
		const signedIn = await visitAs('facilitator', `/en/login?next=${next}`);
		expect(signedIn.status, `signed in, next=${next}`).toBe(303);
		expectSafeAnswer(signedIn, `signed in, next=${next}`);
		expectSafeAnswer(await visitAs('anonymous', `/en/login?next=${next}`), `anonymous, next=${next}`);
		// Signing in.
		const body = utf8(new URLSearchParams({ email: 'fatima@example.org', password }).toString());
		const loggedIn = await send(`/en/login?next=${next}`, described({ kind: 'login', headers: { ...formType, accept: 'text/html' }, body, chunked: false }), '');
		expect(loggedIn.status, `login, next=${next}`).toBe(303);
		expectSafeAnswer(loggedIn, `login, next=${next}`);
		// Saving a preference, whose form carries the page to return to.
		const decoded = new URLSearchParams(`next=${next}`).get('next')!;
		const saved = await send('/en/preferences', described({ kind: 'preferences', headers: { ...formType, accept: 'text/html' }, body: utf8(new URLSearchParams({ textSize: 'large', next: decoded }).toString()), chunked: false }), '');
		expect(saved.status, `preferences, next=${JSON.stringify(decoded)}`).toBe(303);
		expectSafeAnswer(saved, `preferences, next=${JSON.stringify(decoded)}`);
	}
	// A path of the site itself is still where signing in leads.
	const ordinary = await visitAs('facilitator', `/en/login?next=${encodeURIComponent('/en/workshops?x=1#top')}`);
	expect(ordinary.location).toBe('/en/workshops?x=1#top');
});

test('a refused invitation form never sends back the password typed, with or without JavaScript', async () => {
	needsServer();
	const typed = 'lantern-canary-5821 river';
	const invited = await post('/en/admin?/invite', { headers: { ...formType, accept: 'text/html' }, body: utf8(new URLSearchParams({ email: `echo-${Date.now()}@example.org` }).toString()), cookie: cookies.admin });
	const link = new URL(testIdText(await invited.text(), 'invite-url')!).pathname;
	const refusals = [
		{ displayName: '\u202E\u200B', password: typed },
		{ displayName: 'Eve', password: 'canary9' },
		{ displayName: '', password: typed },
		{ displayName: 'x'.repeat(81), password: typed }
	];
	for (const fields of refusals) {
		for (const headers of [{ accept: 'text/html' }, { accept: 'application/json', 'x-sveltekit-action': 'true' }] as Record<string, string>[]) {
			const answer = await send(`/en${link}`, described({ kind: 'account form', headers: { ...formType, ...headers }, body: utf8(new URLSearchParams(fields).toString()), chunked: false }), '');
			const what = `${JSON.stringify(fields)} with ${headers.accept}`;
			expect(answer.refused, what).toBe(true);
			expect(answer.body, what).not.toContain(fields.password);
		}
	}
});

test('two cookieless visitors of a bare path, in different languages, each read their own', async () => {
	needsServer();
	const languageOf = async (address: string, acceptLanguage: string) => {
		const response = await fetch(`${server.url}${address}`, { headers: { 'accept-language': acceptLanguage }, redirect: 'manual' });
		return /<html lang="(\w+)"/.exec(await response.text())?.[1];
	};
	for (const address of ['/', '/privacy', '/glossary', '/resources', '/learn/two-systems/why-deportation-101']) {
		for (const language of ['es', 'en', 'es-MX,es;q=0.9', 'en-US,en;q=0.8']) {
			expect(await languageOf(address, language), `${address} in ${language}`).toBe(language.slice(0, 2));
		}
	}
});
