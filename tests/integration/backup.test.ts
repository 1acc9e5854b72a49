import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files';
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

		const archive = path.join(folder(), 'backup.jsonl.gz');
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
		const archive = path.join(folder(), 'backup.jsonl.gz');
		await backUp(dataDir, archive);
		await expect(restore(archive, dataDir)).rejects.toThrow('already holds a database');
		// A file that is not a backup is named as such, and leaves no database behind.
		const notABackup = path.join(folder(), 'notes.txt');
		fs.writeFileSync(notABackup, 'hello');
		const empty = folder();
		await expect(restore(notABackup, empty)).rejects.toThrow('is not a backup made by npm run db:backup');
		expect(fs.existsSync(path.join(empty, 'pglite'))).toBe(false);
	});

	it('holds the rows as they are, not what the files still keep of erased ones', async () => {
		const dataDir = folder();
		const connection = await openConnection({ driver: 'pglite', dataDir });
		await applyMigrations(connection);
		await connection.db.insert(schema.learners).values({ id: 'kept-learner', tokenHash: new Uint8Array([7]) });
		await connection.db.insert(schema.learners).values({ id: 'erased-learner-5c1f', tokenHash: new Uint8Array([8]) });
		await connection.db.delete(schema.learners).where(eq(schema.learners.id, 'erased-learner-5c1f'));
		await connection.close();

		const archive = path.join(folder(), 'backup.jsonl.gz');
		await backUp(dataDir, archive);
		const contents = zlib.gunzipSync(fs.readFileSync(archive)).toString('utf8');
		expect(contents).toContain('kept-learner');
		expect(contents).not.toContain('erased-learner-5c1f');
		// The database's own files still hold the deleted row: this is what a copy of the folder would have carried.
		const inFiles = filesUnder(path.join(dataDir, 'pglite')).some((file) => fs.readFileSync(file).includes('erased-learner-5c1f'));
		expect(inFiles).toBe(true);
	});

	it('restores a backup made before later migrations, which the server then applies', async () => {
		const olderApp = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-older-migrations-'));
		fs.cpSync('drizzle', olderApp, { recursive: true });
		const journalPath = path.join(olderApp, 'meta', '_journal.json');
		const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
		fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 3) }));
		const dataDir = folder();
		const connection = await openConnection({ driver: 'pglite', dataDir });
		await applyMigrations(connection, olderApp);
		await connection.db.insert(schema.learners).values({ id: 'from-the-older-app', tokenHash: new Uint8Array([9]) });
		await connection.close();
		const archive = path.join(folder(), 'backup.jsonl.gz');
		await backUp(dataDir, archive);

		const restored = folder();
		await restore(archive, restored);
		const reopened = await openConnection({ driver: 'pglite', dataDir: restored });
		await applyMigrations(reopened);
		const rows = await reopened.db.select({ id: schema.learners.id }).from(schema.learners);
		await reopened.close();
		expect(rows).toEqual([{ id: 'from-the-older-app' }]);
	});
});
