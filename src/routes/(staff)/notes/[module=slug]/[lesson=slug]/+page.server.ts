import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireStaff } from '$lib/server/auth/guards';
import * as reader from '$lib/server/curriculum/reader';
import type { PageServerLoad } from './$types';

// Facilitator notes are for facilitators and admins only: the activity and its answers would spoil a workshop.
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const notes = await reader.readFacilitatorNotes(event.params.module, event.params.lesson, getLocale());
	if (!notes) error(404, 'Lesson not found');
	return { notes };
};
