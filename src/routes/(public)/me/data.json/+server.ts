import { database } from '$lib/server/db';
import { download } from '$lib/server/http/downloads';
import { ownRecord } from '$lib/server/learners/record';
import type { RequestHandler } from './$types';

/** What the platform holds about this device's learner, to keep or to read; null when it holds nothing. */
export const GET: RequestHandler = async ({ locals }) => {
	const record = locals.learner ? await ownRecord(database(), locals.learner.id) : null;
	return download(JSON.stringify(record ?? null), 'application/json', 'deportation101-my-record.json');
};
