import type { Locale } from '$lib/server/curriculum/schema';
import { database, type Database } from '$lib/server/db';
import type { Learner } from '$lib/server/db/schema';
import * as session from '$lib/server/auth/session';
import { participantMayFollowRoom } from './following';
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
	otherLocale?: Locale,
	db: Database = database()
): RoomFeed<workshops.Room & { other: workshops.RoomView | null }> {
	const view = (language: Locale) => sharedView(workshopId, `${kind} ${language}`, () => workshops.roomView(db, workshopId, language, kind));
	return {
		workshopId,
		holder: `session:${sessionId}`,
		followsSessions: true,
		// A deleted workshop ends its staff screens too (phones end through their own check).
		mayFollow: async () => (await session.isSessionLive(db, sessionId)) && (await workshops.get(db, workshopId)) !== undefined,
		snapshot: async () => ({ ...(await view(locale)), me: null, other: otherLocale ? await view(otherLocale) : null })
	};
}

/**
 * A participant's phone: for as long as they are in the room, on the device they joined from. Before each message
 * its own part (name, removed or not, own answer) and the check that it may follow come from the room's roster,
 * read once per change for every phone of the room in this process; the stream's opening and each heartbeat ask
 * the database for this participant alone (a resume code moves a device without announcing a change).
 */
export function participantFeed(
	workshopId: string,
	participantId: string,
	learner: Learner,
	locale: Locale,
	db: Database = database()
): RoomFeed<workshops.Room> {
	const view = () => sharedView(workshopId, `participant ${locale}`, () => workshops.roomView(db, workshopId, locale, 'participant'));
	const rosterOf = (shown: Awaited<ReturnType<typeof view>>) =>
		sharedView(workshopId, `roster ${shown.lesson.id} ${shown.question?.id ?? ''}`, () => workshops.roster(db, workshopId, shown));
	return {
		workshopId,
		holder: `participant:${participantId}`,
		mayFollow: () => workshops.participantMayFollow(db, workshopId, participantId, learner.tokenHash),
		mayReceive: async () => {
			const shown = await view();
			return participantMayFollowRoom(shown, (await rosterOf(shown)).get(participantId), learner.tokenHash);
		},
		snapshot: async () => {
			const shown = await view();
			const mine = (await rosterOf(shown)).get(participantId);
			return { ...shown, me: mine ? { displayName: mine.displayName, removed: mine.removed, chosen: mine.chosen } : null };
		}
	};
}
