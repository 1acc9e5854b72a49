import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { course } from '../../src/lib/server/curriculum';
import type { Question } from '../../src/lib/server/curriculum/schema';
import { rowsOf } from '../../src/lib/server/db/rows';
import * as schema from '../../src/lib/server/db/schema';
import * as learners from '../../src/lib/server/learners/learners';
import { purge } from '../../src/lib/server/privacy/retention';
import { questionVersions } from '../../src/lib/server/quizzes/quizzes';
import { choiceIds, correctChoiceIds } from '../../src/lib/server/quizzes/scoring';
import { loadDashboard } from '../../src/lib/server/statistics/dashboard';
import type { StatisticsFilters } from '../../src/lib/server/statistics/filters';
import { analyseItems } from '../../src/lib/server/statistics/items';
import { tableColumns, type TableName } from '../../src/lib/server/statistics/tables';
import { dashboardView, exportTable } from '../../src/lib/server/statistics/view';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { describeEachDatabase } from '../helpers/test-databases';

// Issue #8 item 3: a workshop's participants are erased (by the facilitator's end and erase, or by retention N
// hours after it ends), "leaving only aggregates in the statistics". So every statistic — the admin's dashboard
// under each filter, the item analysis, a facilitator's own page and every CSV export — must read the same after an
// erasure as before it, while the participants' rows are really gone and the rollup holds counts only.
//
// Fixture (lesson one of the first module, questions q1–q3 asked in the room; "110" = right on q1 and q2):
//   W1  region A, facilitator a, 2026-03-04: 110 111 110 101 011 100, and a seventh (111) the facilitator removed;
//       erased by the facilitator (end and erase).
//   W2  region B, facilitator b, 2026-03-11: 111 110 110 010 001 000; ended 25 hours before retention runs.
//   W3  region A, facilitator b, 2026-03-31, still running (not ended, nor lapsed when retention runs):
//       111 100 011 110 000 101, and a seventh (110) whose device is unseen for over 180 days, so retention erases
//       that learner with their rows in W3.
//   W4  region B, facilitator a, 2026-03-18: nobody came; erased by the facilitator.
//   The first participant of W1 and of W3 is the same device, which also studies lesson one alone.
// Self-paced: eight learners sit lesson one's quiz on 2026-03-05, right on the first 4 4 3 2 2 1 0 3 of q1–q4,
// so scores tie across sittings and sources, and the item analysis's groups cut through ties.

const lesson = course.modules[0].lessons[0];
const quiz = course.quizzes.get(lesson.id)!;
const [q1, q2, q3, q4] = quiz.questions;
const asked = [q1, q2, q3];
const versions = questionVersions(lesson.id);
const [regionA, regionB] = [...course.regions.keys()];

const right = (question: Question) => correctChoiceIds(question);
const wrong = (question: Question, which: number) => {
	const wrongIds = choiceIds(question).filter((id) => !right(question).includes(id));
	return [wrongIds[which % wrongIds.length]];
};

const retentionRuns = new Date('2026-04-01T12:00:00Z');
const year: StatisticsFilters = { from: '2026-01-01', to: '2026-12-31', mode: 'all', region: null, facilitatorId: null };
const filterSets: Record<string, StatisticsFilters> = {
	all: year,
	workshops: { ...year, mode: 'workshop' },
	selfPaced: { ...year, mode: 'self' },
	regionA: { ...year, region: regionA },
	regionB: { ...year, region: regionB },
	facilitatorA: { ...year, facilitatorId: 'a' },
	facilitatorB: { ...year, facilitatorId: 'b' },
	firstWeek: { ...year, from: '2026-03-02', to: '2026-03-08' }
};
const user = (id: string, role: SessionUser['role']): SessionUser => ({
	id,
	email: `${id}@example.org`,
	displayName: id,
	role,
	active: true,
	hasTwoFactor: false
});

