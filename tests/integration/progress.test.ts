import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { QuizFile } from '../../src/lib/server/curriculum/schema';
import { attemptAnswers, quizAttempts } from '../../src/lib/server/db/schema';
import * as learners from '../../src/lib/server/learners/learners';
import * as progress from '../../src/lib/server/progress/progress';
import { gradeQuiz } from '../../src/lib/server/quizzes/scoring';
import { describeEachDatabase } from '../helpers/test-databases';

const text = { en: 'x', es: 'x' };
const quiz: QuizFile = {
	pass_mark: 70,
	questions: ['a', 'b', 'c', 'd'].map((id) => ({ id, type: 'true_false' as const, prompt: text, explanation: text, answer: true }))
};
const versions = { a: 'v1', b: 'v1', c: 'v1', d: 'v1' };
const allRight = { a: ['true'], b: ['true'], c: ['true'], d: ['true'] };
const halfRight = { a: ['true'], b: ['true'], c: ['false'], d: ['false'] };

describeEachDatabase('quiz progress', (db) => {
	async function submit(learnerId: string, answers: Record<string, string[]>, submissionKey = crypto.randomUUID()) {
		return progress.recordAttempt(db(), {
			learnerId,
			lessonId: 'at-the-door',
			submissionKey,
			result: gradeQuiz(quiz, answers),
			questionVersions: versions
		});
	}

	it('records concurrent duplicate submissions of one attempt exactly once', async () => {
		const { learner } = await learners.create(db());
		const key = crypto.randomUUID();
		const results = await Promise.all(Array.from({ length: 12 }, () => submit(learner.id, allRight, key)));
		expect(results.filter((result) => result.created)).toHaveLength(1);
		expect(new Set(results.map((result) => result.attemptId)).size).toBe(1);
		expect(results.every((result) => result.result.percent === 100)).toBe(true);
		const rows = await db().select().from(quizAttempts).where(eq(quizAttempts.learnerId, learner.id));
		expect(rows).toHaveLength(1);
		expect(await db().select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, rows[0].id))).toHaveLength(4);
	});

	it('answers a replayed submission with the attempt recorded first, even if the replay differs', async () => {
		const { learner } = await learners.create(db());
		const key = crypto.randomUUID();
		await submit(learner.id, halfRight, key);
		const replay = await submit(learner.id, allRight, key);
		expect(replay.created).toBe(false);
		expect(replay.result).toMatchObject({ percent: 50, passed: false });
		expect(replay.result.answers.find((answer) => answer.questionId === 'c')).toEqual({ questionId: 'c', chosen: ['false'], correct: false });
	});

	it('keeps every attempt, with the version of each question as answered', async () => {
		const { learner } = await learners.create(db());
		await submit(learner.id, halfRight);
		await submit(learner.id, allRight);
		const rows = await db().select().from(quizAttempts).where(eq(quizAttempts.learnerId, learner.id));
		expect(rows.map((row) => row.percent).sort()).toEqual([100, 50]);
		const answers = await db().select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, rows[0].id));
		expect(answers.every((answer) => answer.questionVersion === 'v1')).toBe(true);
	});

	it('completes a lesson only once it is both read and passed, in either order', async () => {
		const reader = (await learners.create(db())).learner;
		await submit(reader.id, halfRight);
		expect(progress.standingIn(await progress.forLearner(db(), reader.id), 'at-the-door').state).toBe('in_progress');
		await submit(reader.id, allRight);
		expect(progress.standingIn(await progress.forLearner(db(), reader.id), 'at-the-door')).toEqual({
			read: false,
			passed: true,
			state: 'in_progress'
		});
		await progress.markRead(db(), reader.id, 'at-the-door');
		expect(progress.standingIn(await progress.forLearner(db(), reader.id), 'at-the-door').state).toBe('completed');

		const other = (await learners.create(db())).learner;
		await progress.markRead(db(), other.id, 'at-the-door');
		await submit(other.id, allRight);
		// A later failed attempt does not undo a pass.
		await submit(other.id, halfRight);
		expect(progress.standingIn(await progress.forLearner(db(), other.id), 'at-the-door').state).toBe('completed');
		expect(progress.standingIn(await progress.forLearner(db(), other.id), 'on-the-street').state).toBe('not_started');
	});

	it('erases a learner’s attempts and progress when the learner is forgotten', async () => {
		const { learner } = await learners.create(db());
		await submit(learner.id, allRight);
		await progress.markRead(db(), learner.id, 'at-the-door');
		await learners.forget(db(), learner.id);
		expect(await db().select().from(quizAttempts).where(eq(quizAttempts.learnerId, learner.id))).toHaveLength(0);
		expect((await progress.forLearner(db(), learner.id)).size).toBe(0);
	});
});
