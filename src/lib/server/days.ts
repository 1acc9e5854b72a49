// Calendar days as the app stores them: `YYYY-MM-DD` strings, counted in UTC, so that every process and the tests
// agree on what "today" is whatever the machine's time zone.

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

/** The day `now` falls on, in UTC. */
export function dayOf(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}

/** The value when it is a real calendar day written `YYYY-MM-DD` (not 2026-02-31), else null. */
export function parseDay(value: string | null | undefined): string | null {
	if (!value || !isoDay.test(value)) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(date.getTime()) || dayOf(date) !== value ? null : value;
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
	return dayOf(new Date(startOfDay(day).getTime() + days * dayMs));
}

/** The same day a year later (1 March for 29 February). */
export function sameDayNextYear(day: string): string {
	const date = startOfDay(day);
	date.setUTCFullYear(date.getUTCFullYear() + 1);
	return dayOf(date);
}

/** Midnight UTC at the start of the day. */
export function startOfDay(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}
