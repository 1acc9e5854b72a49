import { getLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { requireParticipant } from '$lib/server/workshops/participant';
import { roomStream } from '$lib/server/workshops/stream';
import * as workshops from '$lib/server/workshops/workshops';
import type { RequestHandler } from './$types';

/** The room as this participant's phone sees it, as Server-Sent Events. */
export const GET: RequestHandler = async (event) => {
	const { workshop, participant } = await requireParticipant(event);
	const locale = getLocale();
	return roomStream(
		workshop.id,
		() => workshops.room(database(), workshop.id, locale, { kind: 'participant', participantId: participant.id }),
		event.request.signal
	);
};
