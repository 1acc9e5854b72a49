import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { course } from '$lib/server/curriculum';
import type { Locale, Question } from '$lib/server/curriculum/schema';
import { questionVersions } from '$lib/server/quizzes/quizzes';
import { correctChoiceIds } from '$lib/server/quizzes/scoring';
import { lessonTitle } from './dashboard';
import type { StatisticsFilters } from './filters';
import { fewest, shownCount, shownShare, type ShownCount } from './small-counts';
import { rowsOf } from '$lib/server/db/rows';
import { includesSelfPaced, includesWorkshops, inRange, workshopSittings } from './sql';

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
	// A sitting is one self-paced attempt, ranked by the score recorded with it, or one participant's answers to one
	// lesson in a workshop. Sittings are ranked first (a few hundred thousand rows), and the answers then joined to
	// them by hash: ranking the million answers themselves took seconds of sorting.
	const sittings = [];
	const answers = [];
	if (includesSelfPaced(filters)) {
		sittings.push(sql`select q.id as sitting, q.learner_id, q.lesson_id, q.correct_count as score
			from quiz_attempts q where ${inRange(sql`q.submitted_on`, filters)}`);
		answers.push(sql`select attempt_id as sitting, question_id, question_version, chosen, correct from attempt_answers`);
	}
	if (includesWorkshops(filters)) {
		sittings.push(sql`select participant_id || '/' || lesson_id as sitting, learner_id, lesson_id, correct as score from (${workshopSittings(filters)}) as s`);
		answers.push(sql`select participant_id || '/' || lesson_id as sitting, question_id, question_version, chosen, correct from workshop_answers`);
	}
	if (sittings.length === 0 || current.length === 0) return [];

	const answered = sql`
		with placed as (
			select sitting, learner_id, lesson_id, group_size, place <= group_size as upper,
				place > lesson_sittings - group_size and place > group_size as lower
			from (
				select s.*, row_number() over (partition by lesson_id order by score desc, sitting) as place,
					count(*) over (partition by lesson_id) as lesson_sittings,
					greatest(1, round(count(*) over (partition by lesson_id) * ${groupShare}::numeric))::int as group_size
				from (${sql.join(sittings, sql` union all `)}) as s
			) as ranked
		)
		select p.lesson_id, p.upper, p.lower, p.group_size, a.question_id, a.chosen, a.correct
		from placed p
		join (${sql.join(answers, sql` union all `)}) as a on a.sitting = p.sitting
		join (values ${sql.join(current, sql`, `)}) as cv(lesson_id, question_id, version)
			on cv.lesson_id = p.lesson_id and cv.question_id = a.question_id and cv.version = a.question_version`;
	const [counts, choices, learners] = await Promise.all([
		rowsOf<ItemCounts>(
			db,
			sql`select lesson_id, question_id, count(*)::int as answered, (count(*) filter (where correct))::int as correct,
				(count(*) filter (where correct and upper))::int as upper_right,
				(count(*) filter (where correct and lower))::int as lower_right, max(group_size)::int as group_size
			from (${answered}) as answered group by lesson_id, question_id`
		),
		rowsOf<{ lesson_id: string; question_id: string; choice: string; times: number }>(
			db,
			sql`select lesson_id, question_id, choice, count(*)::int as times
			from (${answered}) as answered, jsonb_array_elements_text(chosen) as choice
			where not correct group by lesson_id, question_id, choice`
		),
		// Learners are counted per lesson: everyone who sits a quiz answers all of its questions.
		rowsOf<{ lesson_id: string; learners: number }>(
			db,
			sql`select lesson_id, count(distinct learner_id)::int as learners from (${sql.join(sittings, sql` union all `)}) as s group by lesson_id`
		)
	]);
	const learnersIn = new Map(learners.map((row) => [row.lesson_id, row.learners]));

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
