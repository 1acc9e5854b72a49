import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { recoveryCodes, users } from '$lib/server/db/schema';
import * as throttle from './throttle';
import { generateRecoveryCodes, hashRecoveryCode, verifyTotpCode } from './totp';

// TOTP as a second factor, with single-use recovery codes. Only hashes of recovery codes are stored.

/** Turns TOTP on once the user proves their app has the key; returns the recovery codes to show once. */
export async function enable(
	db: Database,
	userId: string,
	key: Uint8Array,
	code: string,
	now = new Date()
): Promise<{ recoveryCodes: string[] } | { problem: 'wrong_code' | 'already_enabled' }> {
	const counter = verifyTotpCode(key, code, now);
	if (counter === undefined) return { problem: 'wrong_code' };
	// Only where there is none yet: replacing a second factor would need no proof of the current one.
	const enabled = await db
		.update(users)
		.set({ totpKey: key, totpLastCounter: counter })
		.where(and(eq(users.id, userId), isNull(users.totpKey)))
		.returning({ id: users.id });
	if (enabled.length === 0) return { problem: 'already_enabled' };
	return { recoveryCodes: await replaceRecoveryCodes(db, userId) };
}

export async function disable(db: Database, userId: string): Promise<void> {
	await db.update(users).set({ totpKey: null, totpLastCounter: null }).where(eq(users.id, userId));
	await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function replaceRecoveryCodes(db: Database, userId: string): Promise<string[]> {
	const codes = generateRecoveryCodes();
	await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	await db.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
	return codes;
}

/** Accepts a current TOTP code once: a code already used (or older than the last one used) is refused. */
export async function verifyCode(db: Database, userId: string, code: string, now = new Date()): Promise<boolean> {
	const [user] = await db.select({ totpKey: users.totpKey }).from(users).where(eq(users.id, userId));
	if (!user?.totpKey) return false;
	const counter = verifyTotpCode(user.totpKey, code, now);
	if (counter === undefined) return false;
	const accepted = await db
		.update(users)
		.set({ totpLastCounter: counter })
		.where(and(eq(users.id, userId), or(isNull(users.totpLastCounter), lt(users.totpLastCounter, counter))))
		.returning({ id: users.id });
	return accepted.length === 1;
}

/** Spends a recovery code. */
export async function useRecoveryCode(db: Database, userId: string, code: string): Promise<boolean> {
	const deleted = await db
		.delete(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code))))
		.returning({ userId: recoveryCodes.userId });
	return deleted.length === 1;
}

/**
 * Checks a second-factor code: the second step of logging in, and the proof asked before the second factor is
 * changed or removed. Every try counts against the account before the code is checked, as passwords do: six
 * digits would otherwise fall to anyone holding the password (or an open session) and a few hours.
 */
export async function verifySecondFactor(
	db: Database,
	userId: string,
	check: 'totp' | 'recovery',
	code: string,
	now = new Date()
): Promise<'accepted' | 'wrong' | { retryAt: Date }> {
	const tried = await throttle.attempt(db, [['second-factor', userId]], now);
	if ('retryAt' in tried) return { retryAt: tried.retryAt };
	const accepted = check === 'totp' ? await verifyCode(db, userId, code, now) : await useRecoveryCode(db, userId, code);
	if (!accepted) return 'wrong';
	await tried.succeeded();
	return 'accepted';
}
