import { error, isHttpError, isRedirect, type Cookies, type Handle, type RequestEvent } from '@sveltejs/kit';

type CookieSerializeOptions = Parameters<Cookies['serialize']>[2];
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieName, cookieMaxAge, extractLocaleFromUrl } from '$lib/paraglide/runtime';
import { log } from '$lib/server/log';
import { isSecure } from '$lib/server/http/secure';
import { securityHeaders, strictTransportSecurity } from './security-headers.js';

/**
 * One structured line per request: method, route (never the raw path, which may hold codes), the status the client
 * got, duration.
 */
export const handleRequestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} catch (thrown) {
		// A later handle's refusal (a cross-site 403, a guard's redirect) is answered by SvelteKit with its own status.
		if (isHttpError(thrown) || isRedirect(thrown)) status = thrown.status;
		throw thrown;
	} finally {
		log.info({
			method: event.request.method,
			route: event.route.id ?? 'unmatched',
			status,
			ms: Math.round((performance.now() - started) * 10) / 10
		});
	}
};

/** Whether a route parameter could name something: no control character (a NUL ends a PostgreSQL text parameter). */
export function isPlausibleParam(value: string): boolean {
	return value.isWellFormed() && !/[\u0000-\u001F\u007F]/.test(value);
}

/**
 * Refuses, as an address that names nothing (404), a path whose parameters hold a control character (`/w/a%00b`),
 * before any cookie is looked up or any query runs: no id, token, code or slug of the site has one.
 */
export const handleMalformedParams: Handle = ({ event, resolve }) => {
	if (!Object.values(event.params).every((value) => value === undefined || isPlausibleParam(value))) error(404, 'Not Found');
	return resolve(event);
};

/** The cookie that remembers the language a reader chose: the one in the path, when the request's cookie says otherwise. */
export const localeCookie = {
	name: cookieName,
	toSet(event: RequestEvent): [string, string, CookieSerializeOptions & { path: string }] | undefined {
		const localeInPath = extractLocaleFromUrl(event.url);
		// Read from the request itself: event.cookies also sees a cookie set earlier in this same request.
		const sent = new RegExp(`(?:^|;\\s*)${cookieName}=([^;]*)`).exec(event.request.headers.get('cookie') ?? '')?.[1];
		if (!localeInPath || sent === localeInPath) return undefined;
		return [cookieName, localeInPath, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: isSecure(event.url) }];
	}
};

/** Resolves the locale from the path (then cookie, then browser), and remembers a locale the reader chose. */
export const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		const remembered = localeCookie.toSet(event);
		if (remembered) event.cookies.set(...remembered);
		return resolve(event, {
			// The description is written here, not in a component, so that it costs no JavaScript.
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%d101.description%', m.site_description({}, { locale }).replaceAll('"', '&quot;'))
		});
	});

/**
 * Headers every response the app renders carries; the CSP itself comes from `kit.csp` in svelte.config.js. Nothing
 * rendered is kept by a browser or proxy cache unless it says otherwise (the shared reading pages do).
 */
export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
	if (isSecure(event.url)) {
		response.headers.set('Strict-Transport-Security', strictTransportSecurity);
	}
	return response;
};
