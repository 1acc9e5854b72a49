import { describe, expect, it } from 'vitest';
import { generateJoinCode, generatedName, normalizeJoinCode, readyMadeAgenda } from './rules';

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
	it('are an adjective and an animal', () => {
		expect(generatedName()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
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
