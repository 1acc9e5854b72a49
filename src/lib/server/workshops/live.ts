import { EventEmitter } from 'node:events';
import type { DatabaseConnection } from '$lib/server/db/connection';

// Tells every open stream of a workshop that its room changed, and every staff stream that some session ended.
// Streams in this process hear it directly; with PostgreSQL, other app processes hear it through LISTEN/NOTIFY and
// tell their own streams.

const channelName = 'workshop_changed';
/** Not a workshop id (those are 32 base32 letters), so it shares the channel without meeting one. */
const sessionsEnded = 'sessions-ended';
const local = new EventEmitter().setMaxListeners(0);
let shared: DatabaseConnection['channel'];

/** Joins the channel between processes, when the database has one. Called once at start. */
export async function connect(connection: DatabaseConnection): Promise<void> {
	shared = connection.channel;
	let listenedBefore = false;
	await shared?.listen(
		channelName,
		(workshopId) => local.emit(workshopId),
		() => {
			// Listening again after the connection to PostgreSQL was lost (a restart, a failover): changes announced
			// meanwhile reached no one, so every open stream here sends its room again.
			if (listenedBefore) for (const workshopId of local.eventNames()) local.emit(workshopId);
			listenedBefore = true;
		}
	);
}

/** Announces a change; with a shared channel the announcement comes back to this process too. */
export async function announce(workshopId: string): Promise<void> {
	await tell(workshopId);
}

/**
 * Announces that sessions ended (sign-out, revocation, deactivation): every staff stream, in every process,
 * checks at once that its own session still holds.
 */
export async function announceSessionsEnded(): Promise<void> {
	await tell(sessionsEnded);
}

async function tell(name: string): Promise<void> {
	if (shared) await shared.notify(channelName, name);
	else local.emit(name);
}

export function onSessionsEnded(listener: () => void): () => void {
	return onChange(sessionsEnded, listener);
}

export function onChange(workshopId: string, listener: () => void): () => void {
	local.on(workshopId, listener);
	return () => local.off(workshopId, listener);
}
