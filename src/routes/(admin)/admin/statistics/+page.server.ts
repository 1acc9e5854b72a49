import { getLocale } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/auth/guards';
import { database } from '$lib/server/db';
import { tableColumns } from '$lib/server/statistics/tables';
import { dashboardView } from '$lib/server/statistics/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = requireAdmin(event);
	return { view: await dashboardView(database(), event.url, user, 'organisation', getLocale()), columns: tableColumns };
};
