import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backUp, checksumsOfDataDir, restore } from '../../src/lib/server/db/backup';
import { openConnection } from '../../src/lib/server/db/connection';
import { DataDirectoryLockedError } from '../../src/lib/server/db/data-dir-lock';
import { applyMigrations } from '../../src/lib/server/db/migrate';
import * as schema from '../../src/lib/server/db/schema';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'd101-backup-'));

describe('backups of the embedded database', () => {
	it('restore into a fresh folder with every table the same, checksum for checksum', async () => {
		const dataDir = folder();
		const connection = await openConnection({ driver: 'pglite', dataDir });
		await applyMigrations(connection);
		await connection.db.insert(schema.learners).values([
			{ id: 'l1', tokenHash: new Uint8Array([1, 2, 3]) },
			{ id: 'l2', tokenHash: new Uint8Array([4, 5, 6]) }
		]);
		await connection.db.insert(schema.lessonProgress).values({ learnerId: 'l1', lessonId: 'why-deportation-101', readOn: '2026-11-01' });
		await connection.close();

		// While a server (another live process) holds the folder, no backup is taken from under it.
		const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		fs.writeFileSync(path.join(dataDir, 'pglite.lock'), String(server.pid));
		await expect(backUp(dataDir, path.join(folder(), 'open.tar.gz'))).rejects.toBeInstanceOf(DataDirectoryLockedError);
		server.kill();
		await new Promise((resolve) => server.once('exit', resolve));

		const archive = path.join(folder(), 'backup.tar.gz');
		await backUp(dataDir, archive);
		const restored = folder();
		await restore(archive, restored);

		const before = await checksumsOfDataDir(dataDir);
		expect(Object.keys(before)).toEqual(expect.arrayContaining(['learners', 'lesson_progress', 'users', 'workshops']));
		expect(await checksumsOfDataDir(restored)).toEqual(before);

		// The drill can fail: one changed day in the restored copy shows in its table's checksum, and only there.
		const copy = await openConnection({ driver: 'pglite', dataDir: restored });
		await copy.db.update(schema.lessonProgress).set({ readOn: '2026-11-02' });
		await copy.close();
		const changed = await checksumsOfDataDir(restored);
		expect(changed.lesson_progress).not.toBe(before.lesson_progress);
		expect({ ...changed, lesson_progress: before.lesson_progress }).toEqual(before);
	});

	it('never restores over a database', async () => {
		const dataDir = folder();
		const connection = await openConnection({ driver: 'pglite', dataDir });
		await connection.close();
		const archive = path.join(folder(), 'backup.tar.gz');
		await backUp(dataDir, archive);
		await expect(restore(archive, dataDir)).rejects.toThrow('already holds a database');
	});
});
