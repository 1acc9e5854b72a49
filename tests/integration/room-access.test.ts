import { expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import * as session from '../../src/lib/server/auth/session';
import { course } from '../../src/lib/server/curriculum';
import * as learners from '../../src/lib/server/learners/learners';
import * as live from '../../src/lib/server/workshops/live';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { describeEachDatabase } from '../helpers/test-databases';

// Who may go on following a live room (issue 17): what an open event stream asks before each message, and the
// announcements that make every stream ask at once. And what the facilitator's view of the room never pairs.

let counter = 0;
const password = 'river stone lantern 42';
const agenda = ['why-deportation-101', 'status-basics'];
const question = course.quizzes.get('why-deportation-101')!.questions.find((q) => q.type !== 'multiple')!;
const [first, second] = question.type === 'true_false' ? ['true', 'false'] : question.choices.map((choice) => choice.id);

describeEachDatabase('who may follow a live room', (db) => {
	async function facilitator() {
		const created = await accounts.create(db(), { email: `room${++counter}-${Date.now()}@example.org`, displayName: 'F', password, role: 'facilitator' });
		if (!('user' in created)) throw new Error(created.problem);
		return created.user;
	}

	async function roomWithQuestion() {
		const owner = await facilitator();
		const created = await workshops.create(db(), owner.id, { title: 'T', heldOn: '2026-11-28', agenda });
		await workshops.changeRoom(db(), created, { openQuestionId: question.id });
		return { owner, workshop: (await workshops.get(db(), created.id))! };
	}

	async function participant(workshopId: string, displayName: string) {
		const { learner, token } = await learners.create(db());
		const person = await workshops.join(db(), workshopId, learner.id, { displayName, isGroup: false });
		return { learner, token, person };
	}

	/** Counts the announcements of sessions ended while `work` runs (no channel between processes here: local). */
	async function sessionsEndedDuring(work: () => Promise<unknown>) {
		let heard = 0;
		const stop = live.onSessionsEnded(() => heard++);
		try {
			await work();
		} finally {
			stop();
		}
		return heard;
	}

	it('lets a staff stream go on while its session holds, and not after sign-out, announcing it', async () => {
		const user = await facilitator();
		const { session: opened } = await session.createSession(db(), user.id, { twoFactorVerified: true });
		expect(await session.isSessionLive(db(), opened.id)).toBe(true);
		expect(await sessionsEndedDuring(() => session.invalidateSession(db(), opened.id))).toBe(1);
		expect(await session.isSessionLive(db(), opened.id)).toBe(false);
	});

	it('ends a session revoked from another one, and every session of a deactivated facilitator', async () => {
		const user = await facilitator();
		const { session: here } = await session.createSession(db(), user.id, { twoFactorVerified: true });
		const { session: there } = await session.createSession(db(), user.id, { twoFactorVerified: true });
		expect(await sessionsEndedDuring(() => session.invalidateUserSessions(db(), user.id, here.id))).toBe(1);
		expect(await session.isSessionLive(db(), there.id)).toBe(false);
		expect(await session.isSessionLive(db(), here.id)).toBe(true);

		expect(await sessionsEndedDuring(() => accounts.deactivateFacilitator(db(), user.id))).toBeGreaterThan(0);
		expect(await session.isSessionLive(db(), here.id)).toBe(false);
	});

	it('refuses an expired session to a stream, though nobody signed out', async () => {
		const user = await facilitator();
		const start = new Date();
		const { session: opened } = await session.createSession(db(), user.id, { twoFactorVerified: true, now: start });
		expect(await session.isSessionLive(db(), opened.id, new Date(start.getTime() + session.idleTimeoutMs - 1000))).toBe(true);
		expect(await session.isSessionLive(db(), opened.id, new Date(start.getTime() + session.idleTimeoutMs + 1000))).toBe(false);
	});

	it('lets a phone follow the room until its participant is removed', async () => {
		const { workshop } = await roomWithQuestion();
		const { learner, person } = await participant(workshop.id, 'Ana');
		expect(await workshops.participantMayFollow(db(), workshop.id, person.id, learner.tokenHash)).toBe(true);
		await workshops.removeParticipant(db(), workshop, person.id);
		expect(await workshops.participantMayFollow(db(), workshop.id, person.id, learner.tokenHash)).toBe(false);
	});

	it('stops a forgotten participant’s phone, and tells their rooms so that open streams ask', async () => {
		const { workshop } = await roomWithQuestion();
		const { learner, person } = await participant(workshop.id, 'Ana');
		let heard = 0;
		const stop = live.onChange(workshop.id, () => heard++);
		await learners.forget(db(), learner.id);
		stop();
		expect(heard).toBe(1);
		expect(await workshops.participantMayFollow(db(), workshop.id, person.id, learner.tokenHash)).toBe(false);
	});

	it('stops the old device of a participant who moved to a new one with their resume code', async () => {
		const { workshop } = await roomWithQuestion();
		const { learner, person } = await participant(workshop.id, 'Ana');
		const code = await learners.issueResumeCode(db(), learner.id);
		const moved = (await learners.resume(db(), code))!;
		expect(await workshops.participantMayFollow(db(), workshop.id, person.id, learner.tokenHash)).toBe(false);
		expect(await workshops.participantMayFollow(db(), workshop.id, person.id, moved.learner.tokenHash)).toBe(true);
	});

	it('lets an ended or erased room send its last state, which says so, and nothing of anyone in it', async () => {
		for (const close of [workshops.end, workshops.endAndErase]) {
			const { workshop } = await roomWithQuestion();
			const { learner, person } = await participant(workshop.id, 'Ana');
			await close(db(), workshop);
			expect(await workshops.participantMayFollow(db(), workshop.id, person.id, learner.tokenHash)).toBe(true);
			const last = await workshops.room(db(), workshop.id, 'en', { kind: 'participant', participantId: person.id });
			expect(last.ended).toBe(true);
			expect(last.joinCode).toBeNull();
		}
	});

	it('never gives a phone the join code', async () => {
		const { workshop } = await roomWithQuestion();
		const { person } = await participant(workshop.id, 'Ana');
		const view = await workshops.room(db(), workshop.id, 'en', { kind: 'participant', participantId: person.id });
		expect(workshop.joinCode).not.toBeNull();
		expect(view.joinCode).toBeNull();
		expect(view.me).toEqual({ displayName: 'Ana', removed: false, chosen: null });
	});

	it('shows the facilitator who has answered, in name order, and no tally until answers have stopped', async () => {
		const { workshop } = await roomWithQuestion();
		const people = [await participant(workshop.id, 'Zoe'), await participant(workshop.id, 'Ana'), await participant(workshop.id, 'Mia')];
		const seen: { answeredBy: string[] | null; tally: number[] | null }[] = [];
		for (const [index, { person }] of people.entries()) {
			expect(await workshops.answer(db(), workshop, person.id, { questionId: question.id, chosen: [index === 1 ? second : first] })).toBe('recorded');
			const { answeredBy, tally } = await workshops.room(db(), workshop.id, 'en', { kind: 'facilitator' });
			seen.push({ answeredBy, tally });
		}
		// A tally moving with each answer beside the list of names would tell who chose what.
		expect(seen.map((view) => view.tally)).toEqual([null, null, null]);
		expect(seen.map((view) => view.answeredBy)).toEqual([['Zoe'], ['Ana', 'Zoe'], ['Ana', 'Mia', 'Zoe']]);

		await workshops.changeRoom(db(), workshop, { revealed: true });
		const revealed = (await workshops.get(db(), workshop.id))!;
		const late = await participant(workshop.id, 'Bea');
		expect(await workshops.answer(db(), revealed, late.person.id, { questionId: question.id, chosen: [first] })).toBe('not_open');
		// Even sent with the room as it was before the reveal.
		expect(await workshops.answer(db(), workshop, late.person.id, { questionId: question.id, chosen: [first] })).toBe('not_open');
		const after = await workshops.room(db(), workshop.id, 'en', { kind: 'facilitator' });
		expect(after.tally?.reduce((sum, n) => sum + n, 0)).toBe(3);
		expect(after.answeredBy).toEqual(['Ana', 'Mia', 'Zoe']);
	});

	it('opens a question the room has answered again with its answer shown, taking no new answer to compare tallies by', async () => {
		const { workshop } = await roomWithQuestion();
		const alice = await participant(workshop.id, 'Alice');
		expect(await workshops.answer(db(), workshop, alice.person.id, { questionId: question.id, chosen: [first] })).toBe('recorded');
		await workshops.changeRoom(db(), workshop, { revealed: true });
		const bob = await participant(workshop.id, 'Bob');
		// Opened again at once, after closing it, and after moving away and back.
		const reopenings = [
			async () => workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { openQuestionId: question.id }),
			async () => {
				await workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { openQuestionId: null });
				await workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { openQuestionId: question.id });
			},
			async () => {
				await workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { position: 1 });
				await workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { position: 0 });
				await workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { openQuestionId: question.id });
			}
		];
		for (const reopen of reopenings) {
			await reopen();
			const room = (await workshops.get(db(), workshop.id))!;
			expect(room).toMatchObject({ openQuestionId: question.id, revealed: true });
			expect(await workshops.answer(db(), room, bob.person.id, { questionId: question.id, chosen: [second] })).toBe('not_open');
			expect((await workshops.room(db(), workshop.id, 'en', { kind: 'facilitator' })).tally?.reduce((sum, n) => sum + n, 0)).toBe(1);
		}
	});
});
