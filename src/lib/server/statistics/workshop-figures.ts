import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import type { StatisticsFilters } from './filters';
import { rowsOf } from '$lib/server/db/rows';
import { roomSittingCompletedSql } from './completion';
import { passMarks, workshopScope } from './sql';

// A workshop's figures come from two places: the rows of its participants still held (live), and the counts rolled
// up from the rows of participants erased since (stats_workshop_* in schema/statistics.ts). The same queries below
// make both: the rollup runs them on the rows it is about to erase, in the transaction that erases them, and the
// statistics run them on the rows still held and add the rolled-up counts. A participant's rows are therefore
// counted once, live or rolled up, and an erasure changes no figure.

/**
 * Sittings (one participant's answers to one lesson's questions in the room) of the participants that the
 * condition selects, on the aliases `p` (the participant) and `w` (their workshop). Participants the facilitator
 * removed are left out.
 */
function sittingsOf(participants: SQL): SQL {
	return sql`
		select a.workshop_id, a.lesson_id, a.participant_id, count(*)::int as answered, (count(*) filter (where a.correct))::int as correct
		from workshop_answers a
		join workshop_participants p on p.id = a.participant_id
		join workshops w on w.id = p.workshop_id
		where not p.removed and ${participants}
		group by a.workshop_id, a.lesson_id, a.participant_id`;
}

interface Figure {
	table: string;
	/** The table's columns, in the order in which `countsOf` returns them. */
	columns: SQL;
	/** The columns that identify a row (its primary key); the others are counts, added up on conflict. */
	key: string[];
	counts: string[];
	/** This figure of the participants that the condition selects (aliases `p` and `w`), grouped as the table is. */
	countsOf(participants: SQL): SQL;
}

const attendance: Figure = {
	table: 'stats_workshop_attendance',
	columns: sql`workshop_id, attendance`,
	key: ['workshop_id'],
	counts: ['attendance'],
	countsOf: (participants) => sql`
		select p.workshop_id, count(*)::int as attendance
		from workshop_participants p join workshops w on w.id = p.workshop_id
		where not p.removed and ${participants}
		group by p.workshop_id`
};

const sittings: Figure = {
	table: 'stats_workshop_sittings',
	columns: sql`workshop_id, lesson_id, answered, correct, sittings`,
	key: ['workshop_id', 'lesson_id', 'answered', 'correct'],
	counts: ['sittings'],
	countsOf: (participants) => sql`
		select workshop_id, lesson_id, answered, correct, count(*)::int as sittings
		from (${sittingsOf(participants)}) as s
		group by workshop_id, lesson_id, answered, correct`
};

const answers: Figure = {
	table: 'stats_workshop_answers',
	columns: sql`workshop_id, lesson_id, question_id, question_version, sitting_correct, answered, correct`,
	key: ['workshop_id', 'lesson_id', 'question_id', 'question_version', 'sitting_correct'],
	counts: ['answered', 'correct'],
	countsOf: (participants) => sql`
		select a.workshop_id, a.lesson_id, a.question_id, a.question_version, s.correct as sitting_correct,
			count(*)::int as answered, (count(*) filter (where a.correct))::int as correct
		from workshop_answers a
		join (${sittingsOf(participants)}) as s on s.participant_id = a.participant_id and s.lesson_id = a.lesson_id
		group by a.workshop_id, a.lesson_id, a.question_id, a.question_version, s.correct`
};

const wrongChoices: Figure = {
	table: 'stats_workshop_wrong_choices',
	columns: sql`workshop_id, lesson_id, question_id, question_version, choice, times`,
	key: ['workshop_id', 'lesson_id', 'question_id', 'question_version', 'choice'],
	counts: ['times'],
	countsOf: (participants) => sql`
		select a.workshop_id, a.lesson_id, a.question_id, a.question_version, choice, count(*)::int as times
		from workshop_answers a
		join workshop_participants p on p.id = a.participant_id
		join workshops w on w.id = p.workshop_id
		cross join jsonb_array_elements_text(a.chosen) as choice
		where not a.correct and not p.removed and ${participants}
		group by a.workshop_id, a.lesson_id, a.question_id, a.question_version, choice`
};

const figures = [attendance, sittings, answers, wrongChoices];

/**
 * Adds the figures of the participants that the condition selects (aliases `p` and `w`) to the rolled-up counts.
 * Call it in the transaction that then erases those participants, and before the erasure: rows rolled up and not
 * erased would be counted twice, rows erased and not rolled up not at all.
 */
