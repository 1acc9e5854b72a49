import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from './types';

export const roles = ['facilitator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Facilitators and admins. Participants never have a row here. */
export const users = pgTable('users', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	role: text('role', { enum: roles }).notNull(),
	active: boolean('active').notNull().default(true),
	totpKey: bytea('totp_key'),
	/** The last TOTP period accepted, so a code cannot be used twice. */
	totpLastCounter: integer('totp_last_counter'),
	createdAt: timestamptz('created_at').notNull().default(sql`now()`)
});

/** Lucia-design sessions: the id is public, only a hash of the token's secret is kept. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: bytea('secret_hash').notNull(),
		twoFactorVerified: boolean('two_factor_verified').notNull().default(false),
		createdAt: timestamptz('created_at').notNull(),
		lastUsedAt: timestamptz('last_used_at').notNull()
	},
	(table) => [index('sessions_user_id_idx').on(table.userId)]
);

/** Hashes of unused recovery codes; a used code's row is deleted. */
export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: bytea('code_hash').notNull()
	},
	(table) => [primaryKey({ columns: [table.userId, table.codeHash] })]
);

/** Single-use links: the first admin's setup link and facilitators' invitations. */
export const accountLinks = pgTable(
	'account_links',
	{
		id: text('id').primaryKey(),
		secretHash: bytea('secret_hash').notNull(),
		purpose: text('purpose', { enum: ['setup', 'invite'] }).notNull(),
		/** The invited address; null for the setup link. */
		email: text('email'),
		invitedBy: text('invited_by').references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamptz('expires_at').notNull()
	},
	// One invitation per address: a second (a double click, a re-send) replaces the first.
	(table) => [uniqueIndex('account_links_invite_email_idx').on(table.email).where(sql`${table.purpose} = 'invite'`)]
);

/** Failed-login counters per account and per client, shared by every server process. Keys are keyed hashes. */
export const loginThrottles = pgTable('login_throttles', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	lastFailureAt: timestamptz('last_failure_at').notNull(),
	lockedUntil: timestamptz('locked_until')
});

/** Organization-wide settings set by admins, and server secrets made on first start. */
export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull()
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
