import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import * as links from '../../src/lib/server/auth/links';
import { randomSecret } from '../../src/lib/server/auth/tokens';
import { course } from '../../src/lib/server/curriculum';
import { dayOf } from '../../src/lib/server/days';
import * as schema from '../../src/lib/server/db/schema';
import * as learners from '../../src/lib/server/learners/learners';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { describeEachDatabase } from '../helpers/test-databases';

// The facilitator's control of a workshop (issue 16): one workshop per create form and one invitation per
// address, however many times the form is sent at once; removal undone; the agenda changed until the workshop
// starts; practice runs; and a workshop deleted with everything kept with it. (On PostgreSQL the sends run on
// several connections at once, so the unique indexes are what holds; on PGlite they interleave.)

const burst = 50;
let counter = 0;
const together = <T>(make: (index: number) => Promise<T>) => Promise.all(Array.from({ length: burst }, (_, index) => make(index)));

describeEachDatabase('workshop control', (db) => {
	async function facilitator() {
		const created = await accounts.create(db(), {
			email: `control${++counter}-${Date.now()}@example.org`,
			displayName: 'F',
			password: 'river stone lantern 42',
			role: 'facilitator'
		});
		if (!('user' in created)) throw new Error(created.problem);
		return created.user;
	}

	const agenda = ['why-deportation-101', 'status-basics', 'criminal-process'];
	const firstQuestion = course.quizzes.get('why-deportation-101')!.questions[0];
	if (firstQuestion.type !== 'single') throw new Error('The first question of the first lesson is no longer single-choice: pick another here');
	const rightChoice = firstQuestion.choices.find((choice) => choice.correct)!.id;
	const wrongChoice = firstQuestion.choices.find((choice) => !choice.correct)!.id;
	const plan = (owner: { id: string }, extra: Partial<Parameters<typeof workshops.create>[2]> = {}) =>
		workshops.create(db(), owner.id, { title: 'Control', heldOn: dayOf(), agenda, ...extra });

	async function join(workshop: schema.Workshop, name: string) {
		const { learner } = await learners.create(db());
		return workshops.join(db(), workshop.id, learner.id, { displayName: name, isGroup: false });
	}

	const workshopsOf = async (ownerId: string) =>
		db().select({ id: schema.workshops.id }).from(schema.workshops).where(eq(schema.workshops.facilitatorId, ownerId));

	it('makes one workshop of a create form sent 50 times at once, and gives every send that workshop', async () => {
		const owner = await facilitator();
		const creationKey = randomSecret();
		const made = await together(() => plan(owner, { creationKey }));
		expect(new Set(made.map((workshop) => workshop.id)).size).toBe(1);
		expect(await workshopsOf(owner.id)).toHaveLength(1);
		// Another form (another key), or a form without one, makes another workshop.
		await plan(owner, { creationKey: randomSecret() });
		await plan(owner);
		await plan(owner);
		expect(await workshopsOf(owner.id)).toHaveLength(4);
	});

	it('keeps one invitation per address when it is sent 50 times at once, and its last link works', async () => {
		const admin = await facilitator();
		const email = `invited${++counter}@example.org`;
		const sent = await together(() => links.createInvite(db(), admin.id, email));
		const rows = await db().select().from(schema.accountLinks).where(eq(schema.accountLinks.email, email));
		expect(rows).toHaveLength(1);
		// Each send replaced the secret; exactly one link, the one written last, still opens the invitation.
		const working = (await Promise.all(sent.map(({ token }) => links.readInvite(db(), token)))).filter((found) => found === email);
		expect(working).toHaveLength(1);
	});

	it('sends an invitation again under the same id, and the old link stops working', async () => {
		const admin = await facilitator();
		const email = `again${++counter}@example.org`;
		const first = await links.createInvite(db(), admin.id, email);
		const [invite] = (await links.listInvites(db())).filter((listed) => listed.email === email);
		const renewed = await links.reinvite(db(), invite.id, admin.id);
		expect(renewed?.email).toBe(email);
		expect(await links.readInvite(db(), first.token)).toBeUndefined();
		expect(await links.readInvite(db(), renewed!.token)).toBe(email);
		// A second "send again" from the same list (a double click) still finds it.
		const twice = await links.reinvite(db(), invite.id, admin.id);
		expect(await links.readInvite(db(), twice!.token)).toBe(email);
		expect((await links.listInvites(db())).filter((listed) => listed.email === email)).toHaveLength(1);
	});

	it('closes joining and opens it again, for a new day of joining at least, on both databases', async () => {
		const now = new Date();
		const workshop = await plan(await facilitator());
		await workshops.closeJoining(db(), workshop);
		const closed = (await workshops.get(db(), workshop.id))!;
		expect(closed).toMatchObject({ joiningOpen: false, joinCode: workshop.joinCode });
		await workshops.reopenJoining(db(), closed, now);
		const reopened = (await workshops.get(db(), workshop.id))!;
		expect(reopened).toMatchObject({ joiningOpen: true, joinCode: workshop.joinCode });
		expect(reopened.joinExpiresAt.getTime()).toBeGreaterThanOrEqual(workshop.joinExpiresAt.getTime());
		expect(reopened.version).toBeGreaterThan(closed.version);
	});

	it('lets a removed person back in, and says who either way', async () => {
		const workshop = await plan(await facilitator());
		const ana = await join(workshop, 'Ana');
		expect(await workshops.removeParticipant(db(), workshop, ana.id)).toEqual({ id: ana.id, displayName: 'Ana' });
		expect((await workshops.participantOf(db(), workshop.id, ana.learnerId))?.removed).toBe(true);
		expect(await workshops.letParticipantBackIn(db(), workshop, ana.id)).toEqual({ id: ana.id, displayName: 'Ana' });
		expect((await workshops.participantOf(db(), workshop.id, ana.learnerId))?.removed).toBe(false);
		// Nobody of that id in this room: nothing changes, and nobody is named.
		const other = await plan(await facilitator());
		expect(await workshops.removeParticipant(db(), other, ana.id)).toBeUndefined();
	});

	it('changes the agenda, with people in the room, until the room leaves its first lesson', async () => {
		const workshop = await plan(await facilitator());
		await join(workshop, 'Early');
		expect(await workshops.changeAgenda(db(), workshop, { kind: 'down', lessonId: 'why-deportation-101' })).toBe('changed');
		expect(await workshops.changeAgenda(db(), workshop, { kind: 'remove', lessonId: 'criminal-process' })).toBe('changed');
		expect(await workshops.changeAgenda(db(), workshop, { kind: 'add', lessonId: 'know-your-rights' })).toBe('changed');
		expect(await workshops.changeAgenda(db(), workshop, { kind: 'add', lessonId: 'not-a-lesson' })).toBe('invalid');
		const changed = (await workshops.get(db(), workshop.id))!;
		expect(changed.agenda).toEqual(['status-basics', 'why-deportation-101', 'know-your-rights']);
		expect(changed.version).toBeGreaterThan(workshop.version);
		const view = await workshops.agendaView(db(), changed, 'es');
		expect(view.editable).toBe(true);
		expect(view.lessons.map((lesson) => lesson.id)).toEqual(changed.agenda);
		expect(view.others.map((lesson) => lesson.id)).not.toContain('know-your-rights');

		await workshops.changeRoom(db(), changed, { position: 1 });
		expect(await workshops.changeAgenda(db(), changed, { kind: 'up', lessonId: 'know-your-rights' })).toBe('started');
		expect((await workshops.get(db(), workshop.id))!.agenda).toEqual(changed.agenda);
		expect((await workshops.agendaView(db(), (await workshops.get(db(), workshop.id))!, 'en')).editable).toBe(false);
	});

	it('keeps the agenda once someone has answered, even back on the first lesson with no question open', async () => {
		const workshop = await plan(await facilitator());
		const person = await join(workshop, 'Answers');
		await workshops.changeRoom(db(), workshop, { openQuestionId: firstQuestion.id });
		const open = (await workshops.get(db(), workshop.id))!;
		expect(await workshops.changeAgenda(db(), open, { kind: 'down', lessonId: 'why-deportation-101' })).toBe('started');
		expect(await workshops.answer(db(), open, person.id, { questionId: firstQuestion.id, chosen: [rightChoice] })).toBe('recorded');
		await workshops.changeRoom(db(), open, { openQuestionId: null });
		const closed = (await workshops.get(db(), workshop.id))!;
		expect(await workshops.started(db(), closed)).toBe(true);
		expect(await workshops.changeAgenda(db(), closed, { kind: 'down', lessonId: 'why-deportation-101' })).toBe('started');
	});

	it('stores a practice run, at creation and later', async () => {
		const owner = await facilitator();
		const practice = await plan(owner, { practice: true });
		expect(practice.practice).toBe(true);
		const real = await plan(owner);
		expect(real.practice).toBe(false);
		await workshops.setPractice(db(), real, true);
		expect((await workshops.get(db(), real.id))!.practice).toBe(true);
		expect((await workshops.listFor(db(), { id: owner.id, role: 'facilitator' })).every((listed) => listed.practice)).toBe(true);
	});

	it('deletes a workshop with its participants, their answers and its rows in the statistics', async () => {
		const owner = await facilitator();
		const counts = async (workshopId: string) => {
			const tables = [
				schema.workshopParticipants,
				schema.workshopAnswers,
				schema.workshopAttendanceCounts,
				schema.workshopSittingCounts,
				schema.workshopAnswerCounts,
				schema.workshopWrongChoiceCounts
			];
			const found: number[] = [];
			for (const table of tables) {
				const [{ rows }] = await db()
					.select({ rows: sql<number>`count(*)`.mapWith(Number) })
					.from(table)
					.where(eq(table.workshopId, workshopId));
				found.push(rows);
			}
			return found;
		};
		// One workshop erased (its figures rolled up into the statistics), one still live: both deleted.
		const erased = await plan(owner);
		const live = await plan(owner);
		for (const workshop of [erased, live]) {
			await workshops.changeRoom(db(), workshop, { openQuestionId: firstQuestion.id });
			const open = (await workshops.get(db(), workshop.id))!;
			for (const [index, chosen] of [[rightChoice], [wrongChoice], [rightChoice]].entries()) {
				const person = await join(open, `P${index}`);
				await workshops.answer(db(), open, person.id, { questionId: firstQuestion.id, chosen });
			}
		}
		await workshops.endAndErase(db(), (await workshops.get(db(), erased.id))!);
		expect((await counts(erased.id)).slice(2).every((rows) => rows > 0)).toBe(true);
		expect((await counts(live.id)).slice(0, 2).every((rows) => rows > 0)).toBe(true);
		const kept = await plan(owner);

		for (const workshop of [erased, live]) {
			await workshops.deleteWorkshop(db(), (await workshops.get(db(), workshop.id))!);
			expect(await workshops.get(db(), workshop.id)).toBeUndefined();
			expect(await counts(workshop.id)).toEqual([0, 0, 0, 0, 0, 0]);
		}
		expect((await workshopsOf(owner.id)).map((row) => row.id)).toEqual([kept.id]);
	});
});
