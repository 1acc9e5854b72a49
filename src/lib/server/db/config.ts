import path from 'node:path';
import type { ConnectionOptions } from './connection';

/**
 * The one place that reads DATABASE_URL and DATA_DIR: a postgres:// URL selects PostgreSQL,
 * anything else the embedded PGlite in DATA_DIR (default ./.data).
 */
export function connectionOptionsFromEnv(env: Record<string, string | undefined>): ConnectionOptions {
	const url = env.DATABASE_URL?.trim();
	if (url) {
		if (!/^postgres(ql)?:\/\//.test(url)) {
			throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
		}
		return { driver: 'postgres', url };
	}
	return { driver: 'pglite', dataDir: path.resolve(env.DATA_DIR?.trim() || '.data') };
}

/** Where `npm run db:backup` keeps the embedded database's backups by default; none on PostgreSQL. */
export function backupsFolder(options: ConnectionOptions): string | undefined {
	return 'dataDir' in options ? path.join(options.dataDir, 'backups') : undefined;
}
