import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { course } from '$lib/server/curriculum';
import type { Locale } from '$lib/server/curriculum/schema';
import type { StatisticsFilters } from './filters';
import { shownCount, shownShare, type ShownCount } from './small-counts';
import { rollUpSelfPacedDays, selfPacedDaysIn, type SelfPacedDay } from './rollups';
import { rowsOf } from '$lib/server/db/rows';
import { includesSelfPaced, includesWorkshops, inRange, workshopScope } from './sql';
import { attendanceIn, sittingsWithCompletionIn } from './workshop-figures';

// The dashboard's figures, all computed in the database and all aggregates. Self-paced study counts a lesson as
// started on its first read or attempt; in a workshop a lesson is started by answering one of its questions in the
// room. Completed, in either, is the one rule of completion.ts. A workshop sitting passes when it completes.

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

interface SittingGroup {
	lesson_id: string;
	week: string;
	band: number;
	n: number;
	passed: number;
	score_sum: number;
}

type WeekCounts = Record<'learners' | 'started' | 'completed' | 'attempts' | 'workshops' | 'attendance', number>;

interface LessonCounts {
	started: number;
	completed: number;
	attempts: number;
	learners: number;
	passed: number;
	scoreSum: number;
}

/** Every figure of the dashboard for these filters, in the reader's language. */
export async function loadDashboard(db: Database, filters: StatisticsFilters, locale: Locale): Promise<Dashboard> {
	const self = includesSelfPaced(filters);
	const workshops = includesWorkshops(filters);
	const none = Promise.resolve([]);
	// Each table is read once, grouped as finely as any figure needs (lesson, week, score band); the per-lesson,
	// per-week and per-band figures are then summed here. Distinct self-paced learners cannot be summed, so they get
	// their own passes, grouped by learner first (hashed) rather than counted distinct (sorted). Workshop
	// participants are counted per workshop: an erased workshop keeps its counts, not who was there
	// (workshop-figures.ts), so nobody can be matched across workshops or with their own study.
	if (self) await rollUpSelfPacedDays(db);
	const [selfPacedLearners, weekly, selfPacedDays, attemptLearners, sittings, held] = await Promise.all([
		self
			? rowsOf<{ learners: number }>(
					db,
					sql`select count(*)::int as learners
					from (select learner_id from lesson_progress where ${inRange(sql`started_on`, filters)} group by learner_id) as learners`
				)
			: none,
		self
			? rowsOf<{ week: string; learners: number }>(
					db,
					sql`select week::text, count(*)::int as learners from (
						select ${mondayIn(sql`started_on`)} as week, learner_id from lesson_progress
						where ${inRange(sql`started_on`, filters)} group by 1, 2
					) as by_week group by week`
				)
			: none,
		self ? rowsOf<SelfPacedDay>(db, selfPacedDaysIn(filters)) : none,
		self
			? rowsOf<{ lesson_id: string; learners: number }>(
					db,
					sql`select lesson_id, count(*)::int as learners from (
						select lesson_id, learner_id from quiz_attempts where ${inRange(sql`submitted_on`, filters)} group by 1, 2
					) as by_learner group by lesson_id`
				)
			: none,
		workshops
			? rowsOf<SittingGroup>(
					db,
					sql`select s.lesson_id, ${mondayIn(sql`s.held_on`)}::text as week, least(s.correct * 10 / s.answered, 10)::int as band,
						sum(s.sittings)::int as n, coalesce(sum(s.sittings) filter (where s.completed), 0)::int as passed,
						sum(s.sittings * (s.correct * 100 / s.answered))::int as score_sum
					from (${sittingsWithCompletionIn(workshopScope(filters))}) as s
					group by 1, 2, 3`
				)
			: none,
		workshops
			? rowsOf<{ week: string; workshops: number; attendance: number }>(
					db,
					sql`select ${mondayIn(sql`held_on`)}::text as week, sum(workshops)::int as workshops, sum(attendance)::int as attendance
					from (
						select w.held_on, 1 as workshops, 0 as attendance from workshops w where ${workshopScope(filters)}
						union all
						select held_on, 0, attendance from (${attendanceIn(filters)}) as attending
					) as held group by 1`
				)
			: none
	]);

	const perLesson = new Map<string, LessonCounts>();
	const lessonCounts = (lessonId: string) => {
		let counts = perLesson.get(lessonId);
		if (!counts) perLesson.set(lessonId, (counts = { started: 0, completed: 0, attempts: 0, learners: 0, passed: 0, scoreSum: 0 }));
		return counts;
	};
	const perWeek = new Map<string, WeekCounts>();
	const weekCounts = (week: string) => {
		let counts = perWeek.get(week);
		if (!counts) perWeek.set(week, (counts = { learners: 0, started: 0, completed: 0, attempts: 0, workshops: 0, attendance: 0 }));
		return counts;
	};
	const bands = new Array<number>(11).fill(0);

	/** Adds a group of sittings to its lesson and its week. */
	const add = (lessonId: string, week: string, group: Omit<LessonCounts, 'learners'>) => {
		const lesson = lessonCounts(lessonId);
		for (const counts of [lesson, weekCounts(week)]) {
			counts.started += group.started;
			counts.completed += group.completed;
			counts.attempts += group.attempts;
		}
		lesson.passed += group.passed;
		lesson.scoreSum += group.scoreSum;
	};
	for (const row of selfPacedDays) {
		add(row.lesson_id, mondayOf(row.day), { ...row, scoreSum: row.score_sum });
		row.score_bands.forEach((count, band) => (bands[band] += count));
	}
	for (const row of attemptLearners) lessonCounts(row.lesson_id).learners += row.learners;
	// A workshop sitting is at once a start, an attempt, and (if passed) a completion, by one participant.
	for (const row of sittings) {
		lessonCounts(row.lesson_id).learners += row.n;
		add(row.lesson_id, row.week, { started: row.n, completed: row.passed, attempts: row.n, passed: row.passed, scoreSum: row.score_sum });
		bands[row.band] += row.n;
	}
	for (const row of held) {
		const counts = weekCounts(row.week);
		Object.assign(counts, { workshops: row.workshops, attendance: row.attendance });
		counts.learners += row.attendance;
	}
	for (const row of weekly) weekCounts(row.week).learners += row.learners;

	const total = (pick: (counts: LessonCounts) => number) => [...perLesson.values()].reduce((sum, counts) => sum + pick(counts), 0);
	const attemptCount = total((counts) => counts.attempts);
	const heldTotal = (pick: (row: (typeof held)[number]) => number) => held.reduce((sum, row) => sum + pick(row), 0);

	return {
		summary: {
			learners: shownCount((selfPacedLearners[0]?.learners ?? 0) + heldTotal((row) => row.attendance)),
			lessonsStarted: shownCount(total((counts) => counts.started)),
			lessonsCompleted: shownCount(total((counts) => counts.completed)),
			attempts: shownCount(attemptCount),
			passRate: shownShare(total((counts) => counts.passed), attemptCount),
			workshops: heldTotal((row) => row.workshops),
			attendance: shownCount(heldTotal((row) => row.attendance))
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
		scores: bands.map((sittings, band) => ({ band, sittings: shownCount(sittings) })),
		weeks: [...perWeek]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([week, counts]) => ({
				week,
				learners: shownCount(counts.learners),
				started: shownCount(counts.started),
				completed: shownCount(counts.completed),
				attempts: shownCount(counts.attempts),
				workshops: counts.workshops,
				attendance: shownCount(counts.attendance)
			}))
	};
}

export function lessonTitle(lessonId: string, locale: Locale): string {
	const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
	return (lesson?.variants[locale] ?? lesson?.variants.en)?.title ?? lessonId;
}

/** The Monday of a date's week, as a date: cheap arithmetic on each row, where a text key per row was not. */
const mondayIn = (column: SQL) => sql`(${column} - (extract(isodow from ${column})::int - 1))`;

/** The Monday of a YYYY-MM-DD day's week. */
export function mondayOf(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
	return date.toISOString().slice(0, 10);
}
