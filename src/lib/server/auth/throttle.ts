import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { loginThrottles } from '$lib/server/db/schema';
import * as settings from '$lib/server/settings/settings';

// Slows repeated failures per account and per client. The state is in the database so that every server
// process sees it. Keys are keyed hashes: the table holds no email or IP address.

export interface ThrottlePolicy {
	/** Failures allowed before the first lock-out. */
	freeFailures: number;
	firstLockMs: number;
	maxLockMs: number;
}

export const accountPolicy: ThrottlePolicy = { freeFailures: 5, firstLockMs: 60_000, maxLockMs: 15 * 60_000 };
export const clientPolicy: ThrottlePolicy = { freeFailures: 20, firstLockMs: 60_000, maxLockMs: 15 * 60_000 };
/** Wrong join codes: a room of phones may share the venue's one address, so typos are many; code guessing is more. */
export const joinCodePolicy: ThrottlePolicy = { freeFailures: 100, firstLockMs: 60_000, maxLockMs: 15 * 60_000 };
/** A counter forgets failures this long after the last one. */
const forgetAfterMs = 24 * 60 * 60_000;

export async function throttleKey(db: Database, kind: 'account' | 'client' | 'resume' | 'join' | 'second-factor', value: string): Promise<string> {
	const secret = new TextEncoder().encode(await settings.serverSecret(db));
	return `${kind}:${encodeBase64urlNoPadding(hmac(SHA256, secret, new TextEncoder().encode(value.toLowerCase())))}`;
}

/** Whole minutes until a lock ends, as the refusal tells the person. */
export function minutesUntil(retryAt: Date, now = new Date()): number {
	return Math.ceil((retryAt.getTime() - now.getTime()) / 60_000);
}

/** When any key is locked, the time it may try again. */
export async function lockedUntil(db: Database, keys: string[], now = new Date()): Promise<Date | undefined> {
	const rows = await db.select().from(loginThrottles).where(inArray(loginThrottles.key, keys));
	const until = rows
		.map((row) => row.lockedUntil)
		.filter((date): date is Date => date !== null && date > now)
		.sort((a, b) => b.getTime() - a.getTime())[0];
	return until;
}

/** Lock length after `failures` failures: none while free, then doubling from the first lock up to the cap. */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
	if (failures <= policy.freeFailures) return 0;
	return Math.min(policy.firstLockMs * 2 ** (failures - policy.freeFailures - 1), policy.maxLockMs);
}

/** Failures older than a day are forgotten: these rows stand in for people's addresses, so they go quickly. */
export async function forgetOldFailures(db: Database, now = new Date()): Promise<number> {
	const forgotten = await db
		.delete(loginThrottles)
		.where(lt(loginThrottles.lastFailureAt, new Date(now.getTime() - forgetAfterMs)))
		.returning({ key: loginThrottles.key });
	return forgotten.length;
}

export async function recordFailure(db: Database, key: string, policy: ThrottlePolicy, now = new Date()): Promise<void> {
	await forgetOldFailures(db, now);
	const [row] = await db
		.insert(loginThrottles)
		.values({ key, failures: 1, lastFailureAt: now })
		.onConflictDoUpdate({
			target: loginThrottles.key,
			set: { failures: sql`${loginThrottles.failures} + 1`, lastFailureAt: now }
		})
		.returning();
	const lockMs = lockDurationMs(row.failures, policy);
	if (lockMs > 0) {
		await db
			.update(loginThrottles)
			.set({ lockedUntil: new Date(now.getTime() + lockMs) })
			.where(eq(loginThrottles.key, key));
	}
}

export async function clear(db: Database, key: string): Promise<void> {
	await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}
