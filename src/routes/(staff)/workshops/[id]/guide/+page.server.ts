import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	return {
		workshop: { title: workshop.title, heldOn: workshop.heldOn, location: workshop.locationLabel },
		agenda: await reader.facilitatorGuide(workshop.agenda, getLocale())
	};
};