/** Columns a rollup table may hold: keys that name a workshop, a lesson, a question or a choice, and counts. */
const allowedColumns = {
	stats_workshop_answers: ['answered', 'correct', 'lesson_id', 'question_id', 'question_version', 'sitting_correct', 'workshop_id'],
	stats_workshop_attendance: ['attendance', 'workshop_id'],
	stats_workshop_sittings: ['answered', 'correct', 'lesson_id', 'sittings', 'workshop_id'],
	stats_workshop_wrong_choices: ['choice', 'lesson_id', 'question_id', 'question_version', 'times', 'workshop_id']
};

describeEachDatabase('workshop statistics after erasure', (db) => {
	it('rests on a fixture the comments describe', () => {
		expect(quiz.questions.length).toBeGreaterThanOrEqual(4);
		expect(regionB).toBeDefined();
	});

	const ids = { W1: '', W2: '', W3: '', W4: '' };
	let sharedLearnerId = '';
	let unseenLearnerId = '';

	/** A workshop run through the room as a facilitator runs it: everyone joins, then q1–q3 are opened and answered. */
	async function runWorkshop(
		facilitatorId: string,
		input: { title: string; heldOn: string; region: string },
		people: { learnerId?: string; rightOn: string; removed?: boolean }[]
	) {
		const created = await workshops.create(db(), facilitatorId, { ...input, agenda: [lesson.id] });
		const joined = [];
		for (const [index, person] of people.entries()) {
			const learnerId = person.learnerId ?? (await learners.create(db())).learner.id;
			const participant = await workshops.join(db(), created.id, learnerId, { displayName: `${input.title} person ${index}`, isGroup: false });
			joined.push({ ...person, learnerId, participantId: participant.id, index });
		}
		for (const [position, question] of asked.entries()) {
			await workshops.changeRoom(db(), (await workshops.get(db(), created.id))!, { openQuestionId: question.id });
			const open = (await workshops.get(db(), created.id))!;
			for (const person of joined) {
				const isRight = person.rightOn[position] === '1';
				const chosen = isRight ? right(question) : wrong(question, person.index);
				expect(await workshops.answer(db(), open, person.participantId, { questionId: question.id, chosen })).toBe('recorded');
			}
		}
		for (const person of joined.filter((candidate) => candidate.removed)) {
			await workshops.removeParticipant(db(), created, person.participantId);
		}
		return { workshop: (await workshops.get(db(), created.id))!, joined };
	}

	async function writeFixture() {
		await db()
			.insert(schema.users)
			.values(['a', 'b'].map((id) => ({ id, email: `${id}@example.org`, displayName: id, passwordHash: 'x', role: 'facilitator' as const })));

		const selfPacedScores = [4, 4, 3, 2, 2, 1, 0, 3];
		const selfPacedLearners = [];
		for (const [index, score] of selfPacedScores.entries()) {
			const { learner } = await learners.create(db());
			selfPacedLearners.push(learner.id);
			const passed = (score * 100) / quiz.questions.length >= quiz.pass_mark;
			await db()
				.insert(schema.lessonProgress)
				.values({ learnerId: learner.id, lessonId: lesson.id, startedOn: '2026-03-05', readOn: '2026-03-05', passedOn: passed ? '2026-03-05' : null });
			const attemptId = `attempt-${index}`;
			await db().insert(schema.quizAttempts).values({
				id: attemptId, learnerId: learner.id, lessonId: lesson.id, submissionKey: attemptId, correctCount: score,
				total: quiz.questions.length, percent: Math.round((score * 100) / quiz.questions.length), passed, submittedOn: '2026-03-05'
			});
			const rightOnes = [q1, q2, q3, q4].slice(0, score);
			await db()
				.insert(schema.attemptAnswers)
				.values(
					quiz.questions.map((question) => {
						const correct = rightOnes.includes(question);
						return {
							attemptId, questionId: question.id, questionVersion: versions[question.id],
							chosen: correct ? right(question) : wrong(question, index), correct
						};
					})
				);
		}
		sharedLearnerId = selfPacedLearners[0];
		unseenLearnerId = (await learners.create(db())).learner.id;
		await db().update(schema.learners).set({ lastSeenOn: '2025-06-01' }).where(eq(schema.learners.id, unseenLearnerId));

		const patterns = (...rightOn: string[]) => rightOn.map((pattern) => ({ rightOn: pattern }));
		const w1 = await runWorkshop('a', { title: 'W1', heldOn: '2026-03-04', region: regionA }, [
			{ learnerId: sharedLearnerId, rightOn: '110' },
			...patterns('111', '110', '101', '011', '100'),
			{ rightOn: '111', removed: true }
		]);
		const w2 = await runWorkshop('b', { title: 'W2', heldOn: '2026-03-11', region: regionB }, patterns('111', '110', '110', '010', '001', '000'));
		const w3 = await runWorkshop('b', { title: 'W3', heldOn: '2026-03-31', region: regionA }, [
			{ learnerId: sharedLearnerId, rightOn: '111' },
			...patterns('100', '011', '110', '000', '101'),
			{ learnerId: unseenLearnerId, rightOn: '110' }
		]);
		const w4 = await runWorkshop('a', { title: 'W4', heldOn: '2026-03-18', region: regionB }, []);
		await workshops.end(db(), w2.workshop, new Date(retentionRuns.getTime() - 25 * 3_600_000));
		Object.assign(ids, { W1: w1.workshop.id, W2: w2.workshop.id, W3: w3.workshop.id, W4: w4.workshop.id });
	}

	/** Every statistic there is, under every filter: what must not change. */
	async function everyFigure() {
		const figures: Record<string, unknown> = {};
		for (const [name, filters] of Object.entries(filterSets)) {
			figures[name] = { dashboard: await loadDashboard(db(), filters, 'en'), items: await analyseItems(db(), filters, 'en') };
		}
		const url = new URL('http://localhost/statistics?from=2026-01-01&to=2026-12-31');
		for (const facilitatorId of ['a', 'b']) {
			figures[`facilitator ${facilitatorId}'s own page`] = await dashboardView(db(), url, user(facilitatorId, 'facilitator'), 'own-workshops', 'en');
		}
		for (const table of Object.keys(tableColumns) as TableName[]) {
			const response = await exportTable(db(), url, user('admin', 'admin'), 'organisation', table, 'en');
			figures[`${table}.csv`] = await response.text();
		}
		return figures;
	}

	const participantsIn = async (workshopId: string) =>
		(await db().select({ id: schema.workshopParticipants.id }).from(schema.workshopParticipants).where(eq(schema.workshopParticipants.workshopId, workshopId)))
			.length;
	const answersIn = async (workshopId: string) =>
		(await db().select({ n: sql<number>`count(*)::int` }).from(schema.workshopAnswers).where(eq(schema.workshopAnswers.workshopId, workshopId)))[0].n;

	it('reads every figure the same after the facilitator erases one workshop and retention another', async () => {
		await writeFixture();
		const before = await everyFigure();

		// The fixture is what the comments say: 6 + 6 + 7 counted in the rooms, the removed participant left out; the
		// shared device counts once for its own study and once for each room.
		const all = (before.all as { dashboard: Awaited<ReturnType<typeof loadDashboard>> }).dashboard;
		expect(all.summary).toMatchObject({ workshops: 4, attendance: 19, learners: 8 + 19, attempts: 8 + 19 });
		const items = (before.all as { items: Awaited<ReturnType<typeof analyseItems>> }).items;
		expect(items.find((item) => item.questionId === q1.id)).toMatchObject({ learners: 27, answered: 27 });
		expect(items.find((item) => item.questionId === q1.id)?.discrimination).not.toBeNull();

		await workshops.endAndErase(db(), (await workshops.get(db(), ids.W1))!);
		await workshops.endAndErase(db(), (await workshops.get(db(), ids.W4))!);
		expect(await purge(db(), retentionRuns)).toMatchObject({ workshops: 1, participants: 6, learners: 1 });

		// The participants' rows are gone: every one of W1 and W2, and the unseen device's in W3.
		for (const workshopId of [ids.W1, ids.W2, ids.W4]) {
			expect(await participantsIn(workshopId)).toBe(0);
			expect(await answersIn(workshopId)).toBe(0);
		}
		expect(await participantsIn(ids.W3)).toBe(6);
		expect(await answersIn(ids.W3)).toBe(6 * 3);
		const erased = await db().select().from(schema.workshops).where(inArray(schema.workshops.id, [ids.W1, ids.W2, ids.W4]));
		expect(erased.map((workshop) => workshop.erasedAt)).not.toContain(null);

		expect(await everyFigure()).toEqual(before);
	});

	it('holds the erased workshops as counts, with no column that could name anyone', async () => {
		const columns = await rowsOf<{ table_name: string; column_name: string }>(
			db(),
			sql`select table_name, column_name from information_schema.columns
			where table_schema = 'public' and table_name like 'stats_workshop_%' order by table_name, column_name`
		);
		const byTable: Record<string, string[]> = {};
		for (const { table_name, column_name } of columns) (byTable[table_name] ??= []).push(column_name);
		expect(byTable).toEqual(allowedColumns);

		const [{ attendance }] = await db()
			.select({ attendance: sql<number>`sum(${schema.workshopAttendanceCounts.attendance})::int` })
			.from(schema.workshopAttendanceCounts);
		// W1's six (not the removed one), W2's six, and the one device erased from W3; nothing for the empty W4.
		expect(attendance).toBe(13);
		const rolledUp = await db().selectDistinct({ workshopId: schema.workshopSittingCounts.workshopId }).from(schema.workshopSittingCounts);
		expect(rolledUp.map((row) => row.workshopId).sort()).toEqual([ids.W1, ids.W2, ids.W3].sort());
		// No value in them is an id of a learner, a participant or a name given in the room.
		const dump = JSON.stringify(
			await Promise.all(Object.keys(allowedColumns).map((table) => rowsOf(db(), sql`select * from ${sql.identifier(table)}`)))
		);
		expect(dump).not.toContain(sharedLearnerId);
		expect(dump).not.toContain(unseenLearnerId);
		expect(dump).not.toContain('person');
	});

	it('counts nothing twice when an erasure runs again', async () => {
		const before = await everyFigure();
		await workshops.endAndErase(db(), (await workshops.get(db(), ids.W1))!);
		expect(await purge(db(), new Date(retentionRuns.getTime() + 3_600_000))).toMatchObject({ workshops: 0, participants: 0, learners: 0 });
		expect(await everyFigure()).toEqual(before);
	});

	it('counts every answer recorded while the room is being erased, exactly once', async () => {
		const { workshop } = await runWorkshop('a', { title: 'W5', heldOn: '2026-03-25', region: regionA }, []);
		const people = [];
		for (let i = 0; i < 30; i++) {
			const { learner } = await learners.create(db());
			people.push(await workshops.join(db(), workshop.id, learner.id, { displayName: `W5 person ${i}`, isGroup: false }));
		}
		await workshops.changeRoom(db(), workshop, { openQuestionId: q1.id });
		const open = (await workshops.get(db(), workshop.id))!;
		// Answers arrive while the facilitator erases the room: each is either recorded (and then rolled up) or
		// refused because its participant is gone, never recorded and lost.
		const outcomes = await Promise.all([
			...people.slice(0, 15).map((person) => workshops.answer(db(), open, person.id, { questionId: q1.id, chosen: right(q1) }).catch(() => 'refused')),
			workshops.endAndErase(db(), open).then(() => 'erased'),
			...people.slice(15).map((person) => workshops.answer(db(), open, person.id, { questionId: q1.id, chosen: right(q1) }).catch(() => 'refused'))
		]);
		const recorded = outcomes.filter((outcome) => outcome === 'recorded').length;
		expect(await participantsIn(workshop.id)).toBe(0);
		const [rolledUp] = await rowsOf<{ answered: number; attendance: number }>(
			db(),
			sql`select (select coalesce(sum(answered), 0)::int from stats_workshop_answers where workshop_id = ${workshop.id}) as answered,
				(select attendance from stats_workshop_attendance where workshop_id = ${workshop.id}) as attendance`
		);
		expect(rolledUp).toEqual({ answered: recorded, attendance: 30 });
	});
});
