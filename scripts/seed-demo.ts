// `npm run seed:demo -- --learners 100000 --answers 1000000 [--reset]`
// Fills the configured database (DATABASE_URL, else the embedded PGlite in DATA_DIR, as the app chooses) with
// generated demo data for the statistics: learners over the last year going through the lessons in course order
// with drop-off, their quiz attempts and answers, their progress, and workshops held by five demo facilitators with
// their participants and answers (about a tenth of all answers). Every row it writes has an id starting with
// `demo-` or belongs to one that has, so `--reset` removes them all again; without `--reset` it refuses a database
// that already holds demo rows. Never run it on a production database: the figures it makes are invented.
//
// The bulk of the work is SQL (INSERT … SELECT over generate_series and random()), planned in temporary tables and
// written in one transaction, so a failed run leaves nothing behind. Right or wrong comes from a two-parameter
// logistic model: each learner has an ability, each question a difficulty and a discrimination, so the item
// analysis finds what it is built to find. A few questions are made too easy, too hard or misleading on purpose,
// and each question has one wrong answer that draws more than the others.
//
// `bench/statistics.ts` imports `seedDemo` from here. Like create-user.ts this file imports only modules free of
// Vite (a `$lib` alias or import.meta.glob does not load under tsx): the course is read from curriculum/ the way
// `npm run curriculum:check` reads it, and the question versions are hashed exactly as src/lib/server/quizzes does.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql, type SQL } from 'drizzle-orm';
import { buildCourse, type Course } from '../src/lib/server/curriculum/course';
import type { Question } from '../src/lib/server/curriculum/schema';
import { connectionOptionsFromEnv } from '../src/lib/server/db/config';
import { openConnection, type Database, type DatabaseConnection } from '../src/lib/server/db/connection';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { forgetRollups } from '../src/lib/server/statistics/rollups';
import { choiceIds, correctChoiceIds } from '../src/lib/server/quizzes/scoring';

export interface SeedOptions {
	learners: number;
	/** Answers in all, self-paced (attempt_answers) and in workshops (workshop_answers). */
	answers: number;
	/** Delete earlier demo rows first; without it, a database holding demo rows is refused. */
	reset?: boolean;
	/** The last day of the year of data, YYYY-MM-DD; today (UTC) by default. */
	today?: string;
	log?: (line: string) => void;
}

export interface SeedResult {
	seconds: number;
	/** Demo rows per table once written. */
	counts: Record<string, number>;
}

/** Where a learner comes from: a workshop only, self-paced quizzes, or reading only (no quiz taken). */
const kind = { workshop: 0, quizzes: 1, reader: 2 } as const;
/** Share of all answers given in workshops. */
const workshopShare = 0.1;
/** Second attempts add about this share to the first attempts' answers. */
const retryShare = 0.15;
/** Ability: normal around this mean, standard deviation 1. */
const meanAbility = 0.7;
/** About this many answers per statement when writing the large tables. */
const batchAnswers = 100_000;
const facilitators = [
	{ location: 'Queens', region: 'ny' },
	{ location: 'The Bronx', region: 'ny' },
	{ location: 'Los Angeles', region: 'ca' },
	{ location: 'Oakland', region: 'ca' },
	{ location: null, region: null }
];
/** Workshop size is 8 + up to 34 participants, its agenda 2 to 4 lessons; most questions are opened and answered. */
const workshopPlan = { minSize: 8, sizeSpread: 35, minLessons: 2, lessonSpread: 3, opened: 0.9, answered: 0.92 };
/** The tables the demo writes to, in the order they are counted. */
const tables = ['users', 'learners', 'lesson_progress', 'quiz_attempts', 'attempt_answers', 'workshops', 'workshop_participants', 'workshop_answers'];

// ---------------------------------------------------------------------------------------------------------------
// The course, read from the files.

interface SeedQuestion {
	ord: number;
	qn: number;
	lessonId: string;
	questionId: string;
	version: string;
	right: string[];
	/** Discrimination (the slope) and difficulty of the logistic model. */
	a: number;
	b: number;
	/** Wrong answers with the share of wrong answers each draws; the first draws the most. */
	wrongs: { chosen: string[]; weight: number }[];
}

interface SeedLesson {
	ord: number;
	lessonId: string;
	passMark: number;
	questions: number;
}

