import { getLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { download } from '$lib/server/http/downloads';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import { reportCsv } from '$lib/server/workshops/report-csv';
import * as workshops from '$lib/server/workshops/workshops';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	const csv = reportCsv(await workshops.report(database(), workshop, getLocale()));
	return download(csv, 'text/csv', `workshop-report-${new Date().toISOString().slice(0, 10)}.csv`);
};
