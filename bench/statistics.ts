// `npm run bench:stats [-- --quick]`: the statistics at national scale. On a fresh PostgreSQL database (created on
// TEST_DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432/postgres, and dropped at the end) and on a
// fresh PGlite folder, seeds 100,000 learners and 1,000,000 answers with `npm run seed:demo`'s seedDemo (5,000 and
// 50,000 with --quick), then times the admin dashboard (loadDashboard), the item analysis (analyseItems), both
// with the default filters (the year up to today, every mode), and the reference `select count(*) from
// attempt_answers`: a warm-up and then 7 runs each (3 with --quick), median, p90 and the ratio of each median to
// the reference's. Not a test: it prints figures, and fails if a figure it measures is wrong.
//
// How it loads the statistics: they import `$lib/server/curriculum`, which reads the lessons through Vite's
// import.meta.glob, so plain tsx cannot load them (nor can vite-node, which is not installed). Rather than a
// second Vitest config or a page that does not exist yet, this script starts Vite in middleware mode with the
// project's own vite.config.ts and loads those modules with `ssrLoadModule`, as the dev server would (a few
// seconds, once). Everything else (the connection, the migrations, the seed) is imported directly, and the
// database handle is passed in, so the timings are the domain functions' own, with no HTTP in between.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createServer, type ViteDevServer } from 'vite';
import { dayOf } from '../src/lib/server/days';
import { openConnection, type Database, type DatabaseConnection } from '../src/lib/server/db/connection';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { rowsOf } from '../src/lib/server/db/rows';
import { readFilters, type StatisticsFilters } from '../src/lib/server/statistics/filters';
import { questionVersion, readCourse, seedDemo } from '../scripts/seed-demo';
import { median, percentile } from './load';
import { formatTable, isMain, type BenchOptions, type Figure } from './report';

type DashboardModule = typeof import('../src/lib/server/statistics/dashboard');
type ItemsModule = typeof import('../src/lib/server/statistics/items');
type ItemFlag = import('../src/lib/server/statistics/items').ItemFlag;
type QuizzesModule = typeof import('../src/lib/server/quizzes/quizzes');

interface Run {
	learners: number;
	answers: number;
	runs: number;
	today: string;
	filters: StatisticsFilters;
	loadDashboard: DashboardModule['loadDashboard'];
	analyseItems: ItemsModule['analyseItems'];
}

/** The statistics modules, loaded through Vite (see above); checks that the seed versions questions as the app does. */
async function loadModules(vite: ViteDevServer) {
	const { loadDashboard } = (await vite.ssrLoadModule('/src/lib/server/statistics/dashboard.ts')) as DashboardModule;
	const { analyseItems } = (await vite.ssrLoadModule('/src/lib/server/statistics/items.ts')) as ItemsModule;
	const { questionVersions } = (await vite.ssrLoadModule('/src/lib/server/quizzes/quizzes.ts')) as QuizzesModule;
	// The seed hashes the questions itself; if it disagreed with the app, the item analysis would find no answers.
	for (const [lessonId, quiz] of readCourse().quizzes) {
		for (const question of quiz.questions) {
			if (questionVersions(lessonId)[question.id] !== questionVersion(question)) {
				throw new Error(`The seed's version of ${lessonId}/${question.id} is not the app's`);
			}
		}
	}
	return { loadDashboard, analyseItems };
}

async function countOf(db: Database, query: ReturnType<typeof sql>): Promise<number> {
	return Number((await rowsOf<{ n: number }>(db, query))[0].n);
}

interface Timing {
	name: string;
	median: number;
	p90: number;
}

interface Measured {
	database: string;
	seedSeconds: number;
	timings: Timing[];
	notes: string[];
}

/** A warm-up, then `runs` timed runs; `check` sees every result, so a fast wrong answer fails the run. */
async function time<T>(runs: number, name: string, work: () => Promise<T>, check: (result: T) => void): Promise<Timing> {
	check(await work());
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		const result = await work();
		samples.push(performance.now() - start);
		check(result);
	}
	samples.sort((a, b) => a - b);
	return { name, median: median(samples), p90: percentile(samples, 90) };
}

function fail(database: string, message: string): never {
	throw new Error(`${database}: ${message}`);
}

