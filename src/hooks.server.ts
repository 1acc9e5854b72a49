import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import * as links from '$lib/server/auth/links';
import { handleAuthorization, handleCrossOrigin, handleLearner, handleSession } from '$lib/server/auth/handles';
import * as db from '$lib/server/db';
import { backupsFolder, connectionOptionsFromEnv } from '$lib/server/db/config';
import { errorSummary, log } from '$lib/server/log';
import { purge, schedulePurge } from '$lib/server/privacy/retention';
import { handleLocale, handleMalformedParams, handleRequestLog, handleSecurityHeaders } from '$lib/server/http/handles';
import { createPageCache } from '$lib/server/http/page-cache';
import { handlePreferences } from '$lib/server/http/preferences';
import * as live from '$lib/server/workshops/live';
import { endAllRoomStreams } from '$lib/server/workshops/stream';

export const init: ServerInit = async () => {
	if (building) return;
	await db.start();
	await live.connect(db.connection());
	// adapter-node stops accepting connections on SIGTERM and emits sveltekit:shutdown once requests in flight are
	// done; an open database client would otherwise keep the process alive, and so would open room streams.
	const beginStopping = () => {
		db.markStopping();
		endAllRoomStreams();
	};
	process.once('SIGTERM', beginStopping);
	process.once('SIGINT', beginStopping);
	process.once('sveltekit:shutdown', () => void db.stop());

	// Retention: now, to catch up after downtime, then every hour.
	const backupsDir = backupsFolder(connectionOptionsFromEnv(env));
	schedulePurge(
		() => purge(db.database(), new Date(), { backupsDir }),
		(purged) => log.info({ purged }, 'retention'),
		(error) => log.error({ error: errorSummary(error) }, 'retention failed')
	);

	// Until an admin exists, whoever reads the server's console can claim the platform, and only they.
	const setupToken = await links.createSetupLink(db.database());
	if (setupToken) {
		const origin = env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`;
		console.log(`\nNo admin yet. Within one hour, open ${origin}/setup/${setupToken} to create the first admin.\n`);
	}
};

export const handle = sequence(
	handleRequestLog,
	handleSecurityHeaders,
	handleCrossOrigin,
	handleMalformedParams,
	handleLocale,
	handlePreferences,
	handleSession,
	handleLearner,
	handleAuthorization,
	createPageCache().handle
);

// SvelteKit's default prints the whole error, and a failed query's message holds its parameters (a name typed in the
// room, a code): log what kind of error it was and where, and show the visitor SvelteKit's generic message.
// An address that names nothing (404) or cannot be read (400) is the visitor's doing, not the server's: one info
// line, with no stack, beside the request's own.
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) log.info({ route: event.route.id, status }, status === 404 ? 'not found' : 'bad request');
	else log.error({ route: event.route.id, status, error: errorSummary(error) }, 'unexpected error');
	return { message };
};
