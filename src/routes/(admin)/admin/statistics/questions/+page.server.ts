import { getLocale } from '$lib/paraglide/runtime';
import { requireAdmin } from '$lib/server/auth/guards';
import { course } from '$lib/server/curriculum';
import { defaultClaimMonths } from '$lib/server/curriculum/claims';
import { locales } from '$lib/server/curriculum/schema';
import { database } from '$lib/server/db';
import { dayOf } from '$lib/server/days';
import { contentHealth, defaultReviewMonths } from '$lib/server/statistics/content-health';
import { filterQuery } from '$lib/server/statistics/filters';
import { analyseItems } from '$lib/server/statistics/items';
import { itemRows, tableColumns } from '$lib/server/statistics/tables';
import { filtersFor } from '$lib/server/statistics/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = requireAdmin(event);
	const db = database();
	const locale = getLocale();
	const { filters, problems } = await filtersFor(db, event.url, user, 'organisation');
	const asked = Number(event.url.searchParams.get('review'));
	const reviewMonths = Number.isInteger(asked) && asked >= 1 && asked <= 120 ? asked : defaultReviewMonths;
	const items = await analyseItems(db, filters, locale);
	return {
		query: filterQuery(filters),
		filters,
		problems,
		reviewMonths,
		claimMonths: defaultClaimMonths,
		itemColumns: tableColumns.items,
		itemTable: itemRows(items),
		health: contentHealth(course, items, { today: dayOf(), reviewMonths, claimMonths: defaultClaimMonths, locales })
	};
};
