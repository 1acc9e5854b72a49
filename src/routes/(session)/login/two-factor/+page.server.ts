import { fail, redirect } from '@sveltejs/kit';
import * as throttle from '$lib/server/auth/throttle';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireSession } from '$lib/server/auth/guards';
import * as session from '$lib/server/auth/session';
import * as twoFactor from '$lib/server/auth/two-factor';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import { safeNext } from '$lib/server/http/redirects';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { user, session } = requireSession(event);
	if (!user.hasTwoFactor || session.twoFactorVerified) redirect(303, localizeHref('/account'));
	return {};
};

async function verify(event: Parameters<Actions[string]>[0], check: 'totp' | 'recovery') {
	const { user, session: current } = requireSession(event);
	// Nothing to check (no second factor, or already given): no guess is counted against anyone.
	if (!user.hasTwoFactor || current.twoFactorVerified) redirect(303, localizeHref('/account'));
	const form = await readForm(event.request);
	if (!form) return badRequest();
	const code = textField(form, 'code', { max: 40 });
	if (code.problem) return fail(400, { check, problem: code.problem });
	const db = database();
	const result = await twoFactor.verifySecondFactor(db, user.id, check, code.value);
	if (typeof result === 'object') return fail(429, { check, retryMinutes: throttle.minutesUntil(result.retryAt) });
	if (result === 'wrong') return fail(400, { check, wrong: true });
	await session.markSessionTwoFactorVerified(db, current.id);
	redirect(303, safeNext(event.url.searchParams.get('next'), event.url, localizeHref('/account')));
}

export const actions: Actions = {
	totp: (event) => verify(event, 'totp'),
	recovery: (event) => verify(event, 'recovery')
};
