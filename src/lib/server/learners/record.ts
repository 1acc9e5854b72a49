import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { attemptAnswers, learners, lessonProgress, quizAttempts, workshopAnswers, workshopParticipants, workshops } from '$lib/server/db/schema';

// Everything the platform holds about one learner, as they may download it: their dates, progress, every quiz
// attempt with its answers, and each workshop they joined under the name they gave, with their answers there.
// Nothing that could open the record again (no token or code, not even hashed) and nothing about anyone else.

export async function ownRecord(db: Database, learnerId: string) {
	const [learner] = await db
		.select({ createdOn: learners.createdOn, lastSeenOn: learners.lastSeenOn, resumeCodeHash: learners.resumeCodeHash })
		.from(learners)
		.where(eq(learners.id, learnerId));
	if (!learner) return undefined;

	const progress = await db
		.select({ lessonId: lessonProgress.lessonId, startedOn: lessonProgress.startedOn, readOn: lessonProgress.readOn, passedOn: lessonProgress.passedOn })
		.from(lessonProgress)
		.where(eq(lessonProgress.learnerId, learnerId))
		.orderBy(asc(lessonProgress.startedOn), asc(lessonProgress.lessonId));
	const attempts = await db
		.select()
		.from(quizAttempts)
		.where(eq(quizAttempts.learnerId, learnerId))
		.orderBy(asc(quizAttempts.submittedOn), asc(quizAttempts.id));
	const answers = attempts.length
		? await db.select().from(attemptAnswers).where(inArray(attemptAnswers.attemptId, attempts.map((attempt) => attempt.id)))
		: [];
	const joined = await db
		.select({ id: workshopParticipants.id, displayName: workshopParticipants.displayName, title: workshops.title, heldOn: workshops.heldOn })
		.from(workshopParticipants)
		.innerJoin(workshops, eq(workshops.id, workshopParticipants.workshopId))
		.where(eq(workshopParticipants.learnerId, learnerId));
	const roomAnswers = joined.length
		? await db.select().from(workshopAnswers).where(inArray(workshopAnswers.participantId, joined.map((person) => person.id)))
		: [];

	return {
		createdOn: learner.createdOn,
		lastSeenOn: learner.lastSeenOn,
		hasResumeCode: learner.resumeCodeHash !== null,
		lessons: progress,
		quizAttempts: attempts.map((attempt) => ({
			lessonId: attempt.lessonId,
			submittedOn: attempt.submittedOn,
			correct: attempt.correctCount,
			total: attempt.total,
			percent: attempt.percent,
			passed: attempt.passed,
			answers: answers
				.filter((answer) => answer.attemptId === attempt.id)
				.map(({ questionId, chosen, correct }) => ({ questionId, chosen, correct }))
		})),
		workshops: joined.map((person) => ({
			title: person.title,
			heldOn: person.heldOn,
			displayName: person.displayName,
			answers: roomAnswers
				.filter((answer) => answer.participantId === person.id)
				.map(({ lessonId, questionId, chosen, correct }) => ({ lessonId, questionId, chosen, correct }))
		}))
	};
}
