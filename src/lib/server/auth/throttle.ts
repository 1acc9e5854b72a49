import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { and, eq, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { loginThrottles } from '$lib/server/db/schema';
import * as settings from '$lib/server/settings/settings';

// Slows repeated guesses of a secret (a password, a second-factor code, a join or resume code) per account and per
// client. The state is in the database so that every server process sees it. Keys are keyed hashes: the table
// holds no email or IP address.
//
// A try is counted before the secret is checked, by one statement that also refuses it while a key is locked:
// a burst of guesses released together cannot all pass a check made before any of them is counted. A try
// that turns out right gives back what it took (or clears the key), so that success costs nothing.

export interface ThrottlePolicy {
	/** Tries allowed before the first lock-out. */
	freeFailures: number;
	firstLockMs: number;
	maxLockMs: number;
	/**
	 * What a right answer does: `forget` clears the key (the account proved itself), `refund` gives back this one
	 * try (an address many people share, where one person's success says nothing about another's guesses).
	 */
	onSuccess: 'forget' | 'refund';
}

const minute = 60_000;
export const accountPolicy: ThrottlePolicy = { freeFailures: 5, firstLockMs: minute, maxLockMs: 15 * minute, onSuccess: 'forget' };
export const clientPolicy: ThrottlePolicy = { freeFailures: 20, firstLockMs: minute, maxLockMs: 15 * minute, onSuccess: 'refund' };
/** Wrong join codes: a room of phones may share the venue's one address, so typos are many; code guessing is more. */
export const joinCodePolicy: ThrottlePolicy = { freeFailures: 100, firstLockMs: minute, maxLockMs: 15 * minute, onSuccess: 'refund' };
/**
 * New anonymous learners from one address in a day: a venue may hold several large workshops behind one address,
 * but nobody makes thousands of learners except to inflate the statistics. Every one counts (none is given back).
 */
export const newLearnerPolicy: ThrottlePolicy = { freeFailures: 2_000, firstLockMs: 15 * minute, maxLockMs: 60 * minute, onSuccess: 'forget' };
/** A counter forgets tries this long after the last one. */
const forgetAfterMs = 24 * 60 * minute;

/** What each kind of key limits, and by which policy. */
const policyOf = {
	account: accountPolicy,
	client: clientPolicy,
	'second-factor': accountPolicy,
	resume: clientPolicy,
	join: joinCodePolicy,
	'new-learner': newLearnerPolicy
} satisfies Record<string, ThrottlePolicy>;

export type ThrottleKind = keyof typeof policyOf;

export async function throttleKey(db: Database, kind: ThrottleKind, value: string): Promise<string> {
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

/** Lock length after `failures` tries: none while free, then doubling from the first lock up to the cap. */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
	if (failures <= policy.freeFailures) return 0;
	return Math.min(policy.firstLockMs * 2 ** Math.min(failures - policy.freeFailures - 1, 30), policy.maxLockMs);
}

/** Failures older than a day are forgotten: these rows stand in for people's addresses, so they go quickly. */
export async function forgetOldFailures(db: Database, now = new Date()): Promise<number> {
	const forgotten = await db
		.delete(loginThrottles)
		.where(lt(loginThrottles.lastFailureAt, new Date(now.getTime() - forgetAfterMs)))
		.returning({ key: loginThrottles.key });
	return forgotten.length;
}

interface Limit {
	key: string;
	policy: ThrottlePolicy;
}

/** A try taken against some limits; `succeeded` gives back what a right answer should not cost. */
export interface Attempt {
	succeeded(): Promise<void>;
}

/**
 * Takes one try against the limit of each (kind, value) at once, before the secret is checked: one statement counts it on every key
 * that is not locked, and sets the lock the try earns, so the tries that follow it in a burst find the key locked.
 * When any key is locked the answer is when to try again (the other keys keep the try: whoever keeps guessing at
 * a locked account still spends their address's allowance). A count older than a day starts again.
 */
export async function attempt(db: Database, tries: [ThrottleKind, string][], now = new Date()): Promise<Attempt | { retryAt: Date }> {
	const limits: Limit[] = await Promise.all(tries.map(async ([kind, value]) => ({ key: await throttleKey(db, kind, value), policy: policyOf[kind] })));
	const at = sql`${now.toISOString()}::timestamptz`;
	const stale = sql`${new Date(now.getTime() - forgetAfterMs).toISOString()}::timestamptz`;
	const next = sql`case when ${loginThrottles.lastFailureAt} < ${stale} then 1 else ${loginThrottles.failures} + 1 end`;
	const lockByKey = sql.join(
		limits.map(({ key, policy }) => sql`when ${loginThrottles.key} = ${key} then ${lockAfterSql(next, policy, at)}`),
		sql` `
	);
	const counted = await db
		.insert(loginThrottles)
		.values(limits.map(({ key, policy }) => ({ key, failures: 1, lastFailureAt: now, lockedUntil: lockAfter(1, policy, now) })))
		.onConflictDoUpdate({
			target: loginThrottles.key,
			set: { failures: next, lastFailureAt: now, lockedUntil: sql`case ${lockByKey} end` },
			setWhere: sql`${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} <= ${at}`
		})
		.returning({ key: loginThrottles.key, lockedUntil: loginThrottles.lockedUntil });
	const keys = limits.map((limit) => limit.key);
	if (counted.length < limits.length) return { retryAt: (await lockedUntil(db, keys, now)) ?? new Date(now.getTime() + minute) };
	const locksSet = new Map(counted.map((row) => [row.key, row.lockedUntil]));
	return { succeeded: () => giveBack(db, limits, locksSet) };
}

function lockAfter(failures: number, policy: ThrottlePolicy, now: Date): Date | null {
	const lockMs = lockDurationMs(failures, policy);
	return lockMs > 0 ? new Date(now.getTime() + lockMs) : null;
}

/** lockDurationMs for the count `failures`, in SQL, from `at`. */
function lockAfterSql(failures: SQL, policy: ThrottlePolicy, at: SQL): SQL {
	const ms = sql`least(${policy.firstLockMs} * power(2, least(${failures} - ${policy.freeFailures} - 1, 30)), ${policy.maxLockMs})`;
	return sql`case when ${failures} > ${policy.freeFailures} then ${at} + ${ms} * interval '1 millisecond' end`;
}

/**
 * What a right answer gives back. Per account, everything. Per client, its own try, and the lock that try set, if
 * no later try has set another: a right answer must not lock out the people behind the same address, nor may it
 * lift a lock that someone else's wrong answer earned.
 */
async function giveBack(db: Database, limits: Limit[], locksSet: Map<string, Date | null>): Promise<void> {
	for (const { key, policy } of limits) {
		if (policy.onSuccess === 'forget') {
			await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
			continue;
		}
		// A row back at no tries goes: these rows stand in for people's addresses.
		await db.delete(loginThrottles).where(and(eq(loginThrottles.key, key), lte(loginThrottles.failures, 1)));
		const left = sql`${loginThrottles.failures} - 1`;
		const ownLock = locksSet.get(key);
		const liftOwnLock = ownLock ? sql`${loginThrottles.lockedUntil} = ${ownLock.toISOString()}::timestamptz` : sql`false`;
		await db
			.update(loginThrottles)
			.set({
				failures: left,
				lockedUntil: sql`case when ${left} <= ${policy.freeFailures} or ${liftOwnLock} then null else ${loginThrottles.lockedUntil} end`
			})
			.where(eq(loginThrottles.key, key));
	}
}
