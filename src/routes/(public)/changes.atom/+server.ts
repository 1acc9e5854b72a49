import { baseLocale, extractLocaleFromUrl } from '$lib/paraglide/runtime';
import { changesFeed } from '$lib/server/changes/feed';
import type { RequestHandler } from './$types';

// /en/changes.atom and /es/changes.atom; a bare /changes.atom is English whatever the reader's cookie or browser
// says, so that a feed reader always gets the same feed from the same address.
export const GET: RequestHandler = ({ url }) => {
	const locale = extractLocaleFromUrl(url) ?? baseLocale;
	return new Response(changesFeed(locale, url.origin), {
		headers: { 'content-type': 'application/atom+xml; charset=utf-8' }
	});
};
