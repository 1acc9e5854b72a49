import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { accountProblem, readNewAccountFields } from '$lib/server/auth/account-form';
import * as links from '$lib/server/auth/links';
import * as session from '$lib/server/auth/session';
import { database } from '$lib/server/db';
import { badRequest, readForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({
	valid: await links.setupLinkIsValid(database(), params.token)
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const { values, invalid } = readNewAccountFields(form, true);
		if (invalid) return invalid;
		const db = database();
		const result = await links.claimSetupLink(db, event.params.token, values);
		if ('problem' in result) {
			if (result.problem === 'link_invalid') return { linkInvalid: true };
			return accountProblem(result.problem, values);
		}
		await session.startSession(db, event.cookies, event.url, result.user.id);
		redirect(303, localizeHref('/account/two-factor'));
	}
};
