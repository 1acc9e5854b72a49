import { getLocale } from '$lib/paraglide/runtime';
import { staffFeed } from '$lib/server/workshops/feeds';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import { roomStream } from '$lib/server/workshops/stream';
import type { RequestHandler } from './$types';

/** The room as the facilitator's screen or the projector sees it, as Server-Sent Events, while the session holds. */
export const GET: RequestHandler = async (event) => {
	const { workshop, session } = await requireOwnWorkshop(event);
	const kind = event.url.searchParams.get('view') === 'presenter' ? 'presenter' : 'facilitator';
	return roomStream(staffFeed(workshop.id, session.id, kind, getLocale()), event.request.signal);
};
