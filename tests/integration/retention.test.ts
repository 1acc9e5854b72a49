import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as schema from '../../src/lib/server/db/schema';
import { purge } from '../../src/lib/server/privacy/retention';
import { addDays, dayOf } from '../../src/lib/server/days';
import * as learners from '../../src/lib/server/learners/learners';
import * as settings from '../../src/lib/server/settings/settings';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { describeEachDatabase } from '../helpers/test-databases';

// Retention driven by a fake clock: what is due goes, what is not yet due stays, and the admin's settings decide.

const now = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describeEachDatabase('retention', (db) => {
	async function workshopWithOne(id: string, endedAt: Date | null) {
		await db().insert(schema.learners).values({ id: `learner-${id}`, tokenHash: new TextEncoder().encode(id), lastSeenOn: '2026-11-28' });
		await db().insert(schema.workshops).values({
			id,
			facilitatorId: 'f',
			title: id,
			heldOn: '2026-11-27',
			agenda: ['why-deportation-101'],
			joinExpiresAt: now,
			endedAt
		});
		await db().insert(schema.workshopParticipants).values({ id: `p-${id}`, workshopId: id, learnerId: `learner-${id}`, displayName: `Name ${id}` });
		await db().insert(schema.workshopAnswers).values({
			workshopId: id,
			participantId: `p-${id}`,
			lessonId: 'why-deportation-101',
			questionId: 'q',
			questionVersion: 'v',
			chosen: ['a'],
			correct: true
		});
	}
	const left = async (workshopId: string) =>
		(await db().select().from(schema.workshopParticipants).where(eq(schema.workshopParticipants.workshopId, workshopId))).length;

	it('erases workshop participants N hours after the end, learners unseen for M days, and old backups', async () => {
		await db().insert(schema.users).values({ id: 'f', email: 'f@example.org', displayName: 'F', passwordHash: 'x', role: 'facilitator' });
		await workshopWithOne('ended-25h-ago', hoursAgo(25));
		await workshopWithOne('ended-23h-ago', hoursAgo(23));
		await workshopWithOne('still-running', null);
		await db().insert(schema.learners).values([
			{ id: 'unseen-181-days', tokenHash: new Uint8Array([1]), lastSeenOn: '2026-05-31' },
			{ id: 'unseen-179-days', tokenHash: new Uint8Array([2]), lastSeenOn: '2026-06-02' }
		]);
		await db().insert(schema.lessonProgress).values({ learnerId: 'unseen-181-days', lessonId: 'why-deportation-101', startedOn: '2026-05-31' });
		const backups = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-backups-'));
		const oldBackup = path.join(backups, 'old.tar.gz');
		const newBackup = path.join(backups, 'new.tar.gz');
		fs.writeFileSync(oldBackup, 'x');
		fs.writeFileSync(newBackup, 'x');
		fs.utimesSync(oldBackup, hoursAgo(181 * 24), hoursAgo(181 * 24));
		fs.utimesSync(newBackup, hoursAgo(24), hoursAgo(24));

		expect(await purge(db(), now, { backupsDir: backups })).toEqual({ workshops: 1, participants: 1, learners: 1, backups: 1, credentials: 0 });
		expect(await left('ended-25h-ago')).toBe(0);
		expect(await left('ended-23h-ago')).toBe(1);
		expect(await left('still-running')).toBe(1);
		const answers = await db().select({ n: sql<number>`count(*)::int` }).from(schema.workshopAnswers);
		expect(answers[0].n).toBe(2);
		const [erased] = await db().select().from(schema.workshops).where(eq(schema.workshops.id, 'ended-25h-ago'));
		expect(erased.erasedAt).not.toBeNull();
		const learnerIds = (await db().select({ id: schema.learners.id }).from(schema.learners)).map((row) => row.id);
		expect(learnerIds).not.toContain('unseen-181-days');
		expect(learnerIds).toContain('unseen-179-days');
		// The workshop's device learner is not the workshop's to erase; it goes only when it is unseen for M days.
		expect(learnerIds).toContain('learner-ended-25h-ago');
		expect(fs.existsSync(oldBackup)).toBe(false);
		expect(fs.existsSync(newBackup)).toBe(true);

		// A second run a minute later finds nothing more to do.
		expect(await purge(db(), new Date(now.getTime() + 60_000), { backupsDir: backups })).toEqual({ workshops: 0, participants: 0, learners: 0, backups: 0, credentials: 0 });
	});

	it('follows the admin’s settings for N and M', async () => {
		await settings.update(db(), { workshopRetentionHours: 1, learnerRetentionDays: 1 });
		expect(await purge(db(), now)).toMatchObject({ workshops: 1, participants: 1, learners: 1 });
		expect(await left('ended-23h-ago')).toBe(0);
		expect(await left('still-running')).toBe(1);
	});

	it('removes expired staff sessions, used-up links and day-old failed-login counts, and keeps the rest', async () => {
		const secretHash = new Uint8Array([0]);
		await db().insert(schema.sessions).values([
			{ id: 'idle-13h', userId: 'f', secretHash, createdAt: hoursAgo(13), lastUsedAt: hoursAgo(13) },
			{ id: 'begun-8-days-ago', userId: 'f', secretHash, createdAt: hoursAgo(8 * 24), lastUsedAt: hoursAgo(1) },
			{ id: 'live', userId: 'f', secretHash, createdAt: hoursAgo(2), lastUsedAt: hoursAgo(1) }
		]);
		await db().insert(schema.accountLinks).values([
			{ id: 'setup-expired', secretHash, purpose: 'setup', expiresAt: hoursAgo(1) },
			{ id: 'invite-expired-31-days', secretHash, purpose: 'invite', email: 'a@example.org', expiresAt: hoursAgo(31 * 24) },
			{ id: 'invite-expired-29-days', secretHash, purpose: 'invite', email: 'b@example.org', expiresAt: hoursAgo(29 * 24) },
			{ id: 'setup-live', secretHash, purpose: 'setup', expiresAt: new Date(now.getTime() + 3_600_000) }
		]);
		await db().insert(schema.loginThrottles).values([
			{ key: 'failed-25h-ago', failures: 3, lastFailureAt: hoursAgo(25) },
			{ key: 'failed-23h-ago', failures: 3, lastFailureAt: hoursAgo(23) }
		]);

		expect(await purge(db(), now)).toMatchObject({ credentials: 5 });
		const ids = async (table: typeof schema.sessions | typeof schema.accountLinks) =>
			(await db().select({ id: table.id }).from(table)).map((row) => row.id).sort();
		expect(await ids(schema.sessions)).toEqual(['live']);
		expect(await ids(schema.accountLinks)).toEqual(['invite-expired-29-days', 'setup-live']);
		const keys = (await db().select({ key: schema.loginThrottles.key }).from(schema.loginThrottles)).map((row) => row.key);
		expect(keys).toEqual(['failed-23h-ago']);
	});

	it('takes a workshop nobody ended as ended once the day after it was held is over', async () => {
		await settings.update(db(), { workshopRetentionHours: 24 });
		await workshopWithOne('left-open-held-3-days-ago', null);
		await workshopWithOne('left-open-held-2-days-ago', null);
		await db().update(schema.workshops).set({ heldOn: '2026-11-25' }).where(eq(schema.workshops.id, 'left-open-held-3-days-ago'));
		await db().update(schema.workshops).set({ heldOn: '2026-11-26' }).where(eq(schema.workshops.id, 'left-open-held-2-days-ago'));

		// Held on the 25th: taken as ended at the start of the 27th, more than 24 hours before now (noon on the 28th).
		expect(await purge(db(), now)).toMatchObject({ workshops: 1, participants: 1 });
		expect(await left('left-open-held-3-days-ago')).toBe(0);
		expect(await left('left-open-held-2-days-ago')).toBe(1);
		const [lapsed] = await db().select().from(schema.workshops).where(eq(schema.workshops.id, 'left-open-held-3-days-ago'));
		expect(lapsed).toMatchObject({ endedAt: new Date('2026-11-27T00:00:00Z'), erasedAt: now, joinCode: null });
	});

	it('counts a workshop nobody ended from its last day of use when that is later than its date', async () => {
		await settings.update(db(), { workshopRetentionHours: 24 });
		await db().insert(schema.users).values({ id: 'f-active', email: 'active@example.org', displayName: 'F', passwordHash: 'x', role: 'facilitator' });
		const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
		const plannedOn = dayOf(now);
		// Planned with yesterday's date (a typo, or planning after the fact), then used for three days running.
		const room = await workshops.create(db(), 'f-active', { title: 'In use', heldOn: addDays(plannedOn, -1), agenda: ['why-deportation-101', 'status-basics'] }, at(plannedOn));
		const { learner } = await learners.create(db());
		await workshops.join(db(), room.id, learner.id, { displayName: 'Ana', isGroup: false }, at(addDays(plannedOn, 1)));
		await workshops.changeRoom(db(), (await workshops.get(db(), room.id))!, { position: 1 }, at(addDays(plannedOn, 2)));
		const stillThere = async () => (await left(room.id)) === 1;

		// Its date alone would have it erased from the start of plannedOn + 2 (plus 24 hours); its use keeps it.
		for (const day of [plannedOn, addDays(plannedOn, 1), addDays(plannedOn, 2), addDays(plannedOn, 4)]) {
			await purge(db(), at(day, 23));
			expect(await stillThere(), `purged on ${day}`).toBe(true);
		}
		// Last used on plannedOn + 2: taken as ended at the start of plannedOn + 4, erased 24 hours later.
		expect(await purge(db(), at(addDays(plannedOn, 5), 1))).toMatchObject({ workshops: 1, participants: 1 });
		expect(await stillThere()).toBe(false);
		const [lapsed] = await db().select().from(schema.workshops).where(eq(schema.workshops.id, room.id));
		expect(lapsed.endedAt).toEqual(new Date(`${addDays(plannedOn, 4)}T00:00:00Z`));
	});

	it('stops putting off the erasure a few days after the workshop’s date, however often the room is touched', async () => {
		await settings.update(db(), { workshopRetentionHours: 24 });
		await db().insert(schema.users).values({ id: 'f-touched', email: 'touched@example.org', displayName: 'F', passwordHash: 'x', role: 'facilitator' });
		const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
		const heldOn = dayOf(now);
		const room = await workshops.create(db(), 'f-touched', { title: 'Touched daily', heldOn, agenda: ['why-deportation-101'] }, at(heldOn));
		const { learner } = await learners.create(db());
		await workshops.join(db(), room.id, learner.id, { displayName: 'Ana', isGroup: false }, at(heldOn));
		// Someone moves the room (to where it already is) every day, and the sweep runs every day.
		let erasedOn: string | undefined;
		for (let offset = 1; offset <= 10 && !erasedOn; offset++) {
			const day = addDays(heldOn, offset);
			const workshop = (await workshops.get(db(), room.id))!;
			if (!workshop.erasedAt) await workshops.changeRoom(db(), workshop, { position: 0 }, at(day, 6));
			await purge(db(), at(day, 23));
			if ((await left(room.id)) === 0) erasedOn = day;
		}
		// Use counts up to three days after the date: taken as ended at the start of its date + 5, erased 24 hours on.
		expect(erasedOn).toBe(addDays(heldOn, 6));
	});

	it('marks a room in use on the day people join, however many join at once', async () => {
		await db().insert(schema.users).values({ id: 'f-joins', email: 'joins@example.org', displayName: 'F', passwordHash: 'x', role: 'facilitator' });
		const plannedOn = dayOf(now);
		const room = await workshops.create(db(), 'f-joins', { title: 'Busy', heldOn: plannedOn, agenda: ['why-deportation-101'] }, now);
		expect(room.activeOn).toBe(plannedOn);
		const phones = await Promise.all(Array.from({ length: 40 }, () => learners.create(db())));
		const nextDay = new Date(now.getTime() + 86_400_000);
		await Promise.all(phones.map(({ learner }) => workshops.join(db(), room.id, learner.id, { displayName: 'P', isGroup: false }, nextDay)));
		expect((await workshops.get(db(), room.id))!.activeOn).toBe(addDays(plannedOn, 1));
		expect(await left(room.id)).toBe(40);
	});
});
