import fs from 'node:fs';
import path from 'node:path';

/** Thrown when another live process already owns the embedded database's folder. */
export class DataDirectoryLockedError extends Error {
	constructor(
		readonly lockPath: string,
		readonly ownerPid: number
	) {
		super(
			`The embedded database in ${path.dirname(lockPath)} is in use by process ${ownerPid}. ` +
				`Stop that process, or set DATA_DIR to another folder.`
		);
		this.name = 'DataDirectoryLockedError';
	}
}

function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Takes the lock file that says which process owns a PGlite folder, because PGlite itself does not lock it
 * and two processes writing one folder corrupt it. A lock left by a dead process is taken over.
 * Returns the function that releases it.
 */
export function lockDataDirectory(lockPath: string): () => void {
	fs.mkdirSync(path.dirname(lockPath), { recursive: true });
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			return () => {
				if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = readOwner(lockPath);
			if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
				throw new DataDirectoryLockedError(lockPath, owner);
			}
			fs.rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Could not take the lock ${lockPath}`);
}

function readOwner(lockPath: string): number | undefined {
	try {
		const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}
