import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import { openConnection } from '../../src/lib/server/db/connection';

function createUser(dataDir: string, args: string[], stdin: string) {
	return spawnSync('npx', ['tsx', 'scripts/create-user.ts', ...args], {
		input: stdin,
		encoding: 'utf8',
		env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
	});
}

describe('npm run user:create', () => {
	it('creates an admin whose password comes from standard input, and refuses a second with the same email', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-cli-'));
		const created = createUser(dataDir, ['--role', 'admin', '--email', 'Ada@Example.org'], 'orchard lantern river\n');
		expect(created.stderr).toBe('');
		expect(created.stdout).toContain('Created admin ada@example.org.');
		const again = createUser(dataDir, ['--role', 'admin', '--email', 'ada@example.org'], 'orchard lantern river\n');
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('already exists');

		const connection = await openConnection({ driver: 'pglite', dataDir });
		try {
			const login = await accounts.logIn(connection.db, { email: 'ada@example.org', password: 'orchard lantern river', clientAddress: '::1' });
			expect(login.ok && login.user.role).toBe('admin');
		} finally {
			await connection.close();
		}
	});

	it('refuses a common password and an unknown role', () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-cli-'));
		const common = createUser(dataDir, ['--role', 'facilitator', '--email', 'f@example.org'], 'password\n');
		expect(common.status).toBe(1);
		expect(common.stderr).toContain('too common');
		const role = createUser(dataDir, ['--role', 'boss', '--email', 'f@example.org'], '');
		expect(role.status).toBe(2);
		expect(role.stderr).toContain('Usage:');
	});
});
