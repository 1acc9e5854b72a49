import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { course } from '$lib/server/curriculum';
import type { Locale, Question } from '$lib/server/curriculum/schema';
import { questionVersions } from '$lib/server/quizzes/quizzes';
import { correctChoiceIds } from '$lib/server/quizzes/scoring';
import { lessonTitle } from './dashboard';
import type { StatisticsFilters } from './filters';
import { fewest, shownCount, shownShare, type ShownCount } from './small-counts';
import { rowsOf } from '$lib/server/db/rows';
import { includesSelfPaced, includesWorkshops, inRange } from './sql';
import { answersIn, sittingsIn, wrongChoicesIn } from './workshop-figures';

// Item analysis: for every quiz question, how many answered it right, which wrong answer drew the most, and how
// well it tells apart those who know the lesson from those who do not (the discrimination index: the share right
// among the top 27 % of sittings by score, minus the share right among the bottom 27 %). Only answers to the
// question as it is written now count: an edited question starts afresh.

/** The share of sittings in each of the upper and lower groups (Kelley's 27 %). */
export const groupShare = 0.27;
/** Fewer sittings than this make the flags noise, so none is raised. */
export const fewestForFlags = 20;

export type ItemFlag = 'too_easy' | 'too_hard' | 'misleading';

export interface ItemRow {
	lessonId: string;
	lessonTitle: string;
	/** Where to fix it: the quiz file and the question's id in it. */
	file: string;
	questionId: string;
	prompt: string;
	learners: ShownCount;
	answered: ShownCount;
	/** Percentage answered right. */
	correctShare: number | null;
	/** The wrong choice picked most often, with the share of answers that picked it. */
	topWrongChoice: { id: string; text: string; share: number } | null;
	discrimination: number | null;
	flags: ItemFlag[];
}

/** How many sittings make up each of the upper and lower groups. */
export function groupSize(sittings: number): number {
	return Math.max(1, Math.round(sittings * groupShare));
}

export function discriminationIndex(upperRight: number, lowerRight: number, size: number): number {
	return Math.round(((upperRight - lowerRight) / size) * 100) / 100;
}

/**
 * Too easy: nearly everyone is right (over 90 %). Too hard: fewer than 30 % are. Misleading: those who did well
 * overall got it wrong more often than those who did badly, or one wrong answer drew more than the right one.
 */
export function flagsFor(item: { sittings: number; correctShare: number; discrimination: number; topWrongShare: number }): ItemFlag[] {
	if (item.sittings < fewestForFlags) return [];
	const flags: ItemFlag[] = [];
	if (item.correctShare > 90) flags.push('too_easy');
	if (item.correctShare < 30) flags.push('too_hard');
	if (item.discrimination < 0 || item.topWrongShare > item.correctShare) flags.push('misleading');
	return flags;
}

interface ItemCounts {
	lesson_id: string;
	question_id: string;
	answered: number;
	correct: number;
	upper_right: number;
	lower_right: number;
	group_size: number;
}

