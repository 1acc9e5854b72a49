// `npm run db:backup [-- --out FILE]`: the embedded database (DATA_DIR, default .data), row by row, to one file (by
// default DATA_DIR/backups/d101-<time>.jsonl.gz), then the checksum of every table. Stop the server first: the
// backup refuses a folder a running server holds. For PostgreSQL, see docs/operations.md.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backUp, checksumsOfDataDir } from '../src/lib/server/db/backup';

const dataDir = process.env.DATA_DIR ?? '.data';
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const archive = values.out ?? path.join(dataDir, 'backups', `d101-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`);

try {
	await backUp(dataDir, archive);
} catch (error) {
	console.error(`db: ${(error as Error).message}`);
	process.exit(1);
}
console.log(`Backed up ${dataDir} to ${archive}. Table checksums (compare them after a restore):`);
for (const [table, sum] of Object.entries(await checksumsOfDataDir(dataDir))) console.log(`  ${table.padEnd(28)} ${sum}`);