export function readCourse(folder = path.resolve('curriculum')): Course {
	const files: Record<string, string> = {};
	for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.(svx|yaml)$/.test(entry.name)) continue;
		const full = path.join(entry.parentPath, entry.name);
		files[`/curriculum/${path.relative(folder, full).split(path.sep).join('/')}`] = fs.readFileSync(full, 'utf8');
	}
	const { course, problems } = buildCourse(files);
	const errors = problems.filter((problem) => problem.level === 'error');
	if (errors.length > 0) throw new Error(`The curriculum has ${errors.length} error(s); run npm run curriculum:check`);
	return course;
}

/** The same short hash as questionVersions() in src/lib/server/quizzes/quizzes.ts (which needs Vite to load). */
export function questionVersion(question: Question): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(question)))).slice(0, 16);
}

/** A small seeded generator, so the questions' parameters are the same on every run. */
function mulberry32(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function planCourse(course: Course): { lessons: SeedLesson[]; questions: SeedQuestion[] } {
	const random = mulberry32(101);
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const lessons: SeedLesson[] = [];
	const questions: SeedQuestion[] = [];
	for (const lesson of course.lessons) {
		const quiz = course.quizzes.get(lesson.id);
		if (!quiz) continue;
		const ord = lessons.length;
		lessons.push({ ord, lessonId: lesson.id, passMark: quiz.pass_mark, questions: quiz.questions.length });
		quiz.questions.forEach((question, qn) => {
			const right = correctChoiceIds(question).sort();
			const wrongIds = choiceIds(question).filter((id) => !right.includes(id));
			const draw = random();
			// About one question in twenty is too easy, one in twenty too hard, one in thirty misleading.
			const misleading = draw < 0.033;
			let a = 0.6 + random();
			let b = -0.2 + 0.8 * normal();
			if (misleading) [a, b] = [-0.5, 0.3];
			else if (draw < 0.083) b = -3.5;
			else if (draw < 0.133) b = 2.6;
			const candidates: string[][] =
				question.type === 'multiple'
					? [
							...wrongIds.map((id) => [...right, id].sort()),
							...(right.length > 1 ? right.map((id) => right.filter((other) => other !== id)) : []),
							...wrongIds.map((id) => [id])
						]
					: wrongIds.map((id) => [id]);
			// The favourite distractor: for a multiple-answer question, the right answers plus one wrong one.
			const favourite = Math.floor(random() * (question.type === 'multiple' ? wrongIds.length : candidates.length));
			const favouriteWeight = candidates.length === 1 ? 1 : misleading ? 0.85 : 0.5 + 0.2 * random();
			const wrongs = candidates.map((chosen, index) => ({
				chosen,
				weight: index === favourite ? favouriteWeight : (1 - favouriteWeight) / (candidates.length - 1)
			}));
			wrongs.unshift(...wrongs.splice(favourite, 1));
			questions.push({
				ord,
				qn,
				lessonId: lesson.id,
				questionId: question.id,
				version: questionVersion(question),
				right,
				a,
				b,
				wrongs
			});
		});
	}
	return { lessons, questions };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function count(db: Database, query: SQL): Promise<number> {
	return Number((await rows<{ n: number | string }>(db, query))[0]?.n ?? 0);
}

const demo = sql.raw(`'demo-%'`);

export async function hasDemoRows(db: Database): Promise<boolean> {
	const [row] = await rows<{ found: boolean }>(
		db,
		sql`select (exists (select 1 from learners where id like ${demo}) or exists (select 1 from users where id like ${demo})
			or exists (select 1 from workshops where id like ${demo})) as found`
	);
	return row.found;
}

/** Deletes every demo row, children before parents so that few rows are left to the cascades. */
export async function deleteDemoRows(db: Database): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.execute(sql`delete from workshop_answers where workshop_id like ${demo}`);
		await tx.execute(sql`delete from workshop_participants where workshop_id like ${demo} or learner_id like ${demo}`);
		await tx.execute(sql`delete from workshops where id like ${demo}`);
		await tx.execute(sql`delete from attempt_answers where attempt_id like ${demo}`);
		await tx.execute(sql`delete from quiz_attempts where learner_id like ${demo}`);
		await tx.execute(sql`delete from lesson_progress where learner_id like ${demo}`);
		await tx.execute(sql`delete from learners where id like ${demo}`);
		await tx.execute(sql`delete from users where id like ${demo}`);
	});
}

