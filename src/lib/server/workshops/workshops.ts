import { error } from '@sveltejs/kit';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import {
	learners,
	workshopAnswerCounts,
	workshopAnswers,
	workshopAttendanceCounts,
	workshopParticipants,
	workshops,
	type Workshop
} from '$lib/server/db/schema';
import * as throttle from '$lib/server/auth/throttle';
import { randomSecret } from '$lib/server/auth/tokens';
import { course } from '$lib/server/curriculum';
import type { Locale } from '$lib/server/curriculum/schema';
import * as quizzes from '$lib/server/quizzes/quizzes';
import { gradeQuiz } from '$lib/server/quizzes/scoring';
import { completionsOfWorkshop, rollUpParticipants } from '$lib/server/statistics/workshop-figures';
import * as live from './live';
import { dayOf } from '$lib/server/days';
import { editAgenda, hasStarted, type AgendaEdit } from './agenda';
import { answersOpen, generatedName, generateJoinCode, joinExpiry } from './rules';
import { participantMayFollowRoom } from './following';
import { rowsOf } from '$lib/server/db/rows';

// Workshops: planning, joining, the live room and its report. A facilitator reaches only their own workshops;
// an admin reaches all. Every change of the room is announced, so that open screens follow.

export interface Viewer {
	id: string;
	role: 'facilitator' | 'admin';
}

/**
 * Plans a workshop. A `creationKey` (drawn when the form was shown) makes sending the same form twice, or fifty
 * times at once, create one workshop: every send after the first gets that first workshop back.
 */
export async function create(
	db: Database,
	facilitatorId: string,
	input: { title: string; heldOn: string; locationLabel?: string; region?: string; agenda: string[]; practice?: boolean; creationKey?: string },
	now = new Date()
): Promise<Workshop> {
	for (let attempt = 0; ; attempt++) {
		const [workshop] = await db
			.insert(workshops)
			.values({
				id: randomSecret(),
				facilitatorId,
				title: input.title,
				heldOn: input.heldOn,
				activeOn: dayOf(now),
				locationLabel: input.locationLabel || null,
				region: input.region || null,
				agenda: input.agenda,
				practice: input.practice ?? false,
				creationKey: input.creationKey || null,
				joinCode: generateJoinCode(),
				joinExpiresAt: joinExpiry(input.heldOn, now)
			})
			// The same form again: the row it made comes back unchanged (the update writes what is there).
			.onConflictDoUpdate({ target: [workshops.facilitatorId, workshops.creationKey], set: { creationKey: sql`excluded.creation_key` } })
			.returning()
			.catch((error: unknown) => {
				// The other unique index: a code already in use by a live workshop. Draw another.
				if (attempt > 20 || !isUniqueViolation(error)) throw error;
				return [];
			});
		if (workshop) return workshop;
	}
}

export async function listFor(db: Database, viewer: Viewer) {
	return db
		.select({ id: workshops.id, title: workshops.title, heldOn: workshops.heldOn, endedAt: workshops.endedAt, practice: workshops.practice })
		.from(workshops)
		.where(viewer.role === 'admin' ? undefined : eq(workshops.facilitatorId, viewer.id))
		.orderBy(desc(workshops.heldOn));
}

/** The workshop, when the viewer may run it. */
export async function getFor(db: Database, workshopId: string, viewer: Viewer): Promise<Workshop | undefined> {
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
	return workshop && (viewer.role === 'admin' || workshop.facilitatorId === viewer.id) ? workshop : undefined;
}

export async function get(db: Database, workshopId: string): Promise<Workshop | undefined> {
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
	return workshop;
}

/** The workshop a join code opens, while joining is open and the code has not expired. */
export async function findJoinable(db: Database, joinCode: string, now = new Date()): Promise<Workshop | undefined> {
	const [workshop] = await db.select().from(workshops).where(eq(workshops.joinCode, joinCode));
	return workshop && !workshop.endedAt && workshop.joinExpiresAt > now ? workshop : undefined;
}

export type JoinLookup = { workshop: Workshop } | { retryAt: Date } | { wrong: true };

/**
 * The workshop a code opens, for someone at `clientAddress`. Wrong codes are counted per network address (under a
 * keyed hash), so that nobody walks the space of codes to find a room; a whole room behind one address still has
 * ample room for typos.
 */
