// `npm run bench:room [-- --quick]`: simulated participants in one workshop. Measures the time from the facilitator's
// "next" to each participant's stream receiving it (p50, p99), and answers to one question released together,
// checking in the database that every answer is recorded once, then the facilitator's end-and-erase, checking
// nobody is left. Runs: 300 phones on PostgreSQL on one app process, then split across two (each answer sent twice
// at once: a retry must not count twice); 1,000 phones on one process on PostgreSQL and on PGlite (1,000 answers
// released together and timed until every one is answered, then each sent again to check none counts twice).
// References, in the same run: one loopback round trip to a bare node:http server (the least a move can take), and
// the same number of posts answered by it (the most a process can take). Not a test: it prints figures. Needs
// TEST_DATABASE_URL.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { dayOf } from '../src/lib/server/days';
import { openConnection } from '../src/lib/server/db/connection';
import { lessonAt } from '../tests/helpers/lessons';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../tests/helpers/server';
import { createServerDatabase } from '../tests/helpers/test-databases';
import { startBareServer } from './bare-server';
import { median, percentile } from './load';
import { formatTable, isMain, type BenchOptions, type Figure } from './report';

interface Room {
	participants: number;
	/** An even number leaves the room on its first lesson, whose question is then opened. */
	moves: number;
	processes: 1 | 2;
	database: 'PostgreSQL' | 'PGlite';
	/**
	 * `twice`: each answer sent twice, all at once, timed together. `then-again`: each sent once, all at once, timed
	 * until every one is answered; then each sent again, untimed, to check that a retry counts nothing.
	 */
	answers: 'twice' | 'then-again';
}

const question = lessonAt('two-systems/why-deportation-101').quiz.questions[0];
const rightChoice = question.type === 'true_false' ? String(question.answer) : question.choices!.find((c) => c.correct)!.id;

async function post(server: RunningServer, path: string, fields: [string, string][], cookie = '') {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.origin, accept: 'application/json', cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});
}

const cookieOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function inBatches<T>(count: number, size: number, run: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let start = 0; start < count; start += size) {
		results.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, i) => run(start + i)))));
	}
	return results;
}

/** A participant's event stream, remembering when each room position first arrived. */
function follow(server: RunningServer, workshopId: string, cookie: string, arrivals: Map<number, number>, abort: AbortSignal, messages: { count: number }) {
	return (async () => {
		const response = await fetch(`${server.url}/w/${workshopId}/events`, { headers: { cookie }, signal: abort });
		const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
		let buffer = '';
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			buffer += value;
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const message = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const data = message.split('\n').find((line) => line.startsWith('data: '));
				if (data) {
					messages.count++;
					const version = (JSON.parse(data.slice(6)) as { version: number }).version;
					if (!arrivals.has(version)) arrivals.set(version, performance.now());
				}
			}
		}
	})().catch(() => {});
}

/** Where the app keeps its data for one run, and how the bench reads it once the app is done with it. */
async function roomDatabase(adminUrl: string, kind: Room['database']) {
	if (kind === 'PostgreSQL') {
		const database = await createServerDatabase(adminUrl);
		return {
			env: { DATABASE_URL: database.url },
			/** PostgreSQL is read while the app runs; PGlite only once it has stopped (one process per data folder). */
			open: () => openConnection({ driver: 'postgres', url: database.url, maxConnections: 2 }),
			drop: database.drop
		};
	}
	const dataDir = freshDataDir();
	return {
		env: { DATA_DIR: dataDir },
		open: () => openConnection({ driver: 'pglite', dataDir }),
		drop: async () => fs.rmSync(dataDir, { recursive: true, force: true })
	};
}

async function countAnswers(connection: Awaited<ReturnType<typeof openConnection>>) {
	const rows = (await connection.db.execute(
		sql`select count(*)::int as n, count(*) filter (where ${sql.raw(`chosen @> '["${rightChoice}"]'`)})::int as right from workshop_answers`
	)) as unknown as { n: number; right: number }[] | { rows: { n: number; right: number }[] };
	return 'rows' in rows ? rows.rows[0] : rows[0];
}

