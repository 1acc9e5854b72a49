import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import type { Database } from '$lib/server/db';
import { accountLinks, type User } from '$lib/server/db/schema';
import * as accounts from './accounts';
import { newToken, parseToken, secretMatches } from './tokens';

// Single-use links: the setup link that creates the first admin, and facilitators' invitations.

export const setupLinkLifetimeMs = 60 * 60_000;
export const inviteLifetimeMs = 7 * 24 * 60 * 60_000;

/** An expired invitation stays listed this long, so an admin can send it again, and then goes with its address. */
export const expiredInviteKeptMs = 30 * 24 * 60 * 60_000;

type LinkPurpose = 'setup' | 'invite';

/** Deletes links past use: expired setup links, and invitations expired for longer than they stay listed. */
export async function deleteStaleLinks(db: Database, now = new Date()): Promise<number> {
	const stale = await db
		.delete(accountLinks)
		.where(
			or(
				and(eq(accountLinks.purpose, 'setup'), lt(accountLinks.expiresAt, now)),
				lt(accountLinks.expiresAt, new Date(now.getTime() - expiredInviteKeptMs))
			)
		)
		.returning({ id: accountLinks.id });
	return stale.length;
}

async function findLink(db: Database, token: string, purpose: LinkPurpose, now: Date) {
	const parsed = parseToken(token);
	if (!parsed) return undefined;
	const [link] = await db
		.select()
		.from(accountLinks)
		.where(and(eq(accountLinks.id, parsed.id), eq(accountLinks.purpose, purpose), gt(accountLinks.expiresAt, now)));
	return link && secretMatches(parsed.secret, link.secretHash) ? link : undefined;
}

/** Deletes the link and reports whether this call was the one that did, so a link is used once even under races. */
async function consumeLink(db: Database, linkId: string): Promise<boolean> {
	const deleted = await db.delete(accountLinks).where(eq(accountLinks.id, linkId)).returning({ id: accountLinks.id });
	return deleted.length === 1;
}

/** A new setup link when no admin exists (older setup links are dropped); undefined once there is an admin. */
export async function createSetupLink(db: Database, now = new Date()): Promise<string | undefined> {
	if (await accounts.adminExists(db)) return undefined;
	await db.delete(accountLinks).where(eq(accountLinks.purpose, 'setup'));
	const { id, token, secretHash } = newToken();
	await db.insert(accountLinks).values({ id, secretHash, purpose: 'setup', expiresAt: new Date(now.getTime() + setupLinkLifetimeMs) });
	return token;
}

export async function setupLinkIsValid(db: Database, token: string, now = new Date()): Promise<boolean> {
	return (await findLink(db, token, 'setup', now)) !== undefined;
}

/** Creates the first admin from a setup link. */
export async function claimSetupLink(
	db: Database,
	token: string,
	input: { email: string; displayName: string; password: string },
	now = new Date()
): Promise<{ user: User } | { problem: accounts.AccountProblem | 'link_invalid' }> {
	const link = await findLink(db, token, 'setup', now);
	if (!link || (await accounts.adminExists(db))) return { problem: 'link_invalid' };
	return createAccountSpendingLink(db, link.id, { ...input, role: 'admin' });
}

/**
 * Creates the account and deletes its link in one transaction: invalid input leaves the link usable, and of two
 * racing claims only the one that deletes the link keeps its account.
 */
async function createAccountSpendingLink(
	db: Database,
	linkId: string,
	input: Parameters<typeof accounts.create>[1]
): Promise<{ user: User } | { problem: accounts.AccountProblem | 'link_invalid' }> {
	try {
		return await db.transaction(async (tx) => {
			const result = await accounts.create(tx as unknown as Database, input);
			if ('user' in result && !(await consumeLink(tx as unknown as Database, linkId))) tx.rollback();
			return result;
		});
	} catch (error) {
		if (error instanceof TransactionRollbackError) return { problem: 'link_invalid' };
		throw error;
	}
}

/**
 * Invites an address. An address has one invitation at most: inviting it again (a double click, a second admin, a
 * re-send) replaces the secret and the expiry of the one there, whose old link then stops working. The row keeps
 * its id, so a "send again" button on a list shown before still finds it.
 */
export async function createInvite(db: Database, invitedBy: string, email: string, now = new Date()) {
	const { id, secret, secretHash } = newToken();
	const expiresAt = new Date(now.getTime() + inviteLifetimeMs);
	const [stored] = await db
		.insert(accountLinks)
		.values({ id, secretHash, purpose: 'invite', email: accounts.normalizeEmail(email), invitedBy, expiresAt })
		.onConflictDoUpdate({
			target: accountLinks.email,
			targetWhere: sql`${accountLinks.purpose} = 'invite'`,
			set: { secretHash, expiresAt, invitedBy }
		})
		.returning({ id: accountLinks.id });
	return { token: `${stored.id}.${secret}`, expiresAt };
}

/** The invited email address, while the invitation is valid. */
export async function readInvite(db: Database, token: string, now = new Date()): Promise<string | undefined> {
	return (await findLink(db, token, 'invite', now))?.email ?? undefined;
}

/** Creates the invited facilitator's account; the link then stops working. */
export async function acceptInvite(
	db: Database,
	token: string,
	input: { displayName: string; password: string },
	now = new Date()
): Promise<{ user: User } | { problem: accounts.AccountProblem | 'link_invalid' }> {
	const link = await findLink(db, token, 'invite', now);
	if (!link?.email) return { problem: 'link_invalid' };
	return createAccountSpendingLink(db, link.id, { ...input, email: link.email, role: 'facilitator' });
}

/** Invitations not yet accepted, newest first (expired ones included, so they can be sent again). */
export async function listInvites(db: Database) {
	return db
		.select({ id: accountLinks.id, email: accountLinks.email, expiresAt: accountLinks.expiresAt })
		.from(accountLinks)
		.where(eq(accountLinks.purpose, 'invite'))
		.orderBy(desc(accountLinks.expiresAt));
}

/** Replaces an invitation's link with a fresh one (a new secret and expiry); undefined when it is gone (accepted). */
export async function reinvite(db: Database, inviteId: string, invitedBy: string, now = new Date()) {
	const { secret, secretHash } = newToken();
	const expiresAt = new Date(now.getTime() + inviteLifetimeMs);
	const [renewed] = await db
		.update(accountLinks)
		.set({ secretHash, expiresAt, invitedBy })
		.where(and(eq(accountLinks.id, inviteId), eq(accountLinks.purpose, 'invite')))
		.returning({ id: accountLinks.id, email: accountLinks.email });
	return renewed?.email ? { token: `${renewed.id}.${secret}`, expiresAt, email: renewed.email } : undefined;
}
