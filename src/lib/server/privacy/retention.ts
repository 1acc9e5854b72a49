import fs from 'node:fs';
import path from 'node:path';
import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import { deleteStaleLinks } from '$lib/server/auth/links';
import { deleteExpiredSessions } from '$lib/server/auth/session';
import { forgetOldFailures } from '$lib/server/auth/throttle';
import type { Database } from '$lib/server/db';
import { learners, workshopParticipants, workshops } from '$lib/server/db/schema';
import * as settings from '$lib/server/settings/settings';
import { rollUpSelfPacedDays } from '$lib/server/statistics/rollups';
import { rollUpParticipants } from '$lib/server/statistics/workshop-figures';

// What is kept is kept briefly. Everything tied to a person in a workshop (the name they gave, their answers, the
// link to their device's learner) goes N hours after the workshop ends; an anonymous learner not seen for M days
// goes with all their progress; backups older than M days go too. Admins set N and M. Self-paced and workshop
// figures are rolled up first, so the statistics keep their counts. Staff credentials past use (expired sessions,
// stale links, day-old failed-login counts) go in the same sweep.

const hour = 3_600_000;
const day = 24 * hour;
/** How many days after its date a workshop's use still puts off its erasure. */
export const lastDayOfUseAfterDate = 3;

export interface Purged {
	workshops: number;
	participants: number;
	learners: number;
	backups: number;
	/** Expired staff sessions, used-up account links and day-old failed-login counts. */
	credentials: number;
}

export async function purge(db: Database, now = new Date(), options: { backupsDir?: string } = {}): Promise<Purged> {
	const { workshopRetentionHours, learnerRetentionDays } = await settings.read(db);
	await rollUpSelfPacedDays(db);

	const workshopCutoff = new Date(now.getTime() - workshopRetentionHours * hour);
	const learnerCutoff = new Date(now.getTime() - learnerRetentionDays * day).toISOString().slice(0, 10);
	const purged = await db.transaction(async (tx) => {
		// A workshop nobody ended is taken as ended when the day after it was held is over (a two-day training's
		// second day), so that forgetting to press End never keeps its participants; counted from its last day of
		// use when that is later, so that a room in use is never erased under it (a workshop given yesterday's
		// date, a two-day training given its first day), but never from later than a few days after its date, so
		// that touching a room every day cannot keep its people's names for ever. Days are UTC days.
		const lastDay = sql`least(greatest(${workshops.heldOn}, ${workshops.activeOn}), ${workshops.heldOn} + ${lastDayOfUseAfterDate}::int)`;
		const endedOrLapsed = sql`coalesce(${workshops.endedAt}, (${lastDay} + 2)::timestamp at time zone 'UTC')`;
		const due = await tx
			.update(workshops)
			.set({ endedAt: endedOrLapsed, erasedAt: now, joinCode: null, openQuestionId: null, version: sql`${workshops.version} + 1` })
			.where(and(lt(endedOrLapsed, sql`${workshopCutoff.toISOString()}::timestamptz`), isNull(workshops.erasedAt)))
			.returning({ id: workshops.id });
		const dueIds = due.map((workshop) => workshop.id);
		let participants: { id: string }[] = [];
		if (dueIds.length) {
			await rollUpParticipants(tx, inArray(sql`p.workshop_id`, dueIds));
			participants = await tx
				.delete(workshopParticipants)
				.where(inArray(workshopParticipants.workshopId, dueIds))
				.returning({ id: workshopParticipants.id });
		}
		// A learner's workshop rows go with them (on delete cascade), from workshops not yet erased too: their
		// figures are rolled up first, as a whole workshop's are. Locked first, so that a learner seen meanwhile is
		// neither rolled up and kept (counted twice) nor erased uncounted.
		await tx.execute(sql`select 1 from learners where last_seen_on < ${learnerCutoff} for update`);
		await rollUpParticipants(tx, sql`p.learner_id in (select id from learners where last_seen_on < ${learnerCutoff})`);
		const gone = await tx.delete(learners).where(lt(learners.lastSeenOn, learnerCutoff)).returning({ id: learners.id });
		return { workshops: due.length, participants: participants.length, learners: gone.length };
	});
	const credentials =
		(await deleteExpiredSessions(db, now)) + (await deleteStaleLinks(db, now)) + (await forgetOldFailures(db, now));
	return { ...purged, backups: removeOldBackups(options.backupsDir, now.getTime() - learnerRetentionDays * day), credentials };
}

function removeOldBackups(folder: string | undefined, cutoffMs: number): number {
	if (!folder || !fs.existsSync(folder)) return 0;
	let removed = 0;
	for (const name of fs.readdirSync(folder)) {
		const file = path.join(folder, name);
		// .jsonl.gz: npm run db:backup; .tar.gz: the file copies earlier versions made.
		if ((name.endsWith('.jsonl.gz') || name.endsWith('.tar.gz')) && fs.statSync(file).mtimeMs < cutoffMs) {
			fs.rmSync(file);
			removed++;
		}
	}
	return removed;
}

/** Purges now (catching up after downtime) and then every hour, for as long as the process runs. */
export function schedulePurge(run: () => Promise<Purged>, onDone: (purged: Purged) => void, onError: (error: unknown) => void): void {
	const once = () => run().then(onDone, onError);
	void once();
	setInterval(once, hour).unref();
}
