import { env } from '$env/dynamic/private';
import { connectionOptionsFromEnv } from './config';
import { openConnection, type Database, type DatabaseConnection } from './connection';
import { applyMigrations } from './migrate';

export type { Database } from './connection';

let current: DatabaseConnection | undefined;
let stopping = false;

/** Opens the database chosen by the environment and applies pending migrations; called once at server start. */
export async function start(): Promise<void> {
	const opened = await openConnection(connectionOptionsFromEnv(env));
	try {
		await applyMigrations(opened);
	} catch (error) {
		await opened.close();
		throw error;
	}
	current = opened;
}

/** The database for this process. Throws before `start` has finished. */
export function database(): Database {
	if (!current) throw new Error('The database is not started yet');
	return current.db;
}

/** The open connection, for what needs more than queries (the channel between processes). */
export function connection(): DatabaseConnection {
	if (!current) throw new Error('The database is not started yet');
	return current;
}

/** True while the server can serve requests that need the database. */
export async function isReady(): Promise<boolean> {
	return !stopping && current !== undefined && (await current.ping());
}

/** Marks the server as shutting down, so that readiness fails while requests in flight finish. */
export function markStopping(): void {
	stopping = true;
}

export async function stop(): Promise<void> {
	stopping = true;
	const closing = current;
	current = undefined;
	await closing?.close();
}