export async function demoRowCounts(db: Database): Promise<Record<string, number>> {
	const key: Record<string, string> = {
		users: 'id',
		learners: 'id',
		lesson_progress: 'learner_id',
		quiz_attempts: 'id',
		attempt_answers: 'attempt_id',
		workshops: 'id',
		workshop_participants: 'id',
		workshop_answers: 'workshop_id'
	};
	const counts: Record<string, number> = {};
	for (const table of tables) {
		counts[table] = await count(db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(key[table])} like ${demo}`);
	}
	return counts;
}

/** E[questions answered in first attempts] per quiz-taker when each goes on with probability U^alpha. */
function expectedFirstAnswers(lessons: SeedLesson[], alpha: number): number {
	return lessons.reduce((sum, lesson) => sum + lesson.questions / (alpha * lesson.ord + 1), 0);
}

const int = (value: number) => sql`${Math.round(value)}::int`;
const float = (value: number) => sql`${value}::float8`;
const thousands = (value: number) => value.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------------------
// Seeding.

/** Seeds the database behind `connection`, which must be migrated; see the top of this file. */
export async function seedDemo(connection: DatabaseConnection, options: SeedOptions): Promise<SeedResult> {
	const started = performance.now();
	const log = options.log ?? ((line: string) => console.log(line));
	const step = (line: string) => log(`seed [${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
	const today = options.today ?? new Date().toISOString().slice(0, 10);
	const { learners, answers } = options;
	if (!Number.isInteger(learners) || learners < 100) throw new Error('--learners must be a whole number of at least 100');
	if (!Number.isInteger(answers) || answers < 1000) throw new Error('--answers must be a whole number of at least 1000');
	const db = connection.db;

	if (await hasDemoRows(db)) {
		if (!options.reset) throw new Error('this database already holds demo rows (ids starting with demo-); add --reset to replace them');
		await deleteDemoRows(db);
		step('deleted the earlier demo rows');
	}

	const { lessons, questions } = planCourse(readCourse());
	const lessonCount = lessons.length;
	const meanQuestions = questions.length / lessonCount;
	step(`course: ${lessonCount} quizzes, ${questions.length} questions`);

	await db.transaction(async (tx) => {
		const run = (query: SQL) => tx.execute(query);
		const countOf = (query: SQL) => count(tx as unknown as Database, query);
		// ANALYZE on the scratch tables too: without statistics the planner guesses badly at their joins.
		const analyse = async (...names: string[]) => {
			for (const name of names) await run(sql.raw(`analyze ${name}`));
		};

		// The course as tables.
		await run(sql`create temp table demo_lessons (ord int primary key, lesson_id text not null, pass_mark int not null) on commit drop`);
		await run(
			sql`insert into demo_lessons values ${sql.join(
				lessons.map((lesson) => sql`(${int(lesson.ord)}, ${lesson.lessonId}::text, ${int(lesson.passMark)})`),
				sql`, `
			)}`
		);
		await run(sql`create temp table demo_questions (
			ord int, qn int, lesson_id text not null, question_id text not null, version text not null, right_choice jsonb not null,
			a float8 not null, b float8 not null, primary key (ord, qn)) on commit drop`);
		await run(
			sql`insert into demo_questions values ${sql.join(
				questions.map(
					(q) =>
						sql`(${int(q.ord)}, ${int(q.qn)}, ${q.lessonId}::text, ${q.questionId}::text, ${q.version}::text, ${JSON.stringify(q.right)}::jsonb, ${float(q.a)}, ${float(q.b)})`
				),
				sql`, `
			)}`
		);
		// Each wrong answer owns the slice [lo, hi) of [0, 1): a uniform draw picks one by its weight.
		await run(sql`create temp table demo_wrongs (ord int, qn int, lo float8, hi float8, chosen jsonb not null) on commit drop`);
		await run(
			sql`insert into demo_wrongs values ${sql.join(
				questions.flatMap((q) => {
					let lo = 0;
					return q.wrongs.map((wrong, index) => {
						const hi = index === q.wrongs.length - 1 ? 2 : lo + wrong.weight;
						const row = sql`(${int(q.ord)}, ${int(q.qn)}, ${float(lo)}, ${float(hi)}, ${JSON.stringify(wrong.chosen)}::jsonb)`;
						lo = hi;
						return row;
					});
				}),
				sql`, `
			)}`
		);
		await analyse('demo_lessons', 'demo_questions', 'demo_wrongs');

		// Workshops: planned first, because their participants are learners too.
		const perWorkshop =
			(workshopPlan.minSize + (workshopPlan.sizeSpread - 1) / 2) *
			Math.min(lessonCount, workshopPlan.minLessons + (workshopPlan.lessonSpread - 1) / 2) *
			meanQuestions *
			workshopPlan.opened *
			workshopPlan.answered;
		const workshopCount = Math.round((answers * workshopShare) / perWorkshop);
		await run(sql`create temp table demo_ws (w int primary key, held_on date, start_ord int, len int, size int, facilitator int, opened int) on commit drop`);
		await run(sql`insert into demo_ws (w, held_on, start_ord, len, size, facilitator)
			select w, ${today}::date - 1 - floor(random() * 364)::int, floor(random() * (${int(lessonCount)} - len + 1))::int, len,
				${int(workshopPlan.minSize)} + floor(random() * ${int(workshopPlan.sizeSpread)})::int, 1 + floor(random() * ${int(facilitators.length)})::int
			from (select w, least(${int(lessonCount)}, ${int(workshopPlan.minLessons)} + floor(random() * ${int(workshopPlan.lessonSpread)})::int) as len
				from generate_series(1, ${int(workshopCount)}) as w) as planned`);
		await run(sql`create temp table demo_wp (w int, j int, learner int primary key, removed boolean, is_group boolean) on commit drop`);
		await run(sql`insert into demo_wp select w, j, row_number() over (order by w, j), random() < 0.01, random() < 0.03
			from demo_ws, generate_series(1, size) as j`);
		await run(sql`create temp table demo_wq (w int, ord int, qn int, primary key (w, ord, qn)) on commit drop`);
		await run(sql`insert into demo_wq select w.w, q.ord, q.qn from demo_ws w
			join demo_questions q on q.ord between w.start_ord and w.start_ord + w.len - 1
			where random() < ${float(workshopPlan.opened)}`);
		await run(sql`update demo_ws set opened = (select count(*) from demo_wq where demo_wq.w = demo_ws.w)`);
		const participants = await countOf(sql`select count(*)::int as n from demo_wp`);
		if (participants > learners / 2) {
			throw new Error(`${thousands(answers)} answers need about ${thousands(participants)} workshop participants: give more --learners`);
		}
		await analyse('demo_ws', 'demo_wp', 'demo_wq');

		// Learners: the first ones are the participants, made on the day of their workshop; the others split into
		// quiz takers and readers (who read lessons and never take a quiz). Quiz takers go on to the next lesson
		// with their own probability U^alpha, readers with U^3: fewer reach the later lessons.
		const selfAnswers = answers - answers * workshopShare;
		const firstAnswers = selfAnswers / (1 + retryShare);
		const pool = learners - participants;
		let alpha = 1;
		let takers = firstAnswers / (pool * expectedFirstAnswers(lessons, alpha));
		if (takers > 1) {
			// Everyone takes quizzes and still too few answers: let them go further (a smaller alpha).
			takers = 1;
			let [low, high] = [0.0001, 1];
			for (let i = 0; i < 60; i++) {
				alpha = (low + high) / 2;
				if (pool * expectedFirstAnswers(lessons, alpha) > firstAnswers) low = alpha;
				else high = alpha;
			}
		}
		await run(sql`create temp table demo_learner (n int primary key, kind int not null, created_on date not null, ability float8 not null, reach int not null) on commit drop`);
		await run(sql`insert into demo_learner
			select n, kind, created_on, ability,
				case when kind = ${int(kind.workshop)} then 0 else least(${int(lessonCount)}::float8, 1 + floor(ln(1 - random())
					/ ln(least(0.999999, greatest(1e-9, power(random(), case when kind = ${int(kind.quizzes)} then ${float(alpha)} else 3 end))))))::int end
			from (
				select g as n,
					case when wp.learner is not null then ${int(kind.workshop)} when random() < ${float(takers)} then ${int(kind.quizzes)} else ${int(kind.reader)} end as kind,
					coalesce(wp.held_on, ${today}::date - floor(364 * (1 - sqrt(random())))::int) as created_on,
					${float(meanAbility)} + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as ability
				from generate_series(1, ${int(learners)}) as g
				left join (select p.learner, w.held_on from demo_wp p join demo_ws w on w.w = p.w) as wp on wp.learner = g
			) as drawn`);
		await analyse('demo_learner');

		// Workshop answers: every participant answers most opened questions; the room helps a little (+0.3).
		await run(sql`create temp table demo_wans (w int, j int, ord int, qn int, correct boolean, pick float8) on commit drop`);
		await run(sql`insert into demo_wans
			select p.w, p.j, q.ord, q.qn, random() < 1 / (1 + exp(-1.7 * dq.a * (l.ability + 0.3 - dq.b))), random()
			from demo_wp p join demo_wq q on q.w = p.w join demo_learner l on l.n = p.learner
			join demo_questions dq on dq.ord = q.ord and dq.qn = q.qn
			where random() < ${float(workshopPlan.answered)}`);
		const workshopAnswerCount = await countOf(sql`select count(*)::int as n from demo_wans`);
		step(`planned ${workshopCount} workshops, ${thousands(participants)} participants, ${thousands(workshopAnswerCount)} workshop answers`);

		// Self-paced: one row per learner and lesson reached, on a day a little after the previous lesson's.
		await run(sql`create temp table demo_pairs (n int, ord int, day date not null, primary key (n, ord)) on commit drop`);
		await run(sql`insert into demo_pairs
			select l.n, s.ord, least(${today}::date, l.created_on + (sum(s.gap) over (partition by l.n order by s.ord))::int)
			from demo_learner l
			cross join lateral (select g as ord, case when g = 0 then 0 else floor(power(random(), 3) * 15)::int end as gap
				from generate_series(0, l.reach - 1) as g) as s
			where l.kind <> ${int(kind.workshop)}`);
		await analyse('demo_pairs');
		const takerCount = await countOf(sql`select count(*)::int as n from demo_learner where kind = ${int(kind.quizzes)}`);
		step(`planned ${thousands(learners)} learners: ${thousands(takerCount)} take quizzes, ${thousands(pool - takerCount)} only read`);

		// Answers are planned in a scratch table first: an attempt's score is the sum of its answers.
		await run(sql`create temp table demo_ans (n int, ord int, try int, qn int, correct boolean not null, pick float8 not null,
			primary key (n, ord, try, qn)) on commit drop`);
		await run(sql`create temp table demo_att (n int, ord int, try int, day date not null, correct_count int not null, total int not null,
			percent int not null, passed boolean not null, primary key (n, ord, try)) on commit drop`);
		// Batches of learners with about batchAnswers answers each, of equal size.
		const batches = Math.max(1, Math.ceil(selfAnswers / batchAnswers));
		const batch = Math.ceil(pool / batches);
		const firstAttemptAnswers = async (from: number, to: number) =>
			run(sql`insert into demo_ans
				select p.n, p.ord, 1, q.qn, random() < 1 / (1 + exp(-1.7 * q.a * (l.ability - q.b))), random()
				from demo_pairs p join demo_learner l on l.n = p.n join demo_questions q on q.ord = p.ord
				where l.kind = ${int(kind.quizzes)} and p.n between ${int(from)} and ${int(to)}`);
		for (let from = participants + 1; from <= learners; from += batch) await firstAttemptAnswers(from, from + batch - 1);
		// Graded as gradeQuiz does: the percent is rounded down, so that 69.9 % never passes a 70 % mark.
		const grade = (tryNumber: number, days: SQL) =>
			run(sql`insert into demo_att
				select s.n, s.ord, ${int(tryNumber)}, s.day, s.correct_count, s.total, s.percent, s.percent >= dl.pass_mark
				from (
					select a.n, a.ord, d.day, (count(*) filter (where a.correct))::int as correct_count, count(*)::int as total,
						floor(100.0 * count(*) filter (where a.correct) / count(*))::int as percent
					from demo_ans a join ${days} as d on d.n = a.n and d.ord = a.ord
					where a.try = ${int(tryNumber)} group by a.n, a.ord, d.day
				) as s join demo_lessons dl on dl.ord = s.ord`);
		await grade(1, sql`demo_pairs`);
		await analyse('demo_ans', 'demo_att');
		const firstCount = await countOf(sql`select count(*)::int as n from demo_ans`);
		step(`planned ${thousands(firstCount)} answers in first attempts`);

		// Second attempts fill what is left of the budget: mostly those who failed, then (if need be) some who passed.
		const [{ failed, passed }] = await rows<{ failed: number; passed: number }>(
			tx as unknown as Database,
			sql`select coalesce(sum(total) filter (where not passed), 0)::int as failed, coalesce(sum(total) filter (where passed), 0)::int as passed from demo_att`
		);
		const left = Math.max(0, answers - workshopAnswerCount - firstCount);
		const retryFailed = failed > 0 ? Math.min(1, left / failed) : 0;
		const retryPassed = passed > 0 ? Math.min(1, Math.max(0, left - failed) / passed) : 0;
		await run(sql`create temp table demo_retry (n int, ord int, day date not null, primary key (n, ord)) on commit drop`);
		await run(sql`insert into demo_retry
			select n, ord, least(${today}::date, day + floor(power(random(), 2) * 8)::int) from demo_att
			where case when passed then random() < ${float(retryPassed)} else random() < ${float(retryFailed)} end`);
		await analyse('demo_retry');
		// A second try comes after another look at the lesson: a little better (+0.4).
		await run(sql`insert into demo_ans
			select r.n, r.ord, 2, q.qn, random() < 1 / (1 + exp(-1.7 * q.a * (l.ability + 0.4 - q.b))), random()
			from demo_retry r join demo_learner l on l.n = r.n join demo_questions q on q.ord = r.ord`);
		await grade(2, sql`demo_retry`);
		await analyse('demo_ans', 'demo_att');
		const selfCount = await countOf(sql`select count(*)::int as n from demo_ans`);
		step(`planned ${thousands(selfCount - firstCount)} answers in second attempts; ${thousands(selfCount + workshopAnswerCount)} answers in all`);
		if (left > failed + passed) {
			step(`warning: even with every attempt taken twice there are ${thousands(answers - selfCount - workshopAnswerCount)} answers too few; give more --learners`);
		}

		// Writing, parents before children.
		await run(sql`insert into users (id, email, display_name, password_hash, role, created_at)
			select 'demo-facilitator-' || f, 'demo-facilitator-' || f || '@example.invalid', 'Demo Facilitator ' || f, 'demo-not-a-hash',
				'facilitator', ${today}::date - 400
			from generate_series(1, ${int(facilitators.length)}) as f`);
		await run(sql`insert into learners (id, token_hash, resume_code_hash, created_on, last_seen_on)
			select 'demo-l-' || l.n, sha256(convert_to('demo-token-' || l.n, 'UTF8')),
				case when random() < 0.05 then sha256(convert_to('demo-resume-' || l.n, 'UTF8')) end,
				l.created_on, greatest(l.created_on, seen.last)
			from demo_learner l
			left join (select n, max(day) as last from (select n, day from demo_pairs union all select n, day from demo_att) as days group by n) as seen
				on seen.n = l.n`);
		step(`wrote ${thousands(learners)} learners`);

		const places = sql.join(
			facilitators.map((f, index) => sql`(${int(index + 1)}, ${f.location}::text, ${f.region}::text)`),
			sql`, `
		);
		await run(sql`insert into workshops (id, facilitator_id, title, held_on, location_label, region, agenda, join_code, join_expires_at,
				ended_at, created_at, position, open_question_id, revealed, version)
			select 'demo-w-' || w.w, 'demo-facilitator-' || w.facilitator,
				case when place.location is null then 'Deportation 101 online' else 'Deportation 101 in ' || place.location end,
				w.held_on, place.location, place.region,
				(select jsonb_agg(dl.lesson_id order by dl.ord) from demo_lessons dl where dl.ord between w.start_ord and w.start_ord + w.len - 1),
				null, w.created + interval '15 days', w.held_on + time '17:00', w.created, w.len - 1, null, false, 2 * w.opened + w.len
			from (select *, (held_on - floor(random() * 21)::int)::timestamp + time '10:00' as created from demo_ws) as w
			join (values ${places}) as place(f, location, region) on place.f = w.facilitator`);
		await run(sql`insert into workshop_participants (id, workshop_id, learner_id, display_name, is_group, removed)
			select 'demo-p-' || w || '-' || j, 'demo-w-' || w, 'demo-l-' || learner, 'Participant ' || j, is_group, removed from demo_wp`);
		await run(sql`insert into workshop_answers (workshop_id, participant_id, lesson_id, question_id, question_version, chosen, correct)
			select 'demo-w-' || a.w, 'demo-p-' || a.w || '-' || a.j, q.lesson_id, q.question_id, q.version,
				case when a.correct then q.right_choice else wr.chosen end, a.correct
			from demo_wans a join demo_questions q on q.ord = a.ord and q.qn = a.qn
			left join demo_wrongs wr on not a.correct and wr.ord = a.ord and wr.qn = a.qn and a.pick >= wr.lo and a.pick < wr.hi`);
		step(`wrote ${workshopCount} workshops, ${thousands(participants)} participants, ${thousands(workshopAnswerCount)} workshop answers`);

		await run(sql`insert into quiz_attempts (id, learner_id, lesson_id, submission_key, correct_count, total, percent, passed, submitted_on)
			select 'demo-a-' || a.n || '-' || a.ord || '-' || a.try, 'demo-l-' || a.n, dl.lesson_id, md5('demo-key-' || a.n || '-' || a.ord || '-' || a.try),
				a.correct_count, a.total, a.percent, a.passed, a.day
			from demo_att a join demo_lessons dl on dl.ord = a.ord`);
		const attempts = await countOf(sql`select count(*)::int as n from demo_att`);
		step(`wrote ${thousands(attempts)} quiz attempts`);
		for (let from = participants + 1; from <= learners; from += batch) {
			await run(sql`insert into attempt_answers (attempt_id, question_id, question_version, chosen, correct)
				select 'demo-a-' || a.n || '-' || a.ord || '-' || a.try, q.question_id, q.version,
					case when a.correct then q.right_choice else wr.chosen end, a.correct
				from demo_ans a join demo_questions q on q.ord = a.ord and q.qn = a.qn
				left join demo_wrongs wr on not a.correct and wr.ord = a.ord and wr.qn = a.qn and a.pick >= wr.lo and a.pick < wr.hi
				where a.n between ${int(from)} and ${int(from + batch - 1)}`);
			step(`wrote attempt answers of learners ${thousands(from)}–${thousands(Math.min(learners, from + batch - 1))}`);
		}

		// Progress: started on the first attempt (or read), read by nine in ten quiz takers, passed on the first pass.
		await run(sql`insert into lesson_progress (learner_id, lesson_id, started_on, read_on, passed_on)
			select 'demo-l-' || p.n, dl.lesson_id, p.day, case when l.kind = ${int(kind.reader)} or random() < 0.9 then p.day end, pa.passed_on
			from demo_pairs p join demo_learner l on l.n = p.n join demo_lessons dl on dl.ord = p.ord
			left join (select n, ord, min(day) as passed_on from demo_att where passed group by n, ord) as pa on pa.n = p.n and pa.ord = p.ord`);
		step('wrote lesson progress');
		// The statistics roll up past days once (src/lib/server/statistics/rollups.ts); these rows are dated in the
		// past, so the rollups are forgotten and the next dashboard load makes them again, with the demo rows in.
		await forgetRollups(tx);
	});
	step('committed');

	await connection.db.execute(sql`analyze`);
	step('analyzed');
	const counts = await demoRowCounts(connection.db);
	step(`demo rows: ${tables.map((table) => `${table} ${thousands(counts[table])}`).join(', ')}`);
	const total = counts.attempt_answers + counts.workshop_answers;
	step(`answers: ${thousands(total)} of ${thousands(answers)} asked (${(((total - answers) / answers) * 100).toFixed(2)} %)`);
	return { seconds: (performance.now() - started) / 1000, counts };
}

// ---------------------------------------------------------------------------------------------------------------
// The command.

async function main() {
	const { values } = parseArgs({
		options: {
			learners: { type: 'string', default: '100000' },
			answers: { type: 'string', default: '1000000' },
			reset: { type: 'boolean', default: false }
		}
	});
	const learners = Number(values.learners);
	const answers = Number(values.answers);
	if (!Number.isInteger(learners) || !Number.isInteger(answers) || learners < 100 || answers < 1000) {
		console.error('Usage: npm run seed:demo -- [--learners 100000] [--answers 1000000] [--reset]  (at least 100 learners, 1000 answers)');
		process.exit(2);
	}
	const options = connectionOptionsFromEnv(process.env);
	const connection = await openConnection(options).catch((error: Error) => {
		console.error(`error: ${error.message}`);
		process.exit(1);
	});
	try {
		await applyMigrations(connection);
		console.log(`seed: into ${'url' in options ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${'dataDir' in options ? options.dataDir : 'memory'}`}`);
		const result = await seedDemo(connection, { learners, answers, reset: values.reset });
		console.log(`seed: done in ${result.seconds.toFixed(1)} s`);
	} catch (error) {
		console.error(`error: ${(error as Error).message}`);
		process.exitCode = 1;
	} finally {
		await connection.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
