import { inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import * as schema from '../../src/lib/server/db/schema';
import * as learners from '../../src/lib/server/learners/learners';
import { course } from '../../src/lib/server/curriculum';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { generatedNames } from '../../src/lib/server/workshops/rules';
import { describeEachDatabase } from '../helpers/test-databases';

let counter = 0;

describeEachDatabase('workshops', (db) => {
	async function facilitator() {
		const created = await accounts.create(db(), {
			email: `f${++counter}-${Date.now()}@example.org`,
			displayName: 'F',
			password: 'river stone lantern 42',
			role: 'facilitator'
		});
		if (!('user' in created)) throw new Error(created.problem);
		return { id: created.user.id, role: 'facilitator' as const };
	}

	const agenda = ['why-deportation-101', 'status-basics'];
	const firstQuestion = course.quizzes.get('why-deportation-101')!.questions[0];

	async function runningWorkshop() {
		const owner = await facilitator();
		const workshop = await workshops.create(db(), owner.id, { title: 'T', heldOn: '2026-11-28', agenda });
		await workshops.changeRoom(db(), workshop, { openQuestionId: firstQuestion.id });
		return { owner, workshop: (await workshops.get(db(), workshop.id))! };
	}

	it('shows a facilitator only their own workshops, and an admin all of them', async () => {
		const [a, b] = [await facilitator(), await facilitator()];
		const mine = await workshops.create(db(), a.id, { title: 'Mine', heldOn: '2026-11-28', agenda });
		expect(await workshops.getFor(db(), mine.id, b)).toBeUndefined();
		expect((await workshops.getFor(db(), mine.id, a))?.title).toBe('Mine');
		expect((await workshops.listFor(db(), b)).map((w) => w.id)).not.toContain(mine.id);
		expect((await workshops.getFor(db(), mine.id, { id: 'someone', role: 'admin' }))?.id).toBe(mine.id);
	});

	it('opens joining by code until the workshop ends or 15 days pass', async () => {
		const owner = await facilitator();
		const now = new Date('2026-11-28T10:00:00Z');
		const workshop = await workshops.create(db(), owner.id, { title: 'T', heldOn: '2026-11-28', agenda }, now);
		expect(workshop.joinCode).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
		expect((await workshops.findJoinable(db(), workshop.joinCode!, new Date(now.getTime() + 14 * 86_400_000)))?.id).toBe(workshop.id);
		expect(await workshops.findJoinable(db(), workshop.joinCode!, new Date(now.getTime() + 15 * 86_400_000))).toBeUndefined();
		await workshops.end(db(), workshop);
		expect(await workshops.findJoinable(db(), workshop.joinCode!, now)).toBeUndefined();
	});

	it('keeps joining open for 15 days from the workshop’s day when it is planned ahead', async () => {
		const owner = await facilitator();
		const now = new Date('2026-11-28T10:00:00Z');
		const workshop = await workshops.create(db(), owner.id, { title: 'T', heldOn: '2027-01-27', agenda }, now);
		const dayOfWorkshop = new Date('2027-01-27T00:00:00Z').getTime();
		expect((await workshops.findJoinable(db(), workshop.joinCode!, now))?.id).toBe(workshop.id);
		expect((await workshops.findJoinable(db(), workshop.joinCode!, new Date(dayOfWorkshop + 14 * 86_400_000)))?.id).toBe(workshop.id);
		expect(await workshops.findJoinable(db(), workshop.joinCode!, new Date(dayOfWorkshop + 15 * 86_400_000))).toBeUndefined();
	});

	it('finds a rejoining learner as the same participant', async () => {
		const { workshop } = await runningWorkshop();
		const { learner } = await learners.create(db());
		const first = await workshops.join(db(), workshop.id, learner.id, { displayName: 'Ana', isGroup: false });
		const again = await workshops.join(db(), workshop.id, learner.id, { displayName: 'Someone else', isGroup: false });
		expect(again.id).toBe(first.id);
		expect(again.displayName).toBe('Ana');
	});

	it('adds no one to a workshop that has ended or been erased, even holding its code from before', async () => {
		for (const close of [workshops.end, workshops.endAndErase]) {
			const { workshop } = await runningWorkshop();
			const { learner } = await learners.create(db());
			await close(db(), workshop);
			await expect(workshops.join(db(), workshop.id, learner.id, { displayName: 'Late', isGroup: false })).rejects.toBeInstanceOf(
				workshops.WorkshopClosedError
			);
			expect(await workshops.participantOf(db(), workshop.id, learner.id)).toBeUndefined();
		}
	});

	it('keeps the report\'s counts and completions after the participants are erased', async () => {
		const { workshop } = await runningWorkshop();
		const [one, other] = firstQuestion.type === 'true_false' ? ['true', 'false'] : firstQuestion.choices.map((choice) => choice.id);
		for (const chosen of [[one], [one], [other]]) {
			const { learner } = await learners.create(db());
			const person = await workshops.join(db(), workshop.id, learner.id, { displayName: 'P', isGroup: false });
			expect(await workshops.answer(db(), workshop, person.id, { questionId: firstQuestion.id, chosen })).toBe('recorded');
		}
		const before = await workshops.report(db(), workshop, 'en');
		expect(before).toMatchObject({ attendance: 3, erased: false, questions: [{ questionId: firstQuestion.id, answered: 3 }] });
		expect([1, 2]).toContain(before.questions[0].correct);
		// One question asked: whoever answered it right completed the lesson in the room (statistics/completion.ts).
		expect(before.lessons.map((lesson) => lesson.completed)).toEqual([before.questions[0].correct, 0]);

		await workshops.endAndErase(db(), workshop);
		const after = await workshops.report(db(), (await workshops.get(db(), workshop.id))!, 'en');
		expect(after).toMatchObject({ attendance: 3, erased: true, questions: before.questions });
		expect(after.lessons.map((lesson) => lesson.completed)).toEqual(before.lessons.map((lesson) => lesson.completed));
	});

	it('records concurrent duplicate answers once and tallies every participant exactly', async () => {
		const { workshop } = await runningWorkshop();
		const people = await Promise.all(
			Array.from({ length: 20 }, async (_, index) => {
				const { learner } = await learners.create(db());
				return workshops.join(db(), workshop.id, learner.id, { displayName: `P${index}`, isGroup: false });
			})
		);
		const choice = firstQuestion.type === 'true_false' ? 'true' : firstQuestion.choices[0].id;
		const outcomes = await Promise.all(
			people.flatMap((person) => [1, 2, 3].map(() => workshops.answer(db(), workshop, person.id, { questionId: firstQuestion.id, chosen: [choice] })))
		);
		expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(20);
		// The tally shows once revealed, to the facilitator too.
		await workshops.changeRoom(db(), workshop, { revealed: true });
		const room = await workshops.room(db(), workshop.id, 'en', { kind: 'facilitator' });
		expect(room.answered).toBe(20);
		expect(room.tally?.reduce((sum, n) => sum + n, 0)).toBe(20);
		expect(room.attendance).toBe(20);
	});

	it('shows the room the tally only once it is revealed, and a participant never sees others’ names', async () => {
		const { workshop } = await runningWorkshop();
		const { learner } = await learners.create(db());
		const me = await workshops.join(db(), workshop.id, learner.id, { displayName: 'Ana', isGroup: false });
		const before = await workshops.room(db(), workshop.id, 'en', { kind: 'participant', participantId: me.id });
		expect(before.tally).toBeNull();
		expect(before.correctChoiceIds).toBeNull();
		expect(before.answeredBy).toBeNull();
		await workshops.changeRoom(db(), workshop, { revealed: true });
		const after = await workshops.room(db(), workshop.id, 'en', { kind: 'presenter' });
		expect(after.tally).not.toBeNull();
		expect(after.correctChoiceIds?.length).toBeGreaterThan(0);
		expect(JSON.stringify(after)).not.toContain('Ana');
	});

	it('refuses answers to a question that is not open, and moving on closes the question', async () => {
		const { workshop } = await runningWorkshop();
		const { learner } = await learners.create(db());
		const me = await workshops.join(db(), workshop.id, learner.id, { displayName: 'Ana', isGroup: false });
		await workshops.changeRoom(db(), workshop, { position: 1 });
		const moved = (await workshops.get(db(), workshop.id))!;
		expect(moved.openQuestionId).toBeNull();
		expect(await workshops.answer(db(), moved, me.id, { questionId: firstQuestion.id, chosen: ['a'] })).toBe('not_open');
	});

	it('ends and erases a room of 200 at once: names, answers and device links go; other rooms and learners stay', async () => {
		const { workshop } = await runningWorkshop();
		const { workshop: other } = await runningWorkshop();
		const choice = firstQuestion.type === 'true_false' ? 'true' : firstQuestion.choices[0].id;
		const learnerIds: string[] = [];
		for (let i = 0; i < 200; i++) {
			const { learner } = await learners.create(db());
			learnerIds.push(learner.id);
			const person = await workshops.join(db(), workshop.id, learner.id, { displayName: `P${i}`, isGroup: false });
			await workshops.answer(db(), workshop, person.id, { questionId: firstQuestion.id, chosen: [choice] });
		}
		const { learner: elsewhere } = await learners.create(db());
		const kept = await workshops.join(db(), other.id, elsewhere.id, { displayName: 'Kept', isGroup: false });
		await workshops.answer(db(), other, kept.id, { questionId: firstQuestion.id, chosen: [choice] });

		await workshops.endAndErase(db(), workshop);

		const count = async (table: PgTable, workshopId: string) =>
			(await db().select({ n: sql<number>`count(*)::int` }).from(table).where(sql`workshop_id = ${workshopId}`))[0].n;
		expect(await count(schema.workshopParticipants, workshop.id)).toBe(0);
		expect(await count(schema.workshopAnswers, workshop.id)).toBe(0);
		expect(await count(schema.workshopParticipants, other.id)).toBe(1);
		expect(await count(schema.workshopAnswers, other.id)).toBe(1);
		const erased = (await workshops.get(db(), workshop.id))!;
		expect(erased.erasedAt).not.toBeNull();
		expect(erased.endedAt).not.toBeNull();
		expect(erased.joinCode).toBeNull();
		expect(await workshops.findJoinable(db(), workshop.joinCode!)).toBeUndefined();
		// The devices' learners are not the workshop's to erase: their own study stays theirs.
		const [{ n }] = await db()
			.select({ n: sql<number>`count(*)::int` })
			.from(schema.learners)
			.where(inArray(schema.learners.id, learnerIds));
		expect(n).toBe(200);
		const room = await workshops.room(db(), workshop.id, 'en', { kind: 'facilitator' });
		expect(room).toMatchObject({ erased: true, ended: true, attendance: 0, answered: 0 });
	});
	it('gives every person who types no name a name nobody else in the room has, even when they join at once into a crowded room', async () => {
		const { workshop } = await runningWorkshop();
		// A room that has taken all but 5 of the English names: 60 joining together must share out those 5, then numbered ones.
		const free = new Set(generatedNames('en').slice(0, 5));
		const taken = generatedNames('en').filter((name) => !free.has(name));
		const fillers = await db()
			.insert(schema.learners)
			.values(taken.map(() => ({ id: crypto.randomUUID(), tokenHash: crypto.getRandomValues(new Uint8Array(32)) })))
			.returning({ id: schema.learners.id });
		await db()
			.insert(schema.workshopParticipants)
			.values(taken.map((displayName, i) => ({ id: crypto.randomUUID(), workshopId: workshop.id, learnerId: fillers[i].id, displayName })));
		const people = await Promise.all(
			Array.from({ length: 60 }, async () => {
				const { learner } = await learners.create(db());
				return workshops.join(db(), workshop.id, learner.id, { displayName: undefined, isGroup: false, locale: 'en' });
			})
		);
		const names = people.map((person) => person.displayName);
		expect(new Set(names).size).toBe(60);
		expect(names.filter((name) => free.has(name)).sort()).toEqual([...free].sort());
		expect(names.some((name) => taken.includes(name))).toBe(false);
	});

	it('lets people already in the room back in after joining closes, refuses newcomers, and takes them again once reopened', async () => {
		const { workshop } = await runningWorkshop();
		const { learner: inside } = await learners.create(db());
		const { learner: newcomer } = await learners.create(db());
		const before = await workshops.join(db(), workshop.id, inside.id, { displayName: 'Ana', isGroup: false });
		await workshops.closeJoining(db(), workshop);
		const closed = (await workshops.get(db(), workshop.id))!;
		expect(closed.joiningOpen).toBe(false);
		// The code still opens the room, for those already in it.
		expect((await workshops.findJoinable(db(), closed.joinCode!))?.id).toBe(workshop.id);
		expect((await workshops.join(db(), workshop.id, inside.id, { displayName: undefined, isGroup: false })).id).toBe(before.id);
		await expect(workshops.join(db(), workshop.id, newcomer.id, { displayName: 'Late', isGroup: false })).rejects.toBeInstanceOf(
			workshops.JoiningClosedError
		);
		expect((await workshops.room(db(), workshop.id, 'en', { kind: 'presenter' })).joinCode).toBeNull();
		await workshops.reopenJoining(db(), closed);
		const reopened = (await workshops.get(db(), workshop.id))!;
		expect(reopened).toMatchObject({ joiningOpen: true, joinCode: closed.joinCode });
		expect((await workshops.join(db(), workshop.id, newcomer.id, { displayName: 'Late', isGroup: false })).displayName).toBe('Late');
	});
	it('refuses an empty, forged or doubled answer, and still takes the real one after it', async () => {
		const { workshop } = await runningWorkshop();
		const { learner } = await learners.create(db());
		const person = await workshops.join(db(), workshop.id, learner.id, { displayName: 'P', isGroup: false });
		const offered = firstQuestion.type === 'true_false' ? ['true', 'false'] : firstQuestion.choices.map((choice) => choice.id);
		const answer = (chosen: string[]) => workshops.answer(db(), workshop, person.id, { questionId: firstQuestion.id, chosen });
		expect(await answer([])).toBe('no_choice');
		expect(await answer(['zzz'])).toBe('no_choice');
		if (firstQuestion.type !== 'multiple') expect(await answer(offered.slice(0, 2))).toBe('no_choice');
		expect(await answer([offered[0]])).toBe('recorded');
	});

	it('never leaves the room past its last lesson when a move and an agenda edit cross', async () => {
		for (let round = 0; round < 15; round++) {
			const owner = await facilitator();
			const created = await workshops.create(db(), owner.id, { title: 'Race', heldOn: '2026-11-28', agenda });
			await Promise.all([
				workshops.changeRoom(db(), created, { position: 1 }),
				workshops.changeAgenda(db(), created, { kind: 'remove', lessonId: agenda[1] })
			]);
			const after = (await workshops.get(db(), created.id))!;
			expect(after.position).toBeLessThan(after.agenda.length);
			expect((await workshops.room(db(), created.id, 'en', { kind: 'facilitator' })).lesson.id).toBe(after.agenda[after.position]);
		}
	});

	it('answers a deleted workshop’s screens with not found', async () => {
		const { workshop } = await runningWorkshop();
		await workshops.deleteWorkshop(db(), workshop);
		await expect(workshops.roomView(db(), workshop.id, 'en', 'presenter')).rejects.toMatchObject({ status: 404 });
	});
});
