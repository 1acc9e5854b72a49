import { and, count, eq, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { attemptAnswers, lessonProgress, quizAttempts } from '$lib/server/db/schema';
import { randomSecret } from '$lib/server/auth/tokens';
import type { QuizResult } from '$lib/server/quizzes/scoring';
import { selfPacedCompleted } from '$lib/server/statistics/completion';

// A learner's progress: lessons read, quiz attempts (all kept), and completion, which needs both a read lesson
// and a passed quiz. Every function takes the learner's id; nothing here knows who the learner is.

export type LessonState = 'not_started' | 'in_progress' | 'completed';

const today = () => sql`current_date`;

export async function markRead(db: Database, learnerId: string, lessonId: string): Promise<void> {
	await db
		.insert(lessonProgress)
		.values({ learnerId, lessonId, readOn: today() })
		.onConflictDoUpdate({
			target: [lessonProgress.learnerId, lessonProgress.lessonId],
			set: { readOn: sql`coalesce(${lessonProgress.readOn}, current_date)` }
		});
}

export interface RecordedAttempt {
	attemptId: string;
	/** False when this submission key had already been recorded: the earlier attempt is returned, not a new one. */
	created: boolean;
	result: Pick<QuizResult, 'correctCount' | 'total' | 'percent' | 'passed'> & {
		answers: { questionId: string; chosen: string[]; correct: boolean }[];
	};
}

/**
 * Records a graded attempt once per submission key: a retry, a double tap or a replay returns the attempt
 * that was recorded first. A passing attempt marks the lesson passed.
 */
export async function recordAttempt(
	db: Database,
	input: {
		learnerId: string;
		lessonId: string;
		submissionKey: string;
		result: QuizResult;
		questionVersions: Record<string, string>;
	}
): Promise<RecordedAttempt> {
	const { learnerId, lessonId, submissionKey, result } = input;
	const attemptId = randomSecret();
	const created = await db.transaction(async (tx) => {
		const inserted = await tx
			.insert(quizAttempts)
			.values({
				id: attemptId,
				learnerId,
				lessonId,
				submissionKey,
				correctCount: result.correctCount,
				total: result.total,
				percent: result.percent,
				passed: result.passed
			})
			.onConflictDoNothing({ target: [quizAttempts.learnerId, quizAttempts.submissionKey] })
			.returning({ id: quizAttempts.id });
		if (inserted.length === 0) return false;
		await tx.insert(attemptAnswers).values(
			result.results.map((answer) => ({
				attemptId,
				questionId: answer.questionId,
				questionVersion: input.questionVersions[answer.questionId],
				chosen: answer.chosen,
				correct: answer.correct
			}))
		);
		const progress = tx.insert(lessonProgress).values({ learnerId, lessonId, passedOn: result.passed ? today() : null });
		await (result.passed
			? progress.onConflictDoUpdate({
					target: [lessonProgress.learnerId, lessonProgress.lessonId],
					set: { passedOn: sql`coalesce(${lessonProgress.passedOn}, current_date)` }
				})
			: progress.onConflictDoNothing());
		return true;
	});
	if (created) {
		return { attemptId, created, result: { ...scoreOf(result), answers: result.results } };
	}
	return { ...(await findAttempt(db, learnerId, submissionKey))!, created: false };
}

function scoreOf(result: Pick<QuizResult, 'correctCount' | 'total' | 'percent' | 'passed'>) {
	const { correctCount, total, percent, passed } = result;
	return { correctCount, total, percent, passed };
}

async function findAttempt(db: Database, learnerId: string, submissionKey: string) {
	const [attempt] = await db
		.select()
		.from(quizAttempts)
		.where(and(eq(quizAttempts.learnerId, learnerId), eq(quizAttempts.submissionKey, submissionKey)));
	if (!attempt) return undefined;
	const answers = await db
		.select({ questionId: attemptAnswers.questionId, chosen: attemptAnswers.chosen, correct: attemptAnswers.correct })
		.from(attemptAnswers)
		.where(eq(attemptAnswers.attemptId, attempt.id));
	return { attemptId: attempt.id, result: { ...scoreOf(attempt), answers } };
}

export interface LessonStanding {
	read: boolean;
	passed: boolean;
	state: LessonState;
}

const notStarted: LessonStanding = { read: false, passed: false, state: 'not_started' };

/** Where the learner stands in each lesson they have touched, by lesson id. */
export async function forLearner(db: Database, learnerId: string): Promise<Map<string, LessonStanding>> {
	const rows = await db.select().from(lessonProgress).where(eq(lessonProgress.learnerId, learnerId));
	return new Map(
		rows.map((row) => {
			const read = row.readOn !== null;
			const passed = row.passedOn !== null;
			return [row.lessonId, { read, passed, state: selfPacedCompleted(row) ? 'completed' : 'in_progress' }];
		})
	);
}

export function standingIn(standings: Map<string, LessonStanding>, lessonId: string): LessonStanding {
	return standings.get(lessonId) ?? notStarted;
}

/** What a learner can see about their own record: lessons completed and quiz attempts made. */
export async function summary(db: Database, learnerId: string) {
	const standings = await forLearner(db, learnerId);
	const [{ attempts }] = await db
		.select({ attempts: count() })
		.from(quizAttempts)
		.where(eq(quizAttempts.learnerId, learnerId));
	return { completed: [...standings.values()].filter((standing) => standing.state === 'completed').length, attempts };
}
