import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server';

// A PostgreSQL server of the test's own, to stop and start at will: the machine's shared server must keep running
// for everyone else. Throwaway: trust authentication, loopback only, no fsync, its own folder under /tmp.

const run = promisify(execFile);
const binaries = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
/** initdb and postgres refuse to run as root: as root, they run as the postgres system user. */
const asRoot = process.getuid?.() === 0;

export interface PrivatePostgres {
	/** Connects as the superuser to the `postgres` database. */
	url: string;
	/** Stops the server (fast shutdown: open sessions are ended) and returns once it is down. */
	stop(): Promise<void>;
	/** Starts it again and returns once it accepts connections. */
	start(): Promise<void>;
	/** Stops it if it is running and removes its folder. */
	destroy(): Promise<void>;
}

function systemUserExists(name: string): boolean {
	try {
		execFileSync('id', ['-u', name], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Why a private PostgreSQL cannot be made here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
	for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
		if (!fs.existsSync(path.join(binaries, binary))) return `${path.join(binaries, binary)} is absent (set POSTGRES_BIN)`;
	}
	if (asRoot && !systemUserExists('postgres')) return 'running as root, and there is no postgres system user to run PostgreSQL as';
	return undefined;
}

async function runBinary(binary: string, args: string[]): Promise<void> {
	const file = path.join(binaries, binary);
	await (asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args));
}

/** Creates a cluster in a fresh folder and starts it on a free loopback port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-postgres-'));
	const dataDir = path.join(folder, 'data');
	const logFile = path.join(folder, 'server.log');
	if (asRoot) execFileSync('chown', ['postgres:', folder]);
	const port = await freePort();
	const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const pgCtl = (...args: string[]) => runBinary('pg_ctl', ['-D', dataDir, '-w', '-t', '30', ...args]);

	const postgres: PrivatePostgres = {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		async start() {
			await pgCtl('-l', logFile, '-o', options, 'start');
		},
		async stop() {
			await pgCtl('-m', 'fast', 'stop');
		},
		async destroy() {
			try {
				// Whatever happened before (a start that timed out, a failed test), a server still running is stopped.
				if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) await postgres.stop();
			} finally {
				fs.rmSync(folder, { recursive: true, force: true });
			}
		}
	};
	try {
		await runBinary('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
		await postgres.start();
	} catch (error) {
		await postgres.destroy();
		throw error;
	}
	return postgres;
}
