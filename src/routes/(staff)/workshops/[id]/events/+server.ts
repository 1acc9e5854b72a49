import { getLocale, locales } from '$lib/paraglide/runtime';
import { staffFeed } from '$lib/server/workshops/feeds';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import { roomStream } from '$lib/server/workshops/stream';
import type { RequestHandler } from './$types';

const otherLocaleThan = (locale: (typeof locales)[number]) => locales.find((candidate) => candidate !== locale)!;

/** The room as the facilitator's screen or the projector sees it, as Server-Sent Events, while the session holds. */
export const GET: RequestHandler = async (event) => {
	const { workshop, session } = await requireOwnWorkshop(event);
	const kind = event.url.searchParams.get('view') === 'presenter' ? 'presenter' : 'facilitator';
	const locale = getLocale();
	// The projector may show the other language beside the page's.
	const otherLocale = kind === 'presenter' && event.url.searchParams.get('both') === '1' ? otherLocaleThan(locale) : undefined;
	return roomStream(staffFeed(workshop.id, session.id, kind, locale, otherLocale), event.request.signal);
};
