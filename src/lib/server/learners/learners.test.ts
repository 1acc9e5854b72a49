import { describe, expect, it } from 'vitest';
import { normalizeCode } from '$lib/server/crockford';
import { generateResumeCode } from './learners';

describe('resume codes', () => {
	it('are 13 Crockford base32 characters (65 bits) in three groups', () => {
		const codes = new Set(Array.from({ length: 200 }, generateResumeCode));
		expect(codes.size).toBe(200);
		for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);
	});

	it('read the same typed in lower case, with spaces, or with letters mistaken for digits', () => {
		expect(normalizeCode('7kq2 m9xd-4trpb')).toBe('7KQ2M9XD4TRPB');
		expect(normalizeCode('O1IL-0000-00000')).toBe('0111000000000');
	});
});
