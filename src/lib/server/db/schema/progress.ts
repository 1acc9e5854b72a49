import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { learners } from './learners';

// A learner's progress through the lessons. Dates only to the day: nothing here needs the hour.

/** Where a learner stands in one lesson; completed once it has been read and its quiz passed. */
export const lessonProgress = pgTable(
	'lesson_progress',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id').notNull(),
		/** The day the lesson was first read or attempted: where the statistics' funnel counts a start. */
		startedOn: date('started_on', { mode: 'string' }).notNull().default(sql`current_date`),
		readOn: date('read_on', { mode: 'string' }),
		passedOn: date('passed_on', { mode: 'string' })
	},
	(table) => [
		primaryKey({ columns: [table.learnerId, table.lessonId] }),
		index('lesson_progress_started_idx').on(table.startedOn),
		index('lesson_progress_completed_idx').on(sql`greatest(${table.readOn}, ${table.passedOn})`)
	]
);

/** Every quiz attempt, kept; the submission key made in the form makes a retried submission count once. */
export const quizAttempts = pgTable(
	'quiz_attempts',
	{
		id: text('id').primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id').notNull(),
		submissionKey: text('submission_key').notNull(),
		correctCount: integer('correct_count').notNull(),
		total: integer('total').notNull(),
		percent: integer('percent').notNull(),
		passed: boolean('passed').notNull(),
		submittedOn: date('submitted_on', { mode: 'string' }).notNull().default(sql`current_date`)
	},
	(table) => [
		uniqueIndex('quiz_attempts_submission_idx').on(table.learnerId, table.submissionKey),
		index('quiz_attempts_lesson_idx').on(table.lessonId),
		index('quiz_attempts_submitted_idx').on(table.submittedOn)
	]
);

/** One answer of an attempt, with the version of the question as it was answered, so later edits never rewrite it. */
export const attemptAnswers = pgTable(
	'attempt_answers',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => quizAttempts.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		questionVersion: text('question_version').notNull(),
		chosen: jsonb('chosen').$type<string[]>().notNull(),
		correct: boolean('correct').notNull()
	},
	(table) => [primaryKey({ columns: [table.attemptId, table.questionId] })]
);

export type QuizAttempt = typeof quizAttempts.$inferSelect;
