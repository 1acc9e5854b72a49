import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { badRequest, readForm } from '$lib/server/http/forms';
import { savePreferences } from '$lib/server/http/preferences';
import { safeNext } from '$lib/server/http/redirects';
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
		const next = form.get('next');
		redirect(303, safeNext(typeof next === 'string' ? next : null, url, localizeHref('/')));
	}
};
