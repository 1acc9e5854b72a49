import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { neutralPage } from '$lib/neutral-page';
import { localizeHref } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import * as workshops from './workshops';

/** The workshop in the route and this device's participant in it; someone who has not joined is sent to join. */
export async function requireParticipant(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const db = database();
	const workshop = await workshops.get(db, event.params.id ?? '');
	if (!workshop) error(404, 'Workshop not found');
	if (workshop.erasedAt) redirect(303, neutralPage);
	const learner = event.locals.learner;
	const participant = learner ? await workshops.participantOf(db, workshop.id, learner.id) : undefined;
	if (!learner || !participant) redirect(303, localizeHref('/join'));
	return { workshop, participant, learner };
}

/**
 * The room a lesson was opened from (`?room=` on its address), when this device is still in it: the lesson page
 * then offers the way back and says when a question opens. Anything else, silently nothing.
 */
export async function roomToReturnTo(workshopId: string | null, learnerId: string | undefined) {
	if (!workshopId || !learnerId || workshopId.length > 64) return null;
	const db = database();
	const workshop = await workshops.get(db, workshopId);
	if (!workshop || workshop.endedAt) return null;
	const participant = await workshops.participantOf(db, workshop.id, learnerId);
	return participant && !participant.removed ? { id: workshop.id, title: workshop.title } : null;
}
