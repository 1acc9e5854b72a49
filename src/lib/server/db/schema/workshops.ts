import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { learners } from './learners';
import { timestamptz } from './types';

/** A workshop a facilitator runs, with the live state of the room: where it is and which question is open. */
export const workshops = pgTable(
	'workshops',
	{
		id: text('id').primaryKey(),
		facilitatorId: text('facilitator_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		heldOn: date('held_on', { mode: 'string' }).notNull(),
		/** The last day (UTC) it was planned, joined or moved: a workshop nobody ended is erased counting from here or its day. */
		activeOn: date('active_on', { mode: 'string' }),
		locationLabel: text('location_label'),
		region: text('region'),
		/** Lesson ids in the order they are taught. */
		agenda: jsonb('agenda').$type<string[]>().notNull(),
		/** Six characters without look-alikes; kept while the workshop runs, so people already in the room get back in. */
		joinCode: text('join_code'),
		/** Whether new people may join; people already in the room get back in either way. */
		joiningOpen: boolean('joining_open').notNull().default(true),
		/** A practice run: the statistics leave it out. */
		practice: boolean('practice').notNull().default(false),
		/** A random key the create form carries, so that sending the form twice creates one workshop. */
		creationKey: text('creation_key'),
		joinExpiresAt: timestamptz('join_expires_at').notNull(),
		endedAt: timestamptz('ended_at'),
		/** Set when the facilitator ended the workshop and erased everyone's names and answers in one action. */
		erasedAt: timestamptz('erased_at'),
		createdAt: timestamptz('created_at').notNull().default(sql`now()`),
		/** Index into the agenda of the lesson on screen. */
		position: integer('position').notNull().default(0),
		openQuestionId: text('open_question_id'),
		revealed: boolean('revealed').notNull().default(false),
		/** Grows with every change of the room, so a client can tell a newer state from an older one. */
		version: integer('version').notNull().default(0)
	},
	(table) => [
		uniqueIndex('workshops_join_code_idx').on(table.joinCode),
		uniqueIndex('workshops_creation_key_idx').on(table.facilitatorId, table.creationKey),
		index('workshops_facilitator_idx').on(table.facilitatorId),
		index('workshops_held_idx').on(table.heldOn)
	]
);

/** Someone in the room: a learner (or a table sharing one device) under a name they chose or were given. */
export const workshopParticipants = pgTable(
	'workshop_participants',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		displayName: text('display_name').notNull(),
		isGroup: boolean('is_group').notNull().default(false),
		removed: boolean('removed').notNull().default(false)
	},
	(table) => [uniqueIndex('workshop_participants_learner_idx').on(table.workshopId, table.learnerId)]
);

/** One answer per participant per question opened to the room: a late or repeated answer counts once. */
export const workshopAnswers = pgTable(
	'workshop_answers',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => workshopParticipants.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id').notNull(),
		questionId: text('question_id').notNull(),
		questionVersion: text('question_version').notNull(),
		chosen: jsonb('chosen').$type<string[]>().notNull(),
		correct: boolean('correct').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.participantId, table.lessonId, table.questionId] }),
		index('workshop_answers_question_idx').on(table.workshopId, table.lessonId, table.questionId)
	]
);

export type Workshop = typeof workshops.$inferSelect;
export type WorkshopParticipant = typeof workshopParticipants.$inferSelect;
