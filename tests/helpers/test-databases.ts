import { afterAll, beforeAll, describe } from 'vitest';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openConnection, type DatabaseConnection } from '../../src/lib/server/db/connection';
import { applyMigrations } from '../../src/lib/server/db/migrate';

export interface TestDatabase {
	connection: DatabaseConnection;
	/** Closes the connection and removes the database. */
	drop(): Promise<void>;
}

export interface TestDatabaseKind {
	name: 'PGlite' | 'PostgreSQL';
	/** Why this kind is not run here, or undefined when it is. */
	skipReason?: string;
	/** A new, empty database of this kind; migrated unless `migrate: false`. */
	create(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

/** The PostgreSQL server the tests may create databases on. */
export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

/**
 * The reason a test needing PostgreSQL reports for not running, or undefined when nothing is missing. Under
 * REQUIRE_POSTGRES=1 (as CI runs) a missing server is an error instead: a quiet skip there would hide every race
 * that PGlite, one query at a time, cannot show.
 */
export function unlessPostgresRequired(missing: string | undefined): string | undefined {
	if (missing && process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1, but ${missing}`);
	return missing;
}

/** Why there is no PostgreSQL server to test against, or undefined when TEST_DATABASE_URL names one. */
export function postgresMissing(): string | undefined {
	return unlessPostgresRequired(serverUrl ? undefined : 'TEST_DATABASE_URL is unset, so there is no PostgreSQL server to test against');
}

/** Every database kind the integration tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabaseKinds: TestDatabaseKind[] = [
	{
		name: 'PGlite',
		async create({ migrate = true } = {}) {
			const connection = await openConnection({ driver: 'pglite', inMemory: true });
			if (migrate) await applyMigrations(connection);
			return { connection, drop: () => connection.close() };
		}
	},
	{
		name: 'PostgreSQL',
		skipReason: postgresMissing(),
		async create({ migrate = true } = {}) {
			const { url, drop } = await createServerDatabase(serverUrl!);
			const connection = await openConnection({ driver: 'postgres', url, maxConnections: 5 });
			if (migrate) await applyMigrations(connection);
			return {
				connection,
				drop: async () => {
					await connection.close();
					await drop();
				}
			};
		}
	}
];

/** Creates a uniquely named database on the server, so that parallel runs never collide or see leftovers. */
export async function createServerDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `d101_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
			try {
				await cleanup.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await cleanup.end();
			}
		}
	};
}

/** Runs `work` with a fresh database on the server at `adminUrl` (as the app's environment), then drops it. */
export async function withServerDatabase(adminUrl: string, work: (env: { DATABASE_URL: string }) => Promise<void>): Promise<void> {
	const database = await createServerDatabase(adminUrl);
	try {
		await work({ DATABASE_URL: database.url });
	} finally {
		await database.drop();
	}
}

/**
 * Runs a suite once per database kind, each on a fresh migrated database; a kind that cannot run here is
 * reported as skipped with its reason in the suite's name.
 */
export function describeEachDatabase(title: string, suite: (db: () => DatabaseConnection['db']) => void): void {
	for (const kind of testDatabaseKinds) {
		const name = `${title} on ${kind.name}${kind.skipReason ? ` (not run: ${kind.skipReason})` : ''}`;
		describe.skipIf(kind.skipReason)(name, () => {
			let database: TestDatabase;
			beforeAll(async () => {
				database = await kind.create();
			});
			afterAll(() => database?.drop());
			suite(() => database.connection.db);
		});
	}
}
