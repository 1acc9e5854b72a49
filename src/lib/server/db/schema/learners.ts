import { sql } from 'drizzle-orm';
import { date, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea } from './types';

/**
 * Anonymous participants: a random token in a cookie, and optionally a resume code to continue elsewhere.
 * No name, email or phone; dates only to the day, which is all that retention needs.
 */
export const learners = pgTable('learners', {
	id: text('id').primaryKey(),
	tokenHash: bytea('token_hash').notNull().unique(),
	resumeCodeHash: bytea('resume_code_hash').unique(),
	createdOn: date('created_on', { mode: 'string' }).notNull().default(sql`current_date`),
	lastSeenOn: date('last_seen_on', { mode: 'string' }).notNull().default(sql`current_date`)
});

export type Learner = typeof learners.$inferSelect;
