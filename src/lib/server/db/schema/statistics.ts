import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

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
