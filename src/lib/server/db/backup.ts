import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { openConnection } from './connection';
import { applyMigrations, defaultMigrationsFolder } from './migrate';

// Backups of the embedded database, row by row (COPY), never as a copy of the folder's files: the files keep what
// was erased until PostgreSQL reuses the space (deleted rows, the write-ahead log), so a participant's name erased
// an hour ago would live on inside a file copy for as long as the backup is kept. An archive holds the rows as they
// are now, with the migrations they were written under; a restore applies those migrations to an empty folder and
// loads the rows. The checksums let anyone confirm that a restore holds exactly what was backed up.

const format = 'deportation101-backup';

interface Header {
	format: typeof format;
	version: 1;
	/** The `created_at` of each migration applied, from drizzle's own table: the journal's `when`. */
	migrations: number[];
}

interface TableRows {
	table: string;
	/** PostgreSQL's COPY text format: every type round-trips exactly. */
	copy: string;
}

const pgliteFolder = (dataDir: string) => path.join(dataDir, 'pglite');

/** The app's tables: what a backup holds and what the checksums cover. */
const publicTablesQuery = `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;

async function publicTables(client: PGlite): Promise<string[]> {
	const { rows } = await client.query<{ table_name: string }>(publicTablesQuery);
	return rows.map((row) => row.table_name);
}

/** Writes the database in `dataDir` to `archive` (gzipped JSON lines); refuses while a server has the folder open. */
export async function backUp(dataDir: string, archive: string): Promise<void> {
	if (!fs.existsSync(pgliteFolder(dataDir))) throw new Error(`There is no embedded database in ${dataDir}`);
	const connection = await openConnection({ driver: 'pglite', dataDir });
	try {
		const client = connection.pglite!;
		const { rows: [{ migrated }] } = await client.query<{ migrated: boolean }>(
			`select to_regclass('drizzle.__drizzle_migrations') is not null as migrated`
		);
		const { rows: applied } = migrated
			? await client.query<{ created_at: string }>(`select created_at::text from drizzle.__drizzle_migrations order by id`)
			: { rows: [] };
		const header: Header = { format, version: 1, migrations: applied.map((row) => Number(row.created_at)) };
		const tables = await publicTables(client);
		async function* lines() {
			yield `${JSON.stringify(header)}\n`;
			for (const table of tables) {
				const { blob } = await client.query(`copy "${table}" to '/dev/blob'`);
				const rows: TableRows = { table, copy: (await blob?.text()) ?? '' };
				yield `${JSON.stringify(rows)}\n`;
			}
		}
		fs.mkdirSync(path.dirname(archive), { recursive: true });
		await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(archive));
	} finally {
		await connection.close();
	}
}

/** Restores `archive` into `dataDir`, which must not hold a database already: a restore never overwrites one. */
export async function restore(archive: string, dataDir: string, migrationsFolder = defaultMigrationsFolder): Promise<void> {
	if (fs.existsSync(pgliteFolder(dataDir)) && fs.readdirSync(pgliteFolder(dataDir)).length > 0) {
		throw new Error(`${dataDir} already holds a database; restore into an empty folder`);
	}
	const input = readline.createInterface({ input: fs.createReadStream(archive).pipe(zlib.createGunzip()), crlfDelay: Infinity });
	const lines = input[Symbol.asyncIterator]();
	const header = await readHeader(lines);
	if (header?.format !== format || header.version !== 1) throw new Error(`${archive} is not a backup made by npm run db:backup`);

	const connection = await openConnection({ driver: 'pglite', dataDir });
	try {
		// The schema the rows were written under; the server applies any later migrations when it starts.
		const folder = migrationsUpTo(migrationsFolder, header.migrations ?? []);
		try {
			await applyMigrations(connection, folder);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
		const client = connection.pglite!;
		await client.transaction(async (tx) => {
			// Rows go in table by table; the foreign keys held when they were copied out.
			await tx.exec('set local session_replication_role = replica');
			for await (const line of { [Symbol.asyncIterator]: () => lines }) {
				const { table, copy } = JSON.parse(line) as TableRows;
				await tx.query(`copy "${table}" from '/dev/blob'`, [], { blob: new Blob([copy]) });
			}
		});
	} finally {
		await connection.close();
	}
}

/** The first line of an archive, or nothing when the file is not gzipped JSON lines. */
async function readHeader(lines: AsyncIterator<string>): Promise<Partial<Header> | undefined> {
	try {
		const first = await lines.next();
		return first.done ? undefined : (JSON.parse(first.value) as Partial<Header>);
	} catch {
		return undefined;
	}
}

/** A copy of the migrations folder that holds only the migrations a backup was made under, in the same order. */
function migrationsUpTo(folder: string, applied: number[]): string {
	const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
	const known = journal.entries.slice(0, applied.length);
	if (known.length !== applied.length || known.some((entry, index) => entry.when !== applied[index])) {
		throw new Error('This backup was made by a version of the app whose migrations this one does not have; restore it with that version');
	}
	const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-restore-migrations-'));
	fs.cpSync(folder, copy, { recursive: true });
	fs.writeFileSync(path.join(copy, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: known }));
	return copy;
}

/**
 * One checksum per table of the public schema: md5 over every row, in a fixed order. Equal checksums on both sides
 * of a backup and restore mean equal contents. The same query works on PostgreSQL (docs/operations.md).
 */
export async function tableChecksums(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, string>> {
	const tables = await query(publicTablesQuery);
	const sums: Record<string, string> = {};
	for (const { table_name: table } of tables as { table_name: string }[]) {
		const [row] = await query(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${table}" t`);
		sums[table] = String(row.sum);
	}
	return sums;
}

export async function checksumsOfDataDir(dataDir: string): Promise<Record<string, string>> {
	const connection = await openConnection({ driver: 'pglite', dataDir });
	try {
		const client = connection.pglite!;
		return await tableChecksums(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
	} finally {
		await connection.close();
	}
}
