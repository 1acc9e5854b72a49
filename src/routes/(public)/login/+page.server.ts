import { fail, redirect } from '@sveltejs/kit';
import * as throttle from '$lib/server/auth/throttle';
import { localizeHref } from '$lib/paraglide/runtime';
import * as accounts from '$lib/server/auth/accounts';
import * as session from '$lib/server/auth/session';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import { safeNext } from '$lib/server/http/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && locals.session && (locals.session.twoFactorVerified || !locals.user.hasTwoFactor)) {
		redirect(303, safeNext(url.searchParams.get('next'), url, localizeHref('/account')));
	}
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const email = textField(form, 'email', { max: 254 });
		const password = textField(form, 'password', { max: 1024, trim: false });
		if (email.problem || password.problem) {
			return fail(400, { email: email.value, problems: { email: email.problem, password: password.problem } });
		}

		const db = database();
		const result = await accounts.logIn(db, {
			email: email.value,
			password: password.value,
			clientAddress: event.getClientAddress()
		});
		if (!result.ok) {
			return result.reason === 'throttled'
				? fail(429, { email: email.value, retryMinutes: throttle.minutesUntil(result.retryAt) })
				: fail(400, { email: email.value, invalid: true });
		}

		// A token held before login never survives it: no session fixation.
		if (event.locals.session) await session.invalidateSession(db, event.locals.session.id);
		await session.startSession(db, event.cookies, event.url, result.user.id);

		const next = safeNext(event.url.searchParams.get('next'), event.url, localizeHref('/account'));
		if (result.user.totpKey) redirect(303, `${localizeHref('/login/two-factor')}?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	}
};
