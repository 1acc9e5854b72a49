import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { normalizeJoinCode } from '$lib/server/workshops/rules';
import type { PageServerLoad } from './$types';

// A code typed into the form goes to its short address, where the joining happens.
export const load: PageServerLoad = ({ url }) => {
	const typed = url.searchParams.get('code');
	const code = typed ? normalizeJoinCode(typed) : undefined;
	if (code) redirect(303, localizeHref(`/j/${code}`));
	// A code that is not one, or one that opens no workshop (sent back here from its address), or too many of those.
	const wait = Number(url.searchParams.get('wait'));
	return {
		wrong: typed !== null || url.searchParams.has('wrong'),
		waitMinutes: Number.isInteger(wait) && wait > 0 && wait <= 60 ? wait : undefined
	};
};
