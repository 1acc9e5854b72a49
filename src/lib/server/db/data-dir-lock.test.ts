import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, lockDataDirectory } from './data-dir-lock';

const lockPath = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'd101-lock-')), 'pglite.lock');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill()));

describe('lockDataDirectory', () => {
	it('writes this process id and removes the file on release', () => {
		const file = lockPath();
		const release = lockDataDirectory(file);
		expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
		release();
		expect(fs.existsSync(file)).toBe(false);
	});

	it('refuses a folder that a live process holds, naming that process', () => {
		const file = lockPath();
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		children.push(other);
		fs.writeFileSync(file, String(other.pid));
		expect(() => lockDataDirectory(file)).toThrow(DataDirectoryLockedError);
		expect(() => lockDataDirectory(file)).toThrow(`in use by process ${other.pid}`);
	});

	it('takes over a lock left by a process that has died', async () => {
		const file = lockPath();
		const dead = spawn(process.execPath, ['-e', '']);
		await new Promise((resolve) => dead.on('exit', resolve));
		fs.writeFileSync(file, String(dead.pid));
		const release = lockDataDirectory(file);
		expect(fs.readFileSync(file, 'utf8')).toBe(String(process.pid));
		release();
	});
});
