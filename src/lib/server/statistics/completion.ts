import { sql, type SQL } from 'drizzle-orm';

// What "completed" means, written once: for a learner's own record, the workshop report, the dashboards and their
// CSV exports alike (docs/statistics.md, Definitions). A lesson is completed by a person who has passed its quiz
// where they studied it:
// - on their own, when they have read the lesson to the end and passed its quiz (on the later of the two days);
// - in a workshop room, when their live answers to the lesson's questions reach its pass mark over every question
//   the room was asked in that lesson (a question not answered counts as wrong, so one right answer to the only
//   question someone answered is not a completion).
// The pure rules below and their SQL twins say the same thing; completion.test.ts holds them to it.

/** Self-paced: read to the end and quiz passed. */
export function selfPacedCompleted(progress: { readOn: unknown; passedOn: unknown }): boolean {
	return progress.readOn != null && progress.passedOn != null;
}

/** The same on a `lesson_progress` row: whether completed. */
export const selfPacedCompletedSql = sql`(read_on is not null and passed_on is not null)`;

/** The day a self-paced lesson was completed: the later of the day it was read and the day its quiz was passed. */
export const selfPacedCompletedOnSql = sql`greatest(read_on, passed_on)`;

/**
 * In a room: `correct` right answers out of `asked` questions the room was asked in the lesson reach `passMark`
 * percent. Nothing asked, nothing completed.
 */
export function roomSittingCompleted(sitting: { correct: number; asked: number }, passMark: number): boolean {
	return sitting.asked > 0 && sitting.correct * 100 >= passMark * sitting.asked;
}

/** The same in SQL, on columns or expressions. */
export function roomSittingCompletedSql(correct: SQL, asked: SQL, passMark: SQL): SQL {
	return sql`(${asked} > 0 and ${correct} * 100 >= ${passMark} * ${asked})`;
}
