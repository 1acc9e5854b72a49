import { describe, expect, it } from 'vitest';
import { addDays, dayOf, sameDayNextYear, startOfDay } from '$lib/server/days';
import { answersOpen, generateJoinCode, generatedName, heldOnProblem, joinExpiry, joinLifetimeMs, normalizeJoinCode, readyMadeAgenda } from './rules';

describe('a workshop’s date', () => {
	const today = dayOf();

	it('is a real day, from yesterday (today west of UTC) up to a year ahead', () => {
		for (const offset of [-1, 0, 1, 30, 364]) expect(heldOnProblem(addDays(today, offset), today)).toBeUndefined();
		expect(heldOnProblem(sameDayNextYear(today), today)).toBeUndefined();
	});

	it('is refused when impossible, past or more than a year ahead, each for its own reason', () => {
		const year = today.slice(0, 4);
		for (const value of [`${year}-02-31`, `${year}-13-01`, '0000-00-00', '99999-01-01', 'tomorrow', '']) {
			expect(heldOnProblem(value, today), value).toBe('date_invalid');
		}
		expect(heldOnProblem(addDays(today, -2), today)).toBe('date_past');
		expect(heldOnProblem(addDays(sameDayNextYear(today), 1), today)).toBe('date_too_far');
		expect(heldOnProblem('2999-12-31', today)).toBe('date_too_far');
	});

	it('keeps joining open from the workshop’s day when it is planned ahead, else from its planning', () => {
		const now = new Date();
		const inTwoMonths = addDays(today, 60);
		expect(joinExpiry(inTwoMonths, now).getTime()).toBe(startOfDay(inTwoMonths).getTime() + joinLifetimeMs);
		expect(joinExpiry(today, now).getTime()).toBe(now.getTime() + joinLifetimeMs);
	});
});

describe('join codes', () => {
	it('are six characters with no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)', () => {
		const codes = Array.from({ length: 500 }, generateJoinCode);
		for (const code of codes) expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
		expect(new Set(codes).size).toBeGreaterThan(495);
	});

	it('read the same typed in lower case or with spaces, and anything else is not a code', () => {
		expect(normalizeJoinCode(' ac d-efg')).toBe('ACDEFG');
		expect(normalizeJoinCode('ACDEF0')).toBeUndefined();
		expect(normalizeJoinCode('ACDEF')).toBeUndefined();
	});
});

describe('generated names', () => {
	it('are an adjective and an animal, in the order each language says them', () => {
		expect(generatedName('en')).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
		expect(generatedName('es')).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
	});

	it('never repeat a name the room has, even when the room has taken almost every one', () => {
		for (const locale of ['en', 'es'] as const) {
			const taken = new Set<string>();
			for (let i = 0; i < 1_100; i++) {
				const name = generatedName(locale, taken);
				expect(taken.has(name)).toBe(false);
				taken.add(name);
			}
		}
	});
});

describe('ready-made agendas', () => {
	it('teach the two-day training in full and the one-day training as a subset, in course order', () => {
		const twoDay = readyMadeAgenda('two-day');
		const oneDay = readyMadeAgenda('one-day');
		expect(twoDay.length).toBeGreaterThanOrEqual(12);
		expect(oneDay.length).toBeGreaterThan(3);
		expect(oneDay).toEqual(twoDay.filter((id) => oneDay.includes(id)));
	});
});

describe('answers to a question opened to the room', () => {
	const open = { endedAt: null, openQuestionId: 'q1', revealed: false };
	it('are taken for the open question while it is not revealed and the workshop goes on', () => {
		expect(answersOpen(open, 'q1')).toBe(true);
		expect(answersOpen(open, 'q2')).toBe(false);
		expect(answersOpen({ ...open, openQuestionId: null }, 'q1')).toBe(false);
		expect(answersOpen({ ...open, endedAt: new Date() }, 'q1')).toBe(false);
	});

	it('stop once the answer is revealed, so that a late one cannot move the tally beside its name', () => {
		expect(answersOpen({ ...open, revealed: true }, 'q1')).toBe(false);
	});
});
