import { defineConfig } from 'drizzle-kit';

// Generating migrations needs no database; `drizzle-kit studio` and `push` use DATABASE_URL when it is set,
// else the embedded PGlite folder.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	...(process.env.DATABASE_URL
		? { dbCredentials: { url: process.env.DATABASE_URL } }
		: { driver: 'pglite', dbCredentials: { url: `${process.env.DATA_DIR ?? '.data'}/pglite` } }),
	strict: true,
	verbose: true
});
