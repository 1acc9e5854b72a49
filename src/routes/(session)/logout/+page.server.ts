import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireSession } from '$lib/server/auth/guards';
import * as session from '$lib/server/auth/session';
import { database } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';
import { isSecure } from '$lib/server/http/secure';

export const load: PageServerLoad = (event) => {
	requireSession(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { session: current } = requireSession(event);
		await session.invalidateSession(database(), current.id);
		session.deleteSessionTokenCookie(event.cookies, isSecure(event.url));
		redirect(303, localizeHref('/'));
	}
};
