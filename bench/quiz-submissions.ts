// `npm run bench:quiz [-- --quick]`: quiz submissions per second, p50 and p99, at 50 concurrent clients on
// loopback, against the production server on PGlite and on PostgreSQL (when TEST_DATABASE_URL is set), beside
// plain single-row INSERTs into the same database in the same run. Not a test: it prints figures and ratios.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openConnection, type DatabaseConnection } from '../src/lib/server/db/connection';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../tests/helpers/server';
import { createServerDatabase } from '../tests/helpers/test-databases';
import { lessonAt, rightAnswers } from '../tests/helpers/lessons';
import { median, runLoad, type LoadResult } from './load';
import { formatTable, isMain, type BenchOptions, type Figure } from './report';

const concurrency = 50;
const lessonPath = 'two-systems/why-deportation-101';
const lesson = lessonAt(lessonPath);

interface Settings {
	seconds: number;
	rounds: number;
}

/** Each worker is one participant: its first answer makes its learner cookie, which it then keeps. */
async function submissions(server: RunningServer, { seconds }: Settings): Promise<LoadResult> {
	const cookies: string[] = new Array(concurrency).fill('');
	const body = (key: string) =>
		new URLSearchParams([
			['submissionKey', key],
			...lesson.quiz.questions.map((question): [string, string] => [`q-${question.id}`, rightAnswers(question)[0]])
		]);
	return runLoad({
		concurrency,
		seconds,
		maxRequests: 200_000,
		request: async (worker) => {
			const response = await fetch(`${server.url}/en/learn/${lessonPath}?/answer`, {
				method: 'POST',
				headers: { origin: server.origin, accept: 'application/json', cookie: cookies[worker] },
				body: body(crypto.randomUUID())
			});
			const setCookie = response.headers.get('set-cookie');
			if (setCookie) cookies[worker] = setCookie.split(';')[0];
			const answer = (await response.json()) as { type: string };
			return response.status === 200 && answer.type === 'success';
		}
	});
}

/** Single-row INSERTs into a scratch table of the same database, with the same concurrency. */
async function inserts(connection: DatabaseConnection, { seconds }: Settings): Promise<LoadResult> {
	await connection.db.execute(sql`create table if not exists bench_insert (id serial primary key, note text not null)`);
	const result = await runLoad({
		concurrency,
		seconds,
		maxRequests: 1_000_000,
		request: async () => {
			await connection.db.execute(sql`insert into bench_insert (note) values ('x')`);
			return true;
		}
	});
	await connection.db.execute(sql`drop table bench_insert`);
	return result;
}

async function countAttempts(connection: DatabaseConnection): Promise<number> {
	const result = (await connection.db.execute(sql`select count(*)::int as n from quiz_attempts`)) as unknown as
		| { rows: { n: number }[] }
		| { n: number }[];
	return ('rows' in result ? result.rows : result)[0].n;
}

interface Row {
	database: string;
	submit: LoadResult;
	insert: LoadResult;
}

async function measure(database: 'PGlite' | 'PostgreSQL', settings: Settings): Promise<Row> {
	const submitRuns: LoadResult[] = [];
	const insertRuns: LoadResult[] = [];
	for (let round = 0; round < settings.rounds; round++) {
		let server: RunningServer;
		let open: () => Promise<DatabaseConnection>;
		let cleanup = async () => {};
		if (database === 'PGlite') {
			const dataDir = freshDataDir();
			server = await startServer({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
			open = () => openConnection({ driver: 'pglite', dataDir });
		} else {
			const created = await createServerDatabase(process.env.TEST_DATABASE_URL!);
			server = await startServer({ env: { DATABASE_URL: created.url, LOG_LEVEL: 'warn' } });
			open = () => openConnection({ driver: 'postgres', url: created.url, maxConnections: concurrency });
			cleanup = created.drop;
		}
		await waitUntilUp(server);
		const submit = await submissions(server, settings);
		// PGlite is one process's folder: the server lets go of it before the bench opens it.
		server.child.kill('SIGTERM');
		await server.exited;
		const connection = await open();
		const recorded = await countAttempts(connection);
		const accepted = submit.requests - submit.failures;
		if (submit.failures > 0 || recorded !== accepted) {
			throw new Error(`${database}: ${submit.failures} failed submissions; ${accepted} accepted but ${recorded} recorded`);
		}
		insertRuns.push(await inserts(connection, settings));
		await connection.close();
		await cleanup();
		submitRuns.push(submit);
	}
	const pick = (runs: LoadResult[]) => runs.find((run) => run.perSecond === median(runs.map((r) => r.perSecond)))!;
	return { database, submit: pick(submitRuns), insert: pick(insertRuns) };
}

export async function run({ quick }: BenchOptions): Promise<Figure[]> {
	if (!fs.existsSync('build/index.js')) throw new Error('quiz submissions: no production build; run `npm run build` first');
	const settings = { seconds: quick ? 1 : 10, rounds: quick ? 1 : 3 };
	const rows: Row[] = [await measure('PGlite', settings)];
	if (process.env.TEST_DATABASE_URL) rows.push(await measure('PostgreSQL', settings));
	const figures = rows.flatMap(({ database, submit, insert }): Figure[] => {
		const reference = (value: number) => ({ name: `single-row INSERT, ${database}`, value });
		return [
			{ bench: 'quiz answers', figure: `${database}: submissions/s`, value: submit.perSecond, reference: reference(insert.perSecond) },
			{ bench: 'quiz answers', figure: `${database}: submission p50 ms`, value: submit.p50, reference: reference(insert.p50) },
			{ bench: 'quiz answers', figure: `${database}: submission p99 ms`, value: submit.p99, reference: reference(insert.p99) }
		];
	});
	if (!process.env.TEST_DATABASE_URL) {
		figures.push({ bench: 'quiz answers', figure: 'PostgreSQL', value: 0, skipped: 'not run: TEST_DATABASE_URL is unset' });
	}
	return figures;
}

if (isMain(import.meta.url)) {
	console.log(`Quiz submissions vs plain INSERTs, ${concurrency} concurrent (${path.basename(process.execPath)} ${process.version})`);
	console.log(formatTable(await run({ quick: process.argv.includes('--quick') })));
}
