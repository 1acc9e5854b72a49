import { eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '$lib/server/db';
import { rollups } from '$lib/server/db/schema';
import type { StatisticsFilters } from './filters';
import { rowsOf } from '$lib/server/db/rows';
import { selfPacedCompletedOnSql, selfPacedCompletedSql } from './completion';

// Self-paced figures rolled up per day and lesson (see schema/statistics.ts): days that are over are read from
// stats_self_paced_days, today from the raw tables. Rolling up runs before each dashboard load and costs one
// small read when it is up to date; after downtime it catches up on every day missed, in one statement.

const selfPacedDays = 'self_paced_days';
const lockKey = 7_310_101;

const bandCounts = sql.raw(
	Array.from({ length: 11 }, (_, band) => `(count(*) filter (where band = ${band}))::int`).join(', ')
);

/** Self-paced figures of the days from `first` to `last`, by day and lesson, from the raw tables. */
function figuresOfDays(first: SQL, last: SQL): SQL {
	return sql`
		select day, lesson_id, sum(started)::int as started, sum(completed)::int as completed, sum(attempts)::int as attempts,
			sum(passed)::int as passed, sum(score_sum)::int as score_sum, array[${bandCounts}]::int[] as score_bands
		from (
			select started_on as day, lesson_id, 1 as started, 0 as completed, 0 as attempts, 0 as passed, 0 as score_sum, -1 as band
			from lesson_progress where started_on between ${first} and ${last}
			union all
			select ${selfPacedCompletedOnSql}, lesson_id, 0, 1, 0, 0, 0, -1 from lesson_progress
			where ${selfPacedCompletedSql} and ${selfPacedCompletedOnSql} between ${first} and ${last}
			union all
			select submitted_on, lesson_id, 0, 0, 1, passed::int, percent, least(percent / 10, 10) from quiz_attempts
			where submitted_on between ${first} and ${last}
		) as events
		group by day, lesson_id`;
}

const rolledThrough = sql`(select rolled_through from stats_rollups where name = ${selfPacedDays})`;

/** Rolls up every finished day not yet rolled up. Processes that race take turns on a lock; the second finds nothing to do. */
export async function rollUpSelfPacedDays(db: Database): Promise<void> {
	const upToDate = sql`coalesce(${rolledThrough} >= current_date - 1, false)`;
	const [state] = await rowsOf<{ up_to_date: boolean }>(db, sql`select ${upToDate} as up_to_date`);
	if (state?.up_to_date) return;
	await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
		await tx.execute(sql`
			insert into stats_self_paced_days (day, lesson_id, started, completed, attempts, passed, score_sum, score_bands)
			${figuresOfDays(sql`coalesce(${rolledThrough} + 1, '-infinity'::date)`, sql`current_date - 1`)}
			on conflict do nothing`);
		await tx
			.insert(rollups)
			.values({ name: selfPacedDays, rolledThrough: sql`current_date - 1` })
			.onConflictDoUpdate({ target: rollups.name, set: { rolledThrough: sql`current_date - 1` } });
	});
}

/** Forgets every rollup, so that the next load recomputes them: for data written with past dates (the demo seed). */
export async function forgetRollups(db: Database): Promise<void> {
	await db.execute(sql`delete from stats_self_paced_days`);
	await db.delete(rollups).where(eq(rollups.name, selfPacedDays));
}

export interface SelfPacedDay {
	day: string;
	lesson_id: string;
	started: number;
	completed: number;
	attempts: number;
	passed: number;
	score_sum: number;
	score_bands: number[];
}

/** The self-paced figures of each day and lesson in the filters' range: rolled-up days, then the rest live. */
export function selfPacedDaysIn(filters: StatisticsFilters): SQL {
	const from = sql`${filters.from}::date`;
	const to = sql`${filters.to}::date`;
	return sql`
		select day::text, lesson_id, started, completed, attempts, passed, score_sum, score_bands
		from stats_self_paced_days where day between ${from} and ${to}
		union all
		select day::text, lesson_id, started, completed, attempts, passed, score_sum, score_bands
		from (${figuresOfDays(sql`greatest(${from}, coalesce(${rolledThrough} + 1, '-infinity'::date))`, to)}) as live`;
}
