import { sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { course } from '$lib/server/curriculum';
import type { Locale, Question } from '$lib/server/curriculum/schema';
import { questionVersions } from '$lib/server/quizzes/quizzes';
import { correctChoiceIds } from '$lib/server/quizzes/scoring';
import { lessonTitle } from './dashboard';
import type { StatisticsFilters } from './filters';
import { fewest, shownCount, shownShare, type ShownCount } from './small-counts';
import { includesSelfPaced, includesWorkshops, inRange, rowsOf, workshopSittings } from './sql';

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
	learners: number;
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
	const sources = [];
	// A sitting is one self-paced attempt or one participant's answers to one lesson in a workshop.
	if (includesSelfPaced(filters)) {
		sources.push(sql`select q.id as sitting, q.learner_id, q.lesson_id, a.question_id, a.question_version, a.chosen, a.correct
			from quiz_attempts q join attempt_answers a on a.attempt_id = q.id where ${inRange(sql`q.submitted_on`, filters)}`);
	}
	if (includesWorkshops(filters)) {
		sources.push(sql`select a.participant_id || '/' || a.lesson_id as sitting, s.learner_id, a.lesson_id, a.question_id, a.question_version, a.chosen, a.correct
			from (${workshopSittings(filters)}) as s
			join workshop_answers a on a.participant_id = s.participant_id and a.lesson_id = s.lesson_id`);
	}
	if (sources.length === 0 || current.length === 0) return [];

	const answers = sql`(
		select answers.* from (${sql.join(sources, sql` union all `)}) as answers
		join (values ${sql.join(current, sql`, `)}) as cv(lesson_id, question_id, version)
			on cv.lesson_id = answers.lesson_id and cv.question_id = answers.question_id and cv.version = answers.question_version
	)`;
	const [counts, choices] = await Promise.all([
		rowsOf<ItemCounts>(
			db,
			// One pass of window functions, no self-join: each answer learns its sitting's score, then the sitting's
			// place in its lesson (1 = best; ties broken by sitting id), then how many sittings the lesson has.
			sql`with answers as ${answers},
			scored as (select a.*, sum(case when a.correct then 1 else 0 end) over (partition by a.sitting) as score from answers a),
			ranked as (select s.*, dense_rank() over (partition by s.lesson_id order by s.score desc, s.sitting) as place from scored s),
			sized as (
				select r.*, greatest(1, round(max(r.place) over (partition by r.lesson_id) * ${groupShare}::numeric))::int as group_size,
					max(r.place) over (partition by r.lesson_id) as sittings
				from ranked r
			)
			select lesson_id, question_id, count(distinct learner_id)::int as learners, count(*)::int as answered,
				(count(*) filter (where correct))::int as correct,
				(count(*) filter (where correct and place <= group_size))::int as upper_right,
				(count(*) filter (where correct and place > sittings - group_size and place > group_size))::int as lower_right,
				max(group_size)::int as group_size
			from sized
			group by lesson_id, question_id`
		),
		rowsOf<{ lesson_id: string; question_id: string; choice: string; times: number }>(
			db,
			sql`with answers as ${answers}
			select lesson_id, question_id, choice, count(*)::int as times
			from answers, jsonb_array_elements_text(chosen) as choice
			where not correct group by lesson_id, question_id, choice`
		)
	]);

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
			const shown = (row?.learners ?? 0) >= fewest;
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
				learners: shownCount(row?.learners ?? 0),
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
