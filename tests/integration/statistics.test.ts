import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { course } from '../../src/lib/server/curriculum';
import type { Question } from '../../src/lib/server/curriculum/schema';
import * as schema from '../../src/lib/server/db/schema';
import { dayOf } from '../../src/lib/server/days';
import { questionVersions } from '../../src/lib/server/quizzes/quizzes';
import { choiceIds, correctChoiceIds } from '../../src/lib/server/quizzes/scoring';
import { loadDashboard } from '../../src/lib/server/statistics/dashboard';
import type { StatisticsFilters } from '../../src/lib/server/statistics/filters';
import { analyseItems } from '../../src/lib/server/statistics/items';
import { describeEachDatabase } from '../helpers/test-databases';

// A small fixed data set whose figures are worked out by hand below, on both databases.
//
// Self-paced, lesson one (L1): ten learners s1…s10 start it on 2026-03-02 and read it; one attempt each. Over its
// first four questions they are right on (the rest of the quiz wrong):
//   s1–s3: q1 q2 q3 q4 (score 4)   s4: q1 q2 q3 (3)   s5: q2 q3 (2)   s6: q1 q2 (2)   s7: q2 q3 (2)
//   s8: q1 (1)   s9, s10: none (0)
// Percent 100,100,100,75,50,50,50,25,0,0; passed: s1–s7. So L1: started 10, completed 7, pass rate 70 %.
// Lesson two (L2): s1–s6 start it on 2026-03-09, read it and pass with 80 %: started 6, completed 6, retained 60 %.
// One more learner started L1 in 2025, outside the range.
//
// Item analysis of q1 (self-paced): right in s1 s2 s3 s4 s6 s8 = 6 of 10 = 60 %. Groups of round(10 × 0.27) = 3:
// top s1–s3 (3 right), bottom s8 s9 s10 (1 right): D = (3 − 1) / 3 = 0.67. Wrong answers: s5 s7 s9 chose the
// first wrong choice and s10 the second, so the most chosen wrong answer is the first, at 3 of 10 = 30 %.
//
// Workshops, on L1's q1 and q2 only: "NY" (region ny, facilitator A, 2026-03-04) with p1…p6 right on
//   p1 p2 p6: q1 q2   p3: q1   p4: q2   p5: none
// so with a pass mark over 50 %, three pass (p1 p2 p6); and "CA" (region ca, facilitator B) with p7 p8 right on
// both. In NY alone, q1 is right for 4 of 6 = 66.7 %; groups of round(6 × 0.27) = 2. The top two places go to the
// three sittings scoring 2 (p1 p2 p6), each counting for 2/3, all right on q1: 2 right. The bottom two go to p5
// (score 0) and, half each, to p3 and p4 (score 1), of whom p3 is right on q1: 0.5 right. D = (2 − 0.5) / 2 = 0.75.

// The first two lessons of the first module, so that "retained" (started, against the module's first lesson) applies.
const [lessonOne, lessonTwo] = course.modules[0].lessons;
const quiz = course.quizzes.get(lessonOne.id)!;
const [q1, q2, q3, q4] = quiz.questions;
const versions = questionVersions(lessonOne.id);

const right = (question: Question) => correctChoiceIds(question);
const wrong = (question: Question, which = 0) => [choiceIds(question).filter((id) => !right(question).includes(id))[which]];

/** From the seeded days (in March 2026) through today, which the live figures of two tests add to. */
const throughToday: StatisticsFilters = { from: '2026-01-01', to: dayOf(), mode: 'all', region: null, facilitatorId: null };

