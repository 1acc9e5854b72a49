import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionOptionsFromEnv } from './config';

describe('connectionOptionsFromEnv', () => {
	it('uses the embedded PGlite in ./.data when nothing is set', () => {
		expect(connectionOptionsFromEnv({})).toEqual({ driver: 'pglite', dataDir: path.resolve('.data') });
	});

	it('moves the embedded data to DATA_DIR', () => {
		expect(connectionOptionsFromEnv({ DATA_DIR: '/tmp/d101' })).toEqual({ driver: 'pglite', dataDir: '/tmp/d101' });
	});

	it('switches to PostgreSQL when DATABASE_URL is a postgres URL', () => {
		const url = 'postgres://user@db.internal:5432/d101';
		expect(connectionOptionsFromEnv({ DATABASE_URL: url, DATA_DIR: '/ignored' })).toEqual({ driver: 'postgres', url });
	});

	it('refuses a DATABASE_URL that is not a postgres URL rather than silently using PGlite', () => {
		expect(() => connectionOptionsFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
	});
});
