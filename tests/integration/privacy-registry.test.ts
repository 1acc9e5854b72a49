import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../../src/lib/server/db/rows';
import { privacyRegistry, registeredColumns } from '../../src/lib/server/privacy/registry';
import { describeEachDatabase } from '../helpers/test-databases';

// The registry is only worth something if it is complete: the live schema, after every migration, must have no
// column it does not explain, and it must explain no column that is gone.

describeEachDatabase('the privacy registry', (db) => {
	it('lists every column of every table, and nothing else', async () => {
		const live = (
			await rowsOf<{ name: string }>(
				db(),
				sql`
				select table_schema || '.' || table_name || '.' || column_name as name
				from information_schema.columns
				where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\_%'
				order by 1`
			)
		).map((row) => row.name);
		expect(live.length).toBeGreaterThan(50);
		expect(live.filter((column) => !registeredColumns().includes(column)), 'columns the registry does not explain').toEqual([]);
		expect(registeredColumns().filter((column) => !live.includes(column)), 'registered columns that do not exist').toEqual([]);
	});

	it('keeps no time of day for anything a participant does: days only', async () => {
		const timed = await rowsOf<{ name: string }>(
			db(),
			sql`
				select table_name || '.' || column_name as name from information_schema.columns
				where table_schema = 'public'
					and table_name in ('learners', 'lesson_progress', 'quiz_attempts', 'attempt_answers', 'workshop_participants', 'workshop_answers')
					and (data_type like 'time%' or data_type = 'interval')`
		);
		const dated = await rowsOf<{ name: string }>(
			db(),
			sql`select column_name as name from information_schema.columns where table_name = 'quiz_attempts' and data_type = 'date'`
		);
		expect(dated.map((row) => row.name)).toEqual(['submitted_on']);
		expect(timed).toEqual([]);
	});
});

it('says, in both languages, why each column exists, who sees it and when it goes', () => {
	for (const [table, entry] of Object.entries(privacyRegistry)) {
		for (const text of [entry.about, entry.erased]) expect(text.en && text.es, table).toBeTruthy();
		expect(entry.seenBy.length, table).toBeGreaterThan(0);
		for (const [column, { purpose, erased, seenBy }] of Object.entries(entry.columns)) {
			expect(purpose.en && purpose.es, `${table}.${column}`).toBeTruthy();
			if (erased) expect(erased.en && erased.es, `${table}.${column}`).toBeTruthy();
			if (seenBy) expect(seenBy.length, `${table}.${column}`).toBeGreaterThan(0);
		}
	}
});