async function measure(database: string, connection: DatabaseConnection, run: Run): Promise<Measured> {
	const { learners, answers, today, filters, loadDashboard, analyseItems } = run;
	const db = connection.db;
	await applyMigrations(connection);
	const seeded = await seedDemo(connection, { learners, answers, today, log: (line) => console.log(`${database}: ${line}`) });

	// What the figures must be, counted independently of the statistics' own queries.
	const range = sql`between ${filters.from}::date and ${filters.to}::date`;
	const selfAttempts = await countOf(db, sql`select count(*)::int as n from quiz_attempts where submitted_on ${range}`);
	const workshopSittings = await countOf(
		db,
		sql`select count(*)::int as n from (select distinct a.participant_id, a.lesson_id from workshop_answers a
			join workshop_participants p on p.id = a.participant_id join workshops w on w.id = a.workshop_id
			where not p.removed and w.held_on ${range}) as sittings`
	);
	const expectedAttempts = selfAttempts + workshopSittings;
	if (expectedAttempts === 0) fail(database, 'the seed made no attempts in the default range');

	const dashboard = await time(
		run.runs,
		'dashboard (loadDashboard)',
		() => loadDashboard(db, filters, 'en'),
		(result) => {
			if (result.summary.attempts !== expectedAttempts) {
				fail(database, `dashboard attempts ${result.summary.attempts}, expected ${expectedAttempts} (${selfAttempts} self-paced + ${workshopSittings} workshop sittings)`);
			}
			const first = result.funnel[0]?.lessons[0];
			if (typeof first?.started !== 'number' || first.started <= 0) fail(database, 'the funnel has no starts for the first lesson');
		}
	);
	let flags = '';
	const items = await time(
		run.runs,
		'item analysis (analyseItems)',
		() => analyseItems(db, filters, 'en'),
		(rows) => {
			const answered = rows.filter((row) => typeof row.learners === 'number' && row.learners > 0 && row.discrimination !== null);
			if (rows.length === 0 || answered.length < rows.length * 0.9) {
				fail(database, `item analysis: only ${answered.length} of ${rows.length} questions have learners and a discrimination index`);
			}
			const flagged = (flag: ItemFlag) => rows.filter((row) => row.flags.includes(flag)).length;
			flags = `${rows.length} questions, ${flagged('too_easy')} too easy, ${flagged('too_hard')} too hard, ${flagged('misleading')} misleading`;
		}
	);
	const reference = await time(
		run.runs,
		'select count(*) from attempt_answers',
		() => countOf(db, sql`select count(*)::int as n from attempt_answers`),
		(n) => {
			if (n !== seeded.counts.attempt_answers) fail(database, `count(*) ${n}, but the seed wrote ${seeded.counts.attempt_answers}`);
		}
	);
	return {
		database,
		seedSeconds: seeded.seconds,
		timings: [dashboard, items, reference],
		notes: [
			`${database}: ${expectedAttempts.toLocaleString('en-US')} attempts in range (${selfAttempts.toLocaleString('en-US')} self-paced + ${workshopSittings.toLocaleString('en-US')} workshop sittings); item analysis: ${flags}`
		]
	};
}

async function onPostgres(serverUrl: string, run: Run): Promise<Measured | string> {
	const name = `d101_bench_${randomBytes(4).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		await admin.end();
		return `not run (cannot create a database on ${serverUrl}: ${(error as Error).message})`;
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	// The app's own pool size, so the dashboard's queries run side by side as they do in the server.
	const connection = await openConnection({ driver: 'postgres', url: url.toString() });
	try {
		return await measure('PostgreSQL', connection, run);
	} finally {
		await connection.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

async function onPglite(run: Run): Promise<Measured> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-bench-stats-'));
	const connection = await openConnection({ driver: 'pglite', dataDir });
	try {
		return await measure('PGlite', connection, run);
	} finally {
		await connection.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

export async function run({ quick }: BenchOptions): Promise<Figure[]> {
	const vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn' });
	try {
		const today = dayOf();
		const settings: Run = {
			learners: quick ? 5_000 : 100_000,
			answers: quick ? 50_000 : 1_000_000,
			runs: quick ? 3 : 7,
			today,
			filters: readFilters(new URLSearchParams(), today, { regions: [] }).filters,
			...(await loadModules(vite))
		};
		const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
		const results: Measured[] = [];
		const figures: Figure[] = [];
		const onServer = await onPostgres(serverUrl, settings);
		if (typeof onServer === 'string') figures.push({ bench: 'statistics', figure: 'PostgreSQL', value: 0, skipped: onServer });
		else results.push(onServer);
		results.push(await onPglite(settings));
		const scale = `${settings.learners / 1000}k learners, ${settings.answers / 1_000_000}M answers`;
		for (const result of results) {
			const [reference, ...measured] = [result.timings.at(-1)!, ...result.timings.slice(0, -1)];
			for (const timing of measured) {
				figures.push({
					bench: 'statistics',
					figure: `${result.database}, ${scale}: ${timing.name} median ms`,
					value: timing.median,
					reference: { name: `${reference.name}, ${result.database}`, value: reference.median }
				});
			}
			for (const note of result.notes) console.log(note);
		}
		return figures;
	} finally {
		await vite.close();
	}
}

if (isMain(import.meta.url)) console.log(formatTable(await run({ quick: process.argv.includes('--quick') })));
