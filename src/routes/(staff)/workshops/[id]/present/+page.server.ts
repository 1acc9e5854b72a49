import { getLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import * as workshops from '$lib/server/workshops/workshops';
import type { PageServerLoad } from './$types';

// The projector view: large type, the join code, and counts only; never a name or a score.
export const load: PageServerLoad = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	return {
		workshopId: workshop.id,
		joinHost: event.url.host,
		room: await workshops.room(database(), workshop.id, getLocale(), { kind: 'presenter' })
	};
};
