import fs from 'node:fs';
import path from 'node:path';

/** Every file under a folder, at any depth: for searching a database's own files, byte by byte. */
export function filesUnder(folder: string): string[] {
	return fs
		.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath, entry.name));
}
