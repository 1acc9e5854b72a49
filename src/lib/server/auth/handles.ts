import { error, type Handle } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import * as learners from '$lib/server/learners/learners';
import * as settings from '$lib/server/settings/settings';
import { authorize } from './guards';
import * as session from './session';
import { isSecure } from '$lib/server/http/secure';


/** Reads the session cookie once per request into `locals`, refreshing or deleting the cookie as needed. */
export const handleSession: Handle = async ({ event, resolve }) => {
	const secure = isSecure(event.url);
	const token = event.cookies.get(session.sessionCookieName(secure));
	event.locals.user = null;
	event.locals.session = null;
	event.locals.twoFactorEnrolmentRequired = false;
	if (token) {
		const db = database();
		const result = await session.validateSessionToken(db, token);
		if (result.session) {
			session.setSessionTokenCookie(event.cookies, secure, token, session.sessionExpiresAt(result.session));
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.twoFactorEnrolmentRequired =
				!result.user.hasTwoFactor && (await settings.read(db)).requireTwoFactor;
		} else {
			session.deleteSessionTokenCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** Finds the anonymous learner behind the learner cookie, if any; creating one is left to the actions that record. */
export const handleLearner: Handle = async ({ event, resolve }) => {
	const secure = isSecure(event.url);
	const token = event.cookies.get(learners.learnerCookieName(secure));
	event.locals.learner = token ? ((await learners.findByToken(database(), token)) ?? null) : null;
	if (token && !event.locals.learner) learners.deleteLearnerCookie(event.cookies, secure);
	return resolve(event);
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that do not come from this site's own pages, whatever their content type (it
 * replaces SvelteKit's check, which covers forms only and reads only Origin). Browsers say where a request comes
 * from in Sec-Fetch-Site; with "Referrer-Policy: no-referrer" they send "Origin: null" on form posts, so Origin is
 * only the fallback for clients that send no Sec-Fetch-Site (and must then name this origin).
 */
export const handleCrossOrigin: Handle = async ({ event, resolve }) => {
	if (!safeMethods.has(event.request.method)) {
		const fetchSite = event.request.headers.get('sec-fetch-site');
		const fromHere = fetchSite ? fetchSite === 'same-origin' : event.request.headers.get('origin') === event.url.origin;
		if (!fromHere) error(403, 'Cross-site requests are not allowed');
	}
	return resolve(event);
};

/** Applies the access that each route's group declares, before any load or action runs. */
export const handleAuthorization: Handle = async ({ event, resolve }) => {
	authorize(event);
	return resolve(event);
};
