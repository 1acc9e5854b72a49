import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { ownRecord } from '$lib/server/learners/record';
import type { RequestHandler } from './$types';

/** What the platform holds about this device's learner, to keep or to read; null when it holds nothing. */
export const GET: RequestHandler = async ({ locals }) => {
	const record = locals.learner ? await ownRecord(database(), locals.learner.id) : null;
	return json(record ?? null, {
		headers: {
			'content-disposition': 'attachment; filename="deportation101-my-record.json"',
			'cache-control': 'no-store'
		}
	});
};
