import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/auth/guards';
import { database } from '$lib/server/db';
import { isTableName } from '$lib/server/statistics/tables';
import { exportTable } from '$lib/server/statistics/view';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { user } = requireAdmin(event);
	if (!isTableName(event.params.table)) error(404, 'Not Found');
	return exportTable(database(), event.url, user, 'organisation', event.params.table, getLocale());
};
