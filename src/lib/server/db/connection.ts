import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { lockDataDirectory } from './data-dir-lock';

/** One drizzle type for both drivers: domain code never needs to know which one it runs on. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConnection {
	db: Database;
	driver: 'pglite' | 'postgres';
	/** Answers whether the database responds to a trivial query. */
	ping(): Promise<boolean>;
	/**
	 * Messages between the app processes sharing this database (PostgreSQL LISTEN/NOTIFY). Absent on PGlite, which
	 * one process owns, so an in-process event is enough there.
	 */
	channel?: {
		/** `onListening` runs each time listening starts: first, and again after a lost connection is made again. */
		listen(name: string, onMessage: (payload: string) => void, onListening?: () => void): Promise<void>;
		notify(name: string, payload: string): Promise<void>;
	};
	/**
	 * Runs `work` while this process alone holds the database's migration lock (PostgreSQL's advisory lock), so
	 * that app processes starting together migrate one after another. Absent on PGlite, which one process owns.
	 */
	exclusively?<T>(work: (db: Database) => Promise<T>): Promise<T>;
	/** The embedded client itself, for what only PGlite does: COPY to and from memory (backups). */
	pglite?: PGlite;
	close(): Promise<void>;
}

/**
 * How long a pooled connection waits before trying PostgreSQL again after an attempt failed. postgres.js's own
 * delay grows as 3^n/100 s up to 20 s, and a query waits it out: in a 10 s outage a query took up to 10 s to fail
 * (so /readyz hung), and the first query once the database was back took up to 4 s
 * (tests/fault/postgres-restart.test.ts). At most a second here: one try per connection per second is no load,
 * and the LISTEN connection for workshop rooms, made with the same options, comes back as fast.
 */
function reconnectDelaySeconds(failuresInARow: number): number {
	return Math.min(0.05 * 2 ** failuresInARow, 1);
}

/** An arbitrary constant naming this app's migration lock among PostgreSQL advisory locks. */
const migrationLockKey = 7_311_101;

export type ConnectionOptions =
	| { driver: 'postgres'; url: string; maxConnections?: number }
	| { driver: 'pglite'; dataDir: string }
	| { driver: 'pglite'; inMemory: true };

/** Opens PGlite (on disk, locked to this process, or in memory) or a postgres.js pool. */
export async function openConnection(options: ConnectionOptions): Promise<DatabaseConnection> {
	if (options.driver === 'postgres') {
		const client = postgres(options.url, {
			max: options.maxConnections ?? 10,
			backoff: reconnectDelaySeconds,
			onnotice: () => {}
		});
		const db = drizzlePostgres(client, { schema }) as unknown as Database;
		return {
			db,
			driver: 'postgres',
			ping: () => ping(db),
			channel: {
				listen: async (name, onMessage, onListening) => void (await client.listen(name, onMessage, onListening)),
				notify: async (name, payload) => void (await client.notify(name, payload))
			},
			async exclusively(work) {
				// One connection, so the session that takes the lock is the one that does the work.
				const single = postgres(options.url, { max: 1, onnotice: () => {} });
				try {
					await single`select pg_advisory_lock(${migrationLockKey})`;
					return await work(drizzlePostgres(single, { schema }) as unknown as Database);
				} finally {
					await single.end({ timeout: 5 });
				}
			},
			close: () => client.end({ timeout: 5 })
		};
	}

	let release = () => {};
	let client: PGlite;
	if ('dataDir' in options) {
		release = lockDataDirectory(path.join(options.dataDir, 'pglite.lock'));
		try {
			// Default durability (never relaxedDurability). On Node, PGlite writes each commit into the data files
			// before the query returns, so an answer we acknowledge survives the process being killed
			// (tests/fault/kill-mid-burst.test.ts). It never calls fsync, though: an OS crash or a power cut can lose
			// the last answers still in the OS's cache. Where that matters, PostgreSQL.
			client = await PGlite.create(path.join(options.dataDir, 'pglite'));
		} catch (error) {
			release();
			throw error;
		}
	} else {
		client = await PGlite.create();
	}
	const db = drizzlePglite(client, { schema }) as unknown as Database;
	return {
		db,
		driver: 'pglite',
		ping: () => ping(db),
		pglite: client,
		close: async () => {
			try {
				if (!client.closed) await client.close();
			} finally {
				release();
			}
		}
	};
}

async function ping(db: Database): Promise<boolean> {
	try {
		await db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}
