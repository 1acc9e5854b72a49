import { getLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import { roomStream } from '$lib/server/workshops/stream';
import * as workshops from '$lib/server/workshops/workshops';
import type { RequestHandler } from './$types';

/** The room as the facilitator's screen or the projector sees it, as Server-Sent Events. */
export const GET: RequestHandler = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	const viewer = event.url.searchParams.get('view') === 'presenter' ? { kind: 'presenter' as const } : { kind: 'facilitator' as const };
	const locale = getLocale();
	return roomStream(workshop.id, () => workshops.room(database(), workshop.id, locale, viewer), event.request.signal);
};
