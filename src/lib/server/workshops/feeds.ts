import type { Locale } from '$lib/server/curriculum/schema';
import { database } from '$lib/server/db';
import type { Learner } from '$lib/server/db/schema';
import * as session from '$lib/server/auth/session';
import { sharedView, type RoomFeed } from './stream';
import * as workshops from './workshops';

// What each kind of screen's event stream shows, and who must still hold what for it to go on.

/**
 * The facilitator's screen or the projector: for as long as the session that opened it holds. A projector showing
 * two languages side by side gets both views in each message (`other`).
 */
export function staffFeed(
	workshopId: string,
	sessionId: string,
	kind: 'facilitator' | 'presenter',
	locale: Locale,
	otherLocale?: Locale
): RoomFeed<workshops.Room & { other: workshops.RoomView | null }> {
	const db = database();
	const view = (language: Locale) => sharedView(workshopId, `${kind} ${language}`, () => workshops.roomView(db, workshopId, language, kind));
	return {
		workshopId,
		holder: `session:${sessionId}`,
		followsSessions: true,
		mayFollow: () => session.isSessionLive(db, sessionId),
		snapshot: async () => ({ ...(await view(locale)), me: null, other: otherLocale ? await view(otherLocale) : null })
	};
}

/** A participant's phone: for as long as they are in the room, on the device they joined from. */
export function participantFeed(workshopId: string, participantId: string, learner: Learner, locale: Locale): RoomFeed<workshops.Room> {
	const db = database();
	return {
		workshopId,
		holder: `participant:${participantId}`,
		mayFollow: () => workshops.participantMayFollow(db, workshopId, participantId, learner.tokenHash),
		snapshot: async () => {
			const view = await sharedView(workshopId, `participant ${locale}`, () => workshops.roomView(db, workshopId, locale, 'participant'));
			return { ...view, me: await workshops.participantPart(db, view, participantId) };
		}
	};
}
