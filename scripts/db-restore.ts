// `npm run db:restore -- FILE --into FOLDER`: a backup made by `npm run db:backup` into a folder that holds no
// database yet (a restore never overwrites one), then the checksum of every table, to compare with the backup's.
// Point DATA_DIR at the folder to serve it.
import { parseArgs } from 'node:util';
import { checksumsOfDataDir, restore } from '../src/lib/server/db/backup';

const { values, positionals } = parseArgs({ options: { into: { type: 'string' } }, allowPositionals: true });
const [archive] = positionals;
if (!archive || !values.into) {
	console.error('Usage: npm run db:restore -- <backup.jsonl.gz> --into <empty folder>');
	process.exit(2);
}
try {
	await restore(archive, values.into);
} catch (error) {
	console.error(`db: ${(error as Error).message}`);
	process.exit(1);
}
console.log(`Restored ${archive} into ${values.into}. Table checksums:`);
for (const [table, sum] of Object.entries(await checksumsOfDataDir(values.into))) console.log(`  ${table.padEnd(28)} ${sum}`);
