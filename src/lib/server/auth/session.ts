import type { Cookies } from '@sveltejs/kit';
import { eq, and, lt, ne, or } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { sessions, users, type Session, type User } from '$lib/server/db/schema';
import { newToken, parseToken, secretMatches } from './tokens';
import { isSecure } from '$lib/server/http/secure';
import * as live from '$lib/server/workshops/live';

export const idleTimeoutMs = 12 * 60 * 60 * 1000;
export const absoluteTimeoutMs = 7 * 24 * 60 * 60 * 1000;
/** last_used_at is written at most this often, so that reading pages does not write on every request. */
const touchIntervalMs = 60 * 1000;

export type SessionUser = Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'active'> & { hasTwoFactor: boolean };
export type SessionValidationResult =
	| { session: Session; user: SessionUser }
	| { session: null; user: null };

/** Creates a session for a user who has just proved who they are; always a new token (no fixation). */
export async function createSession(
	db: Database,
	userId: string,
	options: { twoFactorVerified: boolean; now?: Date }
): Promise<{ token: string; session: Session }> {
	const now = options.now ?? new Date();
	const { id, token, secretHash } = newToken();
	const [session] = await db
		.insert(sessions)
		.values({ id, userId, secretHash, twoFactorVerified: options.twoFactorVerified, createdAt: now, lastUsedAt: now })
		.returning();
	return { token, session };
}

export function sessionExpiresAt(session: Pick<Session, 'createdAt' | 'lastUsedAt'>): Date {
	return new Date(
		Math.min(session.lastUsedAt.getTime() + idleTimeoutMs, session.createdAt.getTime() + absoluteTimeoutMs)
	);
}

/** Deletes the sessions that have expired without being presented again (the hourly purge). */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<number> {
	const expired = await db
		.delete(sessions)
		.where(
			or(
				lt(sessions.lastUsedAt, new Date(now.getTime() - idleTimeoutMs)),
				lt(sessions.createdAt, new Date(now.getTime() - absoluteTimeoutMs))
			)
		)
		.returning({ id: sessions.id });
	return expired.length;
}

/** Finds the live session for a token: expired, deactivated or forged tokens give nothing (and expired rows go). */
export async function validateSessionToken(
	db: Database,
	token: string,
	now = new Date()
): Promise<SessionValidationResult> {
	const parsed = parseToken(token);
	if (!parsed) return { session: null, user: null };
	const [row] = await db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, parsed.id));
	if (!row || !secretMatches(parsed.secret, row.session.secretHash)) return { session: null, user: null };
	if (now >= sessionExpiresAt(row.session) || !row.user.active) {
		await invalidateSession(db, row.session.id);
		return { session: null, user: null };
	}
	if (now.getTime() - row.session.lastUsedAt.getTime() >= touchIntervalMs) {
		row.session.lastUsedAt = now;
		await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, row.session.id));
	}
	const { id, email, displayName, role, active, totpKey } = row.user;
	return { session: row.session, user: { id, email, displayName, role, active, hasTwoFactor: totpKey !== null } };
}

export async function markSessionTwoFactorVerified(db: Database, sessionId: string): Promise<void> {
	await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}

/** Ends a session; a live room it still follows, in any process, stops at once. */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	await live.announceSessionsEnded();
}

/** Ends every session of a user, or every one but `exceptSessionId`, and the live rooms they follow. */
export async function invalidateUserSessions(db: Database, userId: string, exceptSessionId?: string): Promise<void> {
	await db
		.delete(sessions)
		.where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
	await live.announceSessionsEnded();
}

/**
 * Whether a session still holds (not signed out, revoked, expired, nor its user deactivated), without touching
 * it: what an open live stream asks before each message. One lookup by primary key.
 */
export async function isSessionLive(db: Database, sessionId: string, now = new Date()): Promise<boolean> {
	const [row] = await db
		.select({ createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt, active: users.active })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sessionId));
	return row !== undefined && row.active && now < sessionExpiresAt(row);
}

export async function listUserSessions(db: Database, userId: string, now = new Date()) {
	const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
	return rows
		.filter((session) => sessionExpiresAt(session) > now)
		.sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime())
		.map(({ id, createdAt, lastUsedAt }) => ({ id, createdAt, lastUsedAt }));
}

/** `__Host-` binds the cookie to this exact origin over HTTPS; plain HTTP (local use) cannot carry that prefix. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-d101_session' : 'd101_session';
}

export function setSessionTokenCookie(cookies: Cookies, secure: boolean, token: string, expiresAt: Date): void {
	cookies.set(sessionCookieName(secure), token, { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: expiresAt });
}

export function deleteSessionTokenCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', path: '/', secure });
}

/** Signs a user in on this device: a new session and its cookie. The second factor, if any, is still to come. */
export async function startSession(db: Database, cookies: Cookies, url: URL, userId: string): Promise<void> {
	const { token, session } = await createSession(db, userId, { twoFactorVerified: false });
	setSessionTokenCookie(cookies, isSecure(url), token, sessionExpiresAt(session));
}
