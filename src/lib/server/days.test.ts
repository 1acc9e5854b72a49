import { describe, expect, test } from 'vitest';
import { addDays, dayOf, parseDay, sameDayNextYear, startOfDay } from './days';

describe('calendar days', () => {
	test('a day is read in UTC, whatever the hour', () => {
		expect(dayOf(new Date('2031-07-09T23:59:59.999Z'))).toBe('2031-07-09');
		expect(dayOf(new Date('2031-07-10T00:00:00Z'))).toBe('2031-07-10');
	});

	test('only a real day written YYYY-MM-DD is read', () => {
		expect(parseDay('2031-02-28')).toBe('2031-02-28');
		expect(parseDay('2032-02-29')).toBe('2032-02-29');
		for (const value of ['2031-02-29', '2031-02-31', '2031-13-01', '2031-00-10', '0000-00-00', '99999-01-01', '2031-1-1', '', null, undefined]) {
			expect(parseDay(value), String(value)).toBeNull();
		}
	});

	test('days are added across months, years and leap days', () => {
		expect(addDays('2031-12-31', 1)).toBe('2032-01-01');
		expect(addDays('2032-03-01', -1)).toBe('2032-02-29');
		expect(addDays('2031-07-09', 0)).toBe('2031-07-09');
		expect(sameDayNextYear('2031-07-09')).toBe('2032-07-09');
		expect(sameDayNextYear('2032-02-29')).toBe('2033-03-01');
		expect(startOfDay('2031-07-09').toISOString()).toBe('2031-07-09T00:00:00.000Z');
	});
});
