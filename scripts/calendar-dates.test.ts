import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { calendarDates, calendarDatesIn, checkedFolders } from './calendar-dates';

describe('calendar dates in tests and benchmarks', () => {
	test('a quoted date or a Date made from a year is found, unless its line says it is a fixed date', () => {
		const source = [
			"const a = { heldOn: '2026-11-28' };",
			'const b = "1999-12-31T23:00:00Z";',
			'const c = `${x}/2030-01-02`;',
			"const d = '2026-11-28'; // a fixed date: the format under test",
			'const e = dayOf();',
			"const f = '0000-00-00', g = '99999-01-01', h = '2026-13-45';",
			'const i = new Date(2027, 0, 15);',
			'const j = Date.UTC(2027, 0, 15);',
			'const k = new Date(Date.now() + 86_400_000);'
		].join('\n');
		expect(calendarDates(source).map((found) => found.line)).toEqual([1, 2, 7, 8]);
	});

	test(`no end-to-end test, fault test or benchmark (${checkedFolders.join(', ')}) depends on a calendar date`, () => {
		expect(calendarDatesIn(path.resolve('.'))).toEqual([]);
	});
});
