import { eq, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { settings } from '$lib/server/db/schema';

export interface OrganizationSettings {
	/** Every facilitator and admin must use a second factor. */
	requireTwoFactor: boolean;
	/** Hours after a workshop ends before its participants' names, answers and device links are erased. */
	workshopRetentionHours: number;
	/** Days without a visit after which an anonymous learner and all their progress are erased. */
	learnerRetentionDays: number;
}

export const retentionLimits = { workshopRetentionHours: { min: 1, max: 24 * 30 }, learnerRetentionDays: { min: 1, max: 3650 } };

const defaults: OrganizationSettings = { requireTwoFactor: false, workshopRetentionHours: 24, learnerRetentionDays: 180 };

export async function read(db: Database): Promise<OrganizationSettings> {
	const [row] = await db.select().from(settings).where(eq(settings.key, 'organization'));
	return { ...defaults, ...(row?.value as Partial<OrganizationSettings> | undefined) };
}

export async function update(db: Database, changes: Partial<OrganizationSettings>): Promise<void> {
	const value = { ...(await read(db)), ...changes };
	await db
		.insert(settings)
		.values({ key: 'organization', value })
		.onConflictDoUpdate({ target: settings.key, set: { value } });
}

const secrets = new WeakMap<Database, Promise<string>>();

/**
 * A random secret made on first use and shared by every process through the database: it keys the hashes
 * that stand in for client addresses and email addresses in the login limiter. It never changes once made,
 * so each process reads it once.
 */
export function serverSecret(db: Database): Promise<string> {
	let secret = secrets.get(db);
	if (!secret) {
		secret = readOrCreateServerSecret(db);
		secrets.set(db, secret);
		secret.catch(() => secrets.delete(db));
	}
	return secret;
}

async function readOrCreateServerSecret(db: Database): Promise<string> {
	const candidate = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
	await db.insert(settings).values({ key: 'server_secret', value: sql`to_jsonb(${candidate}::text)` }).onConflictDoNothing();
	const [row] = await db.select().from(settings).where(eq(settings.key, 'server_secret'));
	return row.value as string;
}
