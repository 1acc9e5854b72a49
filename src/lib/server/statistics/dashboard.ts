import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { course } from '$lib/server/curriculum';
import type { Locale } from '$lib/server/curriculum/schema';
import type { StatisticsFilters } from './filters';
import { shownCount, shownShare, type ShownCount } from './small-counts';
import { includesSelfPaced, includesWorkshops, inRange, rowsOf, workshopScope, workshopSittings } from './sql';

// The dashboard's figures, all computed in the database and all aggregates. Self-paced study counts a lesson as
// started on its first read or attempt and completed once it has been read and its quiz passed; in a workshop a
// lesson is started by answering one of its questions in the room and completed by reaching its pass mark there.

export interface LessonFunnelRow {
	lessonId: string;
	title: string;
	position: number;
	started: ShownCount;
	completed: ShownCount;
	/** Completed as a share of started. */
	completionRate: number | null;
	/** Started as a share of those who started the module's first lesson: where people drop off. */
	retained: number | null;
}

export interface QuizRow {
	lessonId: string;
	title: string;
	attempts: ShownCount;
	learners: ShownCount;
	passRate: number | null;
	meanScore: number | null;
}

export interface WeekRow {
	/** The Monday that starts the week, YYYY-MM-DD. */
	week: string;
	learners: ShownCount;
	started: ShownCount;
	completed: ShownCount;
	attempts: ShownCount;
	workshops: number;
	attendance: ShownCount;
}

export interface Dashboard {
	summary: {
		learners: ShownCount;
		lessonsStarted: ShownCount;
		lessonsCompleted: ShownCount;
		attempts: ShownCount;
		passRate: number | null;
		workshops: number;
		attendance: ShownCount;
	};
	funnel: { moduleId: string; title: string; lessons: LessonFunnelRow[] }[];
	quizzes: QuizRow[];
	/** Eleven bands of score: 0–9 %, 10–19 %, … 90–99 %, and 100 %. */
	scores: { band: number; sittings: ShownCount }[];
	weeks: WeekRow[];
}

interface LessonCounts {
	started: number;
	completed: number;
	attempts: number;
	learners: number;
	passed: number;
	scoreSum: number;
}

const week = (column: string) => sql.raw(`to_char(date_trunc('week', ${column}), 'YYYY-MM-DD')`);

/** Every figure of the dashboard for these filters, in the reader's language. */
export async function loadDashboard(db: Database, filters: StatisticsFilters, locale: Locale): Promise<Dashboard> {
	const self = includesSelfPaced(filters);
	const workshops = includesWorkshops(filters);
	const none = Promise.resolve([]);
	const sittings = workshopSittings(filters);

	const [learners, selfLessons, selfQuizzes, workshopLessons, selfScores, workshopScores, weekly, held] = await Promise.all([
		rowsOf<{ learners: number }>(
			db,
			sql`select count(*)::int as learners from (
				${self ? sql`select learner_id from lesson_progress where ${inRange(sql`started_on`, filters)}
					union select learner_id from quiz_attempts where ${inRange(sql`submitted_on`, filters)}` : sql`select null::text as learner_id where false`}
				${workshops ? sql`union select p.learner_id from workshop_participants p join workshops w on w.id = p.workshop_id
					where not p.removed and ${workshopScope(filters)}` : sql``}
			) as active`
		),
		self
			? rowsOf<{ lesson_id: string; started: number; completed: number }>(
					db,
					sql`select lesson_id,
						(count(*) filter (where ${inRange(sql`started_on`, filters)}))::int as started,
						(count(*) filter (where read_on is not null and passed_on is not null
							and ${inRange(sql`greatest(read_on, passed_on)`, filters)}))::int as completed
					from lesson_progress where started_on <= ${filters.to}::date group by lesson_id`
				)
			: none,
		self
			? rowsOf<{ lesson_id: string; attempts: number; learners: number; passed: number; score_sum: number }>(
					db,
					sql`select lesson_id, count(*)::int as attempts, count(distinct learner_id)::int as learners,
						(count(*) filter (where passed))::int as passed, sum(percent)::int as score_sum
					from quiz_attempts where ${inRange(sql`submitted_on`, filters)} group by lesson_id`
				)
			: none,
		workshops
			? rowsOf<{ lesson_id: string; sittings: number; learners: number; passed: number; score_sum: number }>(
					db,
					sql`select lesson_id, count(*)::int as sittings, count(distinct learner_id)::int as learners,
						(count(*) filter (where passed))::int as passed, sum(correct * 100 / answered)::int as score_sum
					from (${sittings}) as sittings group by lesson_id`
				)
			: none,
		self
			? rowsOf<{ band: number; sittings: number }>(
					db,
					sql`select least(percent / 10, 10)::int as band, count(*)::int as sittings
					from quiz_attempts where ${inRange(sql`submitted_on`, filters)} group by 1`
				)
			: none,
		workshops
			? rowsOf<{ band: number; sittings: number }>(
					db,
					sql`select least(correct * 10 / answered, 10)::int as band, count(*)::int as sittings
					from (${sittings}) as sittings group by 1`
				)
			: none,
		loadWeeks(db, filters, self, workshops),
		workshops
			? rowsOf<{ workshops: number; attendance: number }>(
					db,
					sql`select count(distinct w.id)::int as workshops, (count(p.id) filter (where not p.removed))::int as attendance
					from workshops w left join workshop_participants p on p.workshop_id = w.id where ${workshopScope(filters)}`
				)
			: Promise.resolve([{ workshops: 0, attendance: 0 }])
	]);

	const perLesson = new Map<string, LessonCounts>();
	const countsFor = (lessonId: string) => {
		let counts = perLesson.get(lessonId);
		if (!counts) perLesson.set(lessonId, (counts = { started: 0, completed: 0, attempts: 0, learners: 0, passed: 0, scoreSum: 0 }));
		return counts;
	};
	for (const row of selfLessons) Object.assign(countsFor(row.lesson_id), { started: row.started, completed: row.completed });
	for (const row of selfQuizzes) {
		const counts = countsFor(row.lesson_id);
		counts.attempts += row.attempts;
		counts.learners += row.learners;
		counts.passed += row.passed;
		counts.scoreSum += row.score_sum;
	}
	// A workshop sitting is both a start, an attempt and (if passed) a completion.
	for (const row of workshopLessons) {
		const counts = countsFor(row.lesson_id);
		counts.started += row.sittings;
		counts.completed += row.passed;
		counts.attempts += row.sittings;
		counts.learners += row.learners;
		counts.passed += row.passed;
		counts.scoreSum += row.score_sum;
	}

	const total = (pick: (counts: LessonCounts) => number) => [...perLesson.values()].reduce((sum, counts) => sum + pick(counts), 0);
	const attempts = total((counts) => counts.attempts);
	const scoreBands = new Map<number, number>();
	for (const row of [...selfScores, ...workshopScores]) scoreBands.set(row.band, (scoreBands.get(row.band) ?? 0) + row.sittings);

	return {
		summary: {
			learners: shownCount(learners[0]?.learners ?? 0),
			lessonsStarted: shownCount(total((counts) => counts.started)),
			lessonsCompleted: shownCount(total((counts) => counts.completed)),
			attempts: shownCount(attempts),
			passRate: shownShare(total((counts) => counts.passed), attempts),
			workshops: held[0]?.workshops ?? 0,
			attendance: shownCount(held[0]?.attendance ?? 0)
		},
		funnel: course.modules.map((module) => {
			const firstStarted = perLesson.get(module.lessons[0]?.id)?.started ?? 0;
			return {
				moduleId: module.id,
				title: module.title[locale],
				lessons: module.lessons.map((lesson) => {
					const counts = perLesson.get(lesson.id);
					const started = counts?.started ?? 0;
					const completed = counts?.completed ?? 0;
					return {
						lessonId: lesson.id,
						title: lessonTitle(lesson.id, locale),
						position: lesson.position,
						started: shownCount(started),
						completed: shownCount(completed),
						completionRate: shownShare(completed, started),
						retained: shownShare(started, firstStarted)
					};
				})
			};
		}),
		quizzes: course.lessons
			.filter((lesson) => course.quizzes.has(lesson.id))
			.map((lesson) => {
				const counts = perLesson.get(lesson.id);
				const tried = counts?.attempts ?? 0;
				return {
					lessonId: lesson.id,
					title: lessonTitle(lesson.id, locale),
					attempts: shownCount(tried),
					learners: shownCount(counts?.learners ?? 0),
					passRate: shownShare(counts?.passed ?? 0, tried),
					meanScore: tried >= 5 ? Math.round(counts!.scoreSum / tried) : null
				};
			}),
		scores: Array.from({ length: 11 }, (_, band) => ({ band, sittings: shownCount(scoreBands.get(band) ?? 0) })),
		weeks: weekly
	};
}

