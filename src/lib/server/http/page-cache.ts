import type { Handle, RequestEvent } from '@sveltejs/kit';
import { extractLocaleFromUrl } from '$lib/paraglide/runtime';
import { randomSecret } from '$lib/server/auth/tokens';
import { localeCookie } from './handles';
import { preferenceCookies, readPreferences } from './preferences';

// Reading pages are the same for every visitor who has no session and no learner cookie, so each is rendered once
// per address (which names its language) and reading preference and then served from memory: the curriculum is
// part of the build, so a rendering never goes stale while the process lives. Two things must still differ on every response: the
// CSP nonce, and the quiz's submission key (one attempt per rendering). Both are random tokens, so the stored page
// keeps a marker where they were and each response gets fresh ones.

const cacheableRoutes = new Set([
	'/(public)',
	'/(public)/learn/[module=slug]/[lesson=slug]',
	'/(public)/resources',
	'/(public)/resources/[id=slug]',
	'/(public)/glossary',
	'/(public)/privacy'
]);

const nonceMarker = '\u0000nonce\u0000';
const keyMarker = '\u0000submission-key\u0000';
const largestPage = 512 * 1024;

interface StoredPage {
	body: string;
	headers: [string, string][];
}

/** The page with its random tokens replaced by markers. */
export function toTemplate(body: string, tokens: { nonce?: string; submissionKey: string }): string {
	const template = body.replaceAll(tokens.submissionKey, keyMarker);
	return tokens.nonce ? template.replaceAll(tokens.nonce, nonceMarker) : template;
}

export function fromTemplate(template: string, tokens: { nonce: string; submissionKey: string }): string {
	return template.replaceAll(nonceMarker, tokens.nonce).replaceAll(keyMarker, tokens.submissionKey);
}

const nonceIn = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1];

function freshNonce(): string {
	return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

function cacheKey(event: RequestEvent): string | undefined {
	// Data requests carry which loads to rerun: left to the renderer, like everything personal.
	if (event.request.method !== 'GET' || event.isDataRequest || !cacheableRoutes.has(event.route.id ?? '')) return undefined;
	if (event.locals.user || event.locals.learner || hasPersonalCookie(event)) return undefined;
	// A bare path (/privacy) is in the language its visitor's cookie or browser asks for: stored, it would answer
	// every later visitor in the first one's language. Only an address that names its language is the same for all.
	if (!extractLocaleFromUrl(event.url)) return undefined;
	const { textSize, contrast } = readPreferences(event.cookies);
	return [event.url.pathname + event.url.search, textSize, contrast].join('\n');
}

/** Any cookie beyond the language and the reading preferences marks a visitor whose page may be their own. */
function hasPersonalCookie(event: RequestEvent): boolean {
	const shared = new Set([localeCookie.name, ...preferenceCookies]);
	return event.cookies.getAll().some((cookie) => !shared.has(cookie.name));
}

export function createPageCache(maxPages = 500) {
	const pages = new Map<string, StoredPage>();

	const handle: Handle = async ({ event, resolve }) => {
		// Every rendering's quiz gets its own key; the lesson page reads it from here.
		event.locals.submissionKey = randomSecret();
		const key = cacheKey(event);
		if (key === undefined) return resolve(event);

		const stored = pages.get(key);
		if (stored) {
			pages.delete(key);
			pages.set(key, stored);
			const nonce = freshNonce();
			const headers = new Headers(stored.headers.map(([name, value]): [string, string] => [name, value.replaceAll(nonceMarker, nonce)]));
			const remembered = localeCookie.toSet(event);
			if (remembered) headers.append('set-cookie', event.cookies.serialize(...remembered));
			return new Response(fromTemplate(stored.body, { nonce, submissionKey: event.locals.submissionKey }), { status: 200, headers });
		}

		const response = await resolve(event);
		const type = response.headers.get('content-type') ?? '';
		if (response.status !== 200 || !/^(text\/html|application\/json)/.test(type)) return response;
		const body = await response.text();
		if (body.length <= largestPage) {
			const nonce = nonceIn(response.headers.get('content-security-policy'));
			// The same for everyone, so a browser may keep it, asking first whether it is still current.
			response.headers.set('cache-control', 'no-cache');
			const headers = [...response.headers]
				.filter(([name]) => name !== 'set-cookie' && name !== 'content-length')
				.map(([name, value]): [string, string] => [name, nonce ? value.replaceAll(nonce, nonceMarker) : value]);
			pages.set(key, { body: toTemplate(body, { nonce, submissionKey: event.locals.submissionKey }), headers });
			if (pages.size > maxPages) pages.delete(pages.keys().next().value!);
		}
		return new Response(body, { status: response.status, headers: response.headers });
	};

	return { handle, size: () => pages.size };
}
