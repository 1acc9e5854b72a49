import { hash, verify } from '@node-rs/argon2';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
	checkPasswordPolicy,
	hashPassword,
	maximumPasswordLength,
	minimumPasswordLength,
	needsRehash,
	passwordHashOptions,
	suggestedPasswordLength,
	verifyPassword
} from './password';

// The real argon2, wrapped in a spy so that a test can see that a verification was done.
vi.mock('@node-rs/argon2', async (importOriginal) => {
	const actual = await importOriginal<typeof import('@node-rs/argon2')>();
	return { ...actual, verify: vi.fn(actual.verify) };
});

beforeEach(() => {
	vi.mocked(verify).mockClear();
});

describe('hashing and verifying', () => {
	it('verifies a password against its own hash', async () => {
		const stored = await hashPassword('correct horse battery staple');
		expect(stored).not.toContain('correct horse');
		await expect(verifyPassword(stored, 'correct horse battery staple')).resolves.toBe(true);
	});

	it('salts each hash, so the same password hashes differently twice', async () => {
		const first = await hashPassword('correct horse battery staple');
		const second = await hashPassword('correct horse battery staple');
		expect(first).not.toBe(second);
	});

	it('rejects a wrong password', async () => {
		const stored = await hashPassword('correct horse battery staple');
		await expect(verifyPassword(stored, 'correct horse battery stapler')).resolves.toBe(false);
		await expect(verifyPassword(stored, 'Correct horse battery staple')).resolves.toBe(false);
		await expect(verifyPassword(stored, '')).resolves.toBe(false);
	});

	it('returns false for an unknown account, after doing a full verification against a current dummy hash', async () => {
		await expect(verifyPassword(undefined, 'correct horse battery staple')).resolves.toBe(false);
		expect(verify).toHaveBeenCalledTimes(1);
		const [dummy] = vi.mocked(verify).mock.calls[0];
		// The dummy costs what a real hash costs: argon2id at the current parameters.
		expect(typeof dummy).toBe('string');
		expect(dummy).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(needsRehash(dummy as string)).toBe(false);
	});

	it('does exactly one verification for a known account too', async () => {
		const stored = await hashPassword('correct horse battery staple');
		await verifyPassword(stored, 'wrong password');
		expect(verify).toHaveBeenCalledTimes(1);
		expect(vi.mocked(verify).mock.calls[0][0]).toBe(stored);
	});

	it('writes argon2id with m=19456, t=2, p=1 into the PHC string', async () => {
		expect(passwordHashOptions).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
		const stored = await hashPassword('correct horse battery staple');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
	});

	it('verifies a password typed in decomposed form against one hashed in composed form', async () => {
		const composed = 'contrase\u00f1a del caf\u00e9'; // ñ and é as single code points
		const decomposed = 'contrasen\u0303a del cafe\u0301'; // n + combining tilde, e + combining acute
		expect(composed).not.toBe(decomposed);
		const stored = await hashPassword(composed);
		await expect(verifyPassword(stored, decomposed)).resolves.toBe(true);
		// and the other way round
		await expect(verifyPassword(await hashPassword(decomposed), composed)).resolves.toBe(true);
	});
});

describe('needsRehash', () => {
	it('is true for a hash made with less memory than the policy', async () => {
		const weak = await hash('correct horse battery staple', { memoryCost: 8192, timeCost: 2, parallelism: 1 });
		expect(weak).toContain('m=8192,');
		expect(needsRehash(weak)).toBe(true);
		// and the weak hash still verifies, so login can check it and then rehash
		await expect(verifyPassword(weak, 'correct horse battery staple')).resolves.toBe(true);
	});

	it('is true for a hash made with fewer passes than the policy', async () => {
		const weak = await hash('correct horse battery staple', { memoryCost: 19456, timeCost: 1, parallelism: 1 });
		expect(needsRehash(weak)).toBe(true);
	});

	it('is false for a hash made with the current parameters', async () => {
		expect(needsRehash(await hashPassword('correct horse battery staple'))).toBe(false);
	});

	it('is true for a hash that is not argon2id, and for anything that is not a PHC string', async () => {
		const argon2i = await hash('correct horse battery staple', { ...passwordHashOptions, algorithm: 1 });
		expect(argon2i).toMatch(/^\$argon2i\$/);
		expect(needsRehash(argon2i)).toBe(true);
		expect(needsRehash('$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234')).toBe(true);
		expect(needsRehash('')).toBe(true);
	});
});

describe('checkPasswordPolicy', () => {
	it('states the lengths that ASVS level 2 asks for', () => {
		expect([minimumPasswordLength, suggestedPasswordLength, maximumPasswordLength]).toEqual([8, 12, 128]);
	});

	it('calls 7 characters too short and accepts 8', () => {
		expect(checkPasswordPolicy('tqmvzkp')).toBe('too_short');
		expect(checkPasswordPolicy('tqmvzkpw')).toBeUndefined();
	});

	it('calls 129 characters too long and accepts 128', () => {
		const base = 'quiet river under amber glass '.repeat(5); // 150 characters, not a common password
		expect(checkPasswordPolicy(base.slice(0, 129))).toBe('too_long');
		expect(checkPasswordPolicy(base.slice(0, 128))).toBeUndefined();
	});

	it('rejects common passwords whatever their case', () => {
		expect(checkPasswordPolicy('password123')).toBe('common');
		expect(checkPasswordPolicy('Password123')).toBe('common');
		expect(checkPasswordPolicy('PASSWORD123')).toBe('common');
		expect(checkPasswordPolicy('iloveyou1')).toBe('common');
	});

	it('counts each emoji as one character', () => {
		const emoji = '\u{1F600}'; // two UTF-16 code units, one code point
		expect(emoji.length).toBe(2);
		expect(checkPasswordPolicy(emoji.repeat(7))).toBe('too_short');
		expect(checkPasswordPolicy(emoji.repeat(8))).toBeUndefined();
		expect(checkPasswordPolicy(emoji.repeat(128))).toBeUndefined();
		expect(checkPasswordPolicy(emoji.repeat(129))).toBe('too_long');
	});

	it('counts characters after NFC, so a decomposed accent is one character', () => {
		// 'cafe' + combining acute, twice: 10 code points as typed, 8 once composed.
		expect(checkPasswordPolicy('cafe\u0301cafe\u0301')).toBeUndefined();
		expect(checkPasswordPolicy('cafe\u0301caf')).toBe('too_short'); // 8 code points as typed, 7 composed
	});

	it('allows spaces and needs no mix of character classes', () => {
		expect(checkPasswordPolicy('all lower case words')).toBeUndefined();
		expect(checkPasswordPolicy('tqmv zkpw')).toBeUndefined();
	});
});