export async function findJoinableFor(db: Database, joinCode: string | undefined, clientAddress: string, now = new Date()): Promise<JoinLookup> {
	const tried = await throttle.attempt(db, [['join', clientAddress]], now);
	if ('retryAt' in tried) return { retryAt: tried.retryAt };
	const workshop = joinCode ? await findJoinable(db, joinCode, now) : undefined;
	if (!workshop) return { wrong: true };
	await tried.succeeded();
	return { workshop };
}

/** The workshop ended (or was erased) before the join could land. */
export class WorkshopClosedError extends Error {
	constructor() {
		super('The workshop has ended');
		this.name = 'WorkshopClosedError';
	}
}

/** Joining is closed, and this device was not in the room before. */
export class JoiningClosedError extends Error {
	constructor() {
		super('Joining is closed');
		this.name = 'JoiningClosedError';
	}
}

/** Joins a learner to a workshop, or finds them again if they joined before (another tab, a new phone). */
export async function join(
	db: Database,
	workshopId: string,
	learnerId: string,
	input: { displayName: string | undefined; isGroup: boolean; locale?: Locale },
	now = new Date()
) {
	const joined = await db.transaction(async (tx) => {
		// A share lock on the workshop, which ending and erasing it lock for update: a join lands either before the
		// erase (and goes with the rest) or after it, when it finds the workshop ended and adds no one.
		const [open] = await tx
			.select({ id: workshops.id, joiningOpen: workshops.joiningOpen })
			.from(workshops)
			.where(and(eq(workshops.id, workshopId), isNull(workshops.endedAt)))
			.for('share');
		if (!open) return false;
		if (!open.joiningOpen) {
			const [before] = await tx
				.select({ id: workshopParticipants.id })
				.from(workshopParticipants)
				.where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.learnerId, learnerId)));
			if (!before) throw new JoiningClosedError();
			return true;
		}
		let displayName = input.displayName;
		if (!displayName) {
			// A name the room gives is one nobody in the room has: joins that need one take turns to choose it.
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${workshopId}))`);
			const names = await tx
				.select({ displayName: workshopParticipants.displayName })
				.from(workshopParticipants)
				.where(eq(workshopParticipants.workshopId, workshopId));
			displayName = generatedName(input.locale, new Set(names.map((row) => row.displayName)));
		}
		await tx
			.insert(workshopParticipants)
			.values({ id: randomSecret(), workshopId, learnerId, displayName, isGroup: input.isGroup })
			.onConflictDoNothing({ target: [workshopParticipants.workshopId, workshopParticipants.learnerId] });
		return true;
	});
	if (!joined) throw new WorkshopClosedError();
	await markActive(db, workshopId, now);
	await live.announce(workshopId);
	return (await participantOf(db, workshopId, learnerId))!;
}

export async function participantOf(db: Database, workshopId: string, learnerId: string) {
	const [participant] = await db
		.select()
		.from(workshopParticipants)
		.where(and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.learnerId, learnerId)));
	return participant;
}

/**
 * Notes that the room is in use today. Written once a day at most: the first join of the day updates the row, every
 * later one finds it current and writes nothing.
 */
async function markActive(db: Database, workshopId: string, now: Date): Promise<void> {
	const today = dayOf(now);
	await db
		.update(workshops)
		.set({ activeOn: today })
		.where(and(eq(workshops.id, workshopId), sql`${workshops.activeOn} is distinct from ${today}::date`));
}

type RoomChange = { position?: number; openQuestionId?: string | null; revealed?: boolean };

/** Moves the room and tells every screen in it. */
export async function changeRoom(db: Database, workshop: Workshop, change: RoomChange, now = new Date()): Promise<void> {
	const position = Math.max(0, Math.min(workshop.agenda.length - 1, change.position ?? workshop.position));
	// Moving to another lesson closes the question that was open.
	const moved = position !== workshop.position;
	// A question the room has answered before opens again with its answer shown, taking no new answers: a tally
	// taken twice would show, by the difference, what each late answer chose.
	const answeredBefore = (questionId: string) =>
		sql`exists (select 1 from ${workshopAnswers} where ${workshopAnswers.workshopId} = ${workshop.id}
			and ${workshopAnswers.lessonId} = ${workshop.agenda[position]} and ${workshopAnswers.questionId} = ${questionId})`;
	await db
		.update(workshops)
		.set({
			// Bounded by the agenda as it is when the row is written, not as it was read: an agenda edit may land between.
			position: sql`least(${position}, jsonb_array_length(${workshops.agenda}) - 1)`,
			openQuestionId: moved ? null : change.openQuestionId === undefined ? workshop.openQuestionId : change.openQuestionId,
			revealed: moved
				? false
				: typeof change.openQuestionId === 'string'
					? answeredBefore(change.openQuestionId)
					: change.openQuestionId === null
						? false
						: (change.revealed ?? workshop.revealed),
			activeOn: dayOf(now),
			version: sql`${workshops.version} + 1`
		})
		.where(eq(workshops.id, workshop.id));
	await live.announce(workshop.id);
}

/** Stops new people joining. The code stays, so that people already in the room get back in with it. */
export async function closeJoining(db: Database, workshop: Workshop, now = new Date()): Promise<void> {
	await db
		.update(workshops)
		.set({ joiningOpen: false, activeOn: dayOf(now), version: sql`${workshops.version} + 1` })
		.where(eq(workshops.id, workshop.id));
	await live.announce(workshop.id);
}

/** Lets new people join again, for as long as a new workshop on its day would (a code, if it had none). */
export async function reopenJoining(db: Database, workshop: Workshop, now = new Date()): Promise<void> {
	if (workshop.endedAt) return;
	for (let attempt = 0; ; attempt++) {
		const reopened = await db
			.update(workshops)
			.set({
				joiningOpen: true,
				joinCode: workshop.joinCode ?? generateJoinCode(),
				joinExpiresAt: new Date(Math.max(workshop.joinExpiresAt.getTime(), joinExpiry(workshop.heldOn, now).getTime())),
				activeOn: dayOf(now),
				version: sql`${workshops.version} + 1`
			})
			.where(and(eq(workshops.id, workshop.id), isNull(workshops.endedAt)))
			.returning({ id: workshops.id })
			.catch((error: unknown) => {
				// Only a drawn code already taken by another workshop is tried again.
				if (workshop.joinCode || attempt > 20 || !isUniqueViolation(error)) throw error;
				return undefined;
			});
		if (reopened) break;
	}
	await live.announce(workshop.id);
}

function isUniqueViolation(error: unknown): boolean {
	const cause = (error as { cause?: { code?: string } })?.cause ?? error;
	return (cause as { code?: string })?.code === '23505';
}

export async function end(db: Database, workshop: Workshop, now = new Date()): Promise<void> {
	await db
		.update(workshops)
		.set({ endedAt: now, joinCode: null, openQuestionId: null, version: sql`${workshops.version} + 1` })
		.where(eq(workshops.id, workshop.id));
	await live.announce(workshop.id);
}

/**
 * Ends the workshop and erases, at once and for good, everything it holds about its participants: their names,
 * their answers and the link to each device's learner. The workshop row stays (title, date, agenda) so the
 * facilitator's list and the organisation's count of workshops stay whole; its figures are rolled up into counts
 * first, so the statistics stay whole too. Phones still open on the room are sent to a neutral page.
 */
export async function endAndErase(db: Database, workshop: Workshop, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		// Someone joining meanwhile waits, rather than joining between the rollup and the erasure uncounted.
		await tx.select({ id: workshops.id }).from(workshops).where(eq(workshops.id, workshop.id)).for('update');
		// The statistics keep the workshop's counts, and only those.
		await rollUpParticipants(tx, sql`p.workshop_id = ${workshop.id}`);
		// Answers go with their participants (on delete cascade).
		await tx.delete(workshopParticipants).where(eq(workshopParticipants.workshopId, workshop.id));
		await tx
			.update(workshops)
			.set({
				endedAt: workshop.endedAt ?? now,
				erasedAt: now,
				joinCode: null,
				openQuestionId: null,
				version: sql`${workshops.version} + 1`
			})
			.where(eq(workshops.id, workshop.id));
	});
	await live.announce(workshop.id);
}

/**
 * Takes someone out of the room: their phone stops following it and cannot answer. Nothing is deleted, so it can
 * be undone (`letParticipantBackIn`); their answers stay out of the figures while they are out.
 */
export async function removeParticipant(db: Database, workshop: Workshop, participantId: string) {
	return setRemoved(db, workshop, participantId, true);
}

/** Undoes a removal: the person's phone follows the room again, with the answers they gave. */
export async function letParticipantBackIn(db: Database, workshop: Workshop, participantId: string) {
	return setRemoved(db, workshop, participantId, false);
}

/** The person whose place changed (their id and name), or undefined when there is no such person in this room. */
async function setRemoved(db: Database, workshop: Workshop, participantId: string, removed: boolean) {
	const [person] = await db
		.update(workshopParticipants)
		.set({ removed })
		.where(and(eq(workshopParticipants.id, participantId), eq(workshopParticipants.workshopId, workshop.id)))
		.returning({ id: workshopParticipants.id, displayName: workshopParticipants.displayName });
	await live.announce(workshop.id);
	return person;
}

/** How many answers the room holds: one is enough for the workshop to have started. */
async function answerCount(db: Database, workshopId: string): Promise<number> {
	const [{ answers }] = await db.select({ answers: count() }).from(workshopAnswers).where(eq(workshopAnswers.workshopId, workshopId));
	return answers;
}

/** Whether the workshop has started (see `hasStarted`): its agenda can no longer change. */
export async function started(db: Database, workshop: Workshop): Promise<boolean> {
	return hasStarted(workshop, await answerCount(db, workshop.id));
}

/**
 * Changes the agenda (a lesson moved, added or taken out) until the workshop starts. The room is locked while it
 * is checked and written, so a move of the room or an answer lands before the change (which then is refused) or
 * after it.
 */
export async function changeAgenda(db: Database, workshop: Workshop, edit: AgendaEdit): Promise<'changed' | 'started' | 'invalid'> {
	const known = new Set(course.lessons.map((lesson) => lesson.id));
	const outcome = await db.transaction(async (tx) => {
		const [current] = await tx.select().from(workshops).where(eq(workshops.id, workshop.id)).for('update');
		if (!current) return 'invalid' as const;
		if (hasStarted(current, await answerCount(tx as unknown as Database, workshop.id))) return 'started' as const;
		const agenda = editAgenda(current.agenda, edit, known);
		if (!agenda) return 'invalid' as const;
		await tx
			.update(workshops)
			.set({ agenda, version: sql`${workshops.version} + 1` })
			.where(eq(workshops.id, workshop.id));
		return 'changed' as const;
	});
	if (outcome === 'changed') await live.announce(workshop.id);
	return outcome;
}

function lessonTitle(lessonId: string, locale: Locale): string {
	const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
	return lesson ? (lesson.variants[locale] ?? lesson.variants.en!).title : lessonId;
}

/** The agenda as the control page shows it: its lessons in order, whether it can still change, and what could be added. */
export async function agendaView(db: Database, workshop: Workshop, locale: Locale) {
	return {
		lessons: workshop.agenda.map((id) => ({ id, title: lessonTitle(id, locale) })),
		editable: !(await started(db, workshop)),
		others: course.lessons.filter((lesson) => !workshop.agenda.includes(lesson.id)).map((lesson) => ({ id: lesson.id, title: lessonTitle(lesson.id, locale) }))
	};
}

/** Marks the workshop as a practice run, which the statistics leave out, or as a real one again. */
export async function setPractice(db: Database, workshop: Workshop, practice: boolean): Promise<void> {
	await db.update(workshops).set({ practice }).where(eq(workshops.id, workshop.id));
}

/**
 * Deletes the workshop and everything kept with it: its participants, their answers, and its figures in the
 * statistics (the rollup tables are keyed by workshop and go with it, on delete cascade). Unlike end and erase,
 * which keeps the workshop's counts, nothing of it is left: for a practice run or a workshop made by mistake.
 */
export async function deleteWorkshop(db: Database, workshop: Workshop): Promise<void> {
	await db.transaction(async (tx) => {
		// Someone joining or answering meanwhile waits, and then finds no workshop.
		await tx.select({ id: workshops.id }).from(workshops).where(eq(workshops.id, workshop.id)).for('update');
		await tx.delete(workshops).where(eq(workshops.id, workshop.id));
	});
	// Phones still open on the room lose it: their streams end (participantMayFollow finds no row).
	await live.announce(workshop.id);
}

function currentLessonId(workshop: Workshop): string {
	// Within the agenda even if a move and an agenda edit crossed: the room never points past its last lesson.
	return workshop.agenda[Math.min(workshop.position, workshop.agenda.length - 1)];
}

/**
 * Records a participant's answer to the open question; a second answer to the same question is ignored. Answers
 * stop once the question is revealed: a late one would move the revealed tally beside the name it came from.
 */
export async function answer(
	db: Database,
	workshop: Workshop,
	participantId: string,
	input: { questionId: string; chosen: string[] }
): Promise<'recorded' | 'already_answered' | 'not_open' | 'no_choice'> {
	const lessonId = currentLessonId(workshop);
	if (!answersOpen(workshop, input.questionId)) return 'not_open';
	const quiz = course.quizzes.get(lessonId);
	const question = quiz?.questions.find((candidate) => candidate.id === input.questionId);
	if (!quiz || !question) return 'not_open';
	// Only the question's own choices, and one of them unless it takes several: an empty or forged answer would
	// lock the phone out of its real one, and two choices to a one-answer question would count in two bars.
	const offered = question.type === 'true_false' ? ['true', 'false'] : question.choices.map((choice) => choice.id);
	const chosen = [...new Set(input.chosen)];
	if (chosen.length === 0 || chosen.some((id) => !offered.includes(id)) || (question.type !== 'multiple' && chosen.length > 1)) return 'no_choice';
	input = { ...input, chosen };
	const graded = gradeQuiz({ ...quiz, questions: [question] }, { [question.id]: input.chosen }).results[0];
	const questionVersion = quizzes.questionVersions(lessonId)[question.id];
	// One statement while the room is as it was read (its version moves with every change of what it takes): a room
	// of 1,000 answering at once costs a quarter of the statements. The share lock holds a reveal back as below.
	const [fast] = await rowsOf<{ participant_id: string }>(
		db,
		sql`insert into ${workshopAnswers} (workshop_id, participant_id, lesson_id, question_id, question_version, chosen, correct)
			select w.id, ${participantId}, ${lessonId}, ${question.id}, ${questionVersion}, ${JSON.stringify(graded.chosen)}::jsonb, ${graded.correct}
			from ${workshops} w where w.id = ${workshop.id} and w.version = ${workshop.version} for share
			on conflict do nothing returning participant_id`
	);
	if (fast) {
		await live.announce(workshop.id);
		return 'recorded';
	}
	// Answered before, or the room changed since it was read: ask again, under the lock.
	const outcome = await db.transaction(async (tx) => {
		// A share lock on the room, which a reveal locks to update: an answer lands before the reveal, or finds it.
		const [current] = await tx.select().from(workshops).where(eq(workshops.id, workshop.id)).for('share');
		if (!current || currentLessonId(current) !== lessonId || !answersOpen(current, question.id)) return 'not_open' as const;
		const inserted = await tx
			.insert(workshopAnswers)
			.values({
				workshopId: workshop.id,
				participantId,
				lessonId,
				questionId: question.id,
				questionVersion,
				chosen: graded.chosen,
				correct: graded.correct
			})
			.onConflictDoNothing()
			.returning({ participantId: workshopAnswers.participantId });
		return inserted.length === 0 ? ('already_answered' as const) : ('recorded' as const);
	});
	if (outcome === 'recorded') await live.announce(workshop.id);
	return outcome;
}

export type RoomViewer = { kind: 'facilitator' } | { kind: 'presenter' } | { kind: 'participant'; participantId: string };

/**
 * The room as one kind of screen may see it. Counts only, never who answered what: the facilitator alone sees who
 * has answered (in name order), and the tally reaches every screen, the facilitator's too, only once revealed, after
 * which no answer is taken. A tally moving with each answer beside a list of who answered would tell which choice
 * each person made.
 */
export async function room(db: Database, workshopId: string, locale: Locale, viewer: RoomViewer) {
	const view = await roomView(db, workshopId, locale, viewer.kind);
	return { ...view, me: viewer.kind === 'participant' ? await participantPart(db, view, viewer.participantId) : null };
}

/** What every screen of one kind sees alike: what room() gives, but `me`. Computed once per change for all of them. */
export async function roomView(db: Database, workshopId: string, locale: Locale, kind: RoomViewer['kind']) {
	const workshop = await get(db, workshopId);
	// Deleted meanwhile: as if it had never been (a stream's message then fails, and its next check ends it).
	if (!workshop) error(404, 'Workshop not found');
	const lessonId = currentLessonId(workshop);
	const lesson = course.lessons.find((candidate) => candidate.id === lessonId)!;
	const text = lesson.variants[locale] ?? lesson.variants.en!;
	const question = workshop.openQuestionId
		? quizzes.publicQuiz(lessonId, locale)?.questions.find((candidate) => candidate.id === workshop.openQuestionId)
		: undefined;

	// Only the facilitator's view names people, and only a revealed tally needs each answer: the other views of a
	// room of 1,000 count in the database instead of reading 1,000 rows after every change.
	const named = kind === 'facilitator';
	const people = named
		? await db
				.select({ id: workshopParticipants.id, displayName: workshopParticipants.displayName, removed: workshopParticipants.removed })
				.from(workshopParticipants)
				.where(eq(workshopParticipants.workshopId, workshop.id))
				.orderBy(asc(workshopParticipants.displayName), asc(workshopParticipants.id))
		: [];
	const attendance = named
		? people.filter((person) => !person.removed).length
		: (
				await db
					.select({ n: count() })
					.from(workshopParticipants)
					.where(and(eq(workshopParticipants.workshopId, workshop.id), eq(workshopParticipants.removed, false)))
			)[0].n;
	const ofQuestion = (questionId: string) =>
		and(eq(workshopAnswers.workshopId, workshop.id), eq(workshopAnswers.lessonId, lessonId), eq(workshopAnswers.questionId, questionId));
	const answers =
		question && (named || workshop.revealed)
			? await db.select({ participantId: workshopAnswers.participantId, chosen: workshopAnswers.chosen }).from(workshopAnswers).where(ofQuestion(question.id))
			: [];
	const answered =
		question && !(named || workshop.revealed)
			? (await db.select({ n: count() }).from(workshopAnswers).where(ofQuestion(question.id)))[0].n
			: answers.length;
	const key = question && workshop.revealed ? quizzes.feedbackFor(lessonId, question.id, locale) : undefined;

	return {
		version: workshop.version,
		title: workshop.title,
		ended: workshop.endedAt !== null,
		erased: workshop.erasedAt !== null,
		// Phones have no use for the code, and a phone removed from the room must not carry it away.
		joinCode: kind === 'facilitator' || (kind === 'presenter' && workshop.joiningOpen) ? workshop.joinCode : null,
		joiningOpen: workshop.joiningOpen,
		position: workshop.position,
		total: workshop.agenda.length,
		lesson: { id: lesson.id, path: lesson.path, title: text.title, summary: text.summary },
		question: question ?? null,
		revealed: workshop.revealed,
		attendance,
		answered,
		tally: workshop.revealed && question ? question.choices.map((choice) => answers.filter((a) => a.chosen.includes(choice.id)).length) : null,
		correctChoiceIds: key?.correctChoiceIds ?? null,
		explanation: key?.explanation ?? null,
		// In name order (the people are read so), never in the order of answering.
		answeredBy:
			kind === 'facilitator'
				? people.filter((person) => answers.some((a) => a.participantId === person.id)).map((person) => person.displayName)
				: null
	};
}

export type ParticipantPart = { displayName: string; removed: boolean; chosen: string[] | null };

/** What only this participant's phone sees: their name, whether they were removed, their own answer to the open question. */
export async function participantPart(
	db: Database,
	view: Pick<Awaited<ReturnType<typeof roomView>>, 'lesson' | 'question'>,
	participantId: string
): Promise<ParticipantPart | null> {
	const [me] = await db
		.select({ displayName: workshopParticipants.displayName, removed: workshopParticipants.removed })
		.from(workshopParticipants)
		.where(eq(workshopParticipants.id, participantId));
	if (!me) return null;
	const [mine] = view.question
		? await db
				.select({ chosen: workshopAnswers.chosen })
				.from(workshopAnswers)
				.where(
					and(
						eq(workshopAnswers.participantId, participantId),
						eq(workshopAnswers.lessonId, view.lesson.id),
						eq(workshopAnswers.questionId, view.question.id)
					)
				)
		: [];
	return { displayName: me.displayName, removed: me.removed, chosen: mine?.chosen ?? null };
}

/**
 * Whether a participant's phone may still follow the room: not removed, not forgotten, its device not replaced by
 * a resume code since (`learnerTokenHash` is the one it came with). An erased room may still send its last
 * message, which sends the phone to the neutral page. Primary-key lookups only: asked before every message.
 */
export async function participantMayFollow(db: Database, workshopId: string, participantId: string, learnerTokenHash: Uint8Array) {
	const [row] = await db
		.select({ erasedAt: workshops.erasedAt, removed: workshopParticipants.removed, tokenHash: learners.tokenHash })
		.from(workshops)
		.leftJoin(workshopParticipants, and(eq(workshopParticipants.id, participantId), eq(workshopParticipants.workshopId, workshops.id)))
		.leftJoin(learners, eq(learners.id, workshopParticipants.learnerId))
		.where(eq(workshops.id, workshopId));
	return participantMayFollowRoom(
		row && { erased: row.erasedAt !== null },
		row && row.removed !== null ? { removed: row.removed, tokenHash: row.tokenHash } : undefined,
		learnerTokenHash
	);
}

export type Room = Awaited<ReturnType<typeof room>>;
export type RoomView = Awaited<ReturnType<typeof roomView>>;

/** The people in a workshop, for the facilitator: names only. */
export async function participants(db: Database, workshopId: string) {
	return db
		.select({ id: workshopParticipants.id, displayName: workshopParticipants.displayName, isGroup: workshopParticipants.isGroup, removed: workshopParticipants.removed })
		.from(workshopParticipants)
		.where(eq(workshopParticipants.workshopId, workshopId))
		.orderBy(asc(workshopParticipants.displayName));
}

/**
 * After the room: attendance; per question asked, how many answered and how many were right; per lesson of the
 * agenda, how many participants completed it in the room, by the one rule of statistics/completion.ts (their
 * answers reach the pass mark over the questions asked), counted as the statistics count it, before and after an
 * erasure alike.
 */
export async function report(db: Database, workshop: Workshop, locale: Locale) {
	const { attendance, rows } = workshop.erasedAt ? await erasedCounts(db, workshop) : await liveCounts(db, workshop);
	const completions = await completionsOfWorkshop(db, workshop.id);
	const title = (lessonId: string) => {
		const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
		return lesson ? (lesson.variants[locale] ?? lesson.variants.en!).title : lessonId;
	};
	return {
		attendance,
		erased: workshop.erasedAt !== null,
		// In the order the room asked them: the agenda's lessons, each quiz's questions.
		questions: [...rows].sort((a, b) => askedOrder(workshop, a) - askedOrder(workshop, b)).map((row) => ({
			...row,
			lesson: title(row.lessonId),
			prompt: quizzes.publicQuiz(row.lessonId, locale)?.questions.find((q) => q.id === row.questionId)?.prompt ?? row.questionId
		})),
		lessons: workshop.agenda.map((lessonId) => ({
			lessonId,
			title: title(lessonId),
			completed: completions.find((row) => row.lesson_id === lessonId)?.completed ?? 0
		}))
	};
}

/** Where a question comes in the workshop: its lesson's place in the agenda, then its place in the quiz. */
function askedOrder(workshop: Workshop, row: { lessonId: string; questionId: string }): number {
	const lesson = workshop.agenda.indexOf(row.lessonId);
	const question = course.quizzes.get(row.lessonId)?.questions.findIndex((candidate) => candidate.id === row.questionId) ?? -1;
	return (lesson < 0 ? workshop.agenda.length : lesson) * 100 + (question < 0 ? 99 : question);
}

async function liveCounts(db: Database, workshop: Workshop) {
	const [{ attendance }] = await db
		.select({ attendance: count() })
		.from(workshopParticipants)
		.where(and(eq(workshopParticipants.workshopId, workshop.id), eq(workshopParticipants.removed, false)));
	const rows = await db
		.select({
			lessonId: workshopAnswers.lessonId,
			questionId: workshopAnswers.questionId,
			answered: count(),
			correct: sql<number>`count(*) filter (where ${workshopAnswers.correct})`.mapWith(Number)
		})
		.from(workshopAnswers)
		.where(eq(workshopAnswers.workshopId, workshop.id))
		.groupBy(workshopAnswers.lessonId, workshopAnswers.questionId);
	return { attendance, rows };
}

/** An erased workshop's report: the counts rolled up when its participants were erased. */
async function erasedCounts(db: Database, workshop: Workshop) {
	const [kept] = await db
		.select({ attendance: workshopAttendanceCounts.attendance })
		.from(workshopAttendanceCounts)
		.where(eq(workshopAttendanceCounts.workshopId, workshop.id));
	const rows = await db
		.select({
			lessonId: workshopAnswerCounts.lessonId,
			questionId: workshopAnswerCounts.questionId,
			answered: sql<number>`sum(${workshopAnswerCounts.answered})`.mapWith(Number),
			correct: sql<number>`sum(${workshopAnswerCounts.correct})`.mapWith(Number)
		})
		.from(workshopAnswerCounts)
		.where(eq(workshopAnswerCounts.workshopId, workshop.id))
		.groupBy(workshopAnswerCounts.lessonId, workshopAnswerCounts.questionId);
	return { attendance: kept?.attendance ?? 0, rows };
}

/** One participant as the phones' streams of a room need them: who they are, whether they may follow, their answer. */
export interface RosterEntry {
	displayName: string;
	removed: boolean;
	/** The token hash of the device the participant follows from (a resume code moves it to a new device). */
	tokenHash: Uint8Array;
	/** Their own answer to the view's open question, if any. */
	chosen: string[] | null;
}

/**
 * Every participant of a room with what their phone's stream needs of its own, in one query for the whole room:
 * read once per change for every phone, not once per phone. `view` names the open question, so that each
 * participant's answer is to the question their phone shows.
 */
export async function roster(
	db: Database,
	workshopId: string,
	view: Pick<Awaited<ReturnType<typeof roomView>>, 'lesson' | 'question'>
): Promise<Map<string, RosterEntry>> {
	const rows = await db
		.select({
			id: workshopParticipants.id,
			displayName: workshopParticipants.displayName,
			removed: workshopParticipants.removed,
			tokenHash: learners.tokenHash,
			chosen: workshopAnswers.chosen
		})
		.from(workshopParticipants)
		.innerJoin(learners, eq(learners.id, workshopParticipants.learnerId))
		.leftJoin(
			workshopAnswers,
			view.question
				? and(
						eq(workshopAnswers.participantId, workshopParticipants.id),
						eq(workshopAnswers.lessonId, view.lesson.id),
						eq(workshopAnswers.questionId, view.question.id)
					)
				: sql`false`
		)
		.where(eq(workshopParticipants.workshopId, workshopId));
	return new Map(rows.map(({ id, ...entry }) => [id, entry]));
}

export const presenterMoves = ['next', 'previous', 'open', 'reveal'] as const;
export type PresenterMove = (typeof presenterMoves)[number];

/**
 * One press of a key on the projector (a presenter's clicker sends the arrows and page keys). `next` walks the
 * whole workshop: open the lesson's first question, reveal it, open the next, and after the last one move to the
 * next lesson. `previous` closes the open question, or goes back a lesson. `open` opens the lesson's next
 * question; `reveal` reveals the open one.
 */
export async function step(db: Database, workshop: Workshop, move: PresenterMove, now = new Date()): Promise<void> {
	if (workshop.endedAt) return;
	const questionIds = course.quizzes.get(currentLessonId(workshop))?.questions.map((question) => question.id) ?? [];
	const nextQuestion = questionIds[workshop.openQuestionId ? questionIds.indexOf(workshop.openQuestionId) + 1 : 0];
	const unrevealed = workshop.openQuestionId !== null && !workshop.revealed;
	if (move === 'previous') {
		if (workshop.openQuestionId) return changeRoom(db, workshop, { openQuestionId: null }, now);
		if (workshop.position > 0) return changeRoom(db, workshop, { position: workshop.position - 1 }, now);
	} else if (move === 'reveal' || (move === 'next' && unrevealed)) {
		if (unrevealed) return changeRoom(db, workshop, { revealed: true }, now);
	} else if (nextQuestion) {
		return changeRoom(db, workshop, { openQuestionId: nextQuestion }, now);
	} else if (move === 'next' && workshop.position < workshop.agenda.length - 1) {
		return changeRoom(db, workshop, { position: workshop.position + 1 }, now);
	}
}
