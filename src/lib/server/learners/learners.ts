import { error, type Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { eq } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { learners, workshopParticipants, type Learner } from '$lib/server/db/schema';
import * as throttle from '$lib/server/auth/throttle';
import { randomSecret } from '$lib/server/auth/tokens';
import { isCode, normalizeCode, randomCode } from '$lib/server/crockford';
import { isSecure } from '$lib/server/http/secure';
import * as live from '$lib/server/workshops/live';

// Anonymous participants. A learner is a random token in a cookie; nothing about the person is asked or kept.

/** `__Host-` binds the cookie to this exact origin over HTTPS, so no other host can plant a learner on this one. */
export function learnerCookieName(secure: boolean): string {
	return secure ? '__Host-d101_learner' : 'd101_learner';
}
const cookieMaxAgeSeconds = 180 * 24 * 60 * 60;

function hash(value: string): Uint8Array {
	return sha256(new TextEncoder().encode(value));
}

export async function create(db: Database): Promise<{ learner: Learner; token: string }> {
	const token = randomSecret();
	const [learner] = await db.insert(learners).values({ id: randomSecret(), tokenHash: hash(token) }).returning();
	return { learner, token };
}

/** The learner behind a cookie token; marks them seen today. */
export async function findByToken(db: Database, token: string): Promise<Learner | undefined> {
	if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
	const [learner] = await db.select().from(learners).where(eq(learners.tokenHash, hash(token)));
	const today = new Date().toISOString().slice(0, 10);
	if (learner && learner.lastSeenOn !== today) {
		await db.update(learners).set({ lastSeenOn: today }).where(eq(learners.id, learner.id));
		learner.lastSeenOn = today;
	}
	return learner;
}

/** 13 Crockford base32 symbols (65 bits), grouped for reading aloud: "7KQ2-M9XD-4TRPB". */
export function generateResumeCode(): string {
	return randomCode([4, 4, 5]);
}

/** Gives the learner a new resume code (an older one stops working) and returns it to show once. */
export async function issueResumeCode(db: Database, learnerId: string): Promise<string> {
	const code = generateResumeCode();
	await db.update(learners).set({ resumeCodeHash: hash(normalizeCode(code)) }).where(eq(learners.id, learnerId));
	return code;
}

/**
 * Moves a learner to this device: a new cookie token replaces the old one, so a lost phone stops working, and a
 * new resume code replaces the one used, so a code seen over a shoulder works once at most. Undefined when no
 * learner has that code.
 */
export async function resume(
	db: Database,
	code: string
): Promise<{ learner: Learner; token: string; resumeCode: string } | undefined> {
	const normalized = normalizeCode(code);
	if (!isCode(normalized, 13)) return undefined;
	const token = randomSecret();
	const resumeCode = generateResumeCode();
	const [learner] = await db
		.update(learners)
		.set({ tokenHash: hash(token), resumeCodeHash: hash(normalizeCode(resumeCode)) })
		.where(eq(learners.resumeCodeHash, hash(normalized)))
		.returning();
	return learner && { learner, token, resumeCode };
}

/**
 * `resume` for someone at `clientAddress`: every try counts against the address before the code is looked up
 * (a right one gives it back), so that nobody walks the space of codes.
 */
export async function resumeFrom(
	db: Database,
	code: string,
	clientAddress: string
): Promise<Awaited<ReturnType<typeof resume>> | { retryAt: Date }> {
	const tried = await throttle.attempt(db, [['resume', clientAddress]]);
	if ('retryAt' in tried) return { retryAt: tried.retryAt };
	const resumed = await resume(db, code);
	if (resumed) await tried.succeeded();
	return resumed;
}

/**
 * Erases the learner and, through cascading keys, everything tied to them; the rooms they were in hear of it, so
 * that a stream still open on one (another tab, another process) stops.
 */
export async function forget(db: Database, learnerId: string): Promise<void> {
	const rooms = await db
		.select({ workshopId: workshopParticipants.workshopId })
		.from(workshopParticipants)
		.where(eq(workshopParticipants.learnerId, learnerId));
	await db.delete(learners).where(eq(learners.id, learnerId));
	for (const { workshopId } of rooms) await live.announce(workshopId);
}

export function setLearnerCookie(cookies: Cookies, secure: boolean, token: string): void {
	cookies.set(learnerCookieName(secure), token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: cookieMaxAgeSeconds });
}

export function deleteLearnerCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(learnerCookieName(secure), { httpOnly: true, sameSite: 'lax', path: '/', secure });
}

/**
 * The learner this request belongs to, made now (with its cookie) if this is the first thing they record. New
 * learners are counted per client address, so that nobody inflates the statistics with made-up learners.
 */
export async function ensureForRequest(
	db: Database,
	event: { locals: App.Locals; cookies: Cookies; url: URL; getClientAddress(): string }
): Promise<Learner> {
	if (event.locals.learner) return event.locals.learner;
	const counted = await throttle.attempt(db, [['new-learner', event.getClientAddress()]]);
	if ('retryAt' in counted) error(429, 'Too many new visitors from this network today. Please try again later.');
	const { learner, token } = await create(db);
	setLearnerCookie(event.cookies, isSecure(event.url), token);
	event.locals.learner = learner;
	return learner;
}
