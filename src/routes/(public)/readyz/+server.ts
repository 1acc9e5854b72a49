import * as db from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Readiness: 200 while the database answers, 503 when it does not or the server is shutting down. */
export const GET: RequestHandler = async () => {
	const ready = await db.isReady();
	return new Response(ready ? 'ready' : 'not ready', {
		status: ready ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
