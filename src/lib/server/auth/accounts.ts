import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { users, type Role, type User } from '$lib/server/db/schema';
import { cleanDisplayName, displayNameLimits } from '$lib/server/display-name';
import { checkPasswordPolicy, hashPassword, needsRehash, verifyPassword, type PasswordProblem } from './password';
import { invalidateUserSessions } from './session';
import * as throttle from './throttle';
import { randomSecret } from './tokens';

// Facilitator and admin accounts: creation, login, password changes, deactivation.

export type AccountProblem = PasswordProblem | 'email_taken' | 'email_invalid' | 'name_invalid';

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function checkEmail(email: string): boolean {
	return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

export async function create(
	db: Database,
	input: { email: string; displayName: string; password: string; role: Role }
): Promise<{ user: User } | { problem: AccountProblem }> {
	const email = normalizeEmail(input.email);
	const displayName = cleanDisplayName(input.displayName, displayNameLimits.staff, 'refuse');
	if (!checkEmail(email)) return { problem: 'email_invalid' };
	if (!displayName) return { problem: 'name_invalid' };
	const passwordProblem = checkPasswordPolicy(input.password);
	if (passwordProblem) return { problem: passwordProblem };
	const passwordHash = await hashPassword(input.password);
	const [user] = await db
		.insert(users)
		.values({ id: randomSecret(), email, displayName, passwordHash, role: input.role })
		.onConflictDoNothing({ target: users.email })
		.returning();
	return user ? { user } : { problem: 'email_taken' };
}

export async function get(db: Database, userId: string): Promise<User | undefined> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	return user;
}

export async function adminExists(db: Database): Promise<boolean> {
	const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true))).limit(1);
	return rows.length > 0;
}

export type LoginResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAt: Date };

/**
 * Checks an email and password. Unknown accounts cost the same hashing work as known ones and get the same
 * answer; every try counts against the account and the client address before the password is checked (a right
 * one gives it back), and a locked key says when to retry.
 */
export async function logIn(
	db: Database,
	input: { email: string; password: string; clientAddress: string; now?: Date }
): Promise<LoginResult> {
	const now = input.now ?? new Date();
	const email = normalizeEmail(input.email);
	const tried = await throttle.attempt(db, [['account', email], ['client', input.clientAddress]], now);
	if ('retryAt' in tried) return { ok: false, reason: 'throttled', retryAt: tried.retryAt };

	const [user] = await db.select().from(users).where(eq(users.email, email));
	const valid = await verifyPassword(user?.passwordHash, input.password);
	if (!user || !valid || !user.active) return { ok: false, reason: 'invalid' };
	await tried.succeeded();
	if (needsRehash(user.passwordHash)) {
		user.passwordHash = await hashPassword(input.password);
		await db.update(users).set({ passwordHash: user.passwordHash }).where(eq(users.id, user.id));
	}
	return { ok: true, user };
}

/** Changes a password after checking the current one; optionally ends every other session of the user. */
export async function changePassword(
	db: Database,
	input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string; endOtherSessions: boolean }
): Promise<{ ok: true } | { ok: false; problem: PasswordProblem | 'wrong_password' | 'throttled' }> {
	const user = await get(db, input.userId);
	if (!user) return { ok: false, problem: 'wrong_password' };
	// Wrong current passwords count as failed logins of the account: an open session is no way to guess it.
	const tried = await throttle.attempt(db, [['account', user.email]]);
	if ('retryAt' in tried) return { ok: false, problem: 'throttled' };
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, problem: 'wrong_password' };
	await tried.succeeded();
	const problem = checkPasswordPolicy(input.newPassword);
	if (problem) return { ok: false, problem };
	await db.update(users).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(users.id, user.id));
	if (input.endOtherSessions) await invalidateUserSessions(db, user.id, input.keepSessionId);
	return { ok: true };
}

export async function listFacilitators(db: Database) {
	return db
		.select({ id: users.id, email: users.email, displayName: users.displayName, active: users.active, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.role, 'facilitator'))
		.orderBy(asc(users.displayName));
}

/** Deactivates a facilitator: every open session ends at once. Admins are not deactivated here. */
export async function deactivateFacilitator(db: Database, userId: string): Promise<boolean> {
	const updated = await db
		.update(users)
		.set({ active: false })
		.where(and(eq(users.id, userId), eq(users.role, 'facilitator')))
		.returning({ id: users.id });
	if (updated.length === 0) return false;
	await invalidateUserSessions(db, userId);
	return true;
}

export async function reactivateFacilitator(db: Database, userId: string): Promise<boolean> {
	const updated = await db
		.update(users)
		.set({ active: true })
		.where(and(eq(users.id, userId), eq(users.role, 'facilitator')))
		.returning({ id: users.id });
	return updated.length > 0;
}
