import { getLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import { reportCsv } from '$lib/server/workshops/report-csv';
import * as workshops from '$lib/server/workshops/workshops';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	const csv = reportCsv(await workshops.report(database(), workshop, getLocale()));
	const date = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="workshop-report-${date}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