export async function rollUpParticipants(tx: Pick<Database, 'execute'>, participants: SQL): Promise<void> {
	// On PostgreSQL each statement sees what was committed when it started: an answer or a join committed between
	// the rollup and the erasure would be erased uncounted. Locking the participants and their workshops makes
	// those wait for this transaction instead.
	await tx.execute(sql`select 1 from workshop_participants p join workshops w on w.id = p.workshop_id where ${participants} for update`);
	// A practice run is left out of every statistic: nothing of it is kept.
	const counted = sql`(${participants}) and not w.practice`;
	for (const figure of figures) {
		const added = figure.counts.map((column) => `${column} = t.${column} + excluded.${column}`).join(', ');
		await tx.execute(sql`
			insert into ${sql.raw(figure.table)} as t (${figure.columns}) ${figure.countsOf(counted)}
			on conflict (${sql.raw(figure.key.join(', '))}) do update set ${sql.raw(added)}`);
	}
}

/** One figure of the workshops in scope (a condition on `w`), live and rolled up, each row with its workshop's day (`held_on`). */
function figureIn(figure: Figure, scope: SQL): SQL {
	return sql`
		select w.held_on, f.*
		from (${figure.countsOf(scope)} union all select ${figure.columns} from ${sql.raw(figure.table)}) as f
		join workshops w on w.id = f.workshop_id
		where ${scope}`;
}

/** Participants attending, per workshop: `held_on, workshop_id, attendance`. A workshop may have a live row and a rolled-up one. */
export const attendanceIn = (filters: StatisticsFilters) => figureIn(attendance, workshopScope(filters));

/** Sittings, counted by answers and answers right: `held_on, workshop_id, lesson_id, answered, correct, sittings`. */
export const sittingsIn = (filters: StatisticsFilters) => figureIn(sittings, workshopScope(filters));

/**
 * Answers per question and version, counted by their sitting's score:
 * `held_on, workshop_id, lesson_id, question_id, question_version, sitting_correct, answered, correct`.
 */
export const answersIn = (filters: StatisticsFilters) => figureIn(answers, workshopScope(filters));

/** Choices picked in wrong answers: `held_on, workshop_id, lesson_id, question_id, question_version, choice, times`. */
export const wrongChoicesIn = (filters: StatisticsFilters) => figureIn(wrongChoices, workshopScope(filters));

/**
 * The questions each room was asked, per lesson: those anyone answered, live or rolled up (a question opened and
 * answered by nobody asked nothing of anyone). `workshop_id, lesson_id, asked`.
 */
function questionsAskedIn(scope: SQL): SQL {
	return sql`
		select q.workshop_id, q.lesson_id, count(distinct q.question_id)::int as asked
		from (
			select workshop_id, lesson_id, question_id from workshop_answers
			union all
			select workshop_id, lesson_id, question_id from stats_workshop_answers
		) as q
		join workshops w on w.id = q.workshop_id
		where ${scope}
		group by q.workshop_id, q.lesson_id`;
}

/**
 * Sittings of the workshops in scope (a condition on `w`), each group with whether it completed its lesson by the
 * one rule of completion.ts: `held_on, workshop_id, lesson_id, answered, correct, sittings, asked, completed`. The
 * statistics and the workshop report both count completions from this.
 */
export function sittingsWithCompletionIn(scope: SQL): SQL {
	return sql`
		select s.*, q.asked, ${roomSittingCompletedSql(sql`s.correct`, sql`q.asked`, sql`pm.pass_mark`)} as completed
		from (${figureIn(sittings, scope)}) as s
		join (${questionsAskedIn(scope)}) as q on q.workshop_id = s.workshop_id and q.lesson_id = s.lesson_id
		join ${passMarks()} on pm.lesson_id = s.lesson_id`;
}

/** Completions per lesson in one workshop, live and rolled up: what its report shows, as the statistics count them. */
export async function completionsOfWorkshop(db: Database, workshopId: string) {
	return rowsOf<{ lesson_id: string; completed: number }>(
		db,
		sql`select lesson_id, coalesce(sum(sittings) filter (where completed), 0)::int as completed
		from (${sittingsWithCompletionIn(sql`w.id = ${workshopId}`)}) as s group by lesson_id`
	);
}