describeEachDatabase('statistics', (db) => {
	it('rests on a fixture the comments describe', () => {
		expect(quiz.pass_mark).toBeGreaterThan(50);
		expect(q1.type).toBe('single');
		expect(wrong(q1, 1)[0]).toBeDefined();
		expect(course.quizzes.has(lessonTwo.id)).toBe(true);
	});

	let seeding: Promise<void> | undefined;
	/** The fixture, written once per database; the last test alone changes it. */
	const seed = () => (seeding ??= writeFixture());

	async function writeFixture() {
		const learnerIds = [...Array.from({ length: 10 }, (_, i) => `s${i + 1}`), 'old', ...Array.from({ length: 8 }, (_, i) => `w${i + 1}`)];
		await db()
			.insert(schema.learners)
			.values(learnerIds.map((id) => ({ id, tokenHash: new TextEncoder().encode(id) })));
		const rightOn: Record<string, Question[]> = {
			s1: [q1, q2, q3, q4], s2: [q1, q2, q3, q4], s3: [q1, q2, q3, q4], s4: [q1, q2, q3],
			s5: [q2, q3], s6: [q1, q2], s7: [q2, q3], s8: [q1], s9: [], s10: []
		};
		const percents = [100, 100, 100, 75, 50, 50, 50, 25, 0, 0];
		const wrongChoiceOfQ1: Record<string, number> = { s5: 0, s7: 0, s9: 0, s10: 1 };
		for (const [index, learnerId] of Object.keys(rightOn).entries()) {
			const passed = index < 7;
			await db()
				.insert(schema.lessonProgress)
				.values({ learnerId, lessonId: lessonOne.id, startedOn: '2026-03-02', readOn: '2026-03-02', passedOn: passed ? '2026-03-02' : null });
			await db().insert(schema.quizAttempts).values({
				id: `attempt-${learnerId}`, learnerId, lessonId: lessonOne.id, submissionKey: 'k',
				correctCount: rightOn[learnerId].length, total: quiz.questions.length, percent: percents[index], passed, submittedOn: '2026-03-02'
			});
			await db()
				.insert(schema.attemptAnswers)
				.values(
					quiz.questions.map((question) => {
						const correct = rightOn[learnerId].includes(question);
						const chosen = correct ? right(question) : wrong(question, question === q1 ? wrongChoiceOfQ1[learnerId] : 0);
						return { attemptId: `attempt-${learnerId}`, questionId: question.id, questionVersion: versions[question.id], chosen, correct };
					})
				);
		}
		for (const learnerId of ['s1', 's2', 's3', 's4', 's5', 's6']) {
			await db()
				.insert(schema.lessonProgress)
				.values({ learnerId, lessonId: lessonTwo.id, startedOn: '2026-03-09', readOn: '2026-03-09', passedOn: '2026-03-09' });
			await db().insert(schema.quizAttempts).values({
				id: `attempt-${learnerId}-2`, learnerId, lessonId: lessonTwo.id, submissionKey: 'k2',
				correctCount: 4, total: 5, percent: 80, passed: true, submittedOn: '2026-03-09'
			});
		}
		await db().insert(schema.lessonProgress).values({ learnerId: 'old', lessonId: lessonOne.id, startedOn: '2025-06-01' });

		await db()
			.insert(schema.users)
			.values(['a', 'b'].map((id) => ({ id, email: `${id}@example.org`, displayName: id, passwordHash: 'x', role: 'facilitator' as const })));
		const workshop = (id: string, facilitatorId: string, region: string) => ({
			id, facilitatorId, region, title: id, heldOn: '2026-03-04', agenda: [lessonOne.id], joinExpiresAt: new Date('2026-03-05')
		});
		await db().insert(schema.workshops).values([workshop('NY', 'a', 'ny'), workshop('CA', 'b', 'ca')]);
		const roomRightOn: Record<string, Question[]> = {
			p1: [q1, q2], p2: [q1, q2], p3: [q1], p4: [q2], p5: [], p6: [q1, q2], p7: [q1, q2], p8: [q1, q2]
		};
		for (const [index, participantId] of Object.keys(roomRightOn).entries()) {
			const workshopId = index < 6 ? 'NY' : 'CA';
			await db()
				.insert(schema.workshopParticipants)
				.values({ id: participantId, workshopId, learnerId: `w${index + 1}`, displayName: participantId });
			await db()
				.insert(schema.workshopAnswers)
				.values(
					[q1, q2].map((question) => {
						const correct = roomRightOn[participantId].includes(question);
						return {
							workshopId, participantId, lessonId: lessonOne.id, questionId: question.id, questionVersion: versions[question.id],
							chosen: correct ? right(question) : wrong(question), correct
						};
					})
				);
		}
	}

	const funnelRow = (dashboard: Awaited<ReturnType<typeof loadDashboard>>, lessonId: string) =>
		dashboard.funnel.flatMap((module) => module.lessons).find((lesson) => lesson.lessonId === lessonId)!;

	it('counts the self-paced funnel, pass rate and score bands by hand', async () => {
		await seed();
		const dashboard = await loadDashboard(db(), { ...throughToday, mode: 'self' }, 'en');
		expect(dashboard.summary).toEqual({
			learners: 10, lessonsStarted: 16, lessonsCompleted: 13, attempts: 16, passRate: 81.3, workshops: 0, attendance: 0
		});
		expect(funnelRow(dashboard, lessonOne.id)).toMatchObject({ started: 10, completed: 7, completionRate: 70 });
		expect(funnelRow(dashboard, lessonTwo.id)).toMatchObject({ started: 6, completed: 6, completionRate: 100 });
		expect(dashboard.quizzes.find((row) => row.lessonId === lessonOne.id)).toMatchObject({ attempts: 10, learners: 10, passRate: 70, meanScore: 55 });
		// Bands: 100 % ×3, 80 % ×6, 75 %, 50 % ×3, 25 %, 0 % ×2; every band under five shows "<5".
		expect(dashboard.scores.map((band) => band.sittings)).toEqual(['<5', 0, '<5', 0, 0, '<5', 0, '<5', 6, 0, '<5']);
		expect(dashboard.weeks).toEqual([
			{ week: '2026-03-02', learners: 10, started: 10, completed: 7, attempts: 10, workshops: 0, attendance: 0 },
			{ week: '2026-03-09', learners: 6, started: 6, completed: 6, attempts: 6, workshops: 0, attendance: 0 }
		]);
	});

	it('narrows to a region or a facilitator through workshops, and hides cells under five', async () => {
		await seed();
		const ny = await loadDashboard(db(), { ...throughToday, region: 'ny' }, 'en');
		expect(ny.summary).toEqual({ learners: 6, lessonsStarted: 6, lessonsCompleted: '<5', attempts: 6, passRate: 50, workshops: 1, attendance: 6 });
		expect(funnelRow(ny, lessonOne.id)).toMatchObject({ started: 6, completed: '<5', completionRate: 50 });
		const b = await loadDashboard(db(), { ...throughToday, facilitatorId: 'b' }, 'en');
		expect(b.summary).toMatchObject({ learners: '<5', workshops: 1, attendance: '<5', passRate: null });
		const all = await loadDashboard(db(), throughToday, 'en');
		expect(all.summary).toMatchObject({ learners: 18, lessonsStarted: 24, lessonsCompleted: 18, workshops: 2, attendance: 8 });
		expect(funnelRow(all, lessonOne.id)).toMatchObject({ started: 18, completed: 12 });
		expect(funnelRow(all, lessonTwo.id).retained).toBe(33.3);
	});

	it('analyses each question: share right, most chosen wrong answer, discrimination index', async () => {
		await seed();
		const items = await analyseItems(db(), { ...throughToday, mode: 'self' }, 'en');
		const first = items.find((item) => item.lessonId === lessonOne.id && item.questionId === q1.id)!;
		expect(first).toMatchObject({ learners: 10, answered: 10, correctShare: 60, discrimination: 0.67, flags: [] });
		expect(first.topWrongChoice).toMatchObject({ id: wrong(q1)[0], share: 30 });
		expect(first.file).toBe(`${lessonOne.folder.slice(1)}quiz.yaml`);

		const inNewYork = await analyseItems(db(), { ...throughToday, region: 'ny' }, 'en');
		expect(inNewYork.find((item) => item.lessonId === lessonOne.id && item.questionId === q1.id)).toMatchObject({
			learners: 6, correctShare: 66.7, discrimination: 0.75
		});
		// Questions nobody answered in the room show nothing rather than a misleading zero.
		expect(inNewYork.find((item) => item.lessonId === lessonOne.id && item.questionId === q3.id)).toMatchObject({
			learners: 0, correctShare: null, discrimination: null
		});
	});

	it('counts only answers to the question as it is written now', async () => {
		await seed();
		await db().update(schema.attemptAnswers).set({ questionVersion: 'older' });
		const items = await analyseItems(db(), { ...throughToday, mode: 'self' }, 'en');
		expect(items.find((item) => item.lessonId === lessonOne.id && item.questionId === q1.id)).toMatchObject({ answered: 0 });
	});

	it('keeps the figures of finished days as aggregates after the learners are erased, and counts today live', async () => {
		await seed();
		const self = { ...throughToday, mode: 'self' as const };
		const before = await loadDashboard(db(), self, 'en');
		expect((await db().select().from(schema.selfPacedDays)).length).toBeGreaterThan(0);

		// s10 asks to be forgotten: their rows go, the day's counts stay, and only the distinct learners drop.
		await db().delete(schema.learners).where(eq(schema.learners.id, 's10'));
		const after = await loadDashboard(db(), self, 'en');
		expect(after.summary).toEqual({ ...before.summary, learners: 9 });

		// Activity today is read from the raw tables, not from a rollup that does not have it yet.
		const today = dayOf();
		await db().insert(schema.lessonProgress).values({ learnerId: 's9', lessonId: lessonTwo.id, startedOn: today });
		const live = await loadDashboard(db(), { ...self, to: today }, 'en');
		expect(funnelRow(live, lessonTwo.id).started).toBe(7);
	});

	it('catches up on every day missed, once, when the rollup falls behind', async () => {
		await seed();
		await db().update(schema.rollups).set({ rolledThrough: '2026-03-05' });
		await db().delete(schema.selfPacedDays).where(sql`day > '2026-03-05'`);
		const caughtUp = await loadDashboard(db(), { ...throughToday, mode: 'self' }, 'en');
		// Lesson two's week of March 9 is made again from the raw rows (s1–s6), plus s9's start today, live;
		// lesson one's March 2 stays as it was rolled up, the erased s10 included.
		expect(funnelRow(caughtUp, lessonTwo.id)).toMatchObject({ started: 7, completed: 6 });
		expect(funnelRow(caughtUp, lessonOne.id)).toMatchObject({ started: 10, completed: 7 });
		const [{ rolledThrough }] = await db().select().from(schema.rollups);
		expect(rolledThrough > '2026-03-09').toBe(true);
		expect(await loadDashboard(db(), { ...throughToday, mode: 'self' }, 'en')).toEqual(caughtUp);
	});
});