async function measureRoom(adminUrl: string, { participants: participantCount, moves, processes, database: kind, answers: answering }: Room) {
	const database = await roomDatabase(adminUrl, kind);
	const servers: RunningServer[] = [];
	const abort = new AbortController();
	try {
		// BENCH_SERVER_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the app process, not this one.
		const profiling = process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {};
		servers.push(await startServer({ env: { ...database.env, ...profiling, LOG_LEVEL: 'warn' } }));
		await waitUntilUp(servers[0], 60_000);
		const [facilitatorServer] = servers;
		const link = /open (http\S+\/setup\/\S+) to create/.exec(facilitatorServer.output())![1];
		const setup = await post(facilitatorServer, `/en${new URL(link).pathname}`, [
			['email', 'ada@example.org'],
			['displayName', 'Ada'],
			['password', 'river stone lantern 42']
		]);
		const facilitator = cookieOf(setup);
		const created = await post(
			facilitatorServer,
			'/en/workshops?/create',
			[['title', 'Bench'], ['heldOn', dayOf()], ['lesson', 'why-deportation-101'], ['lesson', 'status-basics']],
			facilitator
		);
		const workshopId = ((await created.json()) as { location: string }).location.split('/').pop()!;
		const page = await (await fetch(`${facilitatorServer.url}/en/workshops/${workshopId}`, { headers: { cookie: facilitator } })).text();
		const code = /data-testid="join-code">([A-Z0-9]{6})</.exec(page)![1];
		if (processes === 2) {
			servers.push(await startServer({ env: { ...database.env, LOG_LEVEL: 'warn' } }));
			await waitUntilUp(servers[1]);
		}
		const serverFor = (index: number) => servers[index % servers.length];

		const participants = await inBatches(participantCount, 50, async (index) => {
			const response = await post(serverFor(index), `/en/j/${code}`, [['displayName', `P${index}`]]);
			return cookieOf(response);
		});
		const arrivals = participants.map(() => new Map<number, number>());
		const messages = { count: 0 };
		participants.forEach((cookie, index) => void follow(serverFor(index), workshopId, cookie, arrivals[index], abort.signal, messages));
		const openDeadline = Date.now() + 30_000;
		while (arrivals.some((a) => a.size === 0) && Date.now() < openDeadline) await new Promise((r) => setTimeout(r, 50));
		await new Promise((resolve) => setTimeout(resolve, 1000));

		// Pacing: each move's latency is from sending "next"/"previous" to each stream's first message of that version.
		const latencies: number[] = [];
		let version = Math.max(...arrivals.map((a) => Math.max(0, ...a.keys())));
		for (let move = 0; move < moves; move++) {
			const sent = performance.now();
			await post(facilitatorServer, `/en/workshops/${workshopId}?/${move % 2 === 0 ? 'next' : 'previous'}`, [], facilitator);
			version++;
			const deadline = Date.now() + 10_000;
			while (arrivals.some((a) => !a.has(version)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
			const missing = arrivals.filter((a) => !a.has(version)).length;
			if (missing > 0) throw new Error(`${missing} participants never received move ${move + 1}`);
			for (const a of arrivals) latencies.push(a.get(version)! - sent);
		}
		latencies.sort((a, b) => a - b);

		// One question, answered by everyone at once.
		await post(facilitatorServer, `/en/workshops/${workshopId}?/open`, [['questionId', question.id]], facilitator);
		await new Promise((resolve) => setTimeout(resolve, 500));
		// A connection reset before the answer arrives is what a phone on a busy network meets too: it sends again
		// (the page's form does), and every reset is counted and shown.
		const answer = async (index: number): Promise<Response> => {
			for (;;) {
				try {
					return await post(serverFor(index), `/en/w/${workshopId}?/answer`, [['questionId', question.id], ['choice', rightChoice]], participants[index]);
				} catch (error) {
					resets++;
					if (resets > participantCount) throw error;
				}
			}
		};
		let resets = 0;
		const messagesBefore = messages.count;
		const started = performance.now();
		const sends = answering === 'twice' ? 2 : 1;
		const answered = await Promise.all(participants.flatMap((_, index) => Array.from({ length: sends }, () => answer(index))));
		const answerSeconds = (performance.now() - started) / 1000;
		if (process.env.BENCH_VERBOSE) console.error(`${kind} ${participantCount}: answers in ${answerSeconds.toFixed(2)} s, ${resets} resets; move p99 ${percentile(latencies, 99)}`);
		// What the answers cost the phones: the room as each phone received it while they came in.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const messagesPerPhone = (messages.count - messagesBefore) / participantCount;
		const retried = answering === 'then-again' ? await inBatches(participantCount, 100, answer) : [];
		const bodies = await Promise.all([...answered, ...retried].map((response) => response.json() as Promise<{ type: string }>));
		// A recorded answer (or one given before) sends the phone back to the room: SvelteKit says `redirect`.
		const failed = bodies.filter((body) => body.type !== 'redirect').length;

		let eraseMs: number | undefined;
		let recorded: { n: number; right: number };
		if (kind === 'PostgreSQL') {
			const connection = await database.open();
			recorded = await countAnswers(connection);
			// End and erase, as a facilitator would at the venue: one confirmed post, and nobody left afterwards.
			const erasing = performance.now();
			const erased = await post(facilitatorServer, `/en/workshops/${workshopId}?/erase`, [['confirm', 'yes']], facilitator);
			eraseMs = performance.now() - erasing;
			const left = (await connection.db.execute(
				sql`select (select count(*) from workshop_participants)::int as people, (select count(*) from workshop_answers)::int as answers`
			)) as unknown as { people: number; answers: number }[];
			await connection.close();
			if (!erased.ok || left[0].people !== 0 || left[0].answers !== 0) {
				throw new Error(`erase: status ${erased.status}, ${left[0].people} participants and ${left[0].answers} answers left`);
			}
		} else {
			// PGlite is one process's: stop the app, then read its data folder.
			abort.abort();
			for (const server of servers) server.child.kill('SIGTERM');
			await Promise.all(servers.map((server) => server.exited));
			const connection = await database.open();
			recorded = await countAnswers(connection);
			await connection.close();
		}
		if (failed > 0 || recorded.n !== participantCount || recorded.right !== participantCount) {
			throw new Error(`answers: ${failed} failed requests, ${recorded.n} recorded, ${recorded.right} in the tally, ${participantCount} expected`);
		}
		return {
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			recorded: recorded.n,
			answerSeconds,
			answersPerSecond: (sends * participantCount) / answerSeconds,
			messagesPerPhone,
			resets,
			eraseMs
		};
	} finally {
		abort.abort();
		for (const server of servers) server.child.kill('SIGKILL');
		await Promise.all(servers.map((server) => server.exited));
		await database.drop();
	}
}

/** The references: a loopback round trip to a bare server, and the rate it answers as many posts sent at once. */
async function bareReferences(posts: number) {
	const bare = await startBareServer(new TextEncoder().encode('{"type":"success"}'), 'application/json');
	try {
		const trips: number[] = [];
		for (let trip = 0; trip < 50; trip++) {
			const sent = performance.now();
			await (await fetch(bare.url)).arrayBuffer();
			trips.push(performance.now() - sent);
		}
		const started = performance.now();
		const answered = await Promise.all(Array.from({ length: posts }, () => fetch(bare.url, { method: 'POST', body: 'x' }).then((r) => r.status)));
		if (answered.some((status) => status !== 200)) throw new Error('workshop room: the bare reference did not answer 200');
		return { roundTrip: median(trips), postsPerSecond: posts / ((performance.now() - started) / 1000) };
	} finally {
		await bare.stop();
	}
}

/** The rooms measured, in order: `--only 1000` keeps the 1,000-phone runs, `--pglite` or `--postgres` one database's. */
function roomsToMeasure(quick: boolean): Room[] {
	const small = quick ? 60 : 300;
	const large = quick ? 200 : 1000;
	const moves = quick ? 4 : 10;
	return [
		{ participants: small, moves, processes: 1, database: 'PostgreSQL', answers: 'twice' },
		{ participants: small, moves, processes: 2, database: 'PostgreSQL', answers: 'twice' },
		{ participants: large, moves, processes: 1, database: 'PostgreSQL', answers: 'then-again' },
		{ participants: large, moves, processes: 1, database: 'PGlite', answers: 'then-again' }
	];
}

export async function run({ quick }: BenchOptions, only?: number): Promise<Figure[]> {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		return [{ bench: 'workshop room', figure: 'all', value: 0, skipped: 'not run: TEST_DATABASE_URL is unset (a room spans processes through PostgreSQL)' }];
	}
	if (!fs.existsSync('build/index.js')) throw new Error('workshop room: no production build; run `npm run build` first');
	const figures: Figure[] = [];
	const references = new Map<number, Awaited<ReturnType<typeof bareReferences>>>();
	const database = process.argv.includes('--pglite') ? 'PGlite' : process.argv.includes('--postgres') ? 'PostgreSQL' : undefined;
	for (const room of roomsToMeasure(quick).filter((candidate) => (only === undefined || candidate.participants === only) && (!database || candidate.database === database))) {
		const posts = (room.answers === 'twice' ? 2 : 1) * room.participants;
		if (!references.has(posts)) references.set(posts, await bareReferences(posts));
		const reference = references.get(posts)!;
		const trip = { name: 'loopback round trip, bare node:http', value: reference.roundTrip };
		const postsAtOnce = { name: `${posts} posts at once, bare node:http`, value: reference.postsPerSecond };
		const result = await measureRoom(adminUrl, room);
		const where = `${room.participants} phones, ${room.processes} process${room.processes === 2 ? 'es' : ''}${room.database === 'PGlite' ? ', PGlite' : ''}`;
		figures.push(
			{ bench: 'workshop room', figure: `${where}: next → phone p50 ms`, value: result.p50, reference: trip },
			{ bench: 'workshop room', figure: `${where}: next → phone p99 ms`, value: result.p99, reference: trip },
			{ bench: 'workshop room', figure: `${where}: answer posts/s (all recorded once)`, value: result.answersPerSecond, reference: postsAtOnce }
		);
		if (room.answers === 'then-again') {
			figures.push(
				{ bench: 'workshop room', figure: `${where}: ${room.participants} answers at once, s until all recorded (once each)`, value: result.answerSeconds, reference: { name: `${posts} posts at once, bare node:http, s`, value: posts / reference.postsPerSecond } },
				{ bench: 'workshop room', figure: `${where}: room messages per phone while the answers came in`, value: result.messagesPerPhone },
				{ bench: 'workshop room', figure: `${where}: answer connections reset (sent again)`, value: result.resets }
			);
		}
		if (result.eraseMs !== undefined) figures.push({ bench: 'workshop room', figure: `${where}: end and erase, ms (nobody left)`, value: result.eraseMs, reference: trip });
	}
	return figures;
}

if (isMain(import.meta.url)) {
	const only = process.argv.indexOf('--only');
	console.log(formatTable(await run({ quick: process.argv.includes('--quick') }, only >= 0 ? Number(process.argv[only + 1]) : undefined)));
}