export function lessonTitle(lessonId: string, locale: Locale): string {
	const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
	return (lesson?.variants[locale] ?? lesson?.variants.en)?.title ?? lessonId;
}

/** Weekly trends: learners active, lessons started and completed, attempts, workshops held and their attendance. */
async function loadWeeks(db: Database, filters: StatisticsFilters, self: boolean, workshops: boolean): Promise<WeekRow[]> {
	const sittings = workshopSittings(filters);
	const parts = [];
	if (self) {
		parts.push(
			sql`select ${week('started_on')}, learner_id, 1, 0, 0, null, 0 from lesson_progress where ${inRange(sql`started_on`, filters)}`,
			sql`select ${week('greatest(read_on, passed_on)')}, null, 0, 1, 0, null, 0 from lesson_progress
				where read_on is not null and passed_on is not null and ${inRange(sql`greatest(read_on, passed_on)`, filters)}`,
			sql`select ${week('submitted_on')}, learner_id, 0, 0, 1, null, 0 from quiz_attempts where ${inRange(sql`submitted_on`, filters)}`
		);
	}
	if (workshops) {
		parts.push(
			sql`select ${week('day')}, learner_id, 1, (case when passed then 1 else 0 end), 1, null, 0 from (${sittings}) as sittings`,
			sql`select ${week('w.held_on')}, p.learner_id, 0, 0, 0, w.id, (case when p.id is not null and not p.removed then 1 else 0 end)
				from workshops w left join workshop_participants p on p.workshop_id = w.id where ${workshopScope(filters)}`
		);
	}
	if (parts.length === 0) return [];
	const rows = await rowsOf<Omit<WeekRow, 'learners' | 'started' | 'completed' | 'attempts' | 'attendance'> & Record<string, number>>(
		db,
		sql`select week, count(distinct learner_id)::int as learners, sum(started)::int as started, sum(completed)::int as completed,
			sum(attempts)::int as attempts, count(distinct workshop)::int as workshops, sum(attendance)::int as attendance
		from (${sql.join(parts, sql` union all `)}) as events(week, learner_id, started, completed, attempts, workshop, attendance)
		group by week order by week`
	);
	return rows.map((row) => ({
		week: row.week,
		learners: shownCount(row.learners),
		started: shownCount(row.started),
		completed: shownCount(row.completed),
		attempts: shownCount(row.attempts),
		workshops: row.workshops,
		attendance: shownCount(row.attendance)
	}));
}
