import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError } from '../../src/lib/server/db/migrate';
import { openConnection } from '../../src/lib/server/db/connection';
import { createServerDatabase, postgresMissing, serverUrl, testDatabaseKinds, type TestDatabase } from '../helpers/test-databases';

type Column = { table_name: string; column_name: string; data_type: string; is_nullable: string };

async function publicColumns(database: TestDatabase): Promise<Column[]> {
	const result = await database.connection.db.execute(sql`
		select table_name, column_name, data_type, is_nullable
		from information_schema.columns
		where table_schema = 'public'
		order by table_name, column_name`);
	return (result as unknown as { rows?: Column[] }).rows ?? (result as unknown as Column[]);
}

/** A copy of the real migrations with one more, broken migration after them. */
function migrationsWithBrokenLast(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-migrations-'));
	fs.cpSync('drizzle', folder, { recursive: true });
	const journalPath = path.join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
	const last = journal.entries.at(-1);
	journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_broken' });
	fs.writeFileSync(journalPath, JSON.stringify(journal));
	fs.writeFileSync(
		path.join(folder, '9999_broken.sql'),
		'CREATE TABLE "half_done" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "no_such_table" ADD COLUMN "x" integer;'
	);
	return folder;
}

const columnsByKind = new Map<string, Column[]>();

for (const kind of testDatabaseKinds) {
	describe.skipIf(kind.skipReason)(`migrations on ${kind.name}${kind.skipReason ? ` (not run: ${kind.skipReason})` : ''}`, () => {
		let database: TestDatabase;
		beforeAll(async () => {
			database = await kind.create({ migrate: false });
		});
		afterAll(() => database?.drop());

		it('applies every migration in drizzle/ to an empty database', async () => {
			await applyMigrations(database.connection);
			const columns = await publicColumns(database);
			expect(columns.map((column) => column.table_name)).toContain('sessions');
			columnsByKind.set(kind.name, columns);
		});

		it('applies nothing the second time', async () => {
			await applyMigrations(database.connection);
			expect(await publicColumns(database)).toEqual(columnsByKind.get(kind.name));
		});

		it('names a failing migration and leaves the database as it was before it', async () => {
			const before = await publicColumns(database);
			const error = await applyMigrations(database.connection, migrationsWithBrokenLast()).catch((e) => e);
			expect(error).toBeInstanceOf(MigrationError);
			expect(error.message).toContain('9999_broken.sql');
			expect(error.message).toContain('no_such_table');
			expect(await publicColumns(database)).toEqual(before);
		});
	});
}

describe.skipIf(testDatabaseKinds.some((kind) => kind.skipReason))('PGlite and PostgreSQL', () => {
	it('end up with the same tables and columns from the same migrations', () => {
		const [pglite, postgresql] = [columnsByKind.get('PGlite'), columnsByKind.get('PostgreSQL')];
		expect(pglite?.length).toBeGreaterThan(0);
		expect(pglite).toEqual(postgresql);
	});
});

describe.skipIf(postgresMissing())('migrations on PostgreSQL from several processes at once', () => {
	it('are applied by one while the others wait, and nobody fails', async () => {
		const { url, drop } = await createServerDatabase(serverUrl!);
		const connections = await Promise.all([1, 2, 3].map(() => openConnection({ driver: 'postgres', url, maxConnections: 2 })));
		try {
			const outcomes = await Promise.allSettled(connections.map((connection) => applyMigrations(connection)));
			expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
			const applied = (await connections[0].db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { n: number }[];
			expect(applied[0].n).toBe(JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')).entries.length);
		} finally {
			await Promise.all(connections.map((connection) => connection.close()));
			await drop();
		}
	});
});
