import { getLocale } from '$lib/paraglide/runtime';
import { participantFeed } from '$lib/server/workshops/feeds';
import { requireParticipant } from '$lib/server/workshops/participant';
import { roomStream } from '$lib/server/workshops/stream';
import type { RequestHandler } from './$types';

/** The room as this participant's phone sees it, as Server-Sent Events, while they are in it. */
export const GET: RequestHandler = async (event) => {
	const { workshop, participant, learner } = await requireParticipant(event);
	return roomStream(participantFeed(workshop.id, participant.id, learner, getLocale()), event.request.signal);
};
