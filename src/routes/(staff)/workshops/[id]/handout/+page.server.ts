import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	return { title: workshop.title, handout: reader.participantHandout(workshop.agenda, getLocale()) };
};