export async function analyseItems(db: Database, filters: StatisticsFilters, locale: Locale): Promise<ItemRow[]> {
	const current = [...course.quizzes.keys()].flatMap((lessonId) =>
		Object.entries(questionVersions(lessonId)).map(([questionId, version]) => sql`(${lessonId}::text, ${questionId}::text, ${version}::text)`)
	);
	// Everything is read as counts per lesson and score, never per sitting, because that is all an erased workshop
	// keeps (workshop-figures.ts). A sitting is one self-paced attempt, scored by the answers right recorded with
	// it, or one participant's answers to one lesson in a workshop, scored by its answers right.
	const sittingSources: SQL[] = [];
	const answerSources: SQL[] = [];
	const choiceSources: SQL[] = [];
	const learnerSources: SQL[] = [];
	if (includesSelfPaced(filters)) {
		const attempted = inRange(sql`q.submitted_on`, filters);
		sittingSources.push(sql`select q.lesson_id, q.correct_count, count(*)::int from quiz_attempts q where ${attempted} group by 1, 2`);
		answerSources.push(sql`select q.lesson_id, a.question_id, a.question_version, q.correct_count,
				count(*)::int, (count(*) filter (where a.correct))::int
			from attempt_answers a join quiz_attempts q on q.id = a.attempt_id
			where ${attempted} group by 1, 2, 3, 4`);
		choiceSources.push(sql`select q.lesson_id, a.question_id, a.question_version, choice, count(*)::int
			from attempt_answers a join quiz_attempts q on q.id = a.attempt_id cross join jsonb_array_elements_text(a.chosen) as choice
			where not a.correct and ${attempted} group by 1, 2, 3, 4`);
		learnerSources.push(sql`select lesson_id, count(*)::int
			from (select q.lesson_id, q.learner_id from quiz_attempts q where ${attempted} group by 1, 2) as by_learner group by 1`);
	}
	if (includesWorkshops(filters)) {
		// Workshop participants are counted per workshop: one sitting of a lesson is one learner of it.
		sittingSources.push(sql`select lesson_id, correct, sittings from (${sittingsIn(filters)}) as s`);
		answerSources.push(sql`select lesson_id, question_id, question_version, sitting_correct, answered, correct from (${answersIn(filters)}) as a`);
		choiceSources.push(sql`select lesson_id, question_id, question_version, choice, times from (${wrongChoicesIn(filters)}) as c`);
		learnerSources.push(sql`select lesson_id, sittings from (${sittingsIn(filters)}) as s`);
	}
	if (sittingSources.length === 0 || current.length === 0) return [];
	const currentVersions = sql`(values ${sql.join(current, sql`, `)}) as cv(lesson_id, question_id, version)`;
	const isCurrent = (alias: string) =>
		sql.raw(`cv.lesson_id = ${alias}.lesson_id and cv.question_id = ${alias}.question_id and cv.version = ${alias}.question_version`);

	// The upper group is the first `group_size` places when a lesson's sittings are ranked by score, the lower group
	// the last ones (fewer when the two would overlap). Sittings of equal score straddling a group's edge share its
	// remaining places equally, each counting for that fraction: no tie is broken by who sat it, so the figures
	// need no sitting's identity.
	const weights = sql`
		select lesson_id, score, group_size,
			greatest(0, least(group_size, above + sittings) - above)::numeric / sittings as upper_weight,
			greatest(0, above + sittings - greatest(above, total - least(group_size, total - group_size)))::numeric / sittings as lower_weight
		from (
			select lesson_id, score, sittings,
				sum(sittings) over (partition by lesson_id order by score desc) - sittings as above,
				sum(sittings) over (partition by lesson_id) as total,
				greatest(1, round(sum(sittings) over (partition by lesson_id) * ${groupShare}::numeric))::int as group_size
			from (
				select lesson_id, score, sum(sittings) as sittings
				from (${sql.join(sittingSources, sql` union all `)}) as s(lesson_id, score, sittings)
				group by lesson_id, score
			) as by_score
		) as ranked`;
	const [counts, choices, learnerCounts] = await Promise.all([
		rowsOf<ItemCounts>(
			db,
			sql`select a.lesson_id, a.question_id, sum(a.answered)::int as answered, sum(a.correct)::int as correct,
				sum(a.correct * w.upper_weight)::float8 as upper_right, sum(a.correct * w.lower_weight)::float8 as lower_right,
				max(w.group_size)::int as group_size
			from (
				select given.lesson_id, given.question_id, given.score, sum(given.answered) as answered, sum(given.correct) as correct
				from (${sql.join(answerSources, sql` union all `)}) as given(lesson_id, question_id, question_version, score, answered, correct)
				join ${currentVersions} on ${isCurrent('given')}
				group by 1, 2, 3
			) as a
			join (${weights}) as w on w.lesson_id = a.lesson_id and w.score = a.score
			group by a.lesson_id, a.question_id`
		),
		rowsOf<{ lesson_id: string; question_id: string; choice: string; times: number }>(
			db,
			sql`select c.lesson_id, c.question_id, c.choice, sum(c.times)::int as times
			from (${sql.join(choiceSources, sql` union all `)}) as c(lesson_id, question_id, question_version, choice, times)
			join ${currentVersions} on ${isCurrent('c')}
			group by 1, 2, 3`
		),
		// Learners are counted per lesson: everyone who sits a quiz answers all of its questions.
		rowsOf<{ lesson_id: string; learners: number }>(
			db,
			sql`select lesson_id, sum(learners)::int as learners from (${sql.join(learnerSources, sql` union all `)}) as l(lesson_id, learners) group by 1`
		)
	]);
	const learnersIn = new Map(learnerCounts.map((row) => [row.lesson_id, row.learners]));

	const byQuestion = new Map(counts.map((row) => [`${row.lesson_id}/${row.question_id}`, row]));
	const wrongChoices = new Map<string, typeof choices>();
	for (const row of choices) {
		const key = `${row.lesson_id}/${row.question_id}`;
		wrongChoices.set(key, [...(wrongChoices.get(key) ?? []), row]);
	}
	return course.lessons.flatMap((lesson) => {
		const quiz = course.quizzes.get(lesson.id);
		if (!quiz) return [];
		return quiz.questions.map((question): ItemRow => {
			const row = byQuestion.get(`${lesson.id}/${question.id}`);
			const answered = row?.answered ?? 0;
			const learnerCount = answered > 0 ? (learnersIn.get(lesson.id) ?? 0) : 0;
			const shown = learnerCount >= fewest && answered >= fewest;
			const rightIds = correctChoiceIds(question);
			const topWrong = (wrongChoices.get(`${lesson.id}/${question.id}`) ?? [])
				.filter((choice) => !rightIds.includes(choice.choice))
				.sort((a, b) => b.times - a.times || a.choice.localeCompare(b.choice))[0];
			const correctShare = shown ? shownShare(row!.correct, answered) : null;
			const topWrongShare = shown && topWrong ? shownShare(topWrong.times, answered) : null;
			const discrimination = shown ? discriminationIndex(row!.upper_right, row!.lower_right, row!.group_size) : null;
			return {
				lessonId: lesson.id,
				lessonTitle: lessonTitle(lesson.id, locale),
				file: `${lesson.folder.slice(1)}quiz.yaml`,
				questionId: question.id,
				prompt: question.prompt[locale],
				learners: shownCount(learnerCount),
				answered: shownCount(answered),
				correctShare,
				topWrongChoice:
					topWrong && topWrongShare !== null
						? { id: topWrong.choice, text: choiceText(question, topWrong.choice, locale), share: topWrongShare }
						: null,
				discrimination,
				flags:
					correctShare !== null && discrimination !== null
						? flagsFor({ sittings: answered, correctShare, discrimination, topWrongShare: topWrongShare ?? 0 })
						: []
			};
		});
	});
}

function choiceText(question: Question, choiceId: string, locale: Locale): string {
	if (question.type === 'true_false') return choiceId;
	return question.choices.find((choice) => choice.id === choiceId)?.text[locale] ?? choiceId;
}
