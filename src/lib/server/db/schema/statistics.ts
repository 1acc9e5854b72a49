import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { workshops } from './workshops';

/**
 * Self-paced figures per day and lesson, rolled up once a day is over: every row of the progress and attempt
 * tables is dated the day it was written, so a past day never changes. The dashboard reads these instead of
 * scanning every attempt, and they outlive the learners they count when those are erased: aggregates only.
 */
export const selfPacedDays = pgTable(
	'stats_self_paced_days',
	{
		day: date('day', { mode: 'string' }).notNull(),
		lessonId: text('lesson_id').notNull(),
		started: integer('started').notNull(),
		completed: integer('completed').notNull(),
		attempts: integer('attempts').notNull(),
		passed: integer('passed').notNull(),
		scoreSum: integer('score_sum').notNull(),
		/** Attempts in each score band: 0–9 %, 10–19 % … 90–99 %, 100 %. */
		scoreBands: integer('score_bands').array().notNull()
	},
	(table) => [primaryKey({ columns: [table.day, table.lessonId] })]
);

/** How far each rollup has got: every day up to and including `rolled_through` is in its table. */
export const rollups = pgTable('stats_rollups', {
	name: text('name').primaryKey(),
	rolledThrough: date('rolled_through', { mode: 'string' }).notNull()
});

// A workshop's figures, rolled up from its participants' rows in the transaction that erases those rows (the
// facilitator's end and erase, retention's purge). The statistics add them to the figures of the rows still live,
// so an erasure changes no figure. Counts only, keyed by workshop, lesson and question: never a participant, a
// learner or a name. Participants the facilitator removed are left out, as the statistics leave them out.

/** How many participants of a workshop were erased. */
export const workshopAttendanceCounts = pgTable('stats_workshop_attendance', {
	workshopId: text('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	attendance: integer('attendance').notNull()
});

/**
 * Erased sittings (one participant's answers to one lesson's questions in the room), counted by how many of its
 * questions the sitting answered and how many right: enough for starts, completions (against the pass mark in
 * force when the figures are read), score bands and mean scores.
 */
export const workshopSittingCounts = pgTable(
	'stats_workshop_sittings',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id').notNull(),
		answered: integer('answered').notNull(),
		correct: integer('correct').notNull(),
		sittings: integer('sittings').notNull()
	},
	// Named, as the generated name passes PostgreSQL's 63 characters.
	(table) => [primaryKey({ name: 'stats_workshop_sittings_pk', columns: [table.workshopId, table.lessonId, table.answered, table.correct] })]
);

/**
 * Erased answers to each question (as it was written then), counted by the score of the sitting they belong to:
 * the item analysis ranks sittings by score, so this is what it needs for the share right in its upper and lower
 * groups.
 */
export const workshopAnswerCounts = pgTable(
	'stats_workshop_answers',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id').notNull(),
		questionId: text('question_id').notNull(),
		questionVersion: text('question_version').notNull(),
		/** Answers right in the whole sitting: its score, by which the item analysis ranks it. */
		sittingCorrect: integer('sitting_correct').notNull(),
		answered: integer('answered').notNull(),
		correct: integer('correct').notNull()
	},
	(table) => [
		primaryKey({
			name: 'stats_workshop_answers_pk',
			columns: [table.workshopId, table.lessonId, table.questionId, table.questionVersion, table.sittingCorrect]
		})
	]
);

/** How many erased wrong answers to each question picked each choice: the item analysis's most chosen wrong answer. */
export const workshopWrongChoiceCounts = pgTable(
	'stats_workshop_wrong_choices',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id').notNull(),
		questionId: text('question_id').notNull(),
		questionVersion: text('question_version').notNull(),
		choice: text('choice').notNull(),
		times: integer('times').notNull()
	},
	(table) => [
		primaryKey({
			name: 'stats_workshop_wrong_choices_pk',
			columns: [table.workshopId, table.lessonId, table.questionId, table.questionVersion, table.choice]
		})
	]
);
