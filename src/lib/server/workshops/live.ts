import { EventEmitter } from 'node:events';
import type { DatabaseConnection } from '$lib/server/db/connection';

// Tells every open stream of a workshop that its room changed. Streams in this process hear it directly; with
// PostgreSQL, other app processes hear it through LISTEN/NOTIFY and tell their own streams.

const channelName = 'workshop_changed';
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
	if (shared) await shared.notify(channelName, workshopId);
	else local.emit(workshopId);
}

export function onChange(workshopId: string, listener: () => void): () => void {
	local.on(workshopId, listener);
	return () => local.off(workshopId, listener);
}
