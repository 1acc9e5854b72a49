import fs from 'node:fs';
import path from 'node:path';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DatabaseConnection } from './connection';

export const defaultMigrationsFolder = path.resolve('drizzle');

/** A migration failed; nothing of it (nor of the others pending in the same run) was applied. */
export class MigrationError extends Error {
	constructor(
		readonly migration: string,
		readonly cause: unknown
	) {
		super(`Migration ${migration} failed and was rolled back: ${describe(cause)}`);
		this.name = 'MigrationError';
	}
}

/**
 * Applies the pending migrations of `folder` with drizzle's migrator, the same files for both drivers.
 * Drizzle runs them in one transaction, so a failure leaves the database as it was before the run.
 */
export async function applyMigrations(
	connection: DatabaseConnection,
	folder = defaultMigrationsFolder
): Promise<void> {
	const config = { migrationsFolder: folder };
	try {
		if (connection.driver === 'pglite') {
			await migratePglite(connection.db as unknown as PgliteDatabase, config);
		} else {
			// Processes starting together on one database take turns; the later ones then find nothing to apply.
			await connection.exclusively!((db) => migratePostgres(db as unknown as PostgresJsDatabase, config));
		}
	} catch (error) {
		throw new MigrationError(findFailedMigration(folder, error) ?? 'unknown', error);
	}
}

/** Names the migration file whose statement failed, from the query that drizzle reports. */
function findFailedMigration(folder: string, error: unknown): string | undefined {
	if (!(error instanceof DrizzleQueryError)) return undefined;
	const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
		entries: { tag: string }[];
	};
	const failedStatement = error.query.trim();
	for (const { tag } of journal.entries) {
		const statements = fs
			.readFileSync(path.join(folder, `${tag}.sql`), 'utf8')
			.split('--> statement-breakpoint')
			.map((statement) => statement.trim());
		if (statements.includes(failedStatement)) return `${tag}.sql`;
	}
	return undefined;
}

function describe(error: unknown): string {
	if (error instanceof DrizzleQueryError && error.cause instanceof Error) return error.cause.message;
	return error instanceof Error ? error.message : String(error);
}
