import { sql, type SQL } from 'drizzle-orm';
import { course } from '$lib/server/curriculum';
import type { StatisticsFilters } from './filters';

// SQL pieces shared by the statistics: which sources a filter includes, which workshops it covers, and the lessons'
// pass marks.

/** Self-paced study has no region or facilitator, so filtering by either leaves only workshops. */
export function includesSelfPaced(filters: StatisticsFilters): boolean {
	return filters.mode !== 'workshop' && !filters.region && !filters.facilitatorId;
}

export function includesWorkshops(filters: StatisticsFilters): boolean {
	return filters.mode !== 'self';
}

export const inRange = (column: SQL, filters: StatisticsFilters) => sql`${column} between ${filters.from}::date and ${filters.to}::date`;

/** The workshops a filter covers, on the alias `w`. Practice runs are never covered: no statistic counts them. */
export function workshopScope(filters: StatisticsFilters): SQL {
	const conditions = [sql`not w.practice`, inRange(sql`w.held_on`, filters)];
	if (filters.region) conditions.push(sql`w.region = ${filters.region}`);
	if (filters.facilitatorId) conditions.push(sql`w.facilitator_id = ${filters.facilitatorId}`);
	return sql.join(conditions, sql` and `);
}

/** Each lesson's pass mark, as a table `pm(lesson_id, pass_mark)`. */
export function passMarks(): SQL {
	const rows = [...course.quizzes].map(([lessonId, quiz]) => sql`(${lessonId}::text, ${quiz.pass_mark}::int)`);
	return sql`(values ${sql.join(rows, sql`, `)}) as pm(lesson_id, pass_mark)`;
}
