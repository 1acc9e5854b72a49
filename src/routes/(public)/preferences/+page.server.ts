import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { badRequest, readForm, safeNext } from '$lib/server/http/forms';
import { savePreferences } from '$lib/server/http/preferences';
import type { Actions } from './$types';
import { isSecure } from '$lib/server/http/secure';

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await readForm(request);
		if (!form) return badRequest();
		savePreferences(cookies, isSecure(url), {
			textSize: String(form.get('textSize') ?? ''),
			contrast: String(form.get('contrast') ?? '')
		});
		redirect(303, safeNext(String(form.get('next') ?? ''), localizeHref('/')));
	}
};
