import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import * as db from '$lib/server/db';
import { handleLocale, handleRequestLog, handleSecurityHeaders } from '$lib/server/http/handles';

export const init: ServerInit = async () => {
	if (building) return;
	await db.start();
	// adapter-node stops accepting connections on SIGTERM and emits this once requests in flight are done;
	// an open database client would otherwise keep the process alive.
	process.once('SIGTERM', db.markStopping);
	process.once('SIGINT', db.markStopping);
	process.once('sveltekit:shutdown', () => void db.stop());
};

export const handle = sequence(handleRequestLog, handleSecurityHeaders, handleLocale);
