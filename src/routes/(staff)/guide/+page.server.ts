import { getLocale } from '$lib/paraglide/runtime';
import { requireStaff } from '$lib/server/auth/guards';
import { renderFile } from '$lib/server/curriculum';
import { guideFile } from '$lib/server/curriculum/workshop-guide';
import type { PageServerLoad } from './$types';

// The workshop-level guide (day plans and the safety protocol) is for facilitators and admins, like lesson notes.
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const locale = getLocale();
	return { html: await renderFile(guideFile(locale), locale) };
};
