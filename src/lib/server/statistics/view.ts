import { asc } from 'drizzle-orm';
import type { SessionUser } from '$lib/server/auth/session';
import { course } from '$lib/server/curriculum';
import type { Locale } from '$lib/server/curriculum/schema';
import type { Database } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { dayOf } from '$lib/server/days';
import { download } from '$lib/server/http/downloads';
import { loadDashboard } from './dashboard';
import { filterQuery, readFilters, type StatisticsFilters } from './filters';
import { analyseItems } from './items';
import { csvFileName, dashboardRows, itemRows, toCsv, type TableName } from './tables';

// What the statistics routes share: reading the filters for a viewer, and building the figures or one export.
// An admin sees everything; anyone else sees only the workshops they ran, whatever the query string says.

export type Scope = 'organisation' | 'own-workshops';


async function facilitators(db: Database) {
	return db.select({ id: users.id, name: users.displayName }).from(users).orderBy(asc(users.displayName));
}

export async function filtersFor(db: Database, url: URL, viewer: SessionUser, scope: Scope) {
	const people = scope === 'organisation' ? await facilitators(db) : [];
	const { filters, problems } = readFilters(url.searchParams, dayOf(), {
		regions: [...course.regions.keys()],
		facilitatorIds: people.map((person) => person.id)
	});
	const scoped: StatisticsFilters = scope === 'organisation' ? filters : { ...filters, mode: 'workshop', facilitatorId: viewer.id };
	return { filters: scoped, problems, facilitators: people };
}

export function regionChoices(locale: Locale) {
	return [...course.regions].map(([code, region]) => ({ code, name: region.name[locale] }));
}

export async function dashboardView(db: Database, url: URL, viewer: SessionUser, scope: Scope, locale: Locale) {
	const { filters, problems, facilitators } = await filtersFor(db, url, viewer, scope);
	const [dashboard, items] = await Promise.all([
		loadDashboard(db, filters, locale),
		scope === 'own-workshops' ? analyseItems(db, filters, locale) : Promise.resolve(undefined)
	]);
	return {
		filters,
		query: filterQuery(filters),
		problems,
		facilitators,
		regions: regionChoices(locale),
		dashboard,
		tables: dashboardRows(dashboard),
		items,
		itemTable: items && itemRows(items)
	};
}

/** One table of a view as a CSV download, named with the day of the export. */
export async function exportTable(db: Database, url: URL, viewer: SessionUser, scope: Scope, name: TableName, locale: Locale) {
	const { filters } = await filtersFor(db, url, viewer, scope);
	const rows =
		name === 'items'
			? itemRows(await analyseItems(db, filters, locale))
			: dashboardRows(await loadDashboard(db, filters, locale))[name];
	return download(toCsv(name, rows), 'text/csv', csvFileName(name, dayOf()));
}
