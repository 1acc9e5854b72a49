import { sql, type SQL } from 'drizzle-orm';
import { course } from '$lib/server/curriculum';
import type { StatisticsFilters } from './filters';

// SQL pieces shared by the statistics: which sources a filter includes, and a workshop "sitting" (one participant's
// answers to one lesson's questions in the room), the counterpart of a self-paced quiz attempt.

/** Self-paced study has no region or facilitator, so filtering by either leaves only workshops. */
export function includesSelfPaced(filters: StatisticsFilters): boolean {
	return filters.mode !== 'workshop' && !filters.region && !filters.facilitatorId;
}

export function includesWorkshops(filters: StatisticsFilters): boolean {
	return filters.mode !== 'self';
}

export const inRange = (column: SQL, filters: StatisticsFilters) => sql`${column} between ${filters.from}::date and ${filters.to}::date`;

/** The workshops a filter covers, on the alias `w`. */
export function workshopScope(filters: StatisticsFilters): SQL {
	const conditions = [inRange(sql`w.held_on`, filters)];
	if (filters.region) conditions.push(sql`w.region = ${filters.region}`);
	if (filters.facilitatorId) conditions.push(sql`w.facilitator_id = ${filters.facilitatorId}`);
	return sql.join(conditions, sql` and `);
}

/** Each lesson's pass mark, as a table `pm(lesson_id, pass_mark)`. */
function passMarks(): SQL {
	const rows = [...course.quizzes].map(([lessonId, quiz]) => sql`(${lessonId}::text, ${quiz.pass_mark}::int)`);
	return sql`(values ${sql.join(rows, sql`, `)}) as pm(lesson_id, pass_mark)`;
}

/**
 * Workshop sittings in scope: learner, participant, lesson, day, questions answered and answered right, and
 * whether that share reaches the lesson's pass mark. Participants the facilitator removed are left out.
 */
export function workshopSittings(filters: StatisticsFilters): SQL {
	return sql`
		select s.*, (s.correct * 100 >= pm.pass_mark * s.answered) as passed
		from (
			select p.learner_id, a.participant_id, a.lesson_id, w.held_on as day,
				count(*)::int as answered, (count(*) filter (where a.correct))::int as correct
			from workshop_answers a
			join workshop_participants p on p.id = a.participant_id
			join workshops w on w.id = a.workshop_id
			where not p.removed and ${workshopScope(filters)}
			group by p.learner_id, a.participant_id, a.lesson_id, w.held_on
		) as s
		join ${passMarks()} on pm.lesson_id = s.lesson_id`;
}
