import { getLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import * as workshops from '$lib/server/workshops/workshops';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	return { workshopId: workshop.id, title: workshop.title, report: await workshops.report(database(), workshop, getLocale()) };
};
