import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDirectory } from './data-dir-lock';

// Backups of the embedded database: the whole PGlite folder as one compressed archive, taken while no server has
// the folder open (the folder's lock says so), and restored only into a folder that holds no database yet. The
// checksums let anyone confirm that a restore holds exactly what was backed up, table by table.

const pgliteFolder = (dataDir: string) => path.join(dataDir, 'pglite');

/** Writes the database in `dataDir` to `archive` (a .tar.gz); refuses while a server has the folder open. */
export async function backUp(dataDir: string, archive: string): Promise<void> {
	if (!fs.existsSync(pgliteFolder(dataDir))) throw new Error(`There is no embedded database in ${dataDir}`);
	const release = lockDataDirectory(path.join(dataDir, 'pglite.lock'));
	try {
		const client = await PGlite.create(pgliteFolder(dataDir));
		try {
			const dump = await client.dumpDataDir('gzip');
			fs.mkdirSync(path.dirname(archive), { recursive: true });
			fs.writeFileSync(archive, Buffer.from(await dump.arrayBuffer()));
		} finally {
			await client.close();
		}
	} finally {
		release();
	}
}

/** Restores `archive` into `dataDir`, which must not hold a database already: a restore never overwrites one. */
export async function restore(archive: string, dataDir: string): Promise<void> {
	if (fs.existsSync(pgliteFolder(dataDir)) && fs.readdirSync(pgliteFolder(dataDir)).length > 0) {
		throw new Error(`${dataDir} already holds a database; restore into an empty folder`);
	}
	const release = lockDataDirectory(path.join(dataDir, 'pglite.lock'));
	try {
		const client = await PGlite.create(pgliteFolder(dataDir), { loadDataDir: new Blob([fs.readFileSync(archive)]) });
		await client.close();
	} finally {
		release();
	}
}

/**
 * One checksum per table of the public schema: md5 over every row, in a fixed order. Equal checksums on both sides
 * of a backup and restore mean equal contents. The same query works on PostgreSQL (docs/operations.md).
 */
export async function tableChecksums(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, string>> {
	const tables = await query(
		`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
	);
	const sums: Record<string, string> = {};
	for (const { table_name: table } of tables as { table_name: string }[]) {
		const [row] = await query(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${table}" t`);
		sums[table] = String(row.sum);
	}
	return sums;
}

export async function checksumsOfDataDir(dataDir: string): Promise<Record<string, string>> {
	const release = lockDataDirectory(path.join(dataDir, 'pglite.lock'));
	try {
		const client = await PGlite.create(pgliteFolder(dataDir));
		try {
			return await tableChecksums(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
		} finally {
			await client.close();
		}
	} finally {
		release();
	}
}
